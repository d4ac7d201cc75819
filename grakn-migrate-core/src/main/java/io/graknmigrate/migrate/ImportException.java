package io.graknmigrate.migrate;

import java.util.List;

/**
 * An import that failed and was rolled back: the file does not fit the schema, references things it
 * does not contain, or its checksums disagree (a server maps this to INVALID_ARGUMENT / FAILED_PRECONDITION).
 * The message is one line; {@link #problems()} lists every problem found, one per line, for display;
 * {@link #reason()} lets a front end add advice in its own terms (a tool to check the file, an option
 * to let violations through).
 */
public final class ImportException extends MigrationException {

    /** Why the import was refused. */
    public enum Reason {
        /** Items name types, roles or value types the schema does not have. */
        SCHEMA_MISMATCH,
        /** The file's checksums item disagrees with what the file holds: truncated or damaged. */
        CHECKSUM_MISMATCH,
        /** Two items share an id: the file is damaged. */
        DUPLICATE_ID,
        /** Ownerships or role players refer to ids the file does not contain: the file is incomplete. */
        DANGLING_REFERENCE,
        /** The data breaks the schema's rules (has, plays, regexes) and validation was on. */
        SCHEMA_VIOLATION,
        /** Key values are shared between owners inside the file: letting them through would break the key rule. */
        KEY_CLASH,
        /** Key values of the file are owned already by things in the keyspace: the data looks imported before. */
        KEYS_ALREADY_IN_KEYSPACE
    }

    private final Reason reason;
    private final List<String> problems;

    public ImportException(Reason reason, String message, List<String> problems) {
        super(message);
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    /** Why the import was refused. */
    public Reason reason() { return reason; }

    /** Every problem found, one line each. */
    public List<String> problems() { return problems; }
}
