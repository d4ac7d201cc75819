package io.graknmigrate.keyspace;

import io.graknmigrate.migrate.MigrationException;

/** Another writer holds the keyspace (a server maps this to UNAVAILABLE / ABORTED). */
public final class KeyspaceBusyException extends MigrationException {
    public KeyspaceBusyException(String keyspace) {
        super("keyspace " + keyspace + " is busy (another import or define is running), wait for it to finish");
    }
}
