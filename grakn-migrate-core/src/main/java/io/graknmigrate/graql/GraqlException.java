package io.graknmigrate.graql;

/**
 * Graql that cannot be read or applied. The message is one line:
 * {@code <file>:<line>:<col>: <what>, <what to do>} when a position is known.
 */
public class GraqlException extends Exception {

    private final transient Position position;

    /** A failure whose message already says where (or where nothing can be said). */
    public GraqlException(String message) {
        this(null, message);
    }

    /** A failure at a position; the message gets the {@code file:line:col: } prefix. */
    public GraqlException(Position position, String message) {
        super(position == null ? message : position + ": " + message);
        this.position = position;
    }

    /** Where the problem is, or null when no single place is to blame. */
    public Position position() { return position; }
}
