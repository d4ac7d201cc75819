package io.graknmigrate.typedb3;

import io.graknmigrate.migrate.LabelSuggestions;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.schema.Schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Converts a Grakn 1.8 schema and {@code .grakn} export into what TypeDB 3.4+ {@code database import}
 * accepts: a TypeQL 3 {@code schema.tql}, a {@code data.typedb} item stream and a report.
 *
 * <p>The jobs, each in its own class: {@link TypeNames} (TypeQL 3 names), {@link DataPasses} (two
 * passes over the input, producing the part files and the {@link ObservedFacts}), the drop policies
 * (here), {@link SchemaTranslator} and {@link RuleTranslation} (the schema), {@link DataFileAssembler}
 * ({@code data.typedb}), {@link ReportBuilder} (the report), {@link ImportValidator} (the check of the
 * written files) and {@link OutputStaging} (all three files in place together, or none).
 */
public final class Typedb3Converter {

    /** What happens to ownerships whose owner is an attribute (TypeDB 3 rejects them: DIS7). */
    public enum AttributeOwners { REHOME, DROP }

    /** What happens to attributes whose value TypeDB 3 cannot store. */
    public enum BadValuePolicy { FAIL, DROP }

    /** How the conversion runs. */
    public static final class Options {
        AttributeOwners attributeOwners = AttributeOwners.REHOME;
        BadValuePolicy onBadValue = BadValuePolicy.FAIL;
        boolean allowDrops;
        boolean replaceExisting = true;
        Map<String, String> remap = Map.of();
        String source = "";
        String database = "";

        public Options attributeOwners(AttributeOwners mode) { this.attributeOwners = mode; return this; }

        /** Values TypeDB 3 cannot store: fail the conversion (the default) or drop those attributes. */
        public Options onBadValue(BadValuePolicy policy) { this.onBadValue = policy; return this; }

        /** Convert even when data that does not fit the schema must be dropped (counted and named in the report). */
        public Options allowDrops(boolean allow) { this.allowDrops = allow; return this; }

        /** Whether an out-dir holding an earlier conversion's files may be replaced (the default). */
        public Options replaceExisting(boolean replace) { this.replaceExisting = replace; return this; }

        /** Data labels to rename before anything else ({@code old=new}, as Grakn's import takes them). */
        public Options remap(Map<String, String> remap) { this.remap = Map.copyOf(remap); return this; }

        /** Where the data came from, for the report. */
        public Options source(String source) { this.source = source; return this; }

        /** The database name written in {@code data.typedb}'s header. */
        public Options database(String database) { this.database = database; return this; }
    }

    /** The outcome: the report (with the validator's problems) and where the files are. */
    public record Result(ConversionReport report, Path schemaFile, Path dataFile, Path reportFile) {
        public boolean valid() { return report.valid(); }
    }

    private final Schema schema;
    private final Options options;
    private final ProgressListener progress;
    private final TypeNames names;

    public Typedb3Converter(Schema schema, Options options, ProgressListener progress) {
        this.schema = schema;
        this.options = options;
        this.progress = progress == null ? ProgressListener.NONE : progress;
        this.names = TypeNames.plan(schema);
    }

    /**
     * Converts {@code input} into {@code outDir}: the three files replace the out-dir together, or
     * nothing changes. Returns the result; {@link Result#valid()} is false when the validator found
     * problems (the files are still written so they can be inspected or fixed).
     *
     * @throws DropsRefusedException when data would be dropped and the options do not allow it; nothing is written
     */
    public Result convert(Path input, Path outDir) throws IOException {
        ItemFiles.requireReadable(input);
        try (OutputStaging staging = OutputStaging.open(outDir, options.replaceExisting)) {
            Path attrs = staging.temp("attributes.part");
            Path ents = staging.temp("entities.part");
            Path rels = staging.temp("relations.part");
            DataPasses.Outcome data;
            try {
                data = new DataPasses(schema, options, names, progress).run(input, staging.directory(), attrs, ents, rels);
            } catch (SQLException e) {
                throw new IOException("the work database failed (" + e.getMessage()
                        + "); check free space in " + outDir.toAbsolutePath().getParent(), e);
            }
            refuseDrops(data);
            progress.start(Typedb3Phases.WRITING_SCHEMA, -1, "");
            SchemaTranslator.Translation translation;
            RuleTranslation.Result rules;
            Path schemaFile = staging.file("schema.tql");
            try {
                translation = SchemaTranslator.translate(schema, data.facts(), names, options.attributeOwners);
                rules = RuleTranslation.translate(schema, names);
                Files.writeString(schemaFile, TypeQlPrinter.print(translation.schema(), schemaHeader(), rules.comments()), StandardCharsets.UTF_8);
            } finally {
                progress.finish();
            }
            Path dataFile = staging.file("data.typedb");
            String database = !options.database.isEmpty() ? options.database : data.headerDatabase() == null ? "" : data.headerDatabase();
            DataFileAssembler.write(dataFile, database, List.of(attrs, ents, rels), data.counts().written(), progress);
            Files.deleteIfExists(attrs);
            Files.deleteIfExists(ents);
            Files.deleteIfExists(rels);
            String source = options.source.isEmpty() ? input.toString() : options.source;
            ConversionReport report = ReportBuilder.build(options, source, outDir.toAbsolutePath().normalize().toString(),
                    data, translation, rules);
            report = report.withProblems(ImportValidator.validate(schemaFile, dataFile, staging.directory(), progress));
            Path reportFile = staging.file("report.md");
            Files.writeString(reportFile, report.toMarkdown(), StandardCharsets.UTF_8);
            staging.commit();
            return new Result(report, outDir.resolve("schema.tql"), outDir.resolve("data.typedb"), outDir.resolve("report.md"));
        }
    }

    /** Drops from a schema/data mismatch fail unless allowed; bad values follow their policy; translations proceed. */
    private void refuseDrops(DataPasses.Outcome data) {
        LossLog log = data.losses();
        long badValues = log.count(LossReason.Policy.BAD_VALUE);
        if (badValues > 0 && options.onBadValue == BadValuePolicy.FAIL) {
            throw new DropsRefusedException(DropsRefusedException.Cause.BAD_VALUES, badValues, of(log, LossReason.Policy.BAD_VALUE), List.of());
        }
        long mismatches = log.count(LossReason.Policy.MISMATCH);
        if (mismatches > 0 && !options.allowDrops) {
            throw new DropsRefusedException(DropsRefusedException.Cause.MISMATCH, mismatches, of(log, LossReason.Policy.MISMATCH),
                    LabelSuggestions.suggest(schema, data.unknownLabels(), options.remap));
        }
    }

    private static List<Loss> of(LossLog log, LossReason.Policy policy) {
        List<Loss> l = new ArrayList<>();
        for (Loss x : log.losses()) if (x.reason().policy() == policy) l.add(x);
        return l;
    }

    private List<String> schemaHeader() {
        List<String> h = new ArrayList<>();
        h.add("TypeDB 3 schema converted from Grakn 1.8 by grakn-migrate typedb3.");
        h.add("Import: database import <db> schema.tql data.typedb (TypeDB and Console 3.4 or later; 3.12.3+ recommended).");
        h.add("See report.md next to this file for every decision and loss.");
        return h;
    }
}
