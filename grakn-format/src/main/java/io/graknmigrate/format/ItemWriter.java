package io.graknmigrate.format;

import com.google.protobuf.CodedOutputStream;
import io.graknmigrate.format.proto.Item;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

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

    private final OutputTarget out;
    private final CodedOutputStream coded;
    private final ChecksumTally tally = new ChecksumTally();

    private long items;
    private boolean headerWritten;

    private ItemWriter(OutputTarget out) {
        this.out = out;
        this.coded = CodedOutputStream.newInstance(out.stream(), 1 << 16);
    }

    /** Writes to {@code path} atomically; its suffix ({@code .gz}, {@code .zst}) selects compression. */
    public static ItemWriter create(Path path) {
        return create(path, Compression.fromFileName(path.getFileName().toString()));
    }

    public static ItemWriter create(Path path, Compression compression) {
        return new ItemWriter(OutputTarget.file(path, compression));
    }

    /** Writes uncompressed to a stream (stdout, a socket); the stream is flushed, not closed, by {@code finish()}. */
    public static ItemWriter to(OutputStream out, String displayName) {
        return new ItemWriter(OutputTarget.stream(out, displayName));
    }

    /** Writes compressed to a stream; {@code finish()} ends the compressed stream but does not close {@code out}. */
    public static ItemWriter to(OutputStream out, String displayName, Compression compression) {
        return new ItemWriter(OutputTarget.stream(out, displayName, compression));
    }

    /** Writes the header. It must be the first item. */
    public ItemWriter header(String graknVersion, String originalDatabase) {
        if (items > 0) throw new IllegalStateException("the header must be the first item of " + out.name());
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
        tally.add(item);
        if (item.hasHeader()) headerWritten = true;
        raw(item);
        return this;
    }

    private void raw(Item item) {
        if (!out.writable()) throw new IllegalStateException(out.name() + " is already finished");
        try {
            coded.writeUInt32NoTag(item.getSerializedSize());
            item.writeTo(coded);
            items++;
        } catch (IOException e) {
            throw FrameReader.wrap(out.name() + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** The checksums of what was written so far. */
    public Item.Checksums checksums() { return tally.counted(); }

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
        out.complete(coded::flush);
    }

    /** Closes; when the file was not finished, its temporary file is deleted and no file appears. */
    @Override
    public void close() {
        out.close(coded::flush);
    }
}
