package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import io.graknmigrate.format.Relabel;
import io.graknmigrate.format.ItemReader;
import io.graknmigrate.migrate.ImportException;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.migrate.ImportSummary;

import java.util.ArrayList;
import java.util.List;

@Parameters(commandNames = "import", commandDescription = "Import a .grakn file (- for stdin) into a keyspace; all or nothing")
final class ImportCommand extends KeyspaceCommand {

    @Parameter(description = "<keyspace> <file|-> [old=new ...]")
    List<String> args = new ArrayList<>();

    @Parameter(names = "--schema", placeholder = "FILE.gql",
            description = "Define this Graql file first, in the same transaction (repeatable; creates the keyspace)")
    List<String> schema = new ArrayList<>();

    @Parameter(names = "--clean", description = "Delete the keyspace's existing data first (the schema stays), in the same transaction")
    boolean clean;

    @Parameter(names = "--skip-validation",
            description = "Import even where the data breaks the schema's has/key/plays rules; reports how many violations passed")
    boolean skipValidation;

    @Parameter(names = "--dry-run", description = "Do the whole import with every check (preflight, references, keys, checksums), "
            + "then roll it back: nothing is changed")
    boolean dryRun;

    @ParametersDelegate
    ServerFileOptions server = new ServerFileOptions();

    @Override
    public int run(CommandContext ctx) throws Exception {
        String keyspace = Embedded.keyspace(args, "import");
        if (args.size() < 2) {
            throw new UsageException("give the keyspace and the file (- for stdin): grakn-migrate import " + keyspace + " <file|-> [old=new ...]");
        }
        Relabel relabel = FileArguments.remap(args.subList(2, args.size()));
        if (server.remote()) {
            String local = !schema.isEmpty() ? "--schema" : clean ? "--clean" : skipValidation ? "--skip-validation"
                    : dryRun ? "--dry-run" : null;
            if (local != null) throw new UsageException(local + " is not available with --server: Grakn's migration service has no such option");
            return Remote.importFile(ctx, server, keyspace, args.get(1), relabel.mapping());
        }
        ImportOptions options = new ImportOptions(relabel, clean, skipValidation, Embedded.graql(ctx, schema)).withDryRun(dryRun);
        var keyspaces = keyspaces(ctx);
        String source = args.get(1);
        ImportSummary summary;
        try {
            if (source.equals("-")) {
                try (ItemReader reader = ItemReader.open(FileArguments.stdin(ctx), "stdin")) {
                    summary = keyspaces.importFile(keyspace, reader, options, ctx::warn, ctx.progress());
                }
            } else {
                summary = keyspaces.importFile(keyspace, ctx.path(source), source, options, ctx::warn, ctx.progress());
            }
        } catch (ImportException e) {
            ctx.err().println("error: " + ErrorMessages.describe(e));
            if (e.problems().size() > 1) for (String p : e.problems()) ctx.err().println("  " + p);
            if (ctx.verbose()) e.printStackTrace(ctx.err());
            return 1;
        }
        ctx.summary(ctx.out(), dryRun ? "dry run, nothing was changed: " + summary.line().replaceFirst("^imported ", "would import ") : summary.line());
        return 0;
    }

    @Override
    public String interruptedLine() {
        return "interrupted, keyspace unchanged";
    }
}
