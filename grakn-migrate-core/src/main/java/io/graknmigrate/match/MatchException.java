package io.graknmigrate.match;

/**
 * A query the match engine refuses: an unknown type or role, a variable of the wrong kind, a variable
 * that is not bound the way Graql requires. The message names where ({@code file:line:col}) when known.
 */
public final class MatchException extends RuntimeException {

    public MatchException(String message) {
        super(message);
    }

    /** "{@code where}: message", or the message alone when where is null. */
    static MatchException at(String where, String message) {
        return new MatchException(where == null ? message : where + ": " + message);
    }
}
