package io.graknmigrate.match;

import io.graknmigrate.graql.Query;
import io.graknmigrate.migrate.MigrationException;

import java.sql.SQLException;

/** Runs parsed read queries (get, with an aggregate or a group) through a match engine. */
public final class MatchQueryRunner {

    private MatchQueryRunner() { }

    /** True for the queries {@link #run} answers: {@code match … get} and its aggregates and groups. */
    public static boolean isRead(Query q) {
        return q instanceof Query.Get || q instanceof Query.Aggregate || q instanceof Query.Group;
    }

    /**
     * Runs one read query, sending its results to the sink as they are found.
     *
     * @throws MatchException when the query is refused (its message names where and why)
     * @throws MigrationException when the store fails
     */
    public static void run(MatchEngine engine, Query q, AnswerSink sink) {
        MatchTranslator t = new MatchTranslator();
        MatchQuery mq;
        if (q instanceof Query.Get g) mq = t.get(g);
        else if (q instanceof Query.Aggregate a) mq = t.aggregate(a);
        else if (q instanceof Query.Group g) mq = t.group(g);
        else throw new IllegalArgumentException("not a read query: " + q.getClass().getSimpleName());
        try {
            engine.run(mq, sink);
        } catch (SQLException e) {
            throw storeFailure(q, e);
        }
    }

    static MigrationException storeFailure(Query q, SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return new MigrationException(q.position() + ": store error while running the query (" + m
                + "), rerun with -v and report it", e);
    }
}
