package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import io.graknmigrate.format.ExistingFile;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.Numbers;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.migrate.ItemSinks;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.SchemaDefiner;
import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.typedb3.ConversionCounts;
import io.graknmigrate.typedb3.ConversionReport;
import io.graknmigrate.typedb3.DropsRefusedException;
import io.graknmigrate.typedb3.Loss;
import io.graknmigrate.typedb3.Typedb3Converter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code typedb3}: Grakn 1.8 data into TypeDB 3 import files. Two forms: from an embedded keyspace
 * ({@code <keyspace> <out-dir>}), or straight from files ({@code --schema FILE.gql ... --data-file
 * FILE.grakn <out-dir>}). {@code --data} stays the global keyspace-directory option; in the file form,
 * where no keyspace directory is needed, {@code --data FILE.grakn} is accepted as the export too,
 * and {@code --data-file} says the same without the ambiguity.
 */
@Parameters(commandNames = "typedb3", commandDescription = "Convert a Grakn 1.8 keyspace, or a schema and a .grakn export, into "
        + "TypeDB 3 import files: schema.tql, data.typedb and report.md in <out-dir>; exit 1 when the result would fail "
        + "TypeDB 3's import rules, or when data would be dropped (see --allow-drops, --on-bad-value)")
@Synopsis({"[options] <keyspace> <out-dir>",
        "[options] --schema FILE.gql [--schema FILE.gql ...] --data-file FILE.grakn|- [old=new ...] <out-dir>"})
final class Typedb3Command extends KeyspaceCommand {

    @Parameter(description = "<keyspace> <out-dir> | [old=new ...] <out-dir>")
    List<String> args = new ArrayList<>();

    @Parameter(names = "--schema", placeholder = "FILE.gql",
            description = "Graql schema file of the export (repeat for several files, applied in order); selects the file form")
    List<String> schemas = new ArrayList<>();

    @Parameter(names = "--data-file", placeholder = "FILE.grakn|-", description = "The .grakn export to convert, with --schema ('-' reads stdin)")
    String dataFile;

    @Parameter(names = "--attribute-owners", description = "Ownerships whose owner is an attribute (TypeDB 3 forbids them): "
            + "rehome (move the value to the things owning the owning attribute) or drop")
    Typedb3Converter.AttributeOwners attributeOwners = Typedb3Converter.AttributeOwners.REHOME;

    @Parameter(names = "--allow-drops", description = "Convert even when data that does not fit the schema (unknown labels, roles "
            + "the relation type does not relate, dangling references) must be dropped; each drop is counted and named in report.md")
    boolean allowDrops;

    @Parameter(names = "--on-bad-value", description = "Values TypeDB 3 cannot store (datetimes outside its range, strings with "
            + "unpaired surrogates, NaN): fail (refuse the conversion, the default) or drop (drop those attributes, reported)")
    Typedb3Converter.BadValuePolicy onBadValue = Typedb3Converter.BadValuePolicy.FAIL;

    @Parameter(names = "--database", placeholder = "NAME", description = "Database name to show in the printed TypeDB console command")
    String database;

    @Parameter(names = "--json", description = "Print the report as JSON on stdout instead of the summary")
    boolean json;

    @ParametersDelegate
    OverwriteOptions overwrite = new OverwriteOptions();

    @Override
    public int run(CommandContext ctx) throws Exception {
        Typedb3Converter.AttributeOwners mode = attributeOwners;
        Typedb3Converter.BadValuePolicy badValues = onBadValue;
        List<String> mappings = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        for (String a : args) {
            // old=new mappings and the output directory share the positional slots; a path is not a mapping
            int eq = a.indexOf('=');
            if (eq > 0 && eq < a.length() - 1 && !a.contains("/")) mappings.add(a);
            else positional.add(a);
        }
        Map<String, String> remap = FileArguments.remap(mappings).mapping();
        boolean fileForm = !schemas.isEmpty();
        String dataArg = dataFile;
        if (fileForm && dataArg == null && data.data != null) dataArg = data.data.toString();
        if (!fileForm && dataFile != null) {
            throw new UsageException("--data-file needs --schema FILE.gql: the file form is typedb3 --schema FILE.gql --data-file FILE.grakn <out-dir>");
        }

        Path temp = null;
        try {
            Schema schema;
            Path input;
            String source;
            String name;
            if (fileForm) {
                if (dataArg == null) throw new UsageException("give the export: typedb3 --schema FILE.gql --data-file FILE.grakn <out-dir>");
                if (positional.size() != 1) {
                    throw new UsageException("give exactly one output directory after the options, found " + positional.size() + " arguments");
                }
                Path out = ctx.path(positional.get(0));
                schema = SchemaDefiner.define(new Schema(), Embedded.graql(ctx, schemas), ctx::warn);
                if (dataArg.equals("-")) {
                    temp = tempDirNear(out);
                    input = temp.resolve("stdin.grakn");
                    // the converter reads its input twice, so stdin is kept in a file first
                    ProgressListener copying = ctx.progress();
                    copying.start("reading stdin", -1, "bytes");
                    try (InputStream in = FileArguments.stdin(ctx)) {
                        Files.copy(in, input, StandardCopyOption.REPLACE_EXISTING);
                    } finally {
                        copying.finish();
                    }
                    source = "stdin";
                } else {
                    input = ctx.path(dataArg);
                    source = dataArg;
                }
                name = database != null ? database : dataArg.equals("-") ? "grakn" : stripExtension(input.getFileName().toString());
                return convert(ctx, schema, input, out, source, name, options(mode, badValues, remap));
            }
            if (positional.size() != 2) {
                throw new UsageException("give a keyspace and an output directory (typedb3 <keyspace> <out-dir>), or use the file form "
                        + "(typedb3 --schema FILE.gql --data-file FILE.grakn <out-dir>)");
            }
            String keyspace = Embedded.keyspace(positional, "typedb3");
            Path out = ctx.path(positional.get(1));
            EmbeddedKeyspaces keyspaces = keyspaces(ctx);
            temp = tempDirNear(out);
            input = temp.resolve(keyspace + ".grakn");
            try (ItemWriter writer = ItemWriter.create(input)) {
                // schema and data from one snapshot: a define committed meanwhile cannot make data look unknown
                schema = keyspaces.exportWithSchema(keyspace, ItemSinks.to(writer), ctx.progress().named("reading keyspace"));
            }
            name = database != null ? database : keyspace;
            return convert(ctx, schema, input, out, "embedded keyspace '" + keyspace + "'", name, options(mode, badValues, remap));
        } finally {
            if (temp != null) deleteTree(temp);
        }
    }

    private Typedb3Converter.Options options(Typedb3Converter.AttributeOwners mode, Typedb3Converter.BadValuePolicy badValues,
                                             Map<String, String> remap) {
        return new Typedb3Converter.Options().attributeOwners(mode).onBadValue(badValues).allowDrops(allowDrops).remap(remap);
    }

    private int convert(CommandContext ctx, Schema schema, Path input, Path out, String source, String name,
                        Typedb3Converter.Options options) throws IOException {
        options.source(source).database(name).replaceExisting(overwrite.existing() == ExistingFile.REPLACE);
        Typedb3Converter.Result result;
        try {
            result = new Typedb3Converter(schema, options, ctx.progress()).convert(input, out);
        } catch (DropsRefusedException e) {
            return refused(ctx, e);
        }
        ConversionReport r = result.report();
        if (json) {
            ctx.out().print(r.toJson());
        } else {
            ConversionCounts c = r.counts();
            ctx.summary(ctx.out(), summaryLine(c.attributes().written(), c.entities().written(), c.relations().written(), out.toString(),
                    r.itemsDropped(), r.ownershipsDropped(), r.playersDropped(), r.decisions().size(), r.losses().size()));
        }
        if (!result.valid()) {
            ctx.err().println("error: the converted files would fail TypeDB 3's import (" + Numbers.count(r.problems().size(), "problem", "problems")
                    + ", listed in " + result.reportFile() + "):");
            for (String p : r.problems()) ctx.err().println("  - " + p);
            return 1;
        }
        // the command on lines of its own, continued shell-style, so it fits the terminal and still pastes as one
        String command = "database import " + name + " " + result.schemaFile() + " " + result.dataFile();
        (json ? ctx.err() : ctx.out()).println("import with TypeDB Console 3.4+:\n"
                + "  typedb console --address=localhost:1729 --username=admin --tls-disabled \\\n"
                + "    --command \"" + command + "\"");
        return 0;
    }

    /** The one-line summary: what was written, and what was dropped (each count in the project's one number format). */
    static String summaryLine(long attributes, long entities, long relations, String out, long items, long ownerships, long players,
                              long decisions, long losses) {
        return "converted " + Numbers.count(attributes, "attribute", "attributes") + ", " + Numbers.count(entities, "entity", "entities")
                + ", " + Numbers.count(relations, "relation", "relations") + " to " + out + "; dropped " + Numbers.count(items, "item", "items")
                + ", " + Numbers.count(ownerships, "ownership", "ownerships") + ", " + Numbers.count(players, "role player", "role players")
                + " (" + Numbers.count(decisions, "decision", "decisions") + ", " + Numbers.count(losses, "loss", "losses") + ": see report.md)";
    }

    /** Like import's preflight: one error line, then every refused loss with its examples, and the remap suggestions. */
    private static int refused(CommandContext ctx, DropsRefusedException e) {
        String advice = e.cause() == DropsRefusedException.Cause.BAD_VALUES
                ? "give --on-bad-value drop to drop those attributes (counted and named in report.md)"
                : e.suggestions().isEmpty()
                ? "fix the schema, remap labels with old=new, or give --allow-drops to convert anyway (every drop is counted in report.md)"
                : e.suggestions().get(0) + " Or fix the schema, or give --allow-drops to convert anyway";
        ctx.err().println("error: typedb3 refused, nothing was written: " + e.getMessage() + ", " + advice);
        for (Loss l : e.losses()) {
            ctx.err().println("  - " + l.text() + (l.examples().isEmpty() ? "" : ", e.g. "
                    + String.join("; ", l.examples().stream().map(Loss.Example::toString).toList())));
        }
        for (String s : e.suggestions()) ctx.err().println("  - " + s);
        return 1;
    }

    private static String stripExtension(String file) {
        String n = file;
        for (String ext : new String[]{".gz", ".zst", ".grakn"}) if (n.endsWith(ext)) n = n.substring(0, n.length() - ext.length());
        return n.isEmpty() ? "grakn" : n;
    }

    private static Path tempDirNear(Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, ".typedb3-input-");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Override
    public String interruptedLine() {
        return "interrupted, nothing written";
    }
}
