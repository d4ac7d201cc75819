package io.graknmigrate.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The import's scratch tables: TEMP tables of the importing connection, on disk, so nothing that grows
 * with the file lives in a Java collection. {@code import_id} maps each original id's key
 * ({@link ImportIdKeys}) to the store id and type it got; {@code import_text} holds the keys of ids
 * that are not numeric; {@code import_ownership} and {@code import_role_player} hold every reference
 * by original key until the end, when they become {@code resolved_ownership} and
 * {@code resolved_role_player}, by store id, for the rule checks and the final inserts;
 * {@code import_merged} lists the attributes merged into another copy ({@link AttributeCopies}).
 */
final class ImportTables {

    /** Every scratch table, in the order they are dropped. */
    private static final String[] NAMES = {"import_id", "import_text", "import_ownership", "import_role_player",
        "resolved_ownership", "resolved_role_player", "import_merged"};

    static final int TEMP_CACHE_KIB = 128 * 1024;
    static final int MAIN_CACHE_KIB = 128 * 1024;

    private ImportTables() { }

    /** Drops what an earlier import on this connection left, then creates the tables the import writes. */
    static void create(Connection c) throws SQLException {
        // Fixed page caches outside the Java heap, for the import's connection only (it ends with the
        // import): the id map and pending references (temp) and the keyspace's B-trees (main) are
        // written in random order, and every page kept in memory is one not re-read from the file.
        Sqlite.exec(c, "PRAGMA temp.cache_size = -" + TEMP_CACHE_KIB);
        Sqlite.exec(c, "PRAGMA main.cache_size = -" + MAIN_CACHE_KIB);
        drop(c);
        Sqlite.exec(c, "CREATE TEMP TABLE import_id(key INTEGER PRIMARY KEY, id INTEGER NOT NULL, type INTEGER NOT NULL)");
        Sqlite.exec(c, "CREATE TEMP TABLE import_text(key INTEGER PRIMARY KEY, original TEXT NOT NULL UNIQUE)");
        // The owner is known by store id when it is the entity or relation being put (the common case);
        // attribute owners may turn out to be existing attributes, so they go by original key.
        Sqlite.exec(c, "CREATE TEMP TABLE import_ownership(owner INTEGER, owner_type INTEGER, owner_key INTEGER, attribute INTEGER NOT NULL)");
        Sqlite.exec(c, "CREATE TEMP TABLE import_role_player(relation INTEGER NOT NULL, relation_type INTEGER NOT NULL,"
                + " role INTEGER NOT NULL, player INTEGER NOT NULL)");
    }

    /** The index of an appended id map: every lookup by key reads the store id and type from it. */
    static final String ID_MAP_INDEX = "CREATE INDEX temp.import_id_by_key ON import_id(key, id, type)";

    /**
     * Replaces the id map with one that rows are appended to, without a key: for keys in random order
     * (hashes), indexed by {@link #ID_MAP_INDEX} once everything is in.
     */
    static void createAppendedIdMap(Connection c) throws SQLException {
        Sqlite.exec(c, "DROP TABLE temp.import_id");
        Sqlite.exec(c, "CREATE TEMP TABLE import_id(key INTEGER NOT NULL, id INTEGER NOT NULL, type INTEGER NOT NULL)");
    }

    /** Drops every scratch table that exists. */
    static void drop(Connection c) throws SQLException {
        for (String t : NAMES) Sqlite.exec(c, "DROP TABLE IF EXISTS temp." + t);
    }
}
