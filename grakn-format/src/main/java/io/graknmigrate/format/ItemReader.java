package io.graknmigrate.format;

import com.google.protobuf.InvalidProtocolBufferException;
import io.graknmigrate.format.proto.Item;

import java.io.Closeable;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads the items of a {@code .grakn} file one at a time, in constant memory. gzip and zstd input is
 * recognised by its magic bytes. Items whose kind this version does not know (a newer writer's, or an
 * empty oneof) are counted in {@link #unknownItems()} and skipped; unknown fields inside known items
 * are kept by protobuf as unknown fields.
 *
 * <pre>{@code
 * try (ItemReader reader = ItemReader.open(Path.of("backup.grakn"))) {
 *     while (reader.hasNext()) {
 *         Item item = reader.next();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * Malformed input throws {@link GraknFormatException}; I/O failures throw
 * {@link java.io.UncheckedIOException}.
 */
public final class ItemReader implements Iterator<Item>, Closeable {

    /** The per-item size limit: {@code -Dgraknmigrate.maxItemBytes}, 64 MiB by default. */
    public static final int DEFAULT_MAX_ITEM_BYTES = FrameReader.DEFAULT_MAX_ITEM_BYTES;

    private final FrameReader frames;
    private Item next;
    private long itemIndex = -1;
    private long unknownItems;

    private ItemReader(FrameReader frames) {
        this.frames = frames;
    }

    /** Opens a file; its path as given is the name used in error messages. */
    public static ItemReader open(Path path) {
        return open(path, path.toString());
    }

    public static ItemReader open(Path path, String displayName) {
        return new ItemReader(FrameReader.open(path, displayName, DEFAULT_MAX_ITEM_BYTES));
    }

    public static ItemReader open(Path path, String displayName, int maxItemBytes) {
        return new ItemReader(FrameReader.open(path, displayName, maxItemBytes));
    }

    /** Reads a stream (stdin, a network stream); {@code displayName} is used in error messages. */
    public static ItemReader open(InputStream in, String displayName) {
        return new ItemReader(FrameReader.open(in, displayName, DEFAULT_MAX_ITEM_BYTES));
    }

    public static ItemReader open(InputStream in, String displayName, int maxItemBytes) {
        return new ItemReader(FrameReader.open(in, displayName, maxItemBytes));
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            if (!frames.next()) return false;
            Item item = decode(frames);
            if (item.getItemCase() == Item.ItemCase.ITEM_NOT_SET) {
                unknownItems++;
                continue;
            }
            next = item;
            itemIndex = frames.frameIndex();
        }
        return true;
    }

    @Override
    public Item next() {
        if (!hasNext()) throw new NoSuchElementException("no more items in " + frames.name());
        Item item = next;
        next = null;
        return item;
    }

    static Item decode(FrameReader frames) {
        try {
            return Item.parser().parseFrom(frames.buffer(), frames.frameStart(), frames.frameLength());
        } catch (InvalidProtocolBufferException e) {
            throw invalid(frames, WireProblems.describe(e));
        }
    }

    static GraknFormatException invalid(FrameReader frames, String reason) {
        long index = frames.frameIndex();
        long offset = frames.frameOffset();
        String hint = index == 0
                ? ", this does not look like a .grakn file (or it is corrupt from the start)"
                : ", the file is corrupt: restore a good copy or export it again";
        return new GraknFormatException(GraknFormatException.Defect.INVALID_PROTOBUF, frames.name(), offset, index,
                frames.name() + ": invalid item at byte " + offset + " (item " + index + "): " + reason + hint, null);
    }

    /** Index (from 0, counting skipped unknown items too) of the item last returned by {@link #next()}, or -1. */
    public long itemIndex() { return itemIndex; }

    /** Items skipped so far because their kind is unknown (oneof unset or a kind from a newer writer). */
    public long unknownItems() { return unknownItems; }

    /** Bytes consumed of the underlying input (compressed bytes for compressed input), for progress. */
    public long position() { return frames.position(); }

    /** Bytes of the (decompressed) item stream consumed so far. */
    public long offset() { return frames.offset(); }

    /** Size of the underlying input in bytes when known (a file), else -1. */
    public long size() { return frames.knownRawSize(); }

    /** The compression detected on the input. */
    public Compression compression() { return frames.compression(); }

    public String displayName() { return frames.name(); }

    @Override
    public void close() {
        frames.close();
    }
}
