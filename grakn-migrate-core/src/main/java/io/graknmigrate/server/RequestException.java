package io.graknmigrate.server;

/**
 * A request the server refuses (a bad path, name or remap): the client can act on it. The message
 * is a full sentence for the user at the other end of the connection.
 */
public class RequestException extends RuntimeException {

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

    public RequestException(Reason reason, String message) {
        this(reason, message, null);
    }

    public RequestException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
