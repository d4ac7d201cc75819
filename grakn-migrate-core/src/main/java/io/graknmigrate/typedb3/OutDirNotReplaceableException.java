package io.graknmigrate.typedb3;

import java.io.IOException;
import java.nio.file.Path;

/** The out-dir exists and is not the converter's to replace: it holds other files, or replacing was not allowed. */
public final class OutDirNotReplaceableException extends IOException {

    /** Why the out-dir is kept. */
    public enum Reason {
        /** It holds files that are not a conversion's outputs: never replaced. */
        FOREIGN_FILES,
        /** It holds an earlier conversion's outputs, and replacing them was not allowed. */
        EARLIER_CONVERSION
    }

    private final Path directory;
    private final Reason reason;

    OutDirNotReplaceableException(Path directory, Reason reason, String why) {
        super(directory + ": " + why);
        this.directory = directory;
        this.reason = reason;
    }

    public Path directory() { return directory; }

    /** Why the out-dir is kept. */
    public Reason reason() { return reason; }
}
