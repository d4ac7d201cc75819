package io.graknmigrate.load;

import io.graknmigrate.graql.GraqlException;
import io.graknmigrate.graql.Position;
import io.graknmigrate.graql.Query;
import io.graknmigrate.migrate.AttributeRegexes;
import io.graknmigrate.migrate.MigrationException;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.SchemaDefiner;
import io.graknmigrate.schema.SchemaUndefiner;
import io.graknmigrate.schema.SchemaException;
import io.graknmigrate.store.InstanceWriter;
import io.graknmigrate.store.SchemaConflictException;
import io.graknmigrate.store.WriteTransaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the queries of one file, one at a time, in its transaction. The dispatch is by query kind:
 * {@code define} and {@code undefine} change the schema (checked against the data), {@code insert}
 * writes things, and every query that needs a match engine goes to {@link MatchQueries}.
 */
final class QueryExecutor {

    private final WriteTransaction tx;
    private final String file;
    private final MatchQueries match;
    private final InstanceWriter writer;
    private final RegexViolations regexViolations = new RegexViolations();
    private InsertExecution insert;
    private long queries;
    private long schemaChanges;

    QueryExecutor(WriteTransaction tx, String file, MatchQueries match, Consumer<String> warnings) {
        this.tx = tx;
        this.file = file;
        this.match = match;
        this.writer = tx.instances();
        schemaChanged();
    }

    private void schemaChanged() {
        Schema s = tx.schema();
        insert = new InsertExecution(writer, s, new AttributeRegexes(s), regexViolations);
    }

    long queries() { return queries; }

    long schemaChanges() { return schemaChanges; }

    /** Runs one query; a failure names where, the query's first line and why. */
    void execute(Query query, String firstLine) {
        queries++;
        try {
            if (query instanceof Query.Define d) {
                Schema next = tx.schema().copy();
                SchemaDefiner.apply(next, d);
                changeSchema(next, d.statements().size());
            } else if (query instanceof Query.Undefine u) {
                changeSchema(undefine(u), u.statements().size());
            } else if (query instanceof Query.Insert i && i.match() == null) {
                Position p = i.position();
                writer.queryAt(p.line(), p.column());
                insert.run(i.statements(), Map.of());
            } else {
                // Every query that needs a match engine: match-insert, match-delete, match-get and its
                // aggregates and groups, compute.
                writer.queryAt(query.position().line(), query.position().column());
                match.run(query, new QueryContext(query, firstLine, writer, insert));
            }
        } catch (QueryFailedException e) {
            throw failure(e.position() == null ? query.position() : e.position(), e.getMessage(), firstLine, e);
        } catch (GraqlException e) {
            // schema errors carry their own position
            throw new FileExecution.QueryFailure(e.getMessage() + ", in the query '" + firstLine + "'", List.of(), e);
        } catch (QueryRefusedException e) {
            throw failure(query.position(), query.kind() + " query refused: " + e.getMessage(), firstLine, e);
        } catch (SchemaConflictException e) {
            throw new FileExecution.QueryFailure(query.position() + ": " + e.getMessage() + ", in the query '" + firstLine + "'",
                    e.conflicts(), e);
        } catch (MigrationException e) {
            throw new FileExecution.QueryFailure(query.position() + ": " + e.getMessage() + ", in the query '" + firstLine + "'", List.of(), e);
        }
    }

    /** The schema without what the undefine names (on a copy); the store then checks the data against it. */
    private Schema undefine(Query.Undefine u) throws SchemaException {
        Schema next = tx.schema().copy();
        SchemaUndefiner.apply(next, u);
        return next;
    }

    private void changeSchema(Schema next, int statements) {
        tx.replaceSchema(next);
        schemaChanged();
        schemaChanges += statements;
    }

    private static FileExecution.QueryFailure failure(Position where, String reason, String firstLine, Throwable cause) {
        return new FileExecution.QueryFailure(where + ": " + reason + ", in the query '" + firstLine + "'", List.of(), cause);
    }

    /** The checks Grakn makes at commit, over everything this file wrote; all problems listed. */
    void finish() {
        InstanceWriter.Violations v = writer.checkWrites();
        long count = v.count() + regexViolations.count();
        if (count == 0) return;
        List<String> problems = new ArrayList<>(regexViolations.messages());
        problems.addAll(v.messages());
        regexViolations.clear();
        throw new FileExecution.QueryFailure(file + ": " + count + " problem" + (count == 1 ? "" : "s")
                + " found when the file's writes were checked at its end (" + problems.get(0) + ")", problems, null);
    }
}
