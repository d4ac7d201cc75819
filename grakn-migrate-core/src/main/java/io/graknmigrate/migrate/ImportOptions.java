package io.graknmigrate.migrate;

import io.graknmigrate.schema.GraqlSource;

import java.util.List;
import java.util.Map;

/**
 * How to import: label remapping ({@code old=new}, for type and role labels), whether to delete the
 * keyspace's data first (schema kept), whether to let schema violations through, and schema files to
 * define first. All of it happens in the import's one transaction; a dry run does all of it and
 * every check, then rolls the transaction back.
 */
public record ImportOptions(Map<String, String> remap, boolean clean, boolean skipValidation,
                            List<GraqlSource> schemaSources, boolean dryRun) {

    public ImportOptions {
        remap = Map.copyOf(remap);
        schemaSources = List.copyOf(schemaSources);
    }

    /** Options of an import that commits. */
    public ImportOptions(Map<String, String> remap, boolean clean, boolean skipValidation, List<GraqlSource> schemaSources) {
        this(remap, clean, skipValidation, schemaSources, false);
    }

    /** The same import, rolled back at the end when {@code dryRun}. */
    public ImportOptions withDryRun(boolean dryRun) {
        return new ImportOptions(remap, clean, skipValidation, schemaSources, dryRun);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(Map.of(), false, false, List.of());
    }

    public ImportOptions withRemap(Map<String, String> remap) {
        return new ImportOptions(remap, clean, skipValidation, schemaSources, dryRun);
    }

    public ImportOptions withClean(boolean clean) {
        return new ImportOptions(remap, clean, skipValidation, schemaSources, dryRun);
    }

    public ImportOptions withSkipValidation(boolean skipValidation) {
        return new ImportOptions(remap, clean, skipValidation, schemaSources, dryRun);
    }

    public ImportOptions withSchema(List<GraqlSource> schemaSources) {
        return new ImportOptions(remap, clean, skipValidation, schemaSources, dryRun);
    }
}
