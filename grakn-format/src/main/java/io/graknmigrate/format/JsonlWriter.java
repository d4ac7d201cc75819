package io.graknmigrate.format;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.graknmigrate.format.proto.Item;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes JSON Lines: one {@link Item} a line in protobuf's standard JSON mapping, so that any JSON
 * tool can read a backup. Files are written under a temporary name and renamed by {@link #complete()};
 * {@code .gz}/{@code .zst} suffixes compress.
 */
public final class JsonlWriter implements Closeable {

    private final JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();
    private final OutputTarget out;
    private final Writer writer;
    private long items;

    private JsonlWriter(OutputTarget out) {
        this.out = out;
        this.writer = new BufferedWriter(new OutputStreamWriter(out.stream(), StandardCharsets.UTF_8), 1 << 16);
    }

    public static JsonlWriter create(Path path) {
        return create(path, ExistingFile.REPLACE);
    }

    /**
     * Writes JSON Lines to {@code path} atomically, its suffix selecting compression; an existing file
     * is kept or replaced as {@code existing} says (a database file is never replaced).
     *
     * @throws OutputRefusedException when the file must not be written over
     */
    public static JsonlWriter create(Path path, ExistingFile existing) {
        return new JsonlWriter(OutputTarget.file(path, Compression.fromFileName(path.toAbsolutePath().getFileName().toString()), existing));
    }

    /** Writes to a stream (stdout); {@link #complete()} flushes it but does not close it. */
    public static JsonlWriter to(OutputStream out, String displayName) {
        return new JsonlWriter(OutputTarget.stream(out, displayName));
    }

    public JsonlWriter write(Item item) {
        try {
            printer.appendTo(item, writer);
            writer.write('\n');
            items++;
            return this;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("item cannot be printed as JSON: " + e.getMessage(), e);
        } catch (IOException e) {
            throw FrameReader.wrap(out.name() + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    public long items() { return items; }

    /** Flushes and, for a file, renames it to its real name. */
    public void complete() {
        out.complete(writer);
    }

    /** Closes; an unfinished file is deleted. */
    @Override
    public void close() {
        out.close(writer);
    }
}
