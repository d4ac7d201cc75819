package io.graknmigrate.store;

import io.graknmigrate.keyspace.ThingId;
import io.graknmigrate.keyspace.KeyspaceInfo;
import io.graknmigrate.match.MatchEngine;
import io.graknmigrate.match.PendingWrites;
import io.graknmigrate.migrate.KeyspaceSource;
import io.graknmigrate.migrate.ThingRecord;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    private Schema schema;
    private Map<Integer, String> typeLabels;
    private Map<Integer, String> roleLabels;

    ReadSnapshot(String keyspace, Path file, Connection c) {
        this.keyspace = keyspace;
        this.file = file;
        this.c = c;
    }

    @Override
    public String keyspace() { return keyspace; }

    public String schemaText() {
        try {
            String t = SchemaTables.text(c);
            return t == null ? SchemaPrinter.print(new Schema()) : t;
        } catch (SQLException e) {
            throw Sqlite.failure(keyspace, file, "reading", e);
        }
    }

    @Override
    public Schema schema() {
        if (schema == null) {
            try {
                schema = SchemaTables.load(c, keyspace);
            } catch (SQLException e) {
                throw Sqlite.failure(keyspace, file, "reading", e);
            }
        }
        return schema;
    }

    private void loadIds() {
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
    private String typeIdList(TypeKind kind) {
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

    /**
     * Streams things of a kind in id order, merging the ownership and role-player tables (both sorted by
     * their owner/relation id) alongside, so memory stays constant whatever the keyspace's size. Ids
     * are written as Grakn writes concept ids ({@code V} and the store id), so an export looks like Grakn's.
     */
    @Override
    public void forEach(TypeKind kind, Consumer<ThingRecord> action) {
        String ids = typeIdList(kind);
        if (ids == null) return;
        Schema s = schema();
        // One cursor: each thing of the kind (id order, no sort) joined with its ownerships by one
        // primary-key range seek, a row per ownership (or one row with a NULL attribute): about five
        // times cheaper than scanning all ownerships once per kind and looking up each owner's type.
        try (PreparedStatement things = c.prepareStatement("SELECT t.id, t.type, t.value, o.attribute FROM thing t"
                + " LEFT JOIN ownership o ON o.owner = t.id WHERE t.type IN " + ids + " ORDER BY t.id, o.attribute");
             PreparedStatement players = c.prepareStatement(kind == TypeKind.RELATION
                     ? "SELECT relation, role, player FROM role_player ORDER BY relation, role, player"
                     : "SELECT relation, role, player FROM role_player WHERE 0");
             ResultSet t = things.executeQuery();
             ResultSet p = players.executeQuery()) {
            boolean tMore = t.next();
            boolean pMore = p.next();
            Map<Integer, ValueType> valueTypes = new HashMap<>();
            while (tMore) {
                long id = t.getLong(1);
                int typeId = t.getInt(2);
                String type = typeLabels.get(typeId);
                Object value = null;
                if (kind == TypeKind.ATTRIBUTE) {
                    ValueType vt = valueTypes.computeIfAbsent(typeId, k -> s.valueType(type));
                    value = readValue(t, 3, vt);
                }
                List<String> owned = new ArrayList<>();
                do {
                    // thing ids start at 1, so 0 is the NULL of a thing without ownerships
                    long attribute = t.getLong(4);
                    if (attribute != 0) owned.add(ThingId.of(attribute));
                    tMore = t.next();
                } while (tMore && t.getLong(1) == id);
                List<ThingRecord.RolePlayer> rp = List.of();
                if (kind == TypeKind.RELATION) {
                    rp = new ArrayList<>();
                    while (pMore && p.getLong(1) < id) pMore = p.next();
                    while (pMore && p.getLong(1) == id) {
                        rp.add(new ThingRecord.RolePlayer(roleLabels.get(p.getInt(2)), ThingId.of(p.getLong(3))));
                        pMore = p.next();
                    }
                }
                action.accept(new ThingRecord(ThingId.of(id), type, value, owned, rp));
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
        try {
            Sqlite.exec(c, "ROLLBACK");
        } catch (SQLException ignored) {
            // read-only: nothing to undo
        }
        KeyspaceStore.closeQuietly(c);
    }
}
