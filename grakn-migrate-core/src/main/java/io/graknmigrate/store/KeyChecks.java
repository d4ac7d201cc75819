package io.graknmigrate.store;

import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.ThingType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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

    /**
     * What the checks found: every violation, and among them the key values shared between owners, of
     * which some are shared with a thing that was stored before the write (the data looks loaded twice).
     */
    record Outcome(long violations, long clashes, long clashesWithExisting) { }

    private KeyChecks() { }

    /** One (declaring type, key) pair: the store ids of the declaring type's subtypes and of the key's. */
    record Pair(ThingType declaring, String key, String owners, String keyTypes, Set<Integer> ownerIds, Set<Integer> keyIds) { }

    /**
     * Checks every (declaring type, key) pair at once, each rule as one pass for all pairs: the pairs
     * become two small tables (owner type to pair, key attribute type to pair); presence is one read
     * of the new key ownerships in the order they were written, which is owner order when the new
     * ids count up (else one GROUP BY owner in SQLite); uniqueness one GROUP BY by attribute (an
     * attribute the write added has only the write's ownerships) plus, for stored attributes the
     * write gave owners, one join with their ownerships from before. Java keeps a few counters per
     * pair; the example of a missing key is looked up only when there is one.
     *
     * @param newOwnerships a table or parenthesised subquery with columns {@code owner, owner_type,
     *                      attribute, attribute_type}: every ownership the write added
     * @param mark          things with ids above it are the new ones
     * @param newThings     how many things above the mark each type has, indexed by type store id, when the
     *                      caller counted them while writing; null to count them here (a scan of
     *                      {@code thing})
     * @param complete      whether {@code newOwnerships} holds every ownership of each attribute above
     *                      the mark (an import's do; a {@code load} whose file changes the schema may
     *                      have written some before a type became a key); when not, every attribute's
     *                      owners are read from {@code ownership}
     * @return what was found; one line per kind is added to {@code violations}
     */
    static Outcome check(Connection c, Schema schema, Map<String, Integer> typeIds, long mark, long[] newThings,
                         String newOwnerships, boolean complete, Describer describer, List<String> violations) throws SQLException {
        // Attributes up to it have owners outside newOwnerships: those are joined with ownership.
        long joinedUpTo = complete ? mark : Long.MAX_VALUE;
        List<Pair> pairs = pairs(schema, typeIds);
        Map<Integer, int[]> pairsByOwnerType = new HashMap<>();
        for (int index = 0; index < pairs.size(); index++) {
            for (int t : pairs.get(index).ownerIds()) pairsByOwnerType.merge(t, new int[] {index}, KeyChecks::concat);
        }
        if (pairs.isEmpty()) return new Outcome(0, 0, 0);
        int n = pairs.size();
        long[] things = new long[n];
        long[] withOne = new long[n];
        long[] clashing = new long[n];
        long[] clashingWithExisting = new long[n];
        long[] firstClashing = new long[n];
        EmbeddedSink.checkCancelled();
        if (newThings != null) {
            for (int type = 0; type < newThings.length; type++) {
                int[] ps = newThings[type] == 0 ? null : pairsByOwnerType.get(type);
                if (ps != null) for (int p : ps) things[p] += newThings[type];
            }
        } else {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT type, count(*) FROM thing WHERE id > " + mark + " GROUP BY type")) {
                while (rs.next()) {
                    int[] ps = pairsByOwnerType.get(rs.getInt(1));
                    if (ps != null) for (int p : ps) things[p] += rs.getLong(2);
                }
            }
        }
        EmbeddedSink.checkCancelled();
        // Which pairs each owner type and key attribute type belongs to, as tables, so that each check
        // below is one grouped scan inside SQLite for all pairs.
        Sqlite.exec(c, "DROP TABLE IF EXISTS temp.key_check_owner");
        Sqlite.exec(c, "DROP TABLE IF EXISTS temp.key_check_key");
        Sqlite.exec(c, "CREATE TEMP TABLE key_check_owner(pair INTEGER NOT NULL, owner_type INTEGER NOT NULL,"
                + " PRIMARY KEY(pair, owner_type)) WITHOUT ROWID");
        Sqlite.exec(c, "CREATE TEMP TABLE key_check_key(attribute_type INTEGER NOT NULL, pair INTEGER NOT NULL,"
                + " PRIMARY KEY(attribute_type, pair)) WITHOUT ROWID");
        try {
            try (PreparedStatement owner = c.prepareStatement("INSERT INTO key_check_owner(pair, owner_type) VALUES (?, ?)");
                 PreparedStatement key = c.prepareStatement("INSERT INTO key_check_key(attribute_type, pair) VALUES (?, ?)")) {
                for (int i = 0; i < n; i++) {
                    for (int t : pairs.get(i).ownerIds()) {
                        owner.setInt(1, i);
                        owner.setInt(2, t);
                        owner.executeUpdate();
                    }
                    for (int t : pairs.get(i).keyIds()) {
                        key.setInt(1, t);
                        key.setInt(2, i);
                        key.executeUpdate();
                    }
                }
            }
            // Presence: new owners with exactly one key attribute of the pair. The ownerships come in owner
            // order as written (new ids count up), so one pass in Java with a few counters per pair
            // does it without sorting them; in any other order, one GROUP BY owner in SQLite.
            boolean streamed = ownersWithOneKey(c, pairs, typeIds, mark, newOwnerships, withOne);
            if (!streamed) {
                Arrays.fill(withOne, 0);
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT pair, count(*) FROM (SELECT k.owner, pk.pair AS pair FROM " + newOwnerships + " k"
                             + " CROSS JOIN key_check_key pk ON pk.attribute_type = k.attribute_type"
                             + " CROSS JOIN key_check_owner po ON po.pair = pk.pair AND po.owner_type = k.owner_type"
                             + " WHERE k.owner > " + mark + " GROUP BY k.owner, pk.pair HAVING min(k.attribute) = max(k.attribute)) GROUP BY pair")) {
                    while (rs.next()) withOne[rs.getInt(1)] = rs.getLong(2);
                }
            }
            EmbeddedSink.checkCancelled();
            Arrays.fill(firstClashing, Long.MAX_VALUE);
            // Uniqueness of attributes the write added: every ownership of one is an ownership the write added.
            clashes(c, "SELECT pair, count(*), min(attribute), sum(existing) FROM (SELECT k.attribute AS attribute, pk.pair AS pair,"
                    + " max(k.owner <= " + mark + ") AS existing FROM " + newOwnerships + " k"
                    + " CROSS JOIN key_check_key pk ON pk.attribute_type = k.attribute_type"
                    + " CROSS JOIN key_check_owner po ON po.pair = pk.pair AND po.owner_type = k.owner_type"
                    + " WHERE k.attribute > " + joinedUpTo + " GROUP BY k.attribute, pk.pair HAVING min(k.owner) <> max(k.owner)) GROUP BY pair",
                    clashing, clashingWithExisting, firstClashing);
            EmbeddedSink.checkCancelled();
            // Uniqueness of the other attributes (stored ones the write gave owners; all when newOwnerships may
            // be incomplete): every owner in ownership counts, those from before the write too.
            // An import into an empty keyspace has no stored attributes: nothing to join.
            if (joinedUpTo > 0) clashes(c, "SELECT pair, count(*), min(attribute), sum(existing) FROM (SELECT o.attribute AS attribute, pk.pair AS pair,"
                    + " max(w.id <= " + mark + ") AS existing"
                    + " FROM (SELECT DISTINCT attribute, attribute_type FROM " + newOwnerships + " WHERE attribute <= " + joinedUpTo + ") k"
                    + " JOIN key_check_key pk ON pk.attribute_type = k.attribute_type"
                    + " JOIN ownership o ON o.attribute = k.attribute JOIN thing w ON w.id = o.owner"
                    + " JOIN key_check_owner po ON po.pair = pk.pair AND po.owner_type = w.type"
                    + " GROUP BY o.attribute, pk.pair HAVING count(*) > 1) GROUP BY pair",
                    clashing, clashingWithExisting, firstClashing);
        } finally {
            Sqlite.exec(c, "DROP TABLE IF EXISTS temp.key_check_owner");
            Sqlite.exec(c, "DROP TABLE IF EXISTS temp.key_check_key");
        }
        long count = 0;
        long clashes = 0;
        long clashesWithExisting = 0;
        boolean examplesIndexed = false;
        try {
            for (int i = 0; i < n; i++) {
                Pair p = pairs.get(i);
                if (things[i] != withOne[i]) {
                    if (!examplesIndexed) {
                        // Looked up per candidate thing: an index by owner, not a scan each.
                        Sqlite.exec(c, "DROP TABLE IF EXISTS temp.key_check_example");
                        Sqlite.exec(c, "CREATE TEMP TABLE key_check_example AS SELECT owner, attribute, attribute_type FROM " + newOwnerships
                                + " WHERE owner > " + mark);
                        Sqlite.exec(c, "CREATE INDEX temp.key_check_example_by_owner ON key_check_example(owner)");
                        examplesIndexed = true;
                    }
                    long missing = things[i] - withOne[i];
                    count += missing;
                    String example;
                    try (Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("SELECT t.id FROM thing t WHERE t.id > " + mark + " AND t.type IN " + p.owners()
                                 + " AND (SELECT count(DISTINCT r.attribute) FROM key_check_example r WHERE r.owner = t.id AND r.attribute_type IN "
                                 + p.keyTypes() + ") <> 1 LIMIT 1")) {
                        example = rs.next() ? describer.describe(rs.getLong(1)) : "?";
                    }
                    violations.add(String.format(Locale.ROOT, "%,d %s things do not have exactly one %s key (for example %s)",
                            missing, p.declaring().label(), p.key(), example));
                }
                if (clashing[i] > 0) {
                    count += clashing[i];
                    clashes += clashing[i];
                    // An owner from before this write: the clash is with the keyspace's data, not inside the input.
                    clashesWithExisting += clashingWithExisting[i];
                    violations.add(String.format(Locale.ROOT, "%,d %s key values are owned by more than one %s (for example %s)",
                            clashing[i], p.key(), p.declaring().label(), describer.describe(firstClashing[i])));
                }
            }
        } finally {
            if (examplesIndexed) Sqlite.exec(c, "DROP TABLE IF EXISTS temp.key_check_example");
        }
        return new Outcome(count, clashes, clashesWithExisting);
    }

    /** Every (declaring type, key) pair of the schema whose owner and key types have store ids, in schema order. */
    static List<Pair> pairs(Schema schema, Map<String, Integer> typeIds) {
        List<Pair> pairs = new ArrayList<>();
        for (ThingType declaring : schema.types()) {
            for (String key : declaring.keys()) {
                Set<String> ownerLabels = subtypesOf(schema, declaring.label());
                Set<String> keyLabels = subtypesOf(schema, key);
                String owners = idList(typeIds, ownerLabels);
                String keyTypes = idList(typeIds, keyLabels);
                if (owners == null || keyTypes == null) continue;
                pairs.add(new Pair(declaring, key, owners, keyTypes, storeIds(typeIds, ownerLabels), storeIds(typeIds, keyLabels)));
            }
        }
        return pairs;
    }

    /**
     * Counts, per pair, the new owners with exactly one distinct key attribute of the pair, reading the
     * new key ownerships once in the order they were written ({@link KeyRules}); returns false (counts
     * unfinished) as soon as an owner comes before one already read, which leaves the caller to group
     * them in SQLite.
     */
    private static boolean ownersWithOneKey(Connection c, List<Pair> pairs, Map<String, Integer> typeIds, long mark,
                                            String newOwnerships, long[] withOne) throws SQLException {
        KeyRules rules = new KeyRules(pairs, typeIds.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1);
        long rows = 0;
        try (Statement s = c.createStatement();
             // Both types in one column: one call less per row.
             ResultSet rs = s.executeQuery("SELECT owner, attribute, (owner_type << 32) | attribute_type FROM " + newOwnerships
                     + " WHERE owner > " + mark)) {
            while (rs.next()) {
                if ((++rows & 4095) == 0) EmbeddedSink.checkCancelled();
                long types = rs.getLong(3);
                if (!rules.ownership(rs.getLong(1), (int) (types >>> 32), (int) types, rs.getLong(2))) return false;
            }
        }
        long[] one = rules.ownersWithOne();
        System.arraycopy(one, 0, withOne, 0, one.length);
        return true;
    }

    private static void clashes(Connection c, String query, long[] clashing, long[] clashingWithExisting, long[] firstClashing)
            throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                int p = rs.getInt(1);
                clashing[p] += rs.getLong(2);
                firstClashing[p] = Math.min(firstClashing[p], rs.getLong(3));
                clashingWithExisting[p] += rs.getLong(4);
            }
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static Set<Integer> storeIds(Map<String, Integer> typeIds, Set<String> labels) {
        Set<Integer> result = new LinkedHashSet<>();
        for (String l : labels) {
            Integer id = typeIds.get(l);
            if (id != null) result.add(id);
        }
        return result;
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
