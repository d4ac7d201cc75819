package io.graknmigrate.load;

import io.graknmigrate.migrate.MigrationException;

import java.util.List;

/**
 * A Graql file that failed to load and was rolled back. The message is one line: where
 * ({@code file:line:col}), the query's first line, the reason, and which files stay loaded.
 * {@link #problems()} lists every problem found (end-of-file checks list them all), one per line.
 */
public final class LoadException extends MigrationException {

    private final List<String> problems;

    public LoadException(String message, List<String> problems, Throwable cause) {
        super(message, cause);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() { return problems; }
}
