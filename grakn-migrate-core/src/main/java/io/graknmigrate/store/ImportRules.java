package io.graknmigrate.store;

import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.ThingType;
import io.graknmigrate.schema.TypeKind;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The rules an import holds its data to, as Grakn 1.8 enforces them, and where each is checked.
 *
 * <p>Per item, while reading ({@code migrate.Importer}; a broken one refuses the file before anything
 * is resolved): the type exists, is of the item's kind and is not abstract; the attribute's value
 * is of its type's value type (and not NaN); a relation's roles exist and its type relates them.
 * String values that do not match their type's regex (declared or inherited) are counted there as
 * schema violations.
 *
 * <p>Over the resolved references, once every id is known (here): an ownership is of an attribute,
 * by a type that has it ({@code has} or {@code key}, inherited included); a role player's type
 * plays its role. Keys, over the same tables, by {@code EmbeddedSink.checkKeys}: every new thing of
 * a type with a key owns exactly one of it, and no key value is owned by two things of one owner
 * type. Schema violations refuse the import unless validation is skipped, in which case they are
 * counted and the data is kept, as Grakn's own importer did.
 */
final class ImportRules {

    private ImportRules() { }

    /**
     * Ownerships against has/key, role players against plays, per distinct type combination. The
     * combinations are bounded by the schema: one {@code SELECT DISTINCT} per table finds them (a
     * tiny temporary B-tree, no sort of millions of rows), and only when one breaks a rule are the
     * rows counted, in Java over a plain scan, for the messages.
     */
    static long checkOwnershipsAndRolePlayers(Connection c, Schema schema, Map<Integer, String> typeLabels,
                                              Map<Integer, String> roleLabels, List<String> violations) throws SQLException {
        long count = 0;
        Map<List<Integer>, long[]> owns = new TreeMap<>(ImportRules::compareIds);
        combinations(c, "owner_type, attribute_type", "resolved_ownership", owns, k -> ownershipAllowed(schema, typeLabels, k));
        for (Map.Entry<List<Integer>, long[]> e : owns.entrySet()) {
            if (ownershipAllowed(schema, typeLabels, e.getKey())) continue;
            String owner = typeLabels.get(e.getKey().get(0));
            String attribute = typeLabels.get(e.getKey().get(1));
            long n = e.getValue()[0];
            ThingType at = schema.type(attribute).orElse(null);
            count += n;
            if (at == null || at.kind() != TypeKind.ATTRIBUTE) {
                violations.add(String.format(Locale.ROOT, "%,d ownerships by %s of %s things, which are not attributes", n, owner, attribute));
            } else {
                violations.add(String.format(Locale.ROOT, "%,d ownerships of %s attributes by %s things, but %s does not have %s",
                        n, attribute, owner, owner, attribute));
            }
        }
        Map<List<Integer>, long[]> plays = new HashMap<>();
        combinations(c, "relation_type, role, player_type", "resolved_role_player", plays, k -> playAllowed(schema, typeLabels, roleLabels, k));
        for (Map.Entry<List<Integer>, long[]> e : plays.entrySet()) {
            if (playAllowed(schema, typeLabels, roleLabels, e.getKey())) continue;
            String relation = typeLabels.get(e.getKey().get(0));
            String role = roleLabels.get(e.getKey().get(1));
            String player = typeLabels.get(e.getKey().get(2));
            long n = e.getValue()[0];
            count += n;
            violations.add(String.format(Locale.ROOT, "%,d %s things play %s in %s relations, but %s does not play %s",
                    n, player, role, relation, player, role));
        }
        return count;
    }

    /**
     * Puts every distinct combination of the integer {@code columns} of {@code table} into {@code into};
     * when one is not {@code allowed}, counts each combination's rows too (for the messages), with a
     * plain scan in Java rather than SQLite sorting millions of rows for a GROUP BY.
     */
    private static void combinations(Connection c, String columns, String table, Map<List<Integer>, long[]> into,
                                     Predicate<List<Integer>> allowed) throws SQLException {
        int n = columns.split(",").length;
        boolean broken = false;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DISTINCT " + columns + " FROM " + table)) {
            while (rs.next()) {
                List<Integer> key = row(rs, n);
                into.put(key, new long[1]);
                broken |= !allowed.test(key);
            }
        }
        EmbeddedSink.checkCancelled();
        if (!broken) return;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + columns + " FROM " + table)) {
            long rows = 0;
            while (rs.next()) {
                if ((++rows & 4095) == 0) EmbeddedSink.checkCancelled();
                into.get(row(rs, n))[0]++;
            }
        }
    }

    private static List<Integer> row(ResultSet rs, int n) throws SQLException {
        return n == 2 ? List.of(rs.getInt(1), rs.getInt(2)) : List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3));
    }

    /** Ownership combinations in the order of the owner type's id, then the attribute type's (the order the messages come in). */
    private static int compareIds(List<Integer> x, List<Integer> y) {
        int c = Integer.compare(x.get(0), y.get(0));
        return c != 0 ? c : Integer.compareUnsigned(x.get(1), y.get(1));
    }

    /** Whether the (owner type, attribute type) combination may be an ownership. */
    static boolean ownershipAllowed(Schema schema, Map<Integer, String> typeLabels, List<Integer> combination) {
        String owner = typeLabels.get(combination.get(0));
        String attribute = typeLabels.get(combination.get(1));
        ThingType at = schema.type(attribute).orElse(null);
        return at != null && at.kind() == TypeKind.ATTRIBUTE && schema.owns(owner, attribute);
    }

    /** Whether the (relation type, role, player type) combination may be a role player. */
    static boolean playAllowed(Schema schema, Map<Integer, String> typeLabels, Map<Integer, String> roleLabels, List<Integer> combination) {
        return schema.plays(typeLabels.get(combination.get(2)), roleLabels.get(combination.get(1)));
    }
}
