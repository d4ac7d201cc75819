package io.graknmigrate.keyspace;

import io.graknmigrate.migrate.MigrationException;

/** The named keyspace does not exist (a server maps this to NOT_FOUND). */
public final class KeyspaceNotFoundException extends MigrationException {
    private final String keyspace;

    public KeyspaceNotFoundException(String keyspace, String where) {
        super("keyspace " + keyspace + " not found in " + where
                + ", create it with `grakn-migrate define " + keyspace + " SCHEMA.gql` (or import with --schema SCHEMA.gql),"
                + " or check the name with `grakn-migrate keyspaces`");
        this.keyspace = keyspace;
    }

    public String keyspace() { return keyspace; }
}
