package io.graknmigrate.format;

import java.nio.file.Path;

/** A writer refused to create its output file, which would have replaced a file it must not replace. */
public final class OutputRefusedException extends RuntimeException {

    /** Why the file was refused. */
    public enum Reason {
        /** The file exists and the writer was asked to keep existing files ({@link ExistingFile#KEEP}). */
        EXISTS,
        /** The file is (or is named like) an SQLite database or one of its companion files: never replaced. */
        DATABASE_FILE
    }

    private final Reason reason;
    private final Path path;

    public OutputRefusedException(Reason reason, Path path, String displayName) {
        super(switch (reason) {
            case EXISTS -> displayName + " already exists and was left as it is";
            case DATABASE_FILE -> displayName + " is a database file (a keyspace's, or another program's) and is never written over";
        });
        this.reason = reason;
        this.path = path;
    }

    public Reason reason() { return reason; }

    /** The refused file. */
    public Path path() { return path; }
}
