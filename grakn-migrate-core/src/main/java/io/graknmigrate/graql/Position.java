package io.graknmigrate.graql;

import java.util.Objects;

/** Where something was written: source name (usually the file path), 1-based line and column. */
public record Position(String source, int line, int column) {
    public Position {
        Objects.requireNonNull(source, "source");
    }

    /** {@code file:line:col}, the form every error message starts with. */
    @Override
    public String toString() { return source + ":" + line + ":" + column; }

    /** {@code file:line}, for warnings. */
    public String fileLine() { return source + ":" + line; }
}
