package io.graknmigrate.typedb3;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Input checks made before any work starts, so a wrong path fails with one clear line. */
final class ItemFiles {

    private ItemFiles() { }

    static void requireReadable(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            if (!Files.exists(path)) throw new NoSuchFileException(path.toString());
            throw new IOException(path + ": not a regular file, give a .grakn file");
        }
        if (Files.size(path) == 0) throw new EOFException(path + ": the file is empty, give a .grakn export");
    }
}
