package io.graknmigrate.store;

import io.graknmigrate.migrate.MigrationException;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** The tables of a keyspace file. docs/storage.md describes them for people who open it with sqlite3. */
final class Layout {

    static final int VERSION = 1;

    /** Key checks look up who owns an attribute; an import into an empty keyspace builds it at the end. */
    static final String OWNERSHIP_BY_ATTRIBUTE = "CREATE INDEX IF NOT EXISTS ownership_by_attribute ON ownership(attribute, owner)";

    /** Role players by player: a relation pattern reached from a player (a lookup by key, then its relations). */
    static final String ROLE_PLAYER_BY_PLAYER = "CREATE INDEX IF NOT EXISTS role_player_by_player ON role_player(player)";

    /**
     * Entities and relations by type ({@code isa T} without scanning every thing); attributes are
     * reached by type through thing_attribute_value.
     */
    static final String THING_BY_TYPE = "CREATE INDEX IF NOT EXISTS thing_by_type ON thing(type) WHERE value IS NULL";

    /**
     * One attribute per (type, value): Grakn's attribute reuse. An import into an empty keyspace from a
     * file with {@code V<digits>} ids builds it after the load ({@link DirectIds}).
     */
    static final String THING_ATTRIBUTE_VALUE = "CREATE UNIQUE INDEX IF NOT EXISTS thing_attribute_value ON thing(type, value) WHERE value IS NOT NULL";

    /** The indexes an import into an empty keyspace drops at its start and builds once at its end. */
    static final String[] BULK_INDEXES = {THING_ATTRIBUTE_VALUE, OWNERSHIP_BY_ATTRIBUTE, ROLE_PLAYER_BY_PLAYER, THING_BY_TYPE};

    // value has no declared type on purpose: no affinity, so '007' stays text and 7 stays an integer.
    static final String THING = "CREATE TABLE IF NOT EXISTS thing(id INTEGER PRIMARY KEY, type INTEGER NOT NULL, value)";

    static final String OWNERSHIP = "CREATE TABLE IF NOT EXISTS ownership(owner INTEGER NOT NULL, attribute INTEGER NOT NULL,"
            + " PRIMARY KEY(owner, attribute)) WITHOUT ROWID";

    static final String ROLE_PLAYER = "CREATE TABLE IF NOT EXISTS role_player(relation INTEGER NOT NULL, role INTEGER NOT NULL,"
            + " player INTEGER NOT NULL, PRIMARY KEY(relation, role, player)) WITHOUT ROWID";

    /** The statement as sqlite_schema keeps it: SQLite drops the IF NOT EXISTS clause. */
    static String storedSql(String ddl) {
        return ddl.replace("IF NOT EXISTS ", "");
    }

    private Layout() { }

    private static final String[] DDL = {
        "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
        // The schema as one canonical Graql define query: the source of truth, re-parsed on open.
        "CREATE TABLE IF NOT EXISTS schema_define(id INTEGER PRIMARY KEY CHECK (id = 1), define TEXT NOT NULL)",
        // The same schema as rows, for people and for the integer type ids things refer to.
        "CREATE TABLE IF NOT EXISTS type(id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,"
                + " supertype TEXT NOT NULL, abstract INTEGER NOT NULL, value_type TEXT, regex TEXT)",
        "CREATE TABLE IF NOT EXISTS role(id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE, supertype TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS type_owns(type TEXT NOT NULL, attribute_type TEXT NOT NULL, is_key INTEGER NOT NULL,"
                + " PRIMARY KEY(type, attribute_type)) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS type_plays(type TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY(type, role)) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS type_relates(type TEXT NOT NULL, role TEXT NOT NULL, overrides TEXT,"
                + " PRIMARY KEY(type, role)) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS rule(label TEXT PRIMARY KEY) WITHOUT ROWID",
        THING,
        THING_ATTRIBUTE_VALUE,
        OWNERSHIP,
        OWNERSHIP_BY_ATTRIBUTE,
        ROLE_PLAYER,
        ROLE_PLAYER_BY_PLAYER,
        THING_BY_TYPE,
    };

    /**
     * Refuses a keyspace file written with a newer layout than this version knows: reading it could
     * misread data, and writing it could corrupt it.
     */
    static void checkVersion(Connection c, String keyspace) throws SQLException {
        String version;
        try (var s = c.prepareStatement("SELECT value FROM meta WHERE key = 'layout_version'"); var rs = s.executeQuery()) {
            if (!rs.next()) return;
            version = rs.getString(1);
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such table")) return; // not created yet
            throw e;
        }
        int v;
        try {
            v = Integer.parseInt(version.trim());
        } catch (NumberFormatException e) {
            v = Integer.MAX_VALUE;
        }
        if (v > VERSION) {
            throw new MigrationException("keyspace " + keyspace + " has storage layout " + version
                    + ", but this grakn-migrate reads layout " + VERSION + " only, use the grakn-migrate version that wrote it (or a newer one)");
        }
    }

    /** Creates the tables when missing; runs inside the writer's transaction. True when this call created the keyspace. */
    static boolean create(Connection c, String keyspace) throws SQLException {
        for (String sql : DDL) Sqlite.exec(c, sql);
        try (var s = c.prepareStatement("INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)")) {
            s.setString(1, "layout_version");
            s.setString(2, Integer.toString(VERSION));
            s.executeUpdate();
            s.setString(1, "keyspace");
            s.setString(2, keyspace);
            boolean created = s.executeUpdate() == 1;
            s.setString(1, "created");
            s.setString(2, Instant.now().toString());
            s.executeUpdate();
            return created;
        }
    }
}
