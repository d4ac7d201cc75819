package io.graknmigrate.store;

import io.graknmigrate.keyspace.ThingId;
import io.graknmigrate.keyspace.KeyspaceInfo;
import io.graknmigrate.match.MatchEngine;
import io.graknmigrate.match.PendingWrites;
import io.graknmigrate.migrate.KeyspaceSource;
import io.graknmigrate.migrate.StoredThing;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.SchemaPrinter;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.ValueType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * One read transaction on a keyspace file: everything read through it comes from the same committed
 * state, whatever writers do meanwhile (WAL snapshot isolation).
 */
public final class ReadSnapshot implements KeyspaceSource {

    private final String keyspace;
    private final Path file;
    private final Connection c;
    /** Every connection of the snapshot, {@code c} first; all of them read the same committed state. */
    private final Connection[] readers;
    private Schema schema;
    private Map<Integer, String> typeLabels;
    private Map<Integer, String> roleLabels;
    private long maxThingId = -1;
    /** The file's pages, when the export reads the things from them ({@link KeyspaceStore#readForExport}). */
    private ThingPages pages;
    private String sqlBecause;
    /** Per type id (and role id), for the page reader: arrays, as the ids are the type table's few small ones. */
    private TypeKind[] kindById;
    private String[] typeById;
    private ValueType[] valueTypeById;
    private String[] roleById;
    /** The largest type or role id the page reader indexes by array. */
    static final int MAX_ARRAY_ID = 1 << 20;

    /** Thing ids per slice: large enough that a slice's statements cost nothing beside its rows. */
    static final long SLICE_IDS = 1 << 16;

    ReadSnapshot(String keyspace, Path file, Connection c) {
        this(keyspace, file, new Connection[] {c});
    }

    ReadSnapshot(String keyspace, Path file, Connection[] readers) {
        this.keyspace = keyspace;
        this.file = file;
        this.c = readers[0];
        this.readers = readers.clone();
    }

    @Override
    public String keyspace() { return keyspace; }

    /** Whether the things are read straight from the file's pages rather than through SQL. */
    public boolean readsPages() { return pages != null; }

    /** Why an export snapshot reads through SQL rather than the file's pages (null: it reads pages, or was not asked to). */
    public String sqlBecause() { return sqlBecause; }

    void sqlBecause(String because) { this.sqlBecause = because; }

    /**
     * Reads the things from the file's pages from now on; the caller has made sure the file holds
     * exactly this snapshot's state. Returns why not when the file or the types are not what the page
     * reader reads (the snapshot then stays on SQL).
     */
    synchronized String attachPages(Path f) {
        loadIds();
        int maxType = typeLabels.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        int maxRole = roleLabels.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        int minId = Math.min(typeLabels.keySet().stream().mapToInt(Integer::intValue).min().orElse(0),
                roleLabels.keySet().stream().mapToInt(Integer::intValue).min().orElse(0));
        if (maxType >= MAX_ARRAY_ID || maxRole >= MAX_ARRAY_ID || minId < 0) return "type ids beyond 0.." + MAX_ARRAY_ID;
        TypeKind[] kinds = new TypeKind[maxType + 1];
        String[] types = new String[maxType + 1];
        ValueType[] valueTypes = new ValueType[maxType + 1];
        Schema s = schema();
        for (Map.Entry<Integer, String> e : typeLabels.entrySet()) {
            var t = s.type(e.getValue());
            // the kinds the SQL reader's "type IN" lists hold: non-abstract types of the schema
            if (t.isPresent() && !t.get().isAbstract()) {
                kinds[e.getKey()] = t.get().kind();
                types[e.getKey()] = e.getValue();
                if (t.get().kind() == TypeKind.ATTRIBUTE) valueTypes[e.getKey()] = s.valueType(e.getValue());
            }
        }
        String[] roles = new String[maxRole + 1];
        roleLabels.forEach((id, label) -> roles[id] = label);
        try {
            pages = ThingPages.open(keyspace, f);
        } catch (IOException | RuntimeException e) {
            return "the file is not what the page reader reads (" + e.getMessage() + ")";
        }
        kindById = kinds;
        typeById = types;
        valueTypeById = valueTypes;
        roleById = roles;
        return null;
    }

    public String schemaText() {
        try {
            String t = SchemaTables.text(c);
            return t == null ? SchemaPrinter.print(new Schema()) : t;
        } catch (SQLException e) {
            throw Sqlite.failure(keyspace, file, "reading", e);
        }
    }

    @Override
    public synchronized Schema schema() {
        if (schema == null) {
            try {
                schema = SchemaTables.load(c, keyspace);
            } catch (SQLException e) {
                throw Sqlite.failure(keyspace, file, "reading", e);
            }
        }
        return schema;
    }

    private synchronized void loadIds() {
        if (typeLabels != null) return;
        try {
            typeLabels = invert(SchemaTables.ids(c, "type"));
            roleLabels = invert(SchemaTables.ids(c, "role"));
        } catch (SQLException e) {
            throw Sqlite.failure(keyspace, file, "reading", e);
        }
    }

    private static Map<Integer, String> invert(Map<String, Integer> ids) {
        Map<Integer, String> m = new HashMap<>();
        ids.forEach((k, v) -> m.put(v, k));
        return m;
    }

    /** Type ids of the kind's non-abstract types, as an SQL list, or null when there are none. */
    private synchronized String typeIdList(TypeKind kind) {
        loadIds();
        StringJoiner j = new StringJoiner(",", "(", ")");
        int n = 0;
        for (Map.Entry<Integer, String> e : typeLabels.entrySet()) {
            var t = schema().type(e.getValue());
            if (t.isPresent() && t.get().kind() == kind && !t.get().isAbstract()) {
                j.add(Integer.toString(e.getKey()));
                n++;
            }
        }
        return n == 0 ? null : j.toString();
    }

    @Override
    public long count(TypeKind kind) {
        String ids = typeIdList(kind);
        if (ids == null) return 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM thing WHERE type IN " + ids)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw Sqlite.failure(keyspace, file, "reading", e);
        }
    }

    /** One scan of the thing table instead of one per kind. */
    @Override
    public long countThings() {
        loadIds();
        if (pages != null) return pages.count(kindById);
        StringJoiner j = new StringJoiner(",", "(", ")");
        int n = 0;
        for (Map.Entry<Integer, String> e : typeLabels.entrySet()) {
            var t = schema().type(e.getValue());
            if (t.isPresent() && !t.get().isAbstract()) {
                j.add(Integer.toString(e.getKey()));
                n++;
            }
        }
        if (n == 0) return 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM thing WHERE type IN " + j)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw Sqlite.failure(keyspace, file, "reading", e);
        }
    }

    public KeyspaceInfo info() {
        long size = 0;
        for (String suffix : new String[] {"", "-wal"}) {
            try {
                Path p = Path.of(file + suffix);
                if (Files.exists(p)) size += Files.size(p);
            } catch (IOException ignored) {
                // size is informative only
            }
        }
        return new KeyspaceInfo(keyspace, count(TypeKind.ENTITY), count(TypeKind.ATTRIBUTE), count(TypeKind.RELATION), size);
    }

    @Override
    public int readers() { return readers.length; }

    @Override
    public synchronized long slices(TypeKind kind) {
        if (typeIdList(kind) == null) return 0;
        if (pages != null) return pages.ranges();
        if (maxThingId < 0) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM thing")) {
                rs.next();
                maxThingId = rs.getLong(1);
            } catch (SQLException e) {
                throw Sqlite.failure(keyspace, file, "reading", e);
            }
        }
        return Math.max(1, (maxThingId + SLICE_IDS - 1) / SLICE_IDS);
    }

    /**
     * Streams things of a kind in id order, slice after slice, on the first connection. The ids are the
     * store's row ids; {@link ThingId} spells them as Grakn writes concept ids, so an export looks like Grakn's.
     */
    @Override
    public void forEach(TypeKind kind, Consumer<StoredThing> action) {
        long n = slices(kind);
        for (long slice = 0; slice < n; slice++) forEachInSlice(0, kind, slice, action);
    }

    /**
     * Streams the things of a kind whose ids fall in the slice's range, in id order, merging the
     * ownership and role-player tables (both sorted by their owner/relation id) alongside, so memory
     * stays constant whatever the keyspace's size. The last slice is open-ended. The things are read
     * from the file's pages when the snapshot has them ({@link #readsPages()}), through SQL otherwise;
     * either way one {@link StoredThing} is refilled for each.
     */
    @Override
    public void forEachInSlice(int reader, TypeKind kind, long slice, Consumer<StoredThing> action) {
        String ids = typeIdList(kind);
        if (ids == null) return;
        long count = slices(kind);
        if (slice < 0 || slice >= count) throw new IllegalArgumentException("no slice " + slice + " of " + count);
        if (pages != null) {
            pages.forEachInRange(reader, (int) slice, kind, kindById, typeById, valueTypeById, roleById, this::valueOf, action);
            return;
        }
        long from = slice * SLICE_IDS;
        long to = slice == count - 1 ? Long.MAX_VALUE : from + SLICE_IDS;
        Connection rc = readers[reader];
        Schema s = schema();
        Map<Integer, String> types = typeLabels;
        Map<Integer, String> roles = roleLabels;
        // One cursor: each thing of the kind in the slice (id order, no sort) joined with its ownerships
        // by one primary-key range seek, a row per ownership (or one row with a NULL attribute), and a
        // second cursor over the slice's role players, merged alongside. (Aggregating a thing's
        // ownerships with group_concat halves the JDBC calls, but the correlated sub-query per thing
        // doubles SQLite's own time, and the export as a whole did not get cheaper.)
        try (PreparedStatement things = rc.prepareStatement("SELECT t.id, t.type, t.value, o.attribute FROM thing t"
                + " LEFT JOIN ownership o ON o.owner = t.id WHERE t.id >= ? AND t.id < ? AND t.type IN " + ids
                + " ORDER BY t.id, o.attribute");
             PreparedStatement players = rc.prepareStatement(kind == TypeKind.RELATION
                     ? "SELECT relation, role, player FROM role_player WHERE relation >= ? AND relation < ?"
                       + " ORDER BY relation, role, player"
                     : "SELECT relation, role, player FROM role_player WHERE 0 AND ? AND ?")) {
            things.setLong(1, from);
            things.setLong(2, to);
            players.setLong(1, from);
            players.setLong(2, to);
            try (ResultSet t = things.executeQuery(); ResultSet p = players.executeQuery()) {
                boolean tMore = t.next();
                boolean pMore = p.next();
                Map<Integer, ValueType> valueTypes = new HashMap<>();
                StoredThing thing = new StoredThing();
                while (tMore) {
                    long id = t.getLong(1);
                    int typeId = t.getInt(2);
                    String type = types.get(typeId);
                    Object value = null;
                    if (kind == TypeKind.ATTRIBUTE) {
                        ValueType vt = valueTypes.computeIfAbsent(typeId, k -> s.valueType(type));
                        value = readValue(t, 3, vt);
                    }
                    thing.reset(id, type, value);
                    do {
                        // thing ids start at 1, so 0 is the NULL of a thing without ownerships
                        long attribute = t.getLong(4);
                        if (attribute != 0) thing.addOwned(attribute);
                        tMore = t.next();
                    } while (tMore && t.getLong(1) == id);
                    if (kind == TypeKind.RELATION) {
                        while (pMore && p.getLong(1) < id) pMore = p.next();
                        while (pMore && p.getLong(1) == id) {
                            thing.addPlayer(roles.get(p.getInt(2)), p.getLong(3));
                            pMore = p.next();
                        }
                    }
                    action.accept(thing);
                }
            }
        } catch (SQLException e) {
            throw Sqlite.failure(keyspace, file, "reading", e);
        }
    }

    /** One thing's value read through SQL on the reader's connection, converted as {@link #forEachInSlice} converts it. */
    private Object valueOf(int reader, long id, ValueType type) {
        try (PreparedStatement st = readers[reader].prepareStatement("SELECT value FROM thing WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("thing " + id + " is in the file's pages but not in the snapshot");
                return readValue(rs, 1, type);
            }
        } catch (SQLException e) {
            throw Sqlite.failure(keyspace, file, "reading", e);
        }
    }

    /**
     * A match engine over this snapshot (its answers all come from this snapshot); close it before the
     * snapshot. The warnings consumer receives the no-reasoner warning.
     */
    public MatchEngine matcher(Consumer<String> warnings) {
        try {
            return new MatchEngine(c, schema(), SchemaTables.ids(c, "type"), SchemaTables.ids(c, "role"), warnings, PendingWrites.NONE);
        } catch (SQLException e) {
            throw Sqlite.failure(keyspace, file, "reading", e);
        }
    }

    static Object readValue(ResultSet rs, int col, ValueType vt) throws SQLException {
        if (vt == null) return rs.getObject(col);
        return switch (vt) {
            case STRING -> rs.getString(col);
            case LONG, DATETIME -> rs.getLong(col);
            case DOUBLE -> rs.getDouble(col);
            case BOOLEAN -> rs.getLong(col) != 0;
        };
    }

    @Override
    public void close() {
        if (pages != null) pages.close();
        for (Connection r : readers) {
            try {
                Sqlite.exec(r, "ROLLBACK");
            } catch (SQLException ignored) {
                // read-only: nothing to undo
            }
            KeyspaceStore.closeQuietly(r);
        }
    }
}
