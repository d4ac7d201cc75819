package io.graknmigrate.keyspace;

import io.graknmigrate.migrate.MigrationException;

/**
 * The named keyspace does not exist (a server maps this to NOT_FOUND). The message says so and where;
 * how to create one is the front end's to say.
 */
public final class KeyspaceNotFoundException extends MigrationException {
    private final String keyspace;

    public KeyspaceNotFoundException(String keyspace, String where) {
        super("keyspace " + keyspace + " not found in " + where);
        this.keyspace = keyspace;
    }

    public String keyspace() { return keyspace; }
}
