package io.graknmigrate.store;

import io.graknmigrate.migrate.KeyspaceSink;
import io.graknmigrate.migrate.MigrationException;
import io.graknmigrate.schema.Kind;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.ThingType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Import into a keyspace file. Things are inserted with ids counted up from the keyspace's highest id
 * (so "new" means id above the starting mark), in batches of prepared statements. The file's
 * original ids, and every ownership and role player by original id, go to TEMP tables of the same
 * connection, on disk, never into Java collections; {@link #resolve} joins them in SQL at the end.
 */
final class EmbeddedSink implements KeyspaceSink {

    private static final int BATCH = 4096;

    private final WriteTransaction tx;
    private final Connection c;
    private final Schema schema;
    private final Map<String, Integer> typeIds;
    private final Map<String, Integer> roleIds;
    private final Map<Integer, String> typeLabels = new HashMap<>();
    private final Map<Integer, String> roleLabels = new HashMap<>();
    private final long mark;
    private long nextId;

    private final PreparedStatement insertThing;
    private final PreparedStatement insertAttribute;
    private final PreparedStatement mapThing;
    private final PreparedStatement mapAttribute;
    private final PreparedStatement pendingOwnership;
    private final PreparedStatement pendingRolePlayer;
    private final String[] batchIds = new String[BATCH];
    private final String[] batchAttributeIds = new String[BATCH];
    private int batchThings;
    private int batchAttributes;
    private int batchReferences;

    /** The entity or relation put last: references from it need no id lookup. */
    private String lastOriginal;
    private long lastId;
    private int lastType;

    private long attributesReused;
    private long duplicateIds;
    private String firstDuplicateId;

    EmbeddedSink(WriteTransaction tx, Connection c) throws SQLException {
        this.tx = tx;
        this.c = c;
        this.schema = tx.schema();
        this.typeIds = SchemaTables.ids(c, "type");
        this.roleIds = SchemaTables.ids(c, "role");
        typeIds.forEach((k, v) -> typeLabels.put(v, k));
        roleIds.forEach((k, v) -> roleLabels.put(v, k));
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM thing")) {
            rs.next();
            mark = rs.getLong(1);
        }
        nextId = mark;
        Sqlite.exec(c, "PRAGMA temp.cache_size = -32768");
        Sqlite.exec(c, "DROP TABLE IF EXISTS temp.import_id");
        Sqlite.exec(c, "DROP TABLE IF EXISTS temp.import_ownership");
        Sqlite.exec(c, "DROP TABLE IF EXISTS temp.import_role_player");
        Sqlite.exec(c, "DROP TABLE IF EXISTS temp.resolved_ownership");
        Sqlite.exec(c, "DROP TABLE IF EXISTS temp.resolved_role_player");
        Sqlite.exec(c, "CREATE TEMP TABLE import_id(original TEXT PRIMARY KEY, id INTEGER NOT NULL, type INTEGER NOT NULL) WITHOUT ROWID");
        // The owner is known by store id when it is the entity or relation being put (the common case);
        // attribute owners may turn out to be existing attributes, so they go by original id.
        Sqlite.exec(c, "CREATE TEMP TABLE import_ownership(owner INTEGER, owner_type INTEGER, owner_original TEXT, attribute TEXT NOT NULL)");
        Sqlite.exec(c, "CREATE TEMP TABLE import_role_player(relation INTEGER NOT NULL, relation_type INTEGER NOT NULL, role INTEGER NOT NULL, player TEXT NOT NULL)");
        insertThing = c.prepareStatement("INSERT INTO thing(id, type, value) VALUES (?, ?, NULL)");
        insertAttribute = c.prepareStatement("INSERT OR IGNORE INTO thing(id, type, value) VALUES (?, ?, ?)");
        mapThing = c.prepareStatement("INSERT OR IGNORE INTO import_id(original, id, type) VALUES (?, ?, ?)");
        mapAttribute = c.prepareStatement("INSERT OR IGNORE INTO import_id(original, id, type)"
                + " SELECT ?, id, type FROM thing WHERE type = ? AND value = ?");
        pendingOwnership = c.prepareStatement("INSERT INTO import_ownership(owner, owner_type, owner_original, attribute) VALUES (?, ?, ?, ?)");
        pendingRolePlayer = c.prepareStatement("INSERT INTO import_role_player(relation, relation_type, role, player) VALUES (?, ?, ?, ?)");
    }

    @Override
    public String keyspace() { return tx.keyspace(); }

    @Override
    public Schema schema() { return schema; }

    private int typeId(String type) {
        Integer id = typeIds.get(type);
        if (id == null) throw new IllegalArgumentException("type not in the schema: " + type);
        return id;
    }

    @Override
    public void putEntity(String originalId, String type) { putThing(originalId, type); }

    @Override
    public void putRelation(String originalId, String type) { putThing(originalId, type); }

    private void putThing(String originalId, String type) {
        try {
            long id = ++nextId;
            int t = typeId(type);
            insertThing.setLong(1, id);
            insertThing.setInt(2, t);
            insertThing.addBatch();
            mapThing.setString(1, originalId);
            mapThing.setLong(2, id);
            mapThing.setInt(3, t);
            mapThing.addBatch();
            batchIds[batchThings++] = originalId;
            lastOriginal = originalId;
            lastId = id;
            lastType = t;
            if (batchThings == BATCH) flushThings();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public void putAttribute(String originalId, String type, Object value) {
        try {
            long id = ++nextId;
            int t = typeId(type);
            insertAttribute.setLong(1, id);
            insertAttribute.setInt(2, t);
            bindValue(insertAttribute, 3, value);
            insertAttribute.addBatch();
            mapAttribute.setString(1, originalId);
            mapAttribute.setInt(2, t);
            bindValue(mapAttribute, 3, value);
            mapAttribute.addBatch();
            batchAttributeIds[batchAttributes++] = originalId;
            lastOriginal = null;
            if (batchAttributes == BATCH) flushAttributes();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static void bindValue(PreparedStatement s, int i, Object value) throws SQLException {
        if (value instanceof String v) s.setString(i, v);
        else if (value instanceof Long v) s.setLong(i, v);
        else if (value instanceof Double v) s.setDouble(i, v);
        else if (value instanceof Boolean v) s.setInt(i, v ? 1 : 0);
        else throw new IllegalArgumentException("not a storable value: " + value);
    }

    @Override
    public void putOwnership(String ownerOriginalId, String attributeOriginalId) {
        try {
            if (ownerOriginalId.equals(lastOriginal)) {
                pendingOwnership.setLong(1, lastId);
                pendingOwnership.setInt(2, lastType);
                pendingOwnership.setNull(3, java.sql.Types.VARCHAR);
            } else {
                pendingOwnership.setNull(1, java.sql.Types.INTEGER);
                pendingOwnership.setNull(2, java.sql.Types.INTEGER);
                pendingOwnership.setString(3, ownerOriginalId);
            }
            pendingOwnership.setString(4, attributeOriginalId);
            pendingOwnership.addBatch();
            if (++batchReferences >= BATCH) flushReferences();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public void putRolePlayer(String relationOriginalId, String role, String playerOriginalId) {
        try {
            Integer r = roleIds.get(role);
            if (r == null) throw new IllegalArgumentException("role not in the schema: " + role);
            if (!relationOriginalId.equals(lastOriginal)) throw new IllegalStateException("role players must follow their relation");
            pendingRolePlayer.setLong(1, lastId);
            pendingRolePlayer.setInt(2, lastType);
            pendingRolePlayer.setInt(3, r);
            pendingRolePlayer.setString(4, playerOriginalId);
            pendingRolePlayer.addBatch();
            if (++batchReferences >= BATCH) flushReferences();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void flushThings() throws SQLException {
        if (batchThings == 0) return;
        insertThing.executeBatch();
        countDuplicates(mapThing.executeBatch(), batchIds);
        batchThings = 0;
    }

    private void flushAttributes() throws SQLException {
        if (batchAttributes == 0) return;
        for (int n : insertAttribute.executeBatch()) if (n == 0) attributesReused++;
        countDuplicates(mapAttribute.executeBatch(), batchAttributeIds);
        batchAttributes = 0;
    }

    private void countDuplicates(int[] counts, String[] ids) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                if (duplicateIds++ == 0) firstDuplicateId = ids[i];
            }
        }
    }

    private void flushReferences() throws SQLException {
        pendingOwnership.executeBatch();
        pendingRolePlayer.executeBatch();
        batchReferences = 0;
    }

    private void flush() throws SQLException {
        flushAttributes();
        flushThings();
        flushReferences();
    }

    @Override
    public Resolution resolve() {
        try {
            flush();
            try (Statement s = c.createStatement()) {
                // One pass of id lookups; everything after works on integer ids.
                s.executeUpdate("CREATE TEMP TABLE resolved_ownership AS"
                        + " SELECT coalesce(p.owner, o.id) AS owner, coalesce(p.owner_type, o.type) AS owner_type,"
                        + " a.id AS attribute, a.type AS attribute_type, p.attribute AS attribute_original"
                        + " FROM import_ownership p LEFT JOIN import_id a ON a.original = p.attribute"
                        + " LEFT JOIN import_id o ON p.owner IS NULL AND o.original = p.owner_original");
                s.executeUpdate("CREATE TEMP TABLE resolved_role_player AS"
                        + " SELECT p.relation AS relation, p.relation_type AS relation_type, p.role AS role,"
                        + " x.id AS player, x.type AS player_type, p.player AS player_original"
                        + " FROM import_role_player p LEFT JOIN import_id x ON x.original = p.player");
                s.executeUpdate("DROP TABLE import_ownership");
                s.executeUpdate("DROP TABLE import_role_player");
            }
            long dangling = 0;
            String firstDangling = null;
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT count(*), min(attribute_original) FROM resolved_ownership"
                        + " WHERE attribute IS NULL OR owner IS NULL")) {
                    rs.next();
                    dangling += rs.getLong(1);
                    if (rs.getLong(1) > 0) firstDangling = rs.getString(2);
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*), min(player_original) FROM resolved_role_player WHERE player IS NULL")) {
                    rs.next();
                    dangling += rs.getLong(1);
                    if (rs.getLong(1) > 0 && firstDangling == null) firstDangling = rs.getString(2);
                }
            }
            if (dangling > 0 || duplicateIds > 0) {
                return new Resolution(attributesReused, duplicateIds, firstDuplicateId, dangling, firstDangling, 0, List.of());
            }
            List<String> violations = new ArrayList<>();
            long violationCount = checkReferenceTypes(violations);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT OR IGNORE INTO ownership(owner, attribute) SELECT owner, attribute FROM resolved_ownership");
                s.executeUpdate("INSERT OR IGNORE INTO role_player(relation, role, player) SELECT relation, role, player FROM resolved_role_player");
            }
            violationCount += checkKeys(violations);
            return new Resolution(attributesReused, 0, null, 0, null, violationCount, violations);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Ownerships against has/key, role players against plays, per distinct type combination. Counted
     * in Java over a plain scan: the combinations are bounded by the schema, and a scan is much cheaper
     * than SQLite sorting millions of rows for a GROUP BY.
     */
    private long checkReferenceTypes(List<String> violations) throws SQLException {
        long count = 0;
        Map<Long, long[]> combinations = new java.util.TreeMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT owner_type, attribute_type FROM resolved_ownership")) {
            while (rs.next()) {
                long key = ((long) rs.getInt(1) << 32) | (rs.getInt(2) & 0xffffffffL);
                combinations.computeIfAbsent(key, k -> new long[1])[0]++;
            }
        }
        for (Map.Entry<Long, long[]> e : combinations.entrySet()) {
            String owner = typeLabels.get((int) (e.getKey() >>> 32));
            String attribute = typeLabels.get((int) (long) e.getKey());
            long n = e.getValue()[0];
            ThingType at = schema.type(attribute).orElse(null);
            if (at == null || at.kind() != Kind.ATTRIBUTE) {
                count += n;
                violations.add(String.format(Locale.ROOT, "%,d ownerships by %s of %s things, which are not attributes", n, owner, attribute));
            } else if (!schema.owns(owner, attribute)) {
                count += n;
                violations.add(String.format(Locale.ROOT, "%,d ownerships of %s attributes by %s things, but %s does not have %s",
                        n, attribute, owner, owner, attribute));
            }
        }
        Map<List<Integer>, long[]> plays = new java.util.HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT relation_type, role, player_type FROM resolved_role_player")) {
            while (rs.next()) plays.computeIfAbsent(List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3)), k -> new long[1])[0]++;
        }
        for (Map.Entry<List<Integer>, long[]> e : plays.entrySet()) {
            String relation = typeLabels.get(e.getKey().get(0));
            String role = roleLabels.get(e.getKey().get(1));
            String player = typeLabels.get(e.getKey().get(2));
            long n = e.getValue()[0];
            if (!schema.plays(player, role)) {
                count += n;
                violations.add(String.format(Locale.ROOT, "%,d %s things play %s in %s relations, but %s does not play %s",
                        n, player, role, relation, player, role));
            }
        }
        return count;
    }

    /** Every new thing of a type with a key has exactly one of it; no key value is shared within an owner type. */
    private long checkKeys(List<String> violations) throws SQLException {
        long count = 0;
        for (ThingType declaring : schema.types()) {
            for (String key : declaring.keys()) {
                String owners = idList(subtypesOf(declaring.label()));
                String keyTypes = idList(subtypesOf(key));
                if (owners == null || keyTypes == null) continue;
                long things;
                long withOne;
                try (Statement s = c.createStatement()) {
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM thing WHERE id > " + mark + " AND type IN " + owners)) {
                        rs.next();
                        things = rs.getLong(1);
                    }
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT owner FROM resolved_ownership"
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
                                 + " AND (SELECT count(DISTINCT r.attribute) FROM resolved_ownership r WHERE r.owner = t.id AND r.attribute_type IN "
                                 + keyTypes + ") <> 1 LIMIT 1")) {
                        example = rs.next() ? originalOf(rs.getLong(1)) : "?";
                    }
                    violations.add(String.format(Locale.ROOT, "%,d %s things do not have exactly one %s key (for example the one with id %s in the file)",
                            n, declaring.label(), key, example));
                }
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*), min(attribute) FROM ("
                             + " SELECT o.attribute AS attribute FROM ownership o JOIN thing w ON w.id = o.owner"
                             + " WHERE w.type IN " + owners + " AND o.attribute IN ("
                             + "   SELECT attribute FROM resolved_ownership WHERE attribute_type IN " + keyTypes + ")"
                             + " GROUP BY o.attribute HAVING count(*) > 1)")) {
                    rs.next();
                    long n = rs.getLong(1);
                    if (n > 0) {
                        count += n;
                        violations.add(String.format(Locale.ROOT, "%,d %s key values are owned by more than one %s (for example the one with id %s in the file)",
                                n, key, declaring.label(), originalOf(rs.getLong(2))));
                    }
                }
            }
        }
        return count;
    }

    private Set<String> subtypesOf(String label) {
        Set<String> result = new LinkedHashSet<>();
        for (ThingType t : schema.types()) if (schema.isSubtypeOf(t.label(), label)) result.add(t.label());
        return result;
    }

    private String idList(Set<String> labels) {
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

    private String originalOf(long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT original FROM import_id WHERE id = ? LIMIT 1")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : "(existing " + id + ")";
            }
        }
    }

    void dropTemporaryTables() throws SQLException {
        closeStatements();
        Sqlite.exec(c, "DROP TABLE IF EXISTS temp.import_id");
        Sqlite.exec(c, "DROP TABLE IF EXISTS temp.import_ownership");
        Sqlite.exec(c, "DROP TABLE IF EXISTS temp.import_role_player");
        Sqlite.exec(c, "DROP TABLE IF EXISTS temp.resolved_ownership");
        Sqlite.exec(c, "DROP TABLE IF EXISTS temp.resolved_role_player");
    }

    private void closeStatements() {
        for (PreparedStatement s : new PreparedStatement[] {insertThing, insertAttribute, mapThing, mapAttribute, pendingOwnership, pendingRolePlayer}) {
            try {
                s.close();
            } catch (SQLException ignored) {
                // closing
            }
        }
    }

    private MigrationException failure(SQLException e) {
        return Sqlite.failure(tx.keyspace(), tx.file(), "importing into", e);
    }

    @Override
    public void commit() { tx.commit(); }

    @Override
    public void close() { tx.close(); }
}
