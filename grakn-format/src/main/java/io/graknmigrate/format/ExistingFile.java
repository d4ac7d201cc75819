package io.graknmigrate.format;

/**
 * What a writer does when its target file already exists. A database file (see
 * {@link DatabaseFiles}) is never replaced, whichever is chosen.
 */
public enum ExistingFile {
    /** Refuse with {@link OutputRefusedException}: the user's file is kept. */
    KEEP,
    /** Replace it atomically once the new file is complete. */
    REPLACE
}
