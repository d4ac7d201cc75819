package io.graknmigrate.load;

import io.graknmigrate.graql.Position;

/** A query that failed while running: where in the file, and why (one clause, what to do included). */
final class QueryFailedException extends Exception {

    private final transient Position position;

    QueryFailedException(Position position, String reason) {
        super(reason);
        this.position = position;
    }

    /** Where the culprit was written; null when only the query can be blamed. */
    Position position() { return position; }
}
