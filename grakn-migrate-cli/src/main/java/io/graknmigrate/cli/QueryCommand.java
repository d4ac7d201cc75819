package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.graql.Graql;
import io.graknmigrate.graql.GraqlException;
import io.graknmigrate.graql.GraqlReader;
import io.graknmigrate.graql.Query;
import io.graknmigrate.keyspace.KeyspaceNotFoundException;
import io.graknmigrate.load.GraqlLoader;
import io.graknmigrate.load.LoadException;
import io.graknmigrate.load.LoadInput;
import io.graknmigrate.load.MatchQueryExecution;
import io.graknmigrate.match.AnswerPrinter;
import io.graknmigrate.match.MatchEngine;
import io.graknmigrate.match.MatchQueryRunner;
import io.graknmigrate.migrate.MigrationException;
import io.graknmigrate.store.ReadSnapshot;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

@Parameters(commandNames = "query", commandDescription = "Run Graql queries against an embedded keyspace; answers go to stdout, one a line")
final class QueryCommand extends KeyspaceCommand {

    @Parameter(description = "<keyspace> '<query>'|-")
    List<String> args = new ArrayList<>();

    @Parameter(names = "--json", description = "Print JSON Lines (one object per answer, aggregate or group)")
    boolean json;

    @Parameter(names = "--write", description = "Also run insert, delete, define and undefine queries, all in one transaction (all or nothing)")
    boolean write;

    @Override
    public int run(CommandContext ctx) throws IOException, GraqlException {
        String keyspace = Embedded.keyspace(args, "query");
        if (args.size() != 2) {
            throw new UsageException("query takes a keyspace and one argument holding the queries (or - for stdin), got "
                    + args.size() + " argument" + (args.size() == 1 ? "" : "s"));
        }
        String text = args.get(1);
        Reader in = text.equals("-")
                ? new InputStreamReader(ctx.in(), StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))
                : new StringReader(text);
        String source = text.equals("-") ? "stdin" : "query";
        Writer out = new BufferedWriter(new OutputStreamWriter(ctx.out(), StandardCharsets.UTF_8), 1 << 16);
        AnswerPrinter printer = json ? AnswerPrinter.json(out) : AnswerPrinter.text(out);
        long queries = 0;
        var keyspaces = keyspaces(ctx);
        if (write) return runWrite(ctx, keyspaces, keyspace, text, printer, out);
        try (GraqlReader reader = Graql.reader(source, in, ctx::warn);
             ReadSnapshot snapshot = keyspaces.store().read(keyspace);
             MatchEngine engine = snapshot.matcher(ctx::warn)) {
            Query q;
            while ((q = reader.next()) != null) {
                queries++;
                if (!MatchQueryRunner.isRead(q)) throw refusal(q, reader.queryFirstLine());
                MatchQueryRunner.run(engine, q, printer);
                flush(out, ctx);
            }
        }
        flush(out, ctx);
        if (queries == 0) throw new UsageException("no query given: write one, e.g. 'match $x isa thing; get; count;'");
        return 0;
    }

    /**
     * All queries in one write transaction, as a {@code load} file: each sees what the earlier ones
     * wrote, Grakn's commit checks run at the end, and any failure leaves the keyspace unchanged.
     */
    private static int runWrite(CommandContext ctx, EmbeddedKeyspaces keyspaces, String keyspace,
                                String text, AnswerPrinter printer, Writer out) throws IOException {
        if (!keyspaces.exists(keyspace)) {
            throw new KeyspaceNotFoundException(keyspace, keyspaces.store().dataDir().toString());
        }
        LoadInput input = text.equals("-") ? LoadInput.stream("stdin", ctx.in()) : LoadInput.text("query", text);
        GraqlLoader loader = new GraqlLoader(keyspaces.store(), new MatchQueryExecution(ctx::warn, printer));
        try {
            loader.load(keyspace, List.of(input), false, ctx::warn, ctx.progress(), summary -> {
                if (!ctx.quiet()) ctx.summary(ctx.err(), summary.line().replaceFirst("^loaded ", "ran "));
            });
        } catch (LoadException e) {
            flush(out, ctx);
            ctx.err().println("error: " + ErrorMessages.oneLine(e.getMessage()));
            if (e.problems().size() > 1) for (String p : e.problems()) ctx.err().println("  " + ErrorMessages.oneLine(p));
            if (ctx.verbose()) e.printStackTrace(ctx.err());
            return 1;
        }
        flush(out, ctx);
        return 0;
    }

    private static MigrationException refusal(Query q, String firstLine) {
        if (q instanceof Query.Compute) {
            return new MigrationException(q.position() + ": compute queries are not run on embedded keyspaces (no analytics engine),"
                    + " use match … get with an aggregate, in the query '" + firstLine + "'");
        }
        return new MigrationException(q.position() + ": this query writes to the keyspace, add --write to run write queries,"
                + " in the query '" + firstLine + "'");
    }

    /** Flushes the answers so far; a PrintStream hides write errors, so they are checked here. */
    private static void flush(Writer out, CommandContext ctx) throws IOException {
        out.flush();
        ctx.out().flush();
        if (ctx.out().checkError()) throw new IOException("cannot write the answers to standard output (closed or full)");
    }
}
