package io.graknmigrate.cli;

import io.graknmigrate.format.Numbers;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ProblemKind;
import io.graknmigrate.format.Relabel;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.Verification;
import io.graknmigrate.migrate.ImportException;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.schema.SchemaException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.Collectors;

@Parameters(commandNames = "verify", commandDescription = "Check a .grakn file (- for stdin) for problems; exit 0 when clean, 1 when any is found")
final class VerifyCommand implements Command {

    @Parameter(description = "<file|->")
    List<String> files = new ArrayList<>();

    @Parameter(names = "--json", description = "Print one JSON object instead of a report")
    boolean json;

    @Parameter(names = "--schema", placeholder = "FILE.gql", description = "Also check that the items fit this schema "
            + "(repeatable, applied in order) as an import would, in a temporary keyspace that is then discarded")
    List<String> schema = new ArrayList<>();

    @Override
    public int run(CommandContext ctx) throws IOException, SchemaException {
        String file = FileArguments.single(files, "verify");
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        if (!schema.isEmpty() && FileArguments.isDash(file)) {
            throw new UsageException("verify --schema reads the file twice: give its name instead of -");
        }
        Verification v = FileArguments.isDash(file)
                ? Verification.of(FileArguments.stdin(ctx), FileArguments.STDIN_NAME, ctx.progress(), temp)
                : Verification.of(FileArguments.input(ctx, file), file, ctx.progress(), temp);
        if (!schema.isEmpty()) {
            if (v.ok()) v = againstSchema(ctx, v, ctx.path(file), file, temp);
            else ctx.warn("the file was not checked against " + String.join(", ", schema) + ": it has problems of its own (below)");
        }
        ctx.out().print(json ? v.toJson() + "\n" : v.toText());
        if (v.ok()) return 0;
        ctx.out().flush();
        if (v.summary().damage() != null) {
            ctx.err().println("error: " + ErrorMessages.oneLine(String.valueOf(v.summary().damage().getMessage())));
            return 1;
        }
        long total = v.problems().stream().mapToLong(Verification.Problem::count).sum();
        String kinds = v.problems().stream().map(p -> p.kind().code()).collect(Collectors.joining(", "));
        ctx.err().println("error: " + v.summary().file() + ": " + Numbers.count(total, "problem", "problems")
                + " found (" + kinds + "), see the report; docs/format.md explains each kind");
        return 1;
    }

    /** Imports the file into a scratch keyspace defined from the schema files, as a dry run; a failure is a problem of the file. */
    private Verification againstSchema(CommandContext ctx, Verification v, Path path, String file, Path temp)
            throws IOException, SchemaException {
        Path scratch = Files.createTempDirectory(temp, "grakn-verify-schema-");
        try {
            EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(scratch, "grakn-migrate " + Main.version());
            ImportOptions options = new ImportOptions(Relabel.none(), false, false, Embedded.graql(ctx, schema)).withDryRun(true);
            try (ItemReader reader = ItemReader.open(path, file)) {
                keyspaces.importFile("verify_schema", reader, options, ctx::warn, ProgressListener.NONE);
            }
            return v;
        } catch (ImportException e) {
            List<String> found = e.problems().isEmpty() ? List.of(e.getMessage()) : e.problems();
            return v.withProblem(ProblemKind.SCHEMA_MISMATCH, found.size(), found);
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
