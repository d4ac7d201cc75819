package io.graknmigrate.store;

import io.graknmigrate.migrate.KeyspaceSource;
import io.graknmigrate.migrate.StoredThing;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.ValueType;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * The plainest reading of a keyspace file, for comparing the export's reader against: one JDBC row
 * per thing and ownership, one per role player, every column read through its ResultSet getter, all
 * in one pass per kind. Its schema and counts are those of a real snapshot of the same file (which
 * must not change while both are open).
 */
final class RowByRowSource implements KeyspaceSource {

    private final ReadSnapshot snapshot;
    private final Connection c;
    private final Map<Integer, String> types = new HashMap<>();
    private final Map<Integer, String> roles = new HashMap<>();

    RowByRowSource(ReadSnapshot snapshot, Path file) throws SQLException {
        this.snapshot = snapshot;
        this.c = Sqlite.open(file, false);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, label FROM type")) {
            while (rs.next()) types.put(rs.getInt(1), rs.getString(2));
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, label FROM role")) {
            while (rs.next()) roles.put(rs.getInt(1), rs.getString(2));
        }
    }

    @Override public String keyspace() { return snapshot.keyspace(); }

    @Override public Schema schema() { return snapshot.schema(); }

    @Override public long count(TypeKind kind) { return snapshot.count(kind); }

    @Override
    public void forEach(TypeKind kind, Consumer<StoredThing> action) {
        StringJoiner ids = new StringJoiner(",", "(", ")");
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM type WHERE kind = ? AND abstract = 0")) {
            s.setString(1, kind.name().toLowerCase(Locale.ROOT));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) ids.add(Integer.toString(rs.getInt(1)));
            }
            if (ids.length() == 2) return;
            try (Statement t = c.createStatement();
                 ResultSet things = t.executeQuery("SELECT t.id, t.type, t.value, o.attribute FROM thing t LEFT JOIN ownership o"
                         + " ON o.owner = t.id WHERE t.type IN " + ids + " ORDER BY t.id, o.attribute");
                 Statement p = c.createStatement();
                 ResultSet players = p.executeQuery("SELECT relation, role, player FROM role_player ORDER BY relation, role, player")) {
                boolean more = things.next();
                boolean morePlayers = players.next();
                Schema schema = schema();
                while (more) {
                    long id = things.getLong(1);
                    String type = types.get(things.getInt(2));
                    Object value = null;
                    if (kind == TypeKind.ATTRIBUTE) {
                        ValueType vt = schema.valueType(type);
                        value = ReadSnapshot.readValue(things, 3, vt);
                    }
                    // a new thing each time: nothing carries over from the thing before
                    StoredThing thing = new StoredThing();
                    thing.reset(id, type, value);
                    do {
                        things.getLong(4);
                        if (!things.wasNull()) thing.addOwned(things.getLong(4));
                        more = things.next();
                    } while (more && things.getLong(1) == id);
                    if (kind == TypeKind.RELATION) {
                        while (morePlayers && players.getLong(1) < id) morePlayers = players.next();
                        while (morePlayers && players.getLong(1) == id) {
                            thing.addPlayer(roles.get(players.getInt(2)), players.getLong(3));
                            morePlayers = players.next();
                        }
                    }
                    action.accept(thing);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        KeyspaceStore.closeQuietly(c);
    }
}
