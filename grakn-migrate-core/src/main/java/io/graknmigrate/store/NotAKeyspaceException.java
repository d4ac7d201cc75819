package io.graknmigrate.store;

import io.graknmigrate.migrate.MigrationException;

import java.nio.file.Path;

/** A file under a keyspace's name is an SQLite database of another program: refused, never changed. */
final class NotAKeyspaceException extends MigrationException {
    NotAKeyspaceException(Path file) {
        super(file + " is not a grakn-migrate keyspace (an SQLite database of another program),"
                + " move it away or use another keyspace name");
    }
}
