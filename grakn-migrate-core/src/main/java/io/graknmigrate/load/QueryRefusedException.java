package io.graknmigrate.load;

/** A query that cannot run: the reason, one clause without position (the loader adds where the query is). */
public final class QueryRefusedException extends Exception {
    public QueryRefusedException(String reason) {
        super(reason);
    }
}
