package io.graknmigrate.server;

/**
 * A failure of a migration job that the client can act on. The message is a full sentence for
 * the user at the other end of the connection.
 */
public class MigrationException extends RuntimeException {

    public enum Reason {
        /** The keyspace does not exist. */
        KEYSPACE_NOT_FOUND,
        /** The file, the remap or the data does not fit: bad input. */
        INVALID_INPUT,
        /** The keyspace is in use by another writer. */
        BUSY,
        /** A path outside the directory the server may touch. */
        PERMISSION_DENIED
    }

    private final Reason reason;

    public MigrationException(Reason reason, String message) {
        this(reason, message, null);
    }

    public MigrationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
