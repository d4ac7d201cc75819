package io.graknmigrate.migrate;

/**
 * A failure with no explanation the program can give: a bug, or a store in a state nothing here
 * expects. The message says what was being done and the underlying error; a front end asks the user
 * to report it with the stack trace.
 */
public final class InternalFailureException extends MigrationException {
    public InternalFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
