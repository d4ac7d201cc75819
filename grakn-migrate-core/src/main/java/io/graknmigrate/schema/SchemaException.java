package io.graknmigrate.schema;

import io.graknmigrate.graql.GraqlException;
import io.graknmigrate.graql.Position;

/**
 * A schema that cannot be parsed, defined or undefined. The message is one line:
 * {@code <file>:<line>:<col>: <what>, <what to do>} when a position is known.
 */
public class SchemaException extends GraqlException {

    public SchemaException(String message) {
        super(message);
    }

    public SchemaException(Position position, String message) {
        super(position, message);
    }

    static SchemaException at(Position pos, String message) {
        return new SchemaException(pos, message);
    }

    /** The same failure as a schema error (a syntax error met while reading a schema). */
    static SchemaException of(GraqlException e) {
        SchemaException s = new SchemaException(e.getMessage());
        s.initCause(e);
        return s;
    }
}
