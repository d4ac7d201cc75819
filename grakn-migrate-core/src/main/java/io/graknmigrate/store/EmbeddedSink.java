package io.graknmigrate.store;

import io.graknmigrate.migrate.KeyspaceSink;
import io.graknmigrate.migrate.MigrationException;
import io.graknmigrate.schema.TypeKind;
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
import java.util.concurrent.CancellationException;

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

    private final RowBuffer insertThing;
    private final PreparedStatement insertAttribute;
    private final RowBuffer mapThing;
    private final PreparedStatement mapAttribute;
    private final PreparedStatement mapNewAttribute;
    private final PreparedStatement findText;
    private final PreparedStatement insertText;
    private long textKeys;
    private final RowBuffer pendingOwnership;
    private final RowBuffer pendingRolePlayer;
    private final String[] batchIds = new String[RowBuffer.ROWS];
    private final String[] batchAttributeIds = new String[BATCH];
    private final long[] batchAttributeKeys = new long[BATCH];
    private final long[] batchAttributeNewIds = new long[BATCH];
    private final int[] batchAttributeTypes = new int[BATCH];
    private final Object[] batchAttributeValues = new Object[BATCH];
    private final String[] mapNewIds = new String[BATCH];
    private final String[] mapFoundIds = new String[BATCH];
    private int batchAttributes;

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
        Sqlite.exec(c, "PRAGMA temp.cache_size = -65536");
        dropTempTables(c);
        // Original ids are turned into integer keys (see key()), so every lookup and join below is on
        // a rowid: much cheaper than text B-trees.
        Sqlite.exec(c, "CREATE TEMP TABLE import_id(key INTEGER PRIMARY KEY, id INTEGER NOT NULL, type INTEGER NOT NULL)");
        Sqlite.exec(c, "CREATE TEMP TABLE import_text(key INTEGER PRIMARY KEY, original TEXT NOT NULL UNIQUE)");
        // The owner is known by store id when it is the entity or relation being put (the common case);
        // attribute owners may turn out to be existing attributes, so they go by original key.
        Sqlite.exec(c, "CREATE TEMP TABLE import_ownership(owner INTEGER, owner_type INTEGER, owner_key INTEGER, attribute INTEGER NOT NULL)");
        Sqlite.exec(c, "CREATE TEMP TABLE import_role_player(relation INTEGER NOT NULL, relation_type INTEGER NOT NULL, role INTEGER NOT NULL, player INTEGER NOT NULL)");
        insertThing = new RowBuffer(c, "INSERT INTO thing(id, type)", 2);
        insertAttribute = c.prepareStatement("INSERT OR IGNORE INTO thing(id, type, value) VALUES (?, ?, ?)");
        mapThing = new RowBuffer(c, "INSERT OR IGNORE INTO import_id(key, id, type)", 3);
        mapNewAttribute = c.prepareStatement("INSERT OR IGNORE INTO import_id(key, id, type) VALUES (?, ?, ?)");
        mapAttribute = c.prepareStatement("INSERT OR IGNORE INTO import_id(key, id, type)"
                + " SELECT ?, id, type FROM thing WHERE type = ? AND value = ?");
        findText = c.prepareStatement("SELECT key FROM import_text WHERE original = ?");
        insertText = c.prepareStatement("INSERT INTO import_text(key, original) VALUES (?, ?)");
        pendingOwnership = new RowBuffer(c, "INSERT INTO import_ownership(owner, owner_type, owner_key, attribute)", 4);
        pendingRolePlayer = new RowBuffer(c, "INSERT INTO import_role_player(relation, relation_type, role, player)", 4);
    }

    @Override
    public String keyspace() { return tx.keyspace(); }

    @Override
    public Schema schema() { return schema; }

    /**
     * The integer key of an original id, one-to-one: Grakn's "V123" ids and plain decimal ids (what
     * exports of this tool hold) are encoded arithmetically (even and odd non-negative keys); any other
     * id gets a negative key from the import_text table, the first time it is seen.
     */
    private long key(String original) throws SQLException {
        long k = numericKey(original);
        return k >= 0 ? k : textKey(original);
    }

    /** 2n for "Vn", 2n+1 for "n" (canonical decimal, at most 18 digits), else -1. */
    static long numericKey(String s) {
        int len = s.length();
        int start = len > 0 && s.charAt(0) == 'V' ? 1 : 0;
        int digits = len - start;
        if (digits < 1 || digits > 18) return -1;
        if (s.charAt(start) == '0' && digits > 1) return -1;
        long n = 0;
        for (int i = start; i < len; i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') return -1;
            n = n * 10 + (ch - '0');
        }
        return start == 1 ? n << 1 : (n << 1) | 1;
    }

    private long textKey(String original) throws SQLException {
        findText.setString(1, original);
        try (ResultSet rs = findText.executeQuery()) {
            if (rs.next()) return rs.getLong(1);
        }
        long k = -(++textKeys);
        insertText.setLong(1, k);
        insertText.setString(2, original);
        insertText.executeUpdate();
        return k;
    }

    /** The original id of a key. */
    private String originalOfKey(long key) throws SQLException {
        if (key >= 0) return (key & 1) == 0 ? "V" + (key >>> 1) : Long.toString(key >>> 1);
        try (PreparedStatement s = c.prepareStatement("SELECT original FROM import_text WHERE key = ?")) {
            s.setLong(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : "?";
            }
        }
    }

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
            long k = key(originalId);
            batchIds[insertThing.rows()] = originalId;
            insertThing.add(id, t);
            mapThing.add(k, id, t);
            lastOriginal = originalId;
            lastId = id;
            lastType = t;
            if (insertThing.full()) flushThings();
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
            batchAttributeKeys[batchAttributes] = key(originalId);
            batchAttributeNewIds[batchAttributes] = id;
            batchAttributeTypes[batchAttributes] = t;
            batchAttributeValues[batchAttributes] = value;
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
                pendingOwnership.add(lastId, lastType, RowBuffer.NULL, key(attributeOriginalId));
            } else {
                pendingOwnership.add(RowBuffer.NULL, RowBuffer.NULL, key(ownerOriginalId), key(attributeOriginalId));
            }
            if (pendingOwnership.full()) pendingOwnership.flush();
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
            pendingRolePlayer.add(lastId, lastType, r, key(playerOriginalId));
            if (pendingRolePlayer.full()) pendingRolePlayer.flush();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void flushThings() throws SQLException {
        int rows = mapThing.rows();
        if (rows == 0) return;
        insertThing.flush();
        // Rows the map ignored are ids seen before (rare, and fatal): find which, for the message.
        long[] keys = new long[rows];
        long[] ids = new long[rows];
        for (int i = 0; i < rows; i++) {
            keys[i] = mapThing.value(i, 0);
            ids[i] = mapThing.value(i, 1);
        }
        if (mapThing.flush() < rows) {
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM import_id WHERE key = ?")) {
                for (int i = 0; i < rows; i++) {
                    s.setLong(1, keys[i]);
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next() && rs.getLong(1) != ids[i] && duplicateIds++ == 0) firstDuplicateId = batchIds[i];
                    }
                }
            }
        }
    }

    private void flushAttributes() throws SQLException {
        if (batchAttributes == 0) return;
        int[] inserted = insertAttribute.executeBatch();
        // A new attribute's id is known; only a reused one needs the (type, value) lookup.
        int news = 0;
        int found = 0;
        for (int i = 0; i < batchAttributes; i++) {
            if (inserted[i] == 0) {
                attributesReused++;
                mapAttribute.setLong(1, batchAttributeKeys[i]);
                mapAttribute.setInt(2, batchAttributeTypes[i]);
                bindValue(mapAttribute, 3, batchAttributeValues[i]);
                mapAttribute.addBatch();
                mapFoundIds[found++] = batchAttributeIds[i];
            } else {
                mapNewAttribute.setLong(1, batchAttributeKeys[i]);
                mapNewAttribute.setLong(2, batchAttributeNewIds[i]);
                mapNewAttribute.setInt(3, batchAttributeTypes[i]);
                mapNewAttribute.addBatch();
                mapNewIds[news++] = batchAttributeIds[i];
            }
            batchAttributeValues[i] = null;
        }
        if (news > 0) countDuplicates(mapNewAttribute.executeBatch(), mapNewIds);
        if (found > 0) countDuplicates(mapAttribute.executeBatch(), mapFoundIds);
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
        pendingOwnership.flush();
        pendingRolePlayer.flush();
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
            // SQLite checks for cancellation inside every long statement from here to the commit.
            org.sqlite.ProgressHandler.setHandler(c, 100_000, new org.sqlite.ProgressHandler() {
                @Override
                protected int progress() {
                    return Thread.currentThread().isInterrupted() ? 1 : 0;
                }
            });
            try {
                return resolveReferences();
            } finally {
                org.sqlite.ProgressHandler.clearHandler(c);
            }
        } catch (SQLException e) {
            checkCancelled();
            throw failure(e);
        }
    }

    /** Throws {@link CancellationException} when the importing thread was interrupted (Ctrl-C, a cancelled call). */
    static void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) throw new CancellationException("import cancelled, nothing was changed");
    }

    private Resolution resolveReferences() throws SQLException {
        try (Statement s = c.createStatement()) {
            // One pass of id lookups, all on integer rowids; everything after works on store ids.
            s.executeUpdate("CREATE TEMP TABLE resolved_ownership AS"
                    + " SELECT coalesce(p.owner, o.id) AS owner, coalesce(p.owner_type, o.type) AS owner_type,"
                    + " a.id AS attribute, a.type AS attribute_type, p.attribute AS attribute_key, p.owner_key AS owner_key"
                    + " FROM import_ownership p LEFT JOIN import_id a ON a.key = p.attribute"
                    + " LEFT JOIN import_id o ON p.owner IS NULL AND o.key = p.owner_key");
            checkCancelled();
            s.executeUpdate("CREATE TEMP TABLE resolved_role_player AS"
                    + " SELECT p.relation AS relation, p.relation_type AS relation_type, p.role AS role,"
                    + " x.id AS player, x.type AS player_type, p.player AS player_key"
                    + " FROM import_role_player p LEFT JOIN import_id x ON x.key = p.player");
            s.executeUpdate("DROP TABLE import_ownership");
            s.executeUpdate("DROP TABLE import_role_player");
        }
        checkCancelled();
        long dangling = 0;
        String firstDangling = null;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*), min(CASE WHEN attribute IS NULL THEN attribute_key ELSE owner_key END)"
                    + " FROM resolved_ownership WHERE attribute IS NULL OR owner IS NULL")) {
                rs.next();
                dangling += rs.getLong(1);
                if (rs.getLong(1) > 0) firstDangling = originalOfKey(rs.getLong(2));
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), min(player_key) FROM resolved_role_player WHERE player IS NULL")) {
                rs.next();
                dangling += rs.getLong(1);
                if (rs.getLong(1) > 0 && firstDangling == null) firstDangling = originalOfKey(rs.getLong(2));
            }
        }
        if (dangling > 0 || duplicateIds > 0) {
            return new Resolution(attributesReused, duplicateIds, firstDuplicateId, dangling, firstDangling, 0, List.of());
        }
        checkCancelled();
        List<String> violations = new ArrayList<>();
        long violationCount = checkReferenceTypes(violations);
        checkCancelled();
        boolean noOwnerships;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM ownership)")) {
            rs.next();
            noOwnerships = rs.getBoolean(1);
        }
        try (Statement s = c.createStatement()) {
            // Rows in primary-key order append to the B-tree instead of landing all over it; into an
            // empty table, the secondary index is built once at the end (a sort) instead of row by row.
            // Both inside this transaction: a rollback restores the index.
            if (noOwnerships) s.executeUpdate("DROP INDEX ownership_by_attribute");
            s.executeUpdate("INSERT OR IGNORE INTO ownership(owner, attribute) SELECT owner, attribute FROM resolved_ownership"
                    + " ORDER BY owner, attribute");
            checkCancelled();
            if (noOwnerships) s.executeUpdate(Layout.OWNERSHIP_BY_ATTRIBUTE);
            checkCancelled();
            s.executeUpdate("INSERT OR IGNORE INTO role_player(relation, role, player) SELECT relation, role, player FROM resolved_role_player"
                    + " ORDER BY relation, role, player");
        }
        checkCancelled();
        violationCount += checkKeys(violations);
        checkCancelled();
        return new Resolution(attributesReused, 0, null, 0, null, violationCount, violations);
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
            long rows = 0;
            while (rs.next()) {
                if ((++rows & 4095) == 0) checkCancelled();
                long key = ((long) rs.getInt(1) << 32) | (rs.getInt(2) & 0xffffffffL);
                combinations.computeIfAbsent(key, k -> new long[1])[0]++;
            }
        }
        for (Map.Entry<Long, long[]> e : combinations.entrySet()) {
            String owner = typeLabels.get((int) (e.getKey() >>> 32));
            String attribute = typeLabels.get((int) (long) e.getKey());
            long n = e.getValue()[0];
            ThingType at = schema.type(attribute).orElse(null);
            if (at == null || at.kind() != TypeKind.ATTRIBUTE) {
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
            long rows = 0;
            while (rs.next()) {
                if ((++rows & 4095) == 0) checkCancelled();
                plays.computeIfAbsent(List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3)), k -> new long[1])[0]++;
            }
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
                checkCancelled();
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
        try (PreparedStatement s = c.prepareStatement("SELECT key FROM import_id WHERE id = ? LIMIT 1")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? originalOfKey(rs.getLong(1)) : "(existing " + id + ")";
            }
        }
    }

    void dropTemporaryTables() throws SQLException {
        closeStatements();
        dropTempTables(c);
    }

    /** The import's scratch tables, left from an earlier import on this connection or done with. */
    private static void dropTempTables(java.sql.Connection c) throws SQLException {
        for (String t : new String[] {"import_id", "import_text", "import_ownership", "import_role_player",
                "resolved_ownership", "resolved_role_player"}) {
            Sqlite.exec(c, "DROP TABLE IF EXISTS temp." + t);
        }
    }

    private void closeStatements() {
        for (RowBuffer b : new RowBuffer[] {insertThing, mapThing, pendingOwnership, pendingRolePlayer}) b.close();
        for (PreparedStatement s : new PreparedStatement[] {insertAttribute, mapAttribute, mapNewAttribute, findText, insertText}) {
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
