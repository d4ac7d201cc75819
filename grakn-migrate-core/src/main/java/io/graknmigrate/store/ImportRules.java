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
        Map<Long, long[]> combinations = new TreeMap<>();
        boolean broken = false;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT owner_type, attribute_type FROM resolved_ownership")) {
            while (rs.next()) {
                long key = ((long) rs.getInt(1) << 32) | (rs.getInt(2) & 0xffffffffL);
                combinations.put(key, new long[1]);
                broken |= !ownershipAllowed(schema, typeLabels, key);
            }
        }
        EmbeddedSink.checkCancelled();
        if (broken) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT owner_type, attribute_type FROM resolved_ownership")) {
                long rows = 0;
                while (rs.next()) {
                    if ((++rows & 4095) == 0) EmbeddedSink.checkCancelled();
                    combinations.get(((long) rs.getInt(1) << 32) | (rs.getInt(2) & 0xffffffffL))[0]++;
                }
            }
        }
        for (Map.Entry<Long, long[]> e : combinations.entrySet()) {
            if (ownershipAllowed(schema, typeLabels, e.getKey())) continue;
            String owner = typeLabels.get((int) (e.getKey() >>> 32));
            String attribute = typeLabels.get((int) (long) e.getKey());
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
        broken = false;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT relation_type, role, player_type FROM resolved_role_player")) {
            while (rs.next()) {
                List<Integer> key = List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3));
                plays.put(key, new long[1]);
                broken |= !playAllowed(schema, typeLabels, roleLabels, key);
            }
        }
        EmbeddedSink.checkCancelled();
        if (broken) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT relation_type, role, player_type FROM resolved_role_player")) {
                long rows = 0;
                while (rs.next()) {
                    if ((++rows & 4095) == 0) EmbeddedSink.checkCancelled();
                    plays.get(List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3)))[0]++;
                }
            }
        }
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

    /** Whether the (owner type, attribute type) combination, packed as {@code owner << 32 | attribute}, may be an ownership. */
    private static boolean ownershipAllowed(Schema schema, Map<Integer, String> typeLabels, long combination) {
        String owner = typeLabels.get((int) (combination >>> 32));
        String attribute = typeLabels.get((int) combination);
        ThingType at = schema.type(attribute).orElse(null);
        return at != null && at.kind() == TypeKind.ATTRIBUTE && schema.owns(owner, attribute);
    }

    /** Whether the (relation type, role, player type) combination may be a role player. */
    private static boolean playAllowed(Schema schema, Map<Integer, String> typeLabels, Map<Integer, String> roleLabels, List<Integer> combination) {
        return schema.plays(typeLabels.get(combination.get(2)), roleLabels.get(combination.get(1)));
    }
}
