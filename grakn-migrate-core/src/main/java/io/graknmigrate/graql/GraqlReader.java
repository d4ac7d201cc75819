package io.graknmigrate.graql;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads the queries of one Graql source one at a time, in constant memory however long the source
 * is (a query itself is held whole). Not thread-safe.
 */
public final class GraqlReader implements Closeable {

    private final Reader in;
    private final GraqlParser parser;

    GraqlReader(String sourceName, Reader in, Consumer<String> warnings) {
        this.in = Objects.requireNonNull(in, "in");
        this.parser = new GraqlParser(new GraqlLexer(Objects.requireNonNull(sourceName, "sourceName"), in),
                warnings == null ? w -> { } : warnings);
    }

    /**
     * The next query, or null at the end of the source.
     *
     * @throws GraqlException a syntax error, with {@code file:line:col}; reading cannot go on after it
     * @throws IOException the reader failed
     */
    public Query next() throws GraqlException, IOException {
        return parser.query();
    }

    /**
     * The source line on which the query last returned by {@link #next()} (or the one that failed) starts,
     * from its first keyword, trimmed and shortened to about 120 characters: for messages naming a query.
     */
    public String queryFirstLine() { return parser.queryLine(); }

    /** Characters read from the source so far (for progress by size). */
    public long charsRead() { return parser.offset(); }

    @Override
    public void close() throws IOException { in.close(); }
}
