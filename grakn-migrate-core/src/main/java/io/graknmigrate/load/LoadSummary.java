package io.graknmigrate.load;

import io.graknmigrate.format.Numbers;

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
        return (dryRun ? "checked " : "loaded ") + file + " into " + keyspace + ": " + Numbers.count(queries, "query", "queries") + ", "
                + Numbers.count(thingsInserted(), "thing", "things") + " inserted (" + Numbers.count(entities, "entity", "entities") + ", "
                + Numbers.count(relations, "relation", "relations") + ", " + Numbers.count(attributes, "attribute", "attributes") + "; "
                + Numbers.count(ownerships, "ownership", "ownerships") + ", " + Numbers.count(rolePlayers, "role player", "role players")
                + "), " + Numbers.count(deleted, "deleted", "deleted") + ", " + Numbers.count(schemaChanges, "schema change", "schema changes")
                + " in " + Numbers.seconds(seconds) + (dryRun ? " (dry run: rolled back, nothing was changed)" : "");
    }
}
