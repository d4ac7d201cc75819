package io.graknmigrate.migrate;

/**
 * A failure of a keyspace operation that the user can act on. The message is one full sentence:
 * what went wrong, where, and what to do. Subclasses let a server map failures to status codes.
 */
public class MigrationException extends RuntimeException {
    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
