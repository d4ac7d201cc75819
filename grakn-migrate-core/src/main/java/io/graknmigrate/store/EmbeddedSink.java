package io.graknmigrate.store;

import io.graknmigrate.migrate.KeyspaceSink;
import io.graknmigrate.migrate.MigrationException;
import io.graknmigrate.migrate.ReadAgainException;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.ThingType;
import org.sqlite.ProgressHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Import into a keyspace file. Things are inserted with ids counted up from the keyspace's highest id
 * (so "new" means id above the starting mark), in batches of prepared statements. The file's
 * original ids (as {@link ImportIdKeys}), and every ownership and role player by original id, go to
 * the TEMP tables of {@link ImportTables}, never into Java collections; {@link #resolve} joins them in
 * SQL at the end and checks the data rules there ({@link ImportRules} says which rule is checked where).
 * Into an empty keyspace the unique (type, value) index is built after the load ({@link AttributeCopies}),
 * and a file whose ids fit keeps them as store ids ({@link DirectIds}), with no id map at all. A file
 * into an empty keyspace first takes {@link SortedLoad}, which writes no row through SQL and hands the
 * file back to these ways when it does not fit.
 *
 * <p>Why the import finds duplicate and dangling ids itself rather than through
 * {@code format.Verification}: it needs the map from each original id to the store id it got, to
 * write ownerships and role players, and that map already is the join that finds both problems, in
 * the same transaction and in one read of the input (which may be stdin).
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
    private final ImportIdKeys ids;
    private final RowBuffer pendingOwnership;
    private final RowBuffer pendingRolePlayer;
    private final String[] batchIds = new String[RowBuffer.ROWS];
    /**
     * Into an empty keyspace nothing can be reused, so no attribute insert is ignored: new attributes and
     * their id map rows go in multi-row statements (null into a keyspace with things, where each
     * attribute's insert says whether it was reused).
     */
    private final RowBuffer newAttributes;
    private final RowBuffer mapNewAttributes;
    private final String[] newAttributeIds = new String[RowBuffer.ROWS];
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
    /**
     * New things by type store id, counted as they are written (indexed by the schema's type ids), for
     * the key checks; null once a merge of attribute copies deleted some, when the checks count in SQL.
     */
    private long[] newThings;
    private long keyClashes;
    private long keyClashesWithExisting;
    private long duplicateIds;
    private boolean idMapUndecided;
    private boolean appendedIdMap;
    private String firstDuplicateId;
    /** The way of {@link DirectIds}, while it is taken. */
    private DirectIds direct;
    private boolean directTaken;
    private boolean directLeft;
    /** The way of {@link SortedLoad}, while it is taken. */
    private SortedLoad sorted;
    /** Whether the sorted way, keeping the file's ids, met one that does not fit: it then counts ids up. */
    private boolean sortedKeptLeft;
    /** Whether the sorted way found the file unfit for it: then the direct way, else the general one. */
    private boolean sortedLeft;

    EmbeddedSink(WriteTransaction tx, Connection c) throws SQLException {
        this.tx = tx;
        this.c = c;
        this.schema = tx.schema();
        this.typeIds = SchemaTables.ids(c, "type");
        this.newThings = new long[typeIds.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1];
        this.roleIds = SchemaTables.ids(c, "role");
        typeIds.forEach((k, v) -> typeLabels.put(v, k));
        roleIds.forEach((k, v) -> roleLabels.put(v, k));
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM thing")) {
            rs.next();
            mark = rs.getLong(1);
        }
        nextId = mark;
        // Into an empty keyspace the type index is built once at the end (a sort) instead of row by row;
        // inside this transaction, so a rollback restores it. WriteTransaction.commit builds it again.
        if (mark == 0) Sqlite.exec(c, "DROP INDEX IF EXISTS thing_by_type");
        // Likewise the unique (type, value) index: no attribute can be reused from an empty keyspace,
        // and copies inside the file are merged when it is built (AttributeCopies).
        if (mark == 0) Sqlite.exec(c, "DROP INDEX IF EXISTS thing_attribute_value");
        ImportTables.create(c);
        ids = new ImportIdKeys(c);
        insertThing = new RowBuffer(c, "INSERT INTO thing(id, type)", 2);
        insertAttribute = c.prepareStatement("INSERT OR IGNORE INTO thing(id, type, value) VALUES (?, ?, ?)");
        mapThing = new RowBuffer(c, "INSERT OR IGNORE INTO import_id(key, id, type)", 3);
        mapNewAttribute = c.prepareStatement("INSERT OR IGNORE INTO import_id(key, id, type) VALUES (?, ?, ?)");
        mapAttribute = c.prepareStatement("INSERT OR IGNORE INTO import_id(key, id, type)"
                + " SELECT ?, id, type FROM thing WHERE type = ? AND value = ?");
        pendingOwnership = new RowBuffer(c, "INSERT INTO import_ownership(owner, owner_type, owner_key, attribute)", 4);
        pendingRolePlayer = new RowBuffer(c, "INSERT INTO import_role_player(relation, relation_type, role, player)", 4);
        newAttributes = mark == 0 ? RowBuffer.withValue(c, "INSERT INTO thing(id, type, value)") : null;
        mapNewAttributes = mark == 0 ? new RowBuffer(c, "INSERT OR IGNORE INTO import_id(key, id, type)", 3) : null;
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

    /**
     * Vouched-for ids come from a file, which can be read again: into an empty keyspace the sink tries
     * {@link SortedLoad} first (keeping the file's ids when they fit as {@link DirectIds} keeps them,
     * else counting up), then {@link DirectIds}, then the general way, each once: every way that does
     * not fit the file throws {@link ReadAgainException} having written nothing.
     */
    @Override
    public void idsVouchedFor(long inputBytes) {
        if (nextId != mark || direct != null || sorted != null) throw new IllegalStateException("ids vouched for after the first put");
        ids.useHashes();
        idMapUndecided = true;
        boolean empty = mark == 0 && inputBytes > 0;
        try {
            if (empty && SortedLoad.taken && !sortedLeft) startSorted(sortedKeptLeft ? 0 : DirectIds.idBound(inputBytes));
            else if (empty && !directLeft) direct = new DirectIds(c, inputBytes);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void startSorted(long keptIdBound) {
        try {
            sorted = new SortedLoad(scratchDir(), schema, typeIds, typeLabels, roleLabels, keptIdBound);
        } catch (IOException | UncheckedIOException e) {
            throw diskFailure(e);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Where the sorted way's files go: beside the keyspace, where an import needs its space anyway. */
    private Path scratchDir() {
        return tx.file().toAbsolutePath().getParent();
    }

    private MigrationException diskFailure(Exception e) {
        return SortedLoad.diskFailure(tx.keyspace(), scratchDir(), e);
    }

    /** Leaves the sorted way keeping ids at an id that does not fit: the file is read again, ids counting up. */
    private void leaveSortedKept(String original) {
        discardSorted();
        sortedKeptLeft = true;
        lastOriginal = null;
        throw new ReadAgainException("the id " + original);
    }

    /** Deletes the files of the sorted way, if it was taken; safe twice. */
    void discardSorted() {
        if (sorted == null) return;
        SortedLoad s = sorted;
        sorted = null;
        s.close();
    }

    /**
     * Leaves the way of {@link DirectIds} for the general one: when something was written on it, rolls
     * it back and throws {@link ReadAgainException}; else the item at hand goes the general way.
     */
    private void leaveDirect(String why) throws SQLException {
        boolean written = direct.written();
        direct.abandon();
        direct = null;
        directLeft = true;
        if (!written) return;
        lastOriginal = null;
        attributesReused = 0;
        Arrays.fill(newThings, 0);
        throw new ReadAgainException(why);
    }

    /**
     * Hashed keys come in random order: when the first id of a vouched-for file is not numeric, the id
     * map becomes a plain table the rows are appended to, indexed once at the end (a sort), instead of
     * each key landing somewhere in a B-tree; duplicate keys are looked for then. Numeric ids (Grakn's
     * {@code V<digits>}) mostly ascend, so they keep the rowid map, where they are appended anyway.
     * Either map is correct for any mix of ids; the choice is only about speed.
     */
    private void chooseIdMap(String firstId) throws SQLException {
        idMapUndecided = false;
        if (ImportIdKeys.numericKey(firstId) < 0) {
            ImportTables.createAppendedIdMap(c);
            appendedIdMap = true;
        }
    }

    @Override
    public void putEntity(String originalId, String type) { putThing(originalId, type); }

    @Override
    public void putRelation(String originalId, String type) { putThing(originalId, type); }

    private void putThing(String originalId, String type) {
        try {
            if (direct != null && putDirect(originalId, type, false, null)) return;
            if (sorted != null) {
                if (!sorted.putThing(originalId, typeId(type))) leaveSortedKept(originalId);
                return;
            }
            if (idMapUndecided) chooseIdMap(originalId);
            long id = ++nextId;
            int t = typeId(type);
            long k = ids.key(originalId);
            batchIds[insertThing.rows()] = originalId;
            newThings[t]++;
            insertThing.add(id, t);
            mapThing.add(k, id, t);
            lastOriginal = originalId;
            lastId = id;
            lastType = t;
            if (insertThing.full()) flushThings();
        } catch (SQLException e) {
            throw failure(e);
        } catch (IOException | UncheckedIOException e) {
            throw diskFailure(e);
        }
    }

    /**
     * Puts a thing on the kept-id way (an attribute of {@code value}, or an entity or relation); when
     * it does not fit that way, leaves it ({@link #leaveDirect}) and returns false for the general way.
     */
    private boolean putDirect(String originalId, String type, boolean attribute, Object value) throws SQLException {
        long id = direct.storeId(originalId);
        int t = typeId(type);
        if (id > 0 && (attribute ? direct.putAttribute(id, t, value) : direct.putThing(id, t))) {
            newThings[t]++;
            lastOriginal = originalId;
            lastId = id;
            lastType = t;
            return true;
        }
        leaveDirect(id > 0 ? "an id defined twice" : "the id " + originalId);
        return false;
    }

    @Override
    public void putAttribute(String originalId, String type, Object value) {
        try {
            if (direct != null && putDirect(originalId, type, true, value)) return;
            if (sorted != null) {
                if (!sorted.putAttribute(originalId, typeId(type), value)) leaveSortedKept(originalId);
                return;
            }
            if (idMapUndecided) chooseIdMap(originalId);
            long id = ++nextId;
            int t = typeId(type);
            if (newAttributes != null) {
                newAttributeIds[newAttributes.rows()] = originalId;
                newAttributes.addWithValue(id, t, value);
                mapNewAttributes.add(ids.key(originalId), id, t);
                newThings[t]++;
                lastOriginal = null;
                if (newAttributes.full()) flushNewAttributes();
                return;
            }
            insertAttribute.setLong(1, id);
            insertAttribute.setInt(2, t);
            bindValue(insertAttribute, 3, value);
            insertAttribute.addBatch();
            batchAttributeKeys[batchAttributes] = ids.key(originalId);
            batchAttributeNewIds[batchAttributes] = id;
            batchAttributeTypes[batchAttributes] = t;
            batchAttributeValues[batchAttributes] = value;
            batchAttributeIds[batchAttributes++] = originalId;
            lastOriginal = null;
            if (batchAttributes == BATCH) flushAttributes();
        } catch (SQLException e) {
            throw failure(e);
        } catch (IOException | UncheckedIOException e) {
            throw diskFailure(e);
        }
    }

    static void bindValue(PreparedStatement s, int i, Object value) throws SQLException {
        if (value instanceof String v) s.setString(i, v);
        else if (value instanceof Long v) s.setLong(i, v);
        else if (value instanceof Double v) s.setDouble(i, v);
        else if (value instanceof Boolean v) s.setInt(i, v ? 1 : 0);
        else throw new IllegalArgumentException("not a storable value: " + value);
    }

    @Override
    public void putOwnership(String ownerOriginalId, String attributeOriginalId) {
        try {
            if (direct != null) {
                boolean last = ownerOriginalId.equals(lastOriginal);
                long owner = last ? lastId : direct.storeId(ownerOriginalId);
                long attribute = direct.storeId(attributeOriginalId);
                if (owner > 0 && attribute > 0) {
                    direct.putOwnership(owner, last ? lastType : RowBuffer.NULL, attribute);
                    return;
                }
                leaveDirect("a reference to " + (owner > 0 ? attributeOriginalId : ownerOriginalId));
            }
            if (sorted != null) {
                sorted.putOwnership(ownerOriginalId, attributeOriginalId);
                return;
            }
            if (ownerOriginalId.equals(lastOriginal)) {
                pendingOwnership.add(lastId, lastType, RowBuffer.NULL, ids.key(attributeOriginalId));
            } else {
                pendingOwnership.add(RowBuffer.NULL, RowBuffer.NULL, ids.key(ownerOriginalId), ids.key(attributeOriginalId));
            }
            if (pendingOwnership.full()) pendingOwnership.flush();
        } catch (SQLException e) {
            throw failure(e);
        } catch (UncheckedIOException e) {
            throw diskFailure(e);
        }
    }

    @Override
    public void putRolePlayer(String relationOriginalId, String role, String playerOriginalId) {
        try {
            Integer r = roleIds.get(role);
            if (r == null) throw new IllegalArgumentException("role not in the schema: " + role);
            if (sorted != null) {
                sorted.putRolePlayer(relationOriginalId, r, playerOriginalId);
                return;
            }
            if (!relationOriginalId.equals(lastOriginal)) throw new IllegalStateException("role players must follow their relation");
            if (direct != null) {
                long player = direct.storeId(playerOriginalId);
                if (player > 0) {
                    direct.putRolePlayer(lastId, lastType, r, player);
                    return;
                }
                leaveDirect("a reference to " + playerOriginalId);
            }
            pendingRolePlayer.add(lastId, lastType, r, ids.key(playerOriginalId));
            if (pendingRolePlayer.full()) pendingRolePlayer.flush();
        } catch (SQLException e) {
            throw failure(e);
        } catch (UncheckedIOException e) {
            throw diskFailure(e);
        }
    }

    private void flushThings() throws SQLException {
        if (mapThing.rows() == 0) return;
        insertThing.flush();
        flushIdMap(mapThing, batchIds);
    }

    private void flushNewAttributes() throws SQLException {
        if (newAttributes == null || newAttributes.rows() == 0) return;
        newAttributes.flush();
        flushIdMap(mapNewAttributes, newAttributeIds);
    }

    /** Writes id map rows; rows the map ignored are ids seen before (rare, and fatal): finds which, for the message. */
    private void flushIdMap(RowBuffer map, String[] originals) throws SQLException {
        int rows = map.rows();
        long[] keys = new long[rows];
        long[] ids = new long[rows];
        for (int i = 0; i < rows; i++) {
            keys[i] = map.value(i, 0);
            ids[i] = map.value(i, 1);
        }
        if (map.flush() < rows) {
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM import_id WHERE key = ?")) {
                for (int i = 0; i < rows; i++) {
                    s.setLong(1, keys[i]);
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next() && rs.getLong(1) != ids[i] && duplicateIds++ == 0) firstDuplicateId = originals[i];
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
                newThings[batchAttributeTypes[i]]++;
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
        flushNewAttributes();
        flushThings();
        flushReferences();
    }

    @Override
    public Resolution resolve() {
        try {
            if (direct != null && !direct.finishLoad()) leaveDirect("an id defined twice");
            directTaken = direct != null;
            flush();
            // SQLite checks for cancellation inside every long statement from here to the commit.
            ProgressHandler.setHandler(c, 100_000, new ProgressHandler() {
                @Override
                protected int progress() {
                    return Thread.currentThread().isInterrupted() ? 1 : 0;
                }
            });
            try {
                return resolveReferences();
            } finally {
                ProgressHandler.clearHandler(c);
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
        if (sorted != null) return resolveSorted();
        long merged = 0;
        if (direct != null) {
            merged = direct.resolve();
        } else {
            // Copies merged first: a reference to a copy then resolves to the copy kept.
            if (mark == 0) merged = AttributeCopies.mergeAndIndex(c, new String[][] {{"import_id", "id"}});
            checkCancelled();
            resolveIdMap();
        }
        attributesReused += merged;
        // The merged copies were counted as new things; the key checks count in SQL then.
        if (merged > 0) newThings = null;
        checkCancelled();
        return checkReferences();
    }

    /**
     * Loads what the sorted way gathered; when it does not fit the file after all, deletes its files and
     * throws {@link ReadAgainException}: the reading again takes the direct way when the ids fit it, else
     * the general way, which word the problem (or merge the attribute copies) as they always do.
     */
    private Resolution resolveSorted() throws SQLException {
        String why;
        try {
            why = sorted.load(c);
        } catch (UncheckedIOException e) {
            throw diskFailure(e);
        }
        if (why == null) return new Resolution(0, 0, null, 0, null, 0, List.of(), 0, 0);
        discardSorted();
        sortedLeft = true;
        lastOriginal = null;
        attributesReused = 0;
        Arrays.fill(newThings, 0);
        throw new ReadAgainException(why);
    }

    /** Finds duplicate ids of the id map and turns every staged reference into store ids. */
    private void resolveIdMap() throws SQLException {
        if (appendedIdMap) {
            Sqlite.exec(c, ImportTables.ID_MAP_INDEX);
            checkCancelled();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*), min(key) FROM (SELECT key FROM import_id GROUP BY key HAVING count(*) > 1)")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    if (duplicateIds == 0) firstDuplicateId = ids.original(rs.getLong(2));
                    duplicateIds += rs.getLong(1);
                }
            }
            checkCancelled();
        }
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
    }

    /** Refuses dangling references, checks the rules, writes the references and checks the keys. */
    private Resolution checkReferences() throws SQLException {
        long dangling = 0;
        String firstDangling = null;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*), min(CASE WHEN attribute IS NULL THEN attribute_key ELSE owner_key END)"
                    + " FROM resolved_ownership WHERE attribute IS NULL OR owner IS NULL")) {
                rs.next();
                dangling += rs.getLong(1);
                if (rs.getLong(1) > 0) firstDangling = ids.original(rs.getLong(2));
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), min(player_key) FROM resolved_role_player WHERE player IS NULL")) {
                rs.next();
                dangling += rs.getLong(1);
                if (rs.getLong(1) > 0 && firstDangling == null) firstDangling = ids.original(rs.getLong(2));
            }
        }
        if (dangling > 0 || duplicateIds > 0) {
            return new Resolution(attributesReused, duplicateIds, firstDuplicateId, dangling, firstDangling, 0, List.of(), 0, 0);
        }
        checkCancelled();
        List<String> violations = new ArrayList<>();
        long violationCount = ImportRules.checkOwnershipsAndRolePlayers(c, schema, typeLabels, roleLabels, violations);
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
            boolean noRolePlayers;
            try (ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM role_player)")) {
                rs.next();
                noRolePlayers = rs.getBoolean(1);
            }
            if (noRolePlayers) s.executeUpdate("DROP INDEX IF EXISTS role_player_by_player");
            s.executeUpdate("INSERT OR IGNORE INTO role_player(relation, role, player) SELECT relation, role, player FROM resolved_role_player"
                    + " ORDER BY relation, role, player");
            checkCancelled();
            if (noRolePlayers) s.executeUpdate(Layout.ROLE_PLAYER_BY_PLAYER);
            checkCancelled();
            if (mark == 0) s.executeUpdate(Layout.THING_BY_TYPE);
        }
        checkCancelled();
        violationCount += checkKeys(violations);
        checkCancelled();
        return new Resolution(attributesReused, 0, null, 0, null, violationCount, violations, keyClashes, keyClashesWithExisting);
    }

    /** Every new thing of a type with a key has exactly one of it; no key value is shared within an owner type. */
    private long checkKeys(List<String> violations) throws SQLException {
        Set<String> keyTypes = new LinkedHashSet<>();
        for (ThingType declaring : schema.types()) for (String key : declaring.keys()) keyTypes.addAll(KeyChecks.subtypesOf(schema, key));
        String keyTypeIds = KeyChecks.idList(typeIds, keyTypes);
        if (keyTypeIds == null) return 0;
        // Read in place, filtered inside SQLite: the checks scan the key ownerships in the order they were resolved.
        KeyChecks.Outcome o = KeyChecks.check(c, schema, typeIds, mark, newThings, "(SELECT owner, owner_type, attribute, attribute_type"
                + " FROM resolved_ownership WHERE attribute_type IN " + keyTypeIds + ")", true,
                id -> "the one with id " + originalOf(id) + " in the file", violations);
        keyClashes += o.clashes();
        keyClashesWithExisting += o.clashesWithExisting();
        return o.violations();
    }

    private String originalOf(long id) throws SQLException {
        if (directTaken) return ids.original(id * 2);
        try (PreparedStatement s = c.prepareStatement("SELECT key FROM import_id WHERE id = ? LIMIT 1")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? ids.original(rs.getLong(1)) : "(existing " + id + ")";
            }
        }
    }

    void dropTemporaryTables() throws SQLException {
        discardSorted();
        closeStatements();
        ImportTables.drop(c);
    }

    private void closeStatements() {
        for (RowBuffer b : new RowBuffer[] {insertThing, mapThing, pendingOwnership, pendingRolePlayer}) b.close();
        if (newAttributes != null) {
            newAttributes.close();
            mapNewAttributes.close();
        }
        ids.close();
        for (PreparedStatement s : new PreparedStatement[] {insertAttribute, mapAttribute, mapNewAttribute}) {
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
