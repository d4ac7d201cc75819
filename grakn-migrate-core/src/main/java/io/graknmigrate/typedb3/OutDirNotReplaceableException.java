package io.graknmigrate.typedb3;

import java.io.IOException;
import java.nio.file.Path;

/** The out-dir exists and is not the converter's to replace: it holds other files, or replacing was not allowed. */
public final class OutDirNotReplaceableException extends IOException {

    private final Path directory;

    OutDirNotReplaceableException(Path directory, String why) {
        super(directory + ": " + why);
        this.directory = directory;
    }

    public Path directory() { return directory; }
}
