package io.graknmigrate.store;

import io.graknmigrate.keyspace.ThingId;
import io.graknmigrate.match.MatchEngine;
import io.graknmigrate.match.TableReads;
import io.graknmigrate.migrate.MigrationException;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.ThingType;
import io.graknmigrate.schema.TypeKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes things one statement at a time inside a {@link WriteTransaction}, as Graql queries do: every
 * new thing gets its store id at once (counted up from the highest one), so a query can refer to what
 * it just wrote. Rows go to the same tables as a {@code .grakn} import ({@code thing}, {@code ownership},
 * {@code role_player}, see docs/storage.md) in multi-row statements; {@link #flush} makes everything
 * written so far visible to SQL reads on the transaction (a match must call it before reading).
 *
 * <p>Schema rules that depend on types only (has, plays, relates, abstract) are the caller's, checked
 * against the {@link Schema} before calling; the rules that depend on the data as a whole are checked
 * by {@link #checkWrites} (relations without players, keys), over the things written since the last
 * check. The Java heap holds nothing that grows with the data: one row per query for messages goes to a
 * TEMP table on disk.
 *
 * <p>One class of about 560 lines: the id counter, the multi-row buffers, the attribute cache and the
 * end-of-file checks all work on the same marks of what was written since the last check, and every
 * write path (insert, match-insert, match-delete) goes through them in order; split, those marks would
 * be shared mutable state across classes.
 */
public final class InstanceWriter {

    private final WriteTransaction tx;
    private final Connection c;
    private Schema schema;
    private Map<String, Integer> typeIds;
    private Map<String, Integer> roleIds;
    private Map<Integer, TypeKind> kinds;
    /** Things with ids above it were written since the last {@link #checkWrites}. */
    private long mark;
    private long nextId;

    private final RowBuffer insertThing;
    private final RowBuffer insertOwnership;
    private final RowBuffer insertRolePlayer;
    private final RowBuffer queryStarts;
    private final RowBuffer insertKeyOwnership;
    private final PreparedStatement insertAttribute;
    private final PreparedStatement findAttribute;
    /** Attribute type ids that are (subtypes of) some type's key: their ownerships are recorded for the key checks. */
    private Set<Integer> keyAttributeTypes;
    /**
     * Attributes put recently, by type and value: a put that hits needs no SQL. Bounded (least recently
     * used go first); cleared by any delete. The table stays the authority: a miss asks it.
     */
    private final Map<AttributeKey, Long> recentAttributes = new LinkedHashMap<>(1 << 12, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<AttributeKey, Long> eldest) {
            return size() > RECENT_ATTRIBUTES;
        }
    };
    private static final int RECENT_ATTRIBUTES = 1 << 16;
    /** True while the ownership_by_attribute index is dropped (a load into a keyspace without ownerships builds it once, later). */
    private boolean attributeIndexDropped;
    /**
     * Role players this writer added before it weighs dropping role_player_by_player: players come in
     * random order, so each row costs a random B-tree insert, while building the index once from
     * sorted rows costs a fraction of that per row. Worth it once the file's rows are a good part of
     * the table's.
     */
    private static final long PLAYER_INDEX_DECISION = 1 << 16;
    private long rolePlayerRows;
    /** Rows after which the index is weighed (then dropped); Long.MAX_VALUE once it was. */
    private long playerIndexThreshold = PLAYER_INDEX_DECISION;
    private boolean playerRowsCounted;
    /** True while role_player_by_player is dropped; built again before any read that could use it, and before the checks. */
    private boolean playerIndexDropped;

    private record AttributeKey(int type, Object value) { }

    /**
     * What the buffers hold that SQL cannot see yet: thing rows by type, ownership rows by attribute
     * type, role-player rows by role. A match whose reads miss all of them needs no flush first.
     */
    private final BitSet bufferedThingTypes = new BitSet();
    private final BitSet bufferedOwnedTypes = new BitSet();
    private final BitSet bufferedRoles = new BitSet();

    private long entitiesInserted;
    private long relationsInserted;
    private long attributesInserted;
    private long ownershipsAdded;
    private long rolePlayersAdded;
    private long thingsDeleted;

    InstanceWriter(WriteTransaction tx, Connection c) throws SQLException {
        this.tx = tx;
        this.c = c;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM thing")) {
            rs.next();
            mark = rs.getLong(1);
        }
        nextId = mark;
        Sqlite.exec(c, "DROP TABLE IF EXISTS temp.load_query");
        // Where each query's things begin: a culprit's id finds its query by the nearest start below it.
        Sqlite.exec(c, "CREATE TEMP TABLE load_query(first_id INTEGER PRIMARY KEY, line INTEGER NOT NULL, col INTEGER NOT NULL)");
        // The ownerships of key attribute types written since the last check, with both types: what the
        // key checks shared with the import read (as the import's resolved_ownership).
        Sqlite.exec(c, "DROP TABLE IF EXISTS temp.load_key_ownership");
        Sqlite.exec(c, "CREATE TEMP TABLE load_key_ownership(owner INTEGER NOT NULL, owner_type INTEGER NOT NULL,"
                + " attribute INTEGER NOT NULL, attribute_type INTEGER NOT NULL)");
        boolean noOwnerships;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM ownership)")) {
            rs.next();
            noOwnerships = rs.getBoolean(1);
        }
        if (noOwnerships) {
            // Rows in random attribute order cost a B-tree insert each; built once from sorted rows is far cheaper.
            Sqlite.exec(c, "DROP INDEX IF EXISTS ownership_by_attribute");
            attributeIndexDropped = true;
        }
        insertThing = new RowBuffer(c, "INSERT INTO thing(id, type)", 2);
        insertOwnership = new RowBuffer(c, "INSERT OR IGNORE INTO ownership(owner, attribute)", 2);
        insertRolePlayer = new RowBuffer(c, "INSERT OR IGNORE INTO role_player(relation, role, player)", 3);
        queryStarts = new RowBuffer(c, "INSERT OR REPLACE INTO load_query(first_id, line, col)", 3);
        insertKeyOwnership = new RowBuffer(c, "INSERT INTO load_key_ownership(owner, owner_type, attribute, attribute_type)", 4);
        insertAttribute = c.prepareStatement("INSERT OR IGNORE INTO thing(id, type, value) VALUES (?, ?, ?)");
        findAttribute = c.prepareStatement("SELECT id FROM thing WHERE type = ? AND value = ?");
        schemaChanged(tx.schema());
    }

    /** Takes in a new schema of the transaction: new types and roles got store ids. */
    void schemaChanged(Schema next) throws SQLException {
        schema = next;
        typeIds = SchemaTables.ids(c, "type");
        roleIds = SchemaTables.ids(c, "role");
        kinds = new HashMap<>();
        keyAttributeTypes = new HashSet<>();
        for (ThingType t : next.types()) {
            Integer id = typeIds.get(t.label());
            if (id != null) kinds.put(id, t.kind());
            for (String key : t.keys()) {
                for (String sub : KeyChecks.subtypesOf(next, key)) {
                    Integer k = typeIds.get(sub);
                    if (k != null) keyAttributeTypes.add(k);
                }
            }
        }
        recentAttributes.clear();
    }

    /**
     * The type label of the thing with this store id, or null when there is none (also for a thing
     * deleted in this transaction). For {@code id V12} in a query.
     */
    public String typeOf(long id) {
        try {
            flush();
            try (PreparedStatement s = c.prepareStatement("SELECT type FROM thing WHERE id = ?")) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) return null;
                    int type = rs.getInt(1);
                    for (Map.Entry<String, Integer> e : typeIds.entrySet()) if (e.getValue() == type) return e.getKey();
                    return null;
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The transaction's connection, for checks in this package of what the writer did to the file. */
    Connection connection() { return c; }

    /** The schema this writer checks against (the transaction's). */
    public Schema schema() { return schema; }

    /** Things written from here on belong to the query at this place of the file (for end-of-file messages). */
    public void queryAt(int line, int column) {
        try {
            queryStarts.add(nextId + 1, line, column);
            if (queryStarts.full()) queryStarts.flush();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private int typeId(String type, TypeKind expected) {
        Integer id = typeIds.get(type);
        if (id == null) throw new IllegalArgumentException("type not in the schema: " + type);
        TypeKind kind = kinds.get(id);
        if (kind != expected) throw new IllegalArgumentException(type + " is not an " + expected.meta() + " type");
        return id;
    }

    /** A new entity of the type; returns its store id. */
    public long newEntity(String type) {
        long id = newThing(typeId(type, TypeKind.ENTITY));
        entitiesInserted++;
        return id;
    }

    /** A new relation of the type, without players yet; returns its store id. */
    public long newRelation(String type) {
        long id = newThing(typeId(type, TypeKind.RELATION));
        relationsInserted++;
        return id;
    }

    private long newThing(int type) {
        try {
            long id = ++nextId;
            insertThing.add(id, type);
            bufferedThingTypes.set(type);
            if (insertThing.full()) insertThing.flush();
            return id;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Puts an attribute: the existing one of the type with this value, else a new one. The value is a
     * {@link String}, {@link Long} (also datetimes: epoch milliseconds), {@link Double} or {@link Boolean},
     * as the type's value type stores it. Returns its store id.
     */
    public long putAttribute(String type, Object value) {
        int t = typeId(type, TypeKind.ATTRIBUTE);
        AttributeKey key = new AttributeKey(t, value);
        Long known = recentAttributes.get(key);
        if (known != null) return known;
        long id = putAttribute(t, type, value);
        recentAttributes.put(key, id);
        return id;
    }

    private long putAttribute(int t, String type, Object value) {
        try {
            long id = nextId + 1;
            insertAttribute.setLong(1, id);
            insertAttribute.setInt(2, t);
            EmbeddedSink.bindValue(insertAttribute, 3, value);
            if (insertAttribute.executeUpdate() == 1) {
                nextId = id;
                attributesInserted++;
                return id;
            }
            findAttribute.setInt(1, t);
            EmbeddedSink.bindValue(findAttribute, 2, value);
            try (ResultSet rs = findAttribute.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("attribute neither inserted nor found: " + type + " " + value);
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * The owner owns the attribute; owning it already is fine (nothing changes). The types are the
     * owner's and the attribute's own types (the key checks need them).
     */
    public void addOwnership(long owner, String ownerType, long attribute, String attributeType) {
        try {
            Integer at = typeIds.get(attributeType);
            if (at == null) throw new IllegalArgumentException("type not in the schema: " + attributeType);
            insertOwnership.add(owner, attribute);
            bufferedOwnedTypes.set(at);
            if (insertOwnership.full()) ownershipsAdded += insertOwnership.flush();
            if (keyAttributeTypes.contains(at)) {
                Integer ot = typeIds.get(ownerType);
                if (ot == null) throw new IllegalArgumentException("type not in the schema: " + ownerType);
                insertKeyOwnership.add(owner, ot, attribute, at);
                if (insertKeyOwnership.full()) insertKeyOwnership.flush();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The player plays the role in the relation; playing it already is fine. */
    public void addRolePlayer(long relation, String role, long player) {
        Integer r = roleIds.get(role);
        if (r == null) throw new IllegalArgumentException("role not in the schema: " + role);
        try {
            insertRolePlayer.add(relation, r, player);
            bufferedRoles.set(r);
            if (++rolePlayerRows >= playerIndexThreshold) weighPlayerIndex();
            if (insertRolePlayer.full()) rolePlayersAdded += insertRolePlayer.flush();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Deletes a thing with its ownerships (both ways) and role-player edges (both ways); a relation
     * left without players goes too, as in Grakn. Returns how many things were deleted.
     */
    public long deleteThing(long id) {
        try {
            flush();
            recentAttributes.clear();
            long deleted = 0;
            List<Long> pending = new ArrayList<>();
            pending.add(id);
            while (!pending.isEmpty()) {
                long next = pending.remove(pending.size() - 1);
                List<Long> relations = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT relation FROM role_player WHERE player = ?")) {
                    s.setLong(1, next);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) relations.add(rs.getLong(1));
                    }
                }
                int n = update("DELETE FROM thing WHERE id = ?", next);
                if (n == 0) continue;
                deleted += n;
                update("DELETE FROM temp.load_key_ownership WHERE owner = ?", next);
                update("DELETE FROM temp.load_key_ownership WHERE attribute = ?", next);
                update("DELETE FROM ownership WHERE owner = ?", next);
                update("DELETE FROM ownership WHERE attribute = ?", next);
                update("DELETE FROM role_player WHERE relation = ?", next);
                update("DELETE FROM role_player WHERE player = ?", next);
                for (long r : relations) if (!hasPlayers(r)) pending.add(r);
            }
            thingsDeleted += deleted;
            return deleted;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Drops role_player_by_player once the rows this writer added are an eighth of the table (counted
     * once, when the writer first reaches {@link #PLAYER_INDEX_DECISION} rows): building it again once,
     * at the end or before a read that steps from players to relations, then costs less than the random
     * inserts would. Dropped at most once per writer.
     */
    private void weighPlayerIndex() throws SQLException {
        if (!playerRowsCounted) {
            playerRowsCounted = true;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM role_player")) {
                rs.next();
                playerIndexThreshold = Math.max(PLAYER_INDEX_DECISION, rs.getLong(1) / 8);
            }
            if (rolePlayerRows < playerIndexThreshold) return;
        }
        playerIndexThreshold = Long.MAX_VALUE;
        Sqlite.exec(c, "DROP INDEX IF EXISTS role_player_by_player");
        playerIndexDropped = true;
    }

    /** Removes an ownership; the attribute stays. Returns whether there was one. */
    public boolean deleteOwnership(long owner, long attribute) {
        try {
            flush();
            try (PreparedStatement s = c.prepareStatement("DELETE FROM temp.load_key_ownership WHERE owner = ? AND attribute = ?")) {
                s.setLong(1, owner);
                s.setLong(2, attribute);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM ownership WHERE owner = ? AND attribute = ?")) {
                s.setLong(1, owner);
                s.setLong(2, attribute);
                return s.executeUpdate() > 0;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Removes a player from a relation; a relation left without players is deleted. Returns whether there was one. */
    public boolean deleteRolePlayer(long relation, String role, long player) {
        Integer r = roleIds.get(role);
        if (r == null) throw new IllegalArgumentException("role not in the schema: " + role);
        try {
            flush();
            boolean removed;
            try (PreparedStatement s = c.prepareStatement("DELETE FROM role_player WHERE relation = ? AND role = ? AND player = ?")) {
                s.setLong(1, relation);
                s.setInt(2, r);
                s.setLong(3, player);
                removed = s.executeUpdate() > 0;
            }
            if (removed && !hasPlayers(relation)) deleteThing(relation);
            return removed;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private boolean hasPlayers(long relation) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM role_player WHERE relation = ? LIMIT 1")) {
            s.setLong(1, relation);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private int update(String sql, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            return s.executeUpdate();
        }
    }

    /**
     * A match engine over this writer's transaction that sees everything written so far: before each
     * query it asks {@link #writeBefore} to write the buffered rows that query could read.
     */
    public MatchEngine matcher(Consumer<String> warnings) {
        return tx.matcher(warnings);
    }

    /**
     * Writes the buffers when a query that reads {@code reads} could see any buffered row (and, once,
     * builds the index a load dropped, which a match wants); otherwise the rows stay buffered, as the
     * query's answers are the same with or without them.
     */
    void writeBefore(TableReads reads) {
        if (attributeIndexDropped || (playerIndexDropped && reads.readsRolePlayers()) || reads.thingsOfAny(bufferedThingTypes)
                || reads.ownershipsOfAny(bufferedOwnedTypes) || reads.rolePlayersInAny(bufferedRoles)) {
            flush();
        }
    }

    /**
     * Writes every buffered row and restores every index, so SQL on the transaction's connection sees
     * all that was written, as fast as it would see committed data. A match calls it before reading.
     */
    public void flush() {
        try {
            flushRows();
            if (attributeIndexDropped) {
                Sqlite.exec(c, Layout.OWNERSHIP_BY_ATTRIBUTE);
                attributeIndexDropped = false;
            }
            if (playerIndexDropped) {
                Sqlite.exec(c, Layout.ROLE_PLAYER_BY_PLAYER);
                playerIndexDropped = false;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Writes every buffered row (indexes may still be dropped). */
    void flushRows() throws SQLException {
        insertThing.flush();
        ownershipsAdded += insertOwnership.flush();
        rolePlayersAdded += insertRolePlayer.flush();
        insertKeyOwnership.flush();
        queryStarts.flush();
        bufferedThingTypes.clear();
        bufferedOwnedTypes.clear();
        bufferedRoles.clear();
    }

    /** What {@link #checkWrites} found: the number of violations and one line per kind of violation. */
    public record Violations(long count, List<String> messages) {
        public boolean none() { return count == 0; }
    }

    /**
     * Checks what was written since the last call (relations without players, keys missing, duplicated
     * or shared), then starts a new span of writes. Culprits are named by id ({@code V12}) and the
     * {@code line:col} of the query that wrote them.
     */
    public Violations checkWrites() {
        try {
            flush();
            List<String> messages = new ArrayList<>();
            long count = 0;
            String relationTypes = KeyChecks.idList(typeIds, labelsOf(TypeKind.RELATION));
            if (relationTypes != null) {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*), min(t.id) FROM thing t WHERE t.id > " + mark
                             + " AND t.type IN " + relationTypes
                             + " AND NOT EXISTS (SELECT 1 FROM role_player p WHERE p.relation = t.id)")) {
                    rs.next();
                    long n = rs.getLong(1);
                    if (n > 0) {
                        count += n;
                        messages.add(String.format(Locale.ROOT, "%,d relations have no role player (for example %s)", n, describe(rs.getLong(2))));
                    }
                }
            }
            count += KeyChecks.check(c, schema, typeIds, mark, null, "temp.load_key_ownership", false, this::describe, messages).violations();
            mark = nextId;
            Sqlite.exec(c, "DELETE FROM temp.load_query");
            Sqlite.exec(c, "DELETE FROM temp.load_key_ownership");
            return new Violations(count, messages);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private Set<String> labelsOf(TypeKind kind) {
        Set<String> labels = new LinkedHashSet<>();
        for (ThingType t : schema.types()) if (t.kind() == kind) labels.add(t.label());
        return labels;
    }

    /** {@code V12, inserted by the query at 3:1} (or just the id for a thing written before). */
    private String describe(long id) throws SQLException {
        String name = ThingId.of(id);
        if (id <= mark) return name;
        try (PreparedStatement s = c.prepareStatement("SELECT line, col FROM load_query WHERE first_id <= ? ORDER BY first_id DESC LIMIT 1")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? name + ", inserted by the query at " + rs.getLong(1) + ":" + rs.getLong(2) : name;
            }
        }
    }

    /** Entities and relations made, attributes newly made (reused ones not counted), since the writer began. */
    public long thingsInserted() { return entitiesInserted + relationsInserted + attributesInserted; }

    public long entitiesInserted() { return entitiesInserted; }

    public long relationsInserted() { return relationsInserted; }

    public long attributesInserted() { return attributesInserted; }

    /** Ownerships that did not exist before (flushed rows only; call {@link #flush} first for an exact count). */
    public long ownershipsAdded() { return ownershipsAdded; }

    /** Role players that did not exist before (flushed rows only, see {@link #ownershipsAdded}). */
    public long rolePlayersAdded() { return rolePlayersAdded; }

    public long thingsDeleted() { return thingsDeleted; }

    void close() {
        for (RowBuffer b : new RowBuffer[] {insertThing, insertOwnership, insertRolePlayer, insertKeyOwnership, queryStarts}) b.close();
        for (PreparedStatement s : new PreparedStatement[] {insertAttribute, findAttribute}) {
            try {
                s.close();
            } catch (SQLException ignored) {
                // closing
            }
        }
    }

    void dropTemporaryTables() throws SQLException {
        close();
        Sqlite.exec(c, "DROP TABLE IF EXISTS temp.load_query");
        Sqlite.exec(c, "DROP TABLE IF EXISTS temp.load_key_ownership");
    }

    private MigrationException failure(SQLException e) {
        return Sqlite.failure(tx.keyspace(), tx.file(), "loading into", e);
    }
}
