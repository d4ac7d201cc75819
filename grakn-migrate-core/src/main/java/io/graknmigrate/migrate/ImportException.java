package io.graknmigrate.migrate;

import java.util.List;

/**
 * An import that failed and was rolled back: the file does not fit the schema, references things it
 * does not contain, or its checksums disagree (a server maps this to INVALID_ARGUMENT / FAILED_PRECONDITION).
 * The message is one line; {@link #problems()} lists every problem found, one per line, for display.
 */
public final class ImportException extends MigrationException {
    private final List<String> problems;

    public ImportException(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() { return problems; }
}
