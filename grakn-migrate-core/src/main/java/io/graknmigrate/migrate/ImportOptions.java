package io.graknmigrate.migrate;

import io.graknmigrate.format.Relabel;
import io.graknmigrate.schema.GraqlSource;

import java.util.List;
import java.util.Objects;

/**
 * How to import: label remapping ({@code old=new}, for type and role labels), whether to delete the
 * keyspace's data first (schema kept), whether to let schema violations through, and schema files to
 * define first. All of it happens in the import's one transaction; a dry run does all of it and
 * every check, then rolls the transaction back.
 */
public record ImportOptions(Relabel relabel, boolean clean, boolean skipValidation,
                            List<GraqlSource> schemaSources, boolean dryRun) {

    public ImportOptions {
        Objects.requireNonNull(relabel, "relabel");
        schemaSources = List.copyOf(schemaSources);
    }

    /** Options of an import that commits. */
    public ImportOptions(Relabel relabel, boolean clean, boolean skipValidation, List<GraqlSource> schemaSources) {
        this(relabel, clean, skipValidation, schemaSources, false);
    }

    /** The same import, rolled back at the end when {@code dryRun}. */
    public ImportOptions withDryRun(boolean dryRun) {
        return new ImportOptions(relabel, clean, skipValidation, schemaSources, dryRun);
    }

    /** No relabelling, no clean, validation on, no schema files. */
    public static ImportOptions defaults() {
        return new ImportOptions(Relabel.none(), false, false, List.of());
    }

    /** These options with type and role labels renamed by {@code relabel}. */
    public ImportOptions withRelabel(Relabel relabel) {
        return new ImportOptions(relabel, clean, skipValidation, schemaSources, dryRun);
    }

    /** These options with the keyspace's data deleted first, or not. */
    public ImportOptions withClean(boolean clean) {
        return new ImportOptions(relabel, clean, skipValidation, schemaSources, dryRun);
    }

    /** These options with schema violations let through (and counted), or refused. */
    public ImportOptions withSkipValidation(boolean skipValidation) {
        return new ImportOptions(relabel, clean, skipValidation, schemaSources, dryRun);
    }

    /** These options with Graql schema files defined before the data. */
    public ImportOptions withSchema(List<GraqlSource> schemaSources) {
        return new ImportOptions(relabel, clean, skipValidation, schemaSources, dryRun);
    }
}
