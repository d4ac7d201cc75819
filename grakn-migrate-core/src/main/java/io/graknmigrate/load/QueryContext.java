package io.graknmigrate.load;

import io.graknmigrate.graql.Position;
import io.graknmigrate.graql.Query;
import io.graknmigrate.graql.Statement;
import io.graknmigrate.match.Concept;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.store.InstanceWriter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link MatchQueries} implementation gets for one query: the file's writer (call
 * {@link InstanceWriter#flush} before reading the tables), the schema at this point of the file, and
 * the loader's own insert, to run an insert part once per match answer.
 */
public final class QueryContext {

    private final Query query;
    private final String firstLine;
    private final InstanceWriter writer;
    private final InsertExecution insert;

    QueryContext(Query query, String firstLine, InstanceWriter writer, InsertExecution insert) {
        this.query = query;
        this.firstLine = firstLine;
        this.writer = writer;
        this.insert = insert;
    }

    public Query query() { return query; }

    public Position position() { return query.position(); }

    /** The query's first source line, for messages. */
    public String firstLine() { return firstLine; }

    public InstanceWriter writer() { return writer; }

    public Schema schema() { return writer.schema(); }

    /** What the query is, in words: {@code match-insert}, {@code match-delete}, {@code match-get}, ... ({@link Query#kind()}). */
    public String kindName() { return query.kind(); }

    /**
     * Runs insert statements once with some variables bound to existing things (a match's answer, by
     * variable name without {@code $}), with the loader's insert semantics and checks. The things are
     * taken as the answer found them: nothing between the match and its inserts deletes or retypes one.
     *
     * @throws QueryRefusedException when the insert fails (the message says why)
     */
    public void insert(List<Statement> statements, Map<String, Concept.Thing> bound) throws QueryRefusedException {
        Map<String, InsertExecution.Bound> given = new HashMap<>();
        for (Map.Entry<String, Concept.Thing> e : bound.entrySet()) {
            Concept.Thing t = e.getValue();
            given.put(e.getKey(), new InsertExecution.Bound(t.storeId(), t.type(), t.kind()));
        }
        try {
            insert.run(statements, given);
        } catch (QueryFailedException e) {
            throw new QueryRefusedException((e.position() == null ? "" : e.position() + ": ") + e.getMessage());
        }
    }
}
