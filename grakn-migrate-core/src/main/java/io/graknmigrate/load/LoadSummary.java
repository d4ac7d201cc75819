package io.graknmigrate.load;

import java.util.Locale;

/**
 * What loading one file did: queries run (and how many of them inserted data), things inserted
 * (entities, relations, attributes that did not exist yet) and deleted, schema changes (type
 * statements of define and undefine queries), bytes read and seconds.
 */
public record LoadSummary(String file, String keyspace, long queries, long entities, long relations, long attributes,
                          long ownerships, long rolePlayers, long deleted, long schemaChanges, long bytes, double seconds,
                          boolean dryRun) {

    public long thingsInserted() { return entities + relations + attributes; }

    /** The one line the CLI prints per file. */
    public String line() {
        return String.format(Locale.ROOT, "%s %s into %s: %,d queries, %,d things inserted (%,d entities, %,d relations, %,d attributes;"
                        + " %,d ownerships, %,d role players), %,d deleted, %,d schema changes in %.2f s%s",
                dryRun ? "checked" : "loaded", file, keyspace, queries, thingsInserted(), entities, relations, attributes,
                ownerships, rolePlayers, deleted, schemaChanges, seconds,
                dryRun ? " (dry run: rolled back, nothing was changed)" : "");
    }
}
