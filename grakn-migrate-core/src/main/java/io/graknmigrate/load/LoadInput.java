package io.graknmigrate.load;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One Graql file to load: its name as messages show it, how to open it (once), and its size in bytes
 * for the progress bar (-1 when unknown, as for stdin).
 */
public record LoadInput(String name, Opener opener, long size) {

    /** Opens the input; called once, the loader closes the stream. */
    public interface Opener {
        InputStream open() throws IOException;
    }

    public LoadInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(opener, "opener");
    }

    /** A file on disk, named as the user wrote it. */
    public static LoadInput file(String name, Path path) throws IOException {
        if (Files.isDirectory(path)) throw new IOException(name + " is a directory, give a Graql file (.gql) there");
        return new LoadInput(name, () -> Files.newInputStream(path), Files.size(path));
    }

    /** A stream such as stdin; the loader closes it at the end of the file. */
    public static LoadInput stream(String name, InputStream in) {
        return new LoadInput(name, () -> in, -1);
    }

    /** Graql text held in memory (tests, small generated files). */
    public static LoadInput text(String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new LoadInput(name, () -> new ByteArrayInputStream(bytes), bytes.length);
    }
}
