package io.graknmigrate.load;

import io.graknmigrate.graql.Graql;
import io.graknmigrate.graql.GraqlException;
import io.graknmigrate.graql.GraqlReader;
import io.graknmigrate.graql.Query;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.store.InstanceWriter;
import io.graknmigrate.store.WriteTransaction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/** One file run inside a transaction: parse a query, run it, next; the end-of-file checks; the summary. */
final class FileExecution {

    /** How often (in queries) progress and cancellation are looked at. */
    private static final int CHECK_EVERY = 1024;

    /** A failure of the file, its message already naming where and why (without the outcome). */
    static final class QueryFailure extends RuntimeException {
        private final List<String> problems;

        QueryFailure(String message, List<String> problems, Throwable cause) {
            super(message, cause);
            this.problems = List.copyOf(problems);
        }

        List<String> problems() { return problems; }
    }

    private FileExecution() { }

    private static String firstLine(GraqlReader queries) {
        String line = queries.queryFirstLine();
        return line == null || line.isBlank() ? "" : ", in the query '" + line + "'";
    }

    static LoadSummary run(WriteTransaction tx, String keyspace, LoadInput input, boolean dryRun, MatchQueries match,
                           Consumer<String> warnings, ProgressListener progress) {
        long start = System.nanoTime();
        QueryExecutor executor = new QueryExecutor(tx, input.name(), match, warnings);
        InstanceWriter writer = tx.instances();
        long entities0 = writer.entitiesInserted(), relations0 = writer.relationsInserted(), attributes0 = writer.attributesInserted();
        writer.flush();
        long ownerships0 = writer.ownershipsAdded(), players0 = writer.rolePlayersAdded(), deleted0 = writer.thingsDeleted();
        long bytes;
        progress.start("load " + input.name(), input.size(), "bytes");
        try (InputStream raw = input.opener().open(); CountingInputStream counted = new CountingInputStream(raw)) {
            Reader reader = new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
            long n = 0;
            GraqlReader queries = Graql.reader(input.name(), reader, warnings);
            while (true) {
                Query q;
                try {
                    q = queries.next();
                } catch (GraqlException e) {
                    throw new QueryFailure(e.getMessage() + firstLine(queries), List.of(), e);
                }
                if (q == null) break;
                executor.execute(q, queries.queryFirstLine());
                if (++n % CHECK_EVERY == 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new QueryFailure(input.name() + ": load cancelled", List.of(), null);
                    }
                    progress.update(counted.count());
                }
            }
            bytes = counted.count();
            progress.update(bytes);
        } catch (CharacterCodingException e) {
            throw new QueryFailure(input.name() + ": not UTF-8 text, save the Graql file as UTF-8", List.of(), e);
        } catch (IOException e) {
            throw new QueryFailure(input.name() + ": cannot be read (" + e.getMessage() + ")", List.of(), e);
        } finally {
            progress.finish();
        }
        executor.finish();
        writer.flush();
        return new LoadSummary(input.name(), keyspace, executor.queries(),
                writer.entitiesInserted() - entities0, writer.relationsInserted() - relations0, writer.attributesInserted() - attributes0,
                writer.ownershipsAdded() - ownerships0, writer.rolePlayersAdded() - players0, writer.thingsDeleted() - deleted0,
                executor.schemaChanges(), bytes, (System.nanoTime() - start) / 1e9, dryRun);
    }
}
