package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import io.graknmigrate.load.GraqlLoader;
import io.graknmigrate.load.LoadException;
import io.graknmigrate.load.LoadInput;

import java.util.ArrayList;
import java.util.List;

@Parameters(commandNames = "load", commandDescription = "Run Graql files (define, undefine, insert) into an embedded keyspace (created when absent), one transaction per file")
final class LoadCommand implements Command {

    @Parameter(description = "<keyspace> <file.gql|->...")
    List<String> args = new ArrayList<>();

    @Parameter(names = "--dry-run", description = "Run every file and report, then roll everything back: nothing is changed")
    boolean dryRun;

    @ParametersDelegate
    DataOptions data = new DataOptions();

    @ParametersDelegate
    CommonOptions common = new CommonOptions();

    @Override
    public int run(CommandContext ctx) throws Exception {
        String keyspace = Embedded.keyspace(args, "load");
        if (args.size() < 2) throw new UsageException("give at least one Graql file (- for stdin): grakn-migrate load " + keyspace + " <file.gql>...");
        List<String> names = args.subList(1, args.size());
        if (names.stream().filter(FileArguments::isDash).count() > 1) throw new UsageException("- (stdin) can be given once only");
        List<LoadInput> inputs = new ArrayList<>();
        for (String name : names) {
            if (FileArguments.isDash(name)) inputs.add(LoadInput.stream(FileArguments.STDIN_NAME, ctx.in()));
            else inputs.add(LoadInput.file(name, FileArguments.input(ctx, name)));
        }
        // Read queries in a file print their answers, as the console does.
        java.io.Writer answers = new java.io.OutputStreamWriter(ctx.out(), java.nio.charset.StandardCharsets.UTF_8);
        GraqlLoader loader = new GraqlLoader(Embedded.keyspaces(ctx, data).store(),
                new io.graknmigrate.load.MatchQueryExecution(ctx::warn, io.graknmigrate.match.AnswerPrinter.text(answers)));
        try {
            loader.load(keyspace, inputs, dryRun, ctx::warn, ctx.progress(), summary -> {
                try {
                    answers.flush();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                ctx.out().println(summary.line());
                ctx.out().flush();
            });
        } catch (LoadException e) {
            answers.flush();
            ctx.err().println("error: " + ErrorMessages.oneLine(e.getMessage()));
            if (e.problems().size() > 1) for (String p : e.problems()) ctx.err().println("  " + ErrorMessages.oneLine(p));
            if (ctx.verbose()) e.printStackTrace(ctx.err());
            return 1;
        }
        if (ctx.out().checkError()) throw new java.io.IOException("could not write the summary to stdout");
        return 0;
    }
}
