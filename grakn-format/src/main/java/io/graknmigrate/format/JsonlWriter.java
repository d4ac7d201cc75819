package io.graknmigrate.format;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.graknmigrate.format.proto.Item;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes JSON Lines: one {@link Item} a line in protobuf's standard JSON mapping, so that any JSON
 * tool can read a backup. Files are written under a temporary name and renamed by {@link #complete()};
 * {@code .gz}/{@code .zst} suffixes compress.
 */
public final class JsonlWriter implements Closeable {

    private final JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();
    private final String name;
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final Writer writer;
    private final boolean closeStream;
    private boolean finished;
    private boolean closed;
    private long items;

    private JsonlWriter(String name, Path target, Path temp, FileChannel channel, OutputStream out, boolean closeStream) {
        this.name = name;
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.closeStream = closeStream;
        this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    public static JsonlWriter create(Path path) {
        Path absolute = path.toAbsolutePath();
        Path temp = absolute.getParent().resolve("." + absolute.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        FileChannel channel = null;
        try {
            channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            OutputStream out = Compression.fromFileName(absolute.getFileName().toString()).compress(Channels.newOutputStream(channel));
            return new JsonlWriter(path.toString(), absolute, temp, channel, out, true);
        } catch (IOException e) {
            try {
                if (channel != null) channel.close();
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException(e);
        }
    }

    /** Writes to a stream (stdout); {@link #complete()} flushes it but does not close it. */
    public static JsonlWriter to(OutputStream out, String displayName) {
        return new JsonlWriter(displayName, null, null, null, out, false);
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
            throw FrameReader.wrap(name + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    public long items() { return items; }

    /** Flushes and, for a file, renames it to its real name. */
    public void complete() {
        if (finished) return;
        try {
            if (closeStream) writer.close();
            else writer.flush();
            if (channel != null) {
                if (channel.isOpen()) {
                    channel.force(true);
                    channel.close();
                }
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            finished = true;
        } catch (IOException e) {
            deleteTemp();
            throw FrameReader.wrap(name + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** Closes; an unfinished file is deleted. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (finished) return;
        if (channel != null) {
            try {
                writer.close();
            } catch (IOException | RuntimeException ignored) {
                // abandoning the file anyway
            }
            deleteTemp();
        } else {
            try {
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void deleteTemp() {
        try {
            if (channel != null) channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
