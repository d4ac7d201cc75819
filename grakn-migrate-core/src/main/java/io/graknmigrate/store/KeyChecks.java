package io.graknmigrate.store;

import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.ThingType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Grakn's key rules, checked in SQL over the things a write added: every new thing of a type with a
 * key owns exactly one attribute of that key type, and a key value is owned by at most one thing among
 * the subtypes of a type declaring the key. Shared by the {@code .grakn} import and Graql {@code load}.
 */
final class KeyChecks {

    /** Names a thing in a message ("the one with id V12 in the file"), given its store id. */
    interface Describer {
        String describe(long id) throws SQLException;
    }

    private KeyChecks() { }

    /**
     * @param newOwnerships a table or parenthesised subquery with columns {@code owner, owner_type,
     *                      attribute, attribute_type}: every ownership the write added
     * @param mark          things with ids above it are the new ones
     * @return how many violations were found; one line per kind is added to {@code violations}
     */
    static long check(Connection c, Schema schema, Map<String, Integer> typeIds, long mark, String newOwnerships,
                      Describer describer, List<String> violations) throws SQLException {
        long count = 0;
        for (ThingType declaring : schema.types()) {
            for (String key : declaring.keys()) {
                EmbeddedSink.checkCancelled();
                String owners = idList(typeIds, subtypesOf(schema, declaring.label()));
                String keyTypes = idList(typeIds, subtypesOf(schema, key));
                if (owners == null || keyTypes == null) continue;
                long things;
                long withOne;
                try (Statement s = c.createStatement()) {
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM thing WHERE id > " + mark + " AND type IN " + owners)) {
                        rs.next();
                        things = rs.getLong(1);
                    }
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT owner FROM " + newOwnerships
                            + " WHERE owner > " + mark + " AND owner_type IN " + owners + " AND attribute_type IN " + keyTypes
                            + " GROUP BY owner HAVING count(DISTINCT attribute) = 1)")) {
                        rs.next();
                        withOne = rs.getLong(1);
                    }
                }
                if (things != withOne) {
                    long n = things - withOne;
                    count += n;
                    String example;
                    try (Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("SELECT t.id FROM thing t WHERE t.id > " + mark + " AND t.type IN " + owners
                                 + " AND (SELECT count(DISTINCT r.attribute) FROM " + newOwnerships + " r WHERE r.owner = t.id AND r.attribute_type IN "
                                 + keyTypes + ") <> 1 LIMIT 1")) {
                        example = rs.next() ? describer.describe(rs.getLong(1)) : "?";
                    }
                    violations.add(String.format(Locale.ROOT, "%,d %s things do not have exactly one %s key (for example %s)",
                            n, declaring.label(), key, example));
                }
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*), min(attribute) FROM ("
                             + " SELECT o.attribute AS attribute FROM ownership o JOIN thing w ON w.id = o.owner"
                             + " WHERE w.type IN " + owners + " AND o.attribute IN ("
                             + "   SELECT attribute FROM " + newOwnerships + " WHERE attribute_type IN " + keyTypes + ")"
                             + " GROUP BY o.attribute HAVING count(*) > 1)")) {
                    rs.next();
                    long n = rs.getLong(1);
                    if (n > 0) {
                        count += n;
                        violations.add(String.format(Locale.ROOT, "%,d %s key values are owned by more than one %s (for example %s)",
                                n, key, declaring.label(), describer.describe(rs.getLong(2))));
                    }
                }
            }
        }
        return count;
    }

    static Set<String> subtypesOf(Schema schema, String label) {
        Set<String> result = new LinkedHashSet<>();
        for (ThingType t : schema.types()) if (schema.isSubtypeOf(t.label(), label)) result.add(t.label());
        return result;
    }

    /** The store ids of the labels as an SQL list, or null when none has one. */
    static String idList(Map<String, Integer> typeIds, Set<String> labels) {
        StringJoiner j = new StringJoiner(",", "(", ")");
        int n = 0;
        for (String l : labels) {
            Integer id = typeIds.get(l);
            if (id != null) {
                j.add(id.toString());
                n++;
            }
        }
        return n == 0 ? null : j.toString();
    }
}
