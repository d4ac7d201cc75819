package io.graknmigrate.load;

/**
 * Runs the queries of a file that need a match engine: {@code match … insert}, {@code match … delete},
 * {@code match … get} (with modifiers, aggregates, group) and {@code compute}. The loader hands every
 * such query here, in file order, inside the file's transaction; see docs/graql.md.
 */
public interface MatchQueries {

    /**
     * Runs one match-based query.
     *
     * @param query   the parsed query (the parser's AST node)
     * @param context the file's transaction: the writer of things, the schema, where the query is
     * @throws QueryRefusedException to fail the file with the message, naming the query
     */
    void run(Object query, QueryContext context) throws QueryRefusedException;

    /** No match engine: every match-based query fails its file with a message naming it. */
    MatchQueries REFUSE = (query, context) -> {
        throw new QueryRefusedException(context.kindName() + " queries are not run by load yet (they need a match engine);"
                + " load the define and insert queries, and run this query against the data in Grakn or TypeDB");
    };
}
