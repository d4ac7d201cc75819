package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import io.graknmigrate.load.GraqlLoader;
import io.graknmigrate.load.LoadException;
import io.graknmigrate.load.LoadInput;
import io.graknmigrate.load.MatchQueryExecution;
import io.graknmigrate.match.AnswerPrinter;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

@Parameters(commandNames = "load", commandDescription = "Run Graql files (define, undefine, insert, match-insert, "
        + "match-delete, get) into an embedded keyspace (created when absent), one transaction per file")
final class LoadCommand extends KeyspaceCommand {

    @Parameter(description = "<keyspace> <file.gql|->...")
    List<String> args = new ArrayList<>();

    @Parameter(names = "--dry-run", description = "Run every file and report, then roll everything back: nothing is changed")
    boolean dryRun;

    @Override
    public int run(CommandContext ctx) throws Exception {
        String keyspace = keyspace(args, "load");
        if (args.size() < 2) throw new UsageException("give at least one Graql file (- for stdin): grakn-migrate load " + keyspace + " <file.gql>...");
        return load(ctx, this, keyspace, args.subList(1, args.size()), dryRun);
    }

    /**
     * Runs Graql files into a keyspace as Grakn's console does: one transaction per file, in order;
     * the answers of read queries go to stdout, one summary line per file after them. Shared by
     * {@code load} and Grakn's own {@code console -k KS -f FILE...} form.
     *
     * @return the exit code
     */
    static int load(CommandContext ctx, KeyspaceCommand command, String keyspace, List<String> names, boolean dryRun) throws Exception {
        if (names.stream().filter(FileArguments::isDash).count() > 1) throw new UsageException("- (stdin) can be given once only");
        List<LoadInput> inputs = new ArrayList<>();
        for (String name : names) {
            if (FileArguments.isDash(name)) inputs.add(LoadInput.stream(FileArguments.STDIN_NAME, ctx.in()));
            else inputs.add(LoadInput.file(name, FileArguments.input(ctx, name)));
        }
        Writer answers = new OutputStreamWriter(ctx.out(), StandardCharsets.UTF_8);
        GraqlLoader loader = new GraqlLoader(command.keyspaces(ctx).store(),
                new MatchQueryExecution(ctx::warn, AnswerPrinter.text(answers)));
        try {
            loader.load(keyspace, inputs, dryRun, ctx::warn, ctx.progress(), summary -> {
                try {
                    answers.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                ctx.summary(ctx.out(), summary.line());
                ctx.out().flush();
            });
        } catch (LoadException e) {
            answers.flush();
            ctx.err().println("error: " + ErrorMessages.oneLine(e.getMessage()));
            if (e.problems().size() > 1) for (String p : e.problems()) ctx.err().println("  " + ErrorMessages.oneLine(p));
            if (ctx.verbose()) e.printStackTrace(ctx.err());
            return 1;
        }
        answers.flush();
        if (ctx.out().checkError()) throw new IOException("could not write the summary to stdout");
        return 0;
    }
}
