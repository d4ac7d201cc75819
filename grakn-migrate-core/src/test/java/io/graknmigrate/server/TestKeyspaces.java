package io.graknmigrate.server;

import io.graknmigrate.format.proto.Item;

import java.nio.file.Path;
import java.util.List;

/** Keyspaces for server tests: a backend to serve, and ways to fill and read it. */
interface TestKeyspaces {

    Path dataDir();

    MigrationBackend backend();

    /** Defines the keyspace with a Graql schema and imports the things (entities, attributes, relations). */
    void create(String keyspace, String schema, List<Item> things) throws Exception;

    /** The keyspace's things as an export gives them. */
    List<Item> things(String keyspace) throws Exception;
}
