package io.graknmigrate.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The import's scratch tables: TEMP tables of the importing connection, on disk, so nothing that grows
 * with the file lives in a Java collection. {@code import_id} maps each original id's key
 * ({@link ImportIdKeys}) to the store id and type it got; {@code import_text} holds the keys of ids
 * that are not numeric; {@code import_ownership} and {@code import_role_player} hold every reference
 * by original key until the end, when they become {@code resolved_ownership} and
 * {@code resolved_role_player}, by store id, for the rule checks and the final inserts.
 */
final class ImportTables {

    /** Every scratch table, in the order they are dropped. */
    private static final String[] NAMES = {"import_id", "import_text", "import_ownership", "import_role_player",
        "resolved_ownership", "resolved_role_player"};

    private ImportTables() { }

    /** Drops what an earlier import on this connection left, then creates the tables the import writes. */
    static void create(Connection c) throws SQLException {
        Sqlite.exec(c, "PRAGMA temp.cache_size = -65536");
        drop(c);
        Sqlite.exec(c, "CREATE TEMP TABLE import_id(key INTEGER PRIMARY KEY, id INTEGER NOT NULL, type INTEGER NOT NULL)");
        Sqlite.exec(c, "CREATE TEMP TABLE import_text(key INTEGER PRIMARY KEY, original TEXT NOT NULL UNIQUE)");
        // The owner is known by store id when it is the entity or relation being put (the common case);
        // attribute owners may turn out to be existing attributes, so they go by original key.
        Sqlite.exec(c, "CREATE TEMP TABLE import_ownership(owner INTEGER, owner_type INTEGER, owner_key INTEGER, attribute INTEGER NOT NULL)");
        Sqlite.exec(c, "CREATE TEMP TABLE import_role_player(relation INTEGER NOT NULL, relation_type INTEGER NOT NULL,"
                + " role INTEGER NOT NULL, player INTEGER NOT NULL)");
    }

    /** Drops every scratch table that exists. */
    static void drop(Connection c) throws SQLException {
        for (String t : NAMES) Sqlite.exec(c, "DROP TABLE IF EXISTS temp." + t);
    }
}
