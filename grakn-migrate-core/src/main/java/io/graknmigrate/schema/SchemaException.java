package io.graknmigrate.schema;

/**
 * A schema that cannot be parsed or defined. The message is one line:
 * {@code <file>:<line>:<col>: <what>, <what to do>} when a position is known.
 */
public class SchemaException extends Exception {

    public SchemaException(String message) {
        super(message);
    }

    static SchemaException at(Position pos, String message) {
        return new SchemaException(pos == null ? message : pos + ": " + message);
    }
}
