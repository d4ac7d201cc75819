package io.graknmigrate.format;

import com.google.protobuf.CodedOutputStream;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

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
    private final OutputStream sink;
    private final ChecksumTally tally = new ChecksumTally();

    /** Items are encoded straight into this buffer, which is written to the sink when full. */
    private final byte[] buf = new byte[1 << 16];
    private int pos;

    private long items;
    private boolean headerWritten;

    private ItemWriter(OutputTarget out) {
        this.out = out;
        this.sink = out.stream();
    }

    /**
     * Writes to {@code path} atomically, replacing an existing file (but never a database file, see
     * {@link DatabaseFiles}); its suffix ({@code .gz}, {@code .zst}) selects compression.
     */
    public static ItemWriter create(Path path) {
        return create(path, Compression.fromFileName(path.getFileName().toString()));
    }

    /** As {@link #create(Path)}, compressed as given. */
    public static ItemWriter create(Path path, Compression compression) {
        return create(path, compression, ExistingFile.REPLACE);
    }

    /**
     * Writes to {@code path} atomically, compressed as given; an existing file is kept or replaced as
     * {@code existing} says (a database file is never replaced).
     *
     * @throws OutputRefusedException when the file must not be written over
     */
    public static ItemWriter create(Path path, Compression compression, ExistingFile existing) {
        return new ItemWriter(OutputTarget.file(path, compression, existing));
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
        Item.ItemCase itemCase = item.getItemCase();
        switch (itemCase) {
            case HEADER -> throw new IllegalArgumentException("write the header with header(...), first");
            case CHECKSUMS -> throw new IllegalArgumentException("checksums are written by finish()");
            default -> { }
        }
        return writeAsIs(item, itemCase);
    }

    /**
     * Writes any item exactly as given, header and checksums included, without order checks: for
     * converters that must preserve a file item for item. Things are still counted.
     */
    public ItemWriter writeAsIs(Item item) {
        return writeAsIs(item, item.getItemCase());
    }

    private ItemWriter writeAsIs(Item item, Item.ItemCase itemCase) {
        tally.add(item, itemCase);
        if (itemCase == Item.ItemCase.HEADER) headerWritten = true;
        raw(item, itemCase);
        return this;
    }

    /**
     * Writes {@code length} bytes that are already complete delimited frames of entities, attributes
     * and relations (as {@link #write} would encode them), counting them into the checksums as
     * {@code counts} and {@code things} say. The caller vouches for the bytes and the counts: this is
     * for an exporter that encodes on other threads.
     */
    public ItemWriter writeFrames(byte[] frames, int length, Counts counts, long things) {
        if (!out.writable()) throw new IllegalStateException(out.name() + " is already finished");
        if (!headerWritten) throw new IllegalStateException("the header must be the first item of " + out.name());
        try {
            if (length <= buf.length - pos) {
                System.arraycopy(frames, 0, buf, pos, length);
                pos += length;
            } else {
                flushBuffer();
                sink.write(frames, 0, length);
            }
        } catch (IOException e) {
            throw FrameReader.wrap(out.name() + ": cannot write (" + e.getMessage() + ")", e);
        }
        tally.add(counts, things);
        items += things;
        return this;
    }

    private void raw(Item item) {
        raw(item, item.getItemCase());
    }

    private void raw(Item item, Item.ItemCase itemCase) {
        if (!out.writable()) throw new IllegalStateException(out.name() + " is already finished");
        try {
            int size = item.getSerializedSize();
            int need = CodedOutputStream.computeUInt32SizeNoTag(size) + size;
            if (need > buf.length - pos) {
                flushBuffer();
                if (need > buf.length) {
                    // larger than the buffer: encode on its own (rare; Grakn's items are small)
                    CodedOutputStream big = CodedOutputStream.newInstance(sink, 1 << 16);
                    big.writeUInt32NoTag(size);
                    item.writeTo(big);
                    big.flush();
                    items++;
                    return;
                }
            }
            int start = pos;
            pos = writeVarint(buf, pos, size);
            if (!ThingEncoder.encode(item, itemCase, this) || pos - start != need) {
                // fields the encoder does not know (unknown fields, a header, checksums): protobuf's own
                pos = start;
                CodedOutputStream coded = CodedOutputStream.newInstance(buf, pos, need);
                coded.writeUInt32NoTag(size);
                item.writeTo(coded);
                pos += need;
            }
            items++;
        } catch (IOException e) {
            throw FrameReader.wrap(out.name() + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    private void flushBuffer() throws IOException {
        if (pos > 0) {
            sink.write(buf, 0, pos);
            pos = 0;
        }
    }

    private void flushAll() throws IOException {
        flushBuffer();
        sink.flush();
    }

    private static int writeVarint(byte[] b, int p, int v) {
        while ((v & ~0x7f) != 0) {
            b[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }

    /**
     * Writes the known fields of entities, attributes and relations straight into {@link #buf}, ASCII
     * strings char by char (protobuf's encoder makes a byte array per string first). The caller
     * checks that exactly the serialized size was written: anything the encoder does not write
     * (unknown fields) makes it fall back to protobuf's encoder, so the bytes are always protobuf's.
     */
    private static final class ThingEncoder {

        static boolean encode(Item item, Item.ItemCase itemCase, ItemWriter w) {
            switch (itemCase) {
                case ENTITY -> {
                    Item.Entity e = item.getEntity();
                    w.message(2, e.getSerializedSize());
                    w.string(1, e.getId());
                    w.string(2, e.getLabel());
                    owned(e.getAttributeList(), w);
                }
                case ATTRIBUTE -> {
                    Item.Attribute a = item.getAttribute();
                    w.message(1, a.getSerializedSize());
                    w.string(1, a.getId());
                    w.string(2, a.getLabel());
                    owned(a.getAttributeList(), w);
                    if (a.hasValue()) {
                        ValueObject v = a.getValue();
                        w.message(4, v.getSerializedSize());
                        // a oneof member is written even when it holds its default value
                        switch (v.getValueCase()) {
                            case STRING -> w.string(1, v.getString(), true);
                            case BOOLEAN -> w.varint(2, v.getBoolean() ? 1 : 0);
                            case LONG -> w.varint(3, v.getLong());
                            case DOUBLE -> w.fixed64(4, Double.doubleToRawLongBits(v.getDouble()));
                            case DATETIME -> w.varint(5, v.getDatetime());
                            default -> { }
                        }
                    }
                }
                case RELATION -> {
                    Item.Relation r = item.getRelation();
                    w.message(3, r.getSerializedSize());
                    w.string(1, r.getId());
                    w.string(2, r.getLabel());
                    owned(r.getAttributeList(), w);
                    for (int i = 0, n = r.getRoleCount(); i < n; i++) {
                        Item.Relation.Role role = r.getRole(i);
                        w.message(4, role.getSerializedSize());
                        w.string(1, role.getLabel());
                        for (int j = 0, m = role.getPlayerCount(); j < m; j++) {
                            Item.Relation.Role.Player player = role.getPlayer(j);
                            w.message(2, player.getSerializedSize());
                            w.string(1, player.getId());
                        }
                    }
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        private static void owned(List<Item.OwnedAttribute> owned, ItemWriter w) {
            for (int i = 0, n = owned.size(); i < n; i++) {
                Item.OwnedAttribute o = owned.get(i);
                w.message(3, o.getSerializedSize());
                w.string(1, o.getId());
            }
        }
    }

    private void message(int field, int size) {
        buf[pos++] = (byte) (field << 3 | 2);
        pos = writeVarint(buf, pos, size);
    }

    private void varint(int field, long v) {
        byte[] b = buf;
        int p = pos;
        b[p++] = (byte) (field << 3);
        while ((v & ~0x7fL) != 0) {
            b[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        pos = p;
    }

    private void fixed64(int field, long v) {
        buf[pos++] = (byte) (field << 3 | 1);
        for (int i = 0; i < 8; i++) buf[pos++] = (byte) (v >>> (i << 3));
    }

    /** A string field; proto3 leaves out empty strings. */
    private void string(int field, String s) {
        string(field, s, false);
    }

    private void string(int field, String s, boolean evenEmpty) {
        int n = s.length();
        if (n == 0 && !evenEmpty) return;
        byte[] b = buf;
        int tagAt = pos;
        b[tagAt] = (byte) (field << 3 | 2);
        int at = writeVarint(b, tagAt + 1, n);
        if (at + n <= b.length) {
            int i = 0;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) break;
                b[at + i] = (byte) c;
            }
            if (i == n) {
                pos = at + n;
                return;
            }
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        at = writeVarint(b, tagAt + 1, utf8.length);
        if (at + utf8.length > b.length) {
            pos = b.length; // cannot fit: the size check sends the item to protobuf's encoder
            return;
        }
        System.arraycopy(utf8, 0, b, at, utf8.length);
        pos = at + utf8.length;
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
        out.complete(this::flushAll);
    }

    /** Closes; when the file was not finished, its temporary file is deleted and no file appears. */
    @Override
    public void close() {
        out.close(this::flushAll);
    }
}
