package io.graknmigrate.format;

import com.google.protobuf.CodedOutputStream;
import io.graknmigrate.format.proto.Item;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a {@code .grakn} file: {@link #header} first, then things with {@link #write}, then
 * {@link #finish()} appends the checksums it tallied (one per entity, attribute, relation, role
 * <em>player</em> and owned-attribute entry) and completes the file.
 *
 * <p>A file written with {@link #create(Path)} first lives under a temporary name in the same
 * directory and only gets its real name, atomically, in {@code finish()}: an export that fails or is
 * interrupted never leaves a complete-looking file. {@code close()} without {@code finish()} deletes
 * the temporary file. A {@code .gz} or {@code .zst} suffix compresses.
 */
public final class ItemWriter implements Closeable {

    private final String name;
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private final CodedOutputStream coded;
    private final boolean closeStream;

    private long items;
    private boolean headerWritten;
    private boolean finished;
    private boolean closed;
    private long entities;
    private long attributes;
    private long relations;
    private long rolePlayers;
    private long ownerships;

    private ItemWriter(String name, Path target, Path temp, FileChannel channel, OutputStream stream, boolean closeStream) {
        this.name = name;
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.stream = stream;
        this.closeStream = closeStream;
        this.coded = CodedOutputStream.newInstance(stream, 1 << 16);
    }

    /** Writes to {@code path} atomically; its suffix ({@code .gz}, {@code .zst}) selects compression. */
    public static ItemWriter create(Path path) {
        return create(path, Compression.fromFileName(path.getFileName().toString()));
    }

    public static ItemWriter create(Path path, Compression compression) {
        Path absolute = path.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = dir.resolve("." + absolute.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        FileChannel channel = null;
        try {
            channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            OutputStream out = compression.compress(Channels.newOutputStream(channel));
            return new ItemWriter(path.toString(), absolute, temp, channel, out, true);
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

    /** Writes uncompressed to a stream (stdout, a socket); the stream is flushed, not closed, by {@code finish()}. */
    public static ItemWriter to(OutputStream out, String displayName) {
        return new ItemWriter(displayName, null, null, null, out, false);
    }

    /** Writes compressed to a stream; {@code finish()} ends the compressed stream but does not close {@code out}. */
    public static ItemWriter to(OutputStream out, String displayName, Compression compression) {
        if (compression == Compression.NONE) return to(out, displayName);
        try {
            OutputStream unclosable = new java.io.FilterOutputStream(out) {
                @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
                @Override public void close() throws IOException { out.flush(); }
            };
            return new ItemWriter(displayName, null, null, null, compression.compress(unclosable), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the header. It must be the first item. */
    public ItemWriter header(String graknVersion, String originalDatabase) {
        if (items > 0) throw new IllegalStateException("the header must be the first item of " + name);
        Item header = Item.newBuilder().setHeader(Item.Header.newBuilder()
                .setGraknVersion(graknVersion).setOriginalDatabase(originalDatabase)).build();
        raw(header);
        headerWritten = true;
        return this;
    }

    /** Writes an entity, attribute or relation and counts it into the checksums. */
    public ItemWriter write(Item item) {
        switch (item.getItemCase()) {
            case HEADER -> throw new IllegalArgumentException("write the header with header(...), first");
            case CHECKSUMS -> throw new IllegalArgumentException("checksums are written by finish()");
            default -> { }
        }
        return writeAsIs(item);
    }

    /**
     * Writes any item exactly as given, header and checksums included, without order checks: for
     * converters that must preserve a file item for item. Things are still counted.
     */
    public ItemWriter writeAsIs(Item item) {
        tally(item);
        raw(item);
        return this;
    }

    private void tally(Item item) {
        switch (item.getItemCase()) {
            case ENTITY -> {
                entities++;
                ownerships += item.getEntity().getAttributeCount();
            }
            case ATTRIBUTE -> {
                attributes++;
                ownerships += item.getAttribute().getAttributeCount();
            }
            case RELATION -> {
                Item.Relation r = item.getRelation();
                relations++;
                ownerships += r.getAttributeCount();
                for (int i = 0, n = r.getRoleCount(); i < n; i++) rolePlayers += r.getRole(i).getPlayerCount();
            }
            case HEADER -> headerWritten = true;
            default -> { }
        }
    }

    private void raw(Item item) {
        if (finished || closed) throw new IllegalStateException(name + " is already finished");
        try {
            coded.writeUInt32NoTag(item.getSerializedSize());
            item.writeTo(coded);
            items++;
        } catch (IOException e) {
            throw FrameReader.wrap(name + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** The checksums of what was written so far. */
    public Item.Checksums checksums() {
        return Item.Checksums.newBuilder()
                .setEntityCount(entities).setAttributeCount(attributes).setRelationCount(relations)
                .setRoleCount(rolePlayers).setOwnershipCount(ownerships).build();
    }

    /** Items written so far. */
    public long items() { return items; }

    public boolean headerWritten() { return headerWritten; }

    /** Appends the checksums item and completes the file; returns the checksums. */
    public Item.Checksums finish() {
        Item.Checksums checksums = checksums();
        raw(Item.newBuilder().setChecksums(checksums).build());
        complete();
        return checksums;
    }

    /**
     * Completes the file without adding a checksums item (for {@link #writeAsIs} copies, which carry
     * their own): flushes, syncs and, for a file, renames it to its real name.
     */
    public void complete() {
        if (finished) return;
        try {
            coded.flush();
            if (closeStream) stream.close();
            else stream.flush();
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

    /** Closes; when the file was not finished, its temporary file is deleted and no file appears. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (finished) return;
        if (channel != null) {
            try {
                stream.close();
            } catch (IOException | RuntimeException ignored) {
                // abandoning the file anyway
            }
            deleteTemp();
        } else {
            try {
                coded.flush();
                if (closeStream) stream.close();
                else stream.flush();
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
            // best effort: a stray temporary file has a dotted name and no real suffix
        }
    }
}
