package io.graknmigrate.format;

import java.io.FilterOutputStream;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a writer's bytes go: either a file, written under a temporary name in the same directory,
 * synced and atomically renamed to its real name by {@link #complete}, deleted by {@link #abandon}
 * (so no failed or interrupted write leaves a complete-looking file); or a caller's stream, which is
 * flushed but never closed. The writers put their own buffer on top of {@link #stream()} and pass it
 * in, so that it is flushed before the file is synced.
 */
final class OutputTarget {

    private final String name;
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private final boolean closeStream;
    private final ExistingFile existing;
    private boolean completed;
    private boolean closed;

    private OutputTarget(String name, Path target, Path temp, FileChannel channel, OutputStream stream, boolean closeStream,
                         ExistingFile existing) {
        this.existing = existing;
        this.name = name;
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.stream = stream;
        this.closeStream = closeStream;
    }

    /**
     * A file at {@code path}, first written under a temporary name, compressed as asked. Checked
     * before anything is written and again before the rename: a database file is never replaced,
     * another existing file only with {@link ExistingFile#REPLACE}.
     */
    static OutputTarget file(Path path, Compression compression, ExistingFile existing) {
        Path absolute = path.toAbsolutePath();
        DatabaseFiles.checkOutput(absolute, path.toString(), existing);
        Path temp = absolute.getParent().resolve("." + absolute.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        FileChannel channel = null;
        try {
            channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            OutputStream out = compression.compress(Channels.newOutputStream(channel));
            return new OutputTarget(path.toString(), absolute, temp, channel, out, true, existing);
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

    /** A caller's stream, written uncompressed; it is flushed, not closed. */
    static OutputTarget stream(OutputStream out, String displayName) {
        return new OutputTarget(displayName, null, null, null, out, false, ExistingFile.REPLACE);
    }

    /** A caller's stream, written compressed; completing ends the compressed stream but does not close {@code out}. */
    static OutputTarget stream(OutputStream out, String displayName, Compression compression) {
        if (compression == Compression.NONE) return stream(out, displayName);
        try {
            OutputStream unclosable = new FilterOutputStream(out) {
                @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
                @Override public void close() throws IOException { out.flush(); }
            };
            return new OutputTarget(displayName, null, null, null, compression.compress(unclosable), true, ExistingFile.REPLACE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() { return name; }

    /** The (possibly compressing) stream to write to. */
    OutputStream stream() { return stream; }

    /** Whether neither {@link #complete} nor {@link #close} has been called. */
    boolean writable() { return !completed && !closed; }

    /**
     * Flushes {@code buffered} (the writer's layer on top of {@link #stream()}), ends the stream and,
     * for a file, syncs it and renames it to its real name. On failure the temporary file is deleted.
     * Once completed, does nothing.
     */
    void complete(Flushable buffered) {
        if (completed) return;
        try {
            end(buffered);
            if (channel != null) {
                if (channel.isOpen()) {
                    channel.force(true);
                    channel.close();
                }
                rename();
            }
            completed = true;
        } catch (OutputRefusedException e) {
            deleteTemp();
            throw e;
        } catch (IOException e) {
            deleteTemp();
            throw FrameReader.wrap(name + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** Moves the finished temporary file to its name, checking the target again: it may have appeared meanwhile. */
    private void rename() throws IOException {
        DatabaseFiles.checkOutput(target, name, existing);
        if (existing == ExistingFile.KEEP) {
            // A hard link cannot replace anything: a file created since the check is kept.
            boolean linked;
            try {
                Files.createLink(target, temp);
                linked = true;
            } catch (FileAlreadyExistsException e) {
                throw new OutputRefusedException(OutputRefusedException.Reason.EXISTS, target, name);
            } catch (UnsupportedOperationException | IOException e) {
                linked = false; // no hard links here (FAT, some network file systems)
            }
            if (linked) {
                Files.delete(temp);
                return;
            }
            try {
                Files.move(temp, target); // without REPLACE_EXISTING: refuses an existing file too
            } catch (FileAlreadyExistsException e) {
                throw new OutputRefusedException(OutputRefusedException.Reason.EXISTS, target, name);
            }
            return;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Closes once. An output that was not completed is given up: a file's temporary file is deleted
     * and no file appears; a caller's stream gets what was written so far.
     */
    void close(Flushable buffered) {
        if (closed) return;
        closed = true;
        if (completed) return;
        if (channel != null) {
            try {
                stream.close();
            } catch (IOException | RuntimeException ignored) {
                // abandoning the file anyway
            }
            deleteTemp();
        } else {
            try {
                end(buffered);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void end(Flushable buffered) throws IOException {
        buffered.flush();
        if (closeStream) stream.close();
        else stream.flush();
    }

    private void deleteTemp() {
        try {
            if (channel != null) channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // best effort: a stray temporary file has a dotted name and no real suffix
        }
    }
}
