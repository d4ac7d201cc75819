package io.graknmigrate.typedb3;

/**
 * The phase names a conversion reports to its {@link io.graknmigrate.format.ProgressListener}, in the
 * order they run. They name what the user waits for, in the words the import's phases use
 * ("reading", "checking references"), so one progress display reads the same for every command.
 */
final class Typedb3Phases {

    /** Pass 1 over the input (bytes). */
    static final String READING = "reading";
    /** Ownerships whose owner is an attribute, resolved in the work database (no total: a spinner). */
    static final String RESOLVING_OWNERS = "resolving owners";
    /** Pass 2: entities and relations (things). */
    static final String CONVERTING = "converting";
    /** Owner-less attributes and key uses, counted in the work database (a spinner). */
    static final String CHECKING_KEYS = "checking keys";
    /** Schema translation and {@code schema.tql} (a spinner). */
    static final String WRITING_SCHEMA = "writing schema";
    /** {@code data.typedb} assembled from the part files (bytes). */
    static final String WRITING_DATA = "writing data";
    /** The written {@code data.typedb} read back against TypeDB 3's item rules (bytes). */
    static final String CHECKING = "checking";
    /** The end-of-import rules over the whole data: references, cardinalities, keys (a spinner). */
    static final String CHECKING_REFERENCES = "checking references";

    private Typedb3Phases() { }
}
