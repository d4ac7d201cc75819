package io.graknmigrate.graql;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Entry points of the Graql 1.8 language: parse text or a stream into {@link Query} ASTs. Warnings (Grakn
 * 1.5–1.7 syntax read the 1.8 way) are one line each, {@code file:line: what}. Errors are
 * {@link GraqlException}s whose message starts with {@code file:line:col: }.
 */
public final class Graql {

    private Graql() { }

    /** Every query of a source, in order. */
    public static List<Query> parse(String sourceName, String text, Consumer<String> warnings) throws GraqlException {
        List<Query> out = new ArrayList<>();
        try (GraqlReader reader = reader(sourceName, new StringReader(text), warnings)) {
            for (Query q = reader.next(); q != null; q = reader.next()) out.add(q);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return out;
    }

    /** Exactly one query (source name {@code query}); warnings are dropped. */
    public static Query parseQuery(String text) throws GraqlException {
        List<Query> queries = parse("query", text, w -> { });
        if (queries.size() != 1) {
            throw new GraqlException(queries.isEmpty() ? "no query given, write one such as 'match $x isa thing; get;'"
                    : queries.get(1).position() + ": a second query found where one was expected, run them separately");
        }
        return queries.get(0);
    }

    /** A reader of the queries of a stream, one at a time (for files of any size). */
    public static GraqlReader reader(String sourceName, Reader in, Consumer<String> warnings) {
        return new GraqlReader(sourceName, in, warnings);
    }
}
