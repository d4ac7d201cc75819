package io.graknmigrate.load;

import io.graknmigrate.graql.Query;
import io.graknmigrate.match.AnswerSink;
import io.graknmigrate.match.MatchEngine;
import io.graknmigrate.match.MatchException;
import io.graknmigrate.match.MatchQueryRunner;
import io.graknmigrate.match.MatchWrites;
import io.graknmigrate.match.ThingRemoval;
import io.graknmigrate.store.InstanceWriter;

import java.util.function.Consumer;

/**
 * The match engine inside a load (or a {@code query --write}): {@code match … insert} runs the
 * loader's insert once per answer, {@code match … delete} deletes per answer through the file's
 * writer, read queries print their answers (as the console does) to the given sink. Every query sees
 * what the file wrote before it, and nothing is committed before the file's end.
 */
public final class MatchQueryExecution implements MatchQueries {

    private final Consumer<String> warnings;
    private final AnswerSink answers;

    /**
     * @param warnings where the no-reasoner warning goes
     * @param answers  where read queries' answers go; null discards them
     */
    public MatchQueryExecution(Consumer<String> warnings, AnswerSink answers) {
        this.warnings = warnings;
        this.answers = answers;
    }

    @Override
    public void run(Object query, QueryContext context) throws QueryRefusedException {
        Query q = (Query) query;
        InstanceWriter writer = context.writer();
        MatchEngine engine = writer.matcher(warnings);
        try {
            if (q instanceof Query.Insert insert) {
                MatchWrites.insert(engine, insert, bound -> context.insert(insert.statements(), bound));
            } else if (q instanceof Query.Delete delete) {
                MatchWrites.delete(engine, removal(writer), delete);
            } else if (MatchQueryRunner.isRead(q)) {
                // Run even when the answers are not wanted: a query that is refused fails its file.
                MatchQueryRunner.run(engine, q, answers == null ? AnswerSink.DISCARD : answers);
            } else {
                throw new QueryRefusedException("compute queries are not run on embedded keyspaces (no analytics engine);"
                        + " use match … get with an aggregate");
            }
        } catch (QueryRefusedException e) {
            throw e;
        } catch (MatchException e) {
            throw new QueryRefusedException(e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new QueryRefusedException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static ThingRemoval removal(InstanceWriter writer) {
        return new ThingRemoval() {
            @Override
            public long deleteThing(long id) { return writer.deleteThing(id); }

            @Override
            public boolean deleteOwnership(long owner, long attribute) { return writer.deleteOwnership(owner, attribute); }

            @Override
            public boolean deleteRolePlayer(long relation, String role, long player) {
                return writer.deleteRolePlayer(relation, role, player);
            }
        };
    }
}
