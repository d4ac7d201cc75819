package io.graknmigrate.diff;

import io.graknmigrate.format.GraknFormatException;
import io.graknmigrate.format.ItemKind;
import io.graknmigrate.format.ItemScanner;
import io.graknmigrate.format.Relabel;
import io.graknmigrate.format.ValueKind;
import io.graknmigrate.sort.MappedFile;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One side of a comparison as a graph on disk: things numbered densely in the order they were read,
 * each with its kind, label, value and original id (or, for a plain file, where its item is, to
 * read the id back from), and its outgoing edges (ownerships and role players) resolved to thing
 * numbers. Each thing is one fixed-width record of a {@link MappedFile}
 * (its colour and its edges are files of their own), so the heap holds only the labels.
 *
 * <p>Filled through {@link #thing}, {@link #owns}, {@link #plays}, then {@link #finish()} resolves the
 * references with an {@link IdResolution} (a dangling or duplicate id is a {@link DamagedGraphException}).
 */
final class SideGraph implements AutoCloseable {

    static final int ENTITY = 0;
    static final int ATTRIBUTE = 1;
    static final int RELATION = 2;
    static final String[] KIND_NAMES = {"entity", "attribute", "relation"};

    /** Edge type 0 is ownership; a role player's edge type is its role's label code plus one. */
    static final int OWNERSHIP = 0;
    static final int TYPE_SHIFT = 44;
    static final long DST_MASK = (1L << TYPE_SHIFT) - 1;

    private static final ValueKind[] VALUE_KINDS = ValueKind.values();
    private static final long VALUE_SEED = 0x3C6EF372FE94F82BL;

    final String name;
    final Labels labels;
    private final Path dir;

    /**
     * One fixed-width record per thing, written in one append: its {@link #META}, {@link #VALUE},
     * {@link #ID_AT} and {@link #EDGE_START}; one more record than things ends the last one's edges.
     */
    private final MappedFile records;
    private static final int RECORD_SHIFT = 2;
    /** kind | value kind << 2 | label code << 8. */
    private static final int META = 0;
    /** Value bits (long, datetime, boolean 0/1, double bits with one NaN) or where a string's bytes are in {@link #strings}. */
    private static final int VALUE = 1;
    /** Where the thing's original id is in {@link #idBytes}, or where its item starts in {@link #itemFile}. */
    private static final int ID_AT = 2;
    /** First edge of the thing. */
    private static final int EDGE_START = 3;
    /**
     * The string values, apart from the ids: the exact check reads a string of the other side for
     * every string attribute, at random, and a file of values only is a fraction of the size to
     * jump around in (text ids are most of the bytes).
     */
    final MappedFile strings;
    /**
     * The things' original ids, read only to describe things; empty when they are read back from
     * the side's file instead ({@link #readIdsFrom}).
     */
    private final MappedFile idBytes;
    /** The plain {@code .grakn} file whose items the ids are read back from, or null when they are kept in {@link #idBytes}. */
    private Path itemFile;
    private FileChannel items;
    /** type << 44 | target thing number. */
    final MappedFile edges;
    private final IdResolution ids;

    long things;
    long edgeCount;
    final long[] kindCounts = new long[3];
    long ownerships;
    long rolePlayers;
    long unknownItems;
    /** The thing being read (-1 once its record is appended) and its record's fields. */
    private long current = -1;
    private long currentMeta;
    private long currentValue;
    private long currentIdAt;
    private long currentEdgeStart;

    SideGraph(String name, Relabel relabel, Path dir) {
        this(name, relabel, dir, GraphDiff.SORT_CHUNK);
    }

    /** {@code sortChunk}: records of the id sorts held on the heap before they spill to {@code dir}. */
    SideGraph(String name, Relabel relabel, Path dir, int sortChunk) {
        this.name = name;
        this.labels = new Labels(relabel, name);
        this.dir = dir;
        this.records = MappedFile.appended(dir, "things");
        this.strings = MappedFile.appended(dir, "strings");
        this.idBytes = MappedFile.appended(dir, "ids");
        this.edges = MappedFile.appended(dir, "edges");
        this.ids = new IdResolution(this, dir, sortChunk);
    }

    /**
     * From now on (before the first thing), keeps where each thing's item starts in {@code file}
     * instead of a copy of its id, and reads the id back from there to describe the thing: the ids
     * are most of a file's bytes, written to a temporary file for the few things a report names.
     */
    void readIdsFrom(Path file) {
        if (things > 0) throw new IllegalStateException("ids were kept already");
        try {
            items = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + name + " again to read ids back (" + e.getMessage() + ")", e);
        }
        itemFile = file;
    }

    /**
     * Starts a thing; a string value goes through {@link #stringValue} instead of {@code bits}.
     * {@code itemOffset}: where the thing's item (its length prefix) starts in the file ids are read
     * back from ({@link #readIdsFrom}), else unused.
     */
    void thing(int kind, byte[] id, int idOff, int idLen, long itemOffset, int labelCode, ValueKind valueKind, long bits) {
        appendCurrent();
        current = things++;
        kindCounts[kind]++;
        long v = bits;
        if (valueKind == ValueKind.DOUBLE) v = Double.doubleToLongBits(Double.longBitsToDouble(bits)); // one NaN
        currentMeta = kind | (long) valueKind.ordinal() << 2 | (long) labelCode << 8;
        currentValue = v;
        currentIdAt = itemFile != null ? itemOffset : idBytes.appendBytes(id, idOff, idLen);
        currentEdgeStart = edgeCount;
        ids.define(id, idOff, idLen, current, kind);
    }

    /** Sets the current thing's value to a string (its UTF-8 bytes). */
    void stringValue(byte[] b, int off, int len) {
        currentValue = strings.appendBytes(b, off, len);
    }

    /** Appends the current thing's record, complete once the next thing starts (the files only grow while reading). */
    private void appendCurrent() {
        if (current < 0) return;
        records.appendLongs(currentMeta, currentValue, currentIdAt, currentEdgeStart);
        current = -1;
    }

    /**
     * Writes the colour each of things {@code [from, to)} starts with into {@code colours}: a hash of
     * its kind, label and value. Made when colours are needed, not while reading: sides whose things
     * pair in order are confirmed without them.
     */
    void initialColours(MappedFile colours, long from, long to) {
        byte[] buf = new byte[64];
        for (long x = from; x < to; x++) {
            long meta = meta(x);
            int kind = (int) (meta & 3);
            long h = Hashing.mix(labels.hash((int) (meta >>> 8)) + kind);
            if (kind == ATTRIBUTE) {
                ValueKind vk = VALUE_KINDS[(int) (meta >>> 2 & 7)];
                long valueHash;
                if (vk == ValueKind.STRING) {
                    int len = strings.lengthAt(value(x));
                    if (len > buf.length) buf = new byte[Math.max(len, 2 * buf.length)];
                    strings.copyBytes(value(x), buf);
                    valueHash = Hashing.bytes(VALUE_SEED, buf, 0, len);
                } else {
                    valueHash = Hashing.mix(value(x) ^ VALUE_SEED);
                }
                h = valueColour(h, vk, valueHash);
            }
            colours.setLong(x, h);
        }
    }

    private static long valueColour(long kindAndLabel, ValueKind vk, long valueHash) {
        return Hashing.mix(Hashing.mix(kindAndLabel + vk.ordinal()) + valueHash);
    }

    void owns(byte[] id, int off, int len) {
        edge(OWNERSHIP, id, off, len);
        ownerships++;
    }

    void plays(int roleCode, byte[] id, int off, int len) {
        edge(roleCode + 1, id, off, len);
        rolePlayers++;
    }

    private void edge(int type, byte[] id, int off, int len) {
        edges.appendLong((long) type << TYPE_SHIFT);
        ids.refer(id, off, len, edgeCount, type == OWNERSHIP);
        edgeCount++;
    }

    /** Resolves every reference to a thing number; the side is then ready to compare. */
    void finish() {
        finish(SharedWork.alone());
    }

    /** As {@link #finish()}, in pieces {@code work} may share with another thread. */
    void finish(SharedWork work) {
        appendCurrent();
        records.appendLongs(0, 0, 0, edgeCount);
        records.endAppends();
        strings.endAppends();
        idBytes.endAppends();
        edges.endAppends();
        ids.resolve(work);
    }

    /** The thing whose edges include edge {@code e}. */
    long sourceOf(long e) {
        long lo = 0;
        long hi = things - 1;
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (firstEdge(mid) <= e) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    /** kind | value kind << 2 | label code << 8. */
    long meta(long x) { return records.getLong(x << RECORD_SHIFT | META); }

    /** Value bits (long, datetime, boolean 0/1, double bits with one NaN), or where a string's bytes are. */
    long value(long x) { return records.getLong(x << RECORD_SHIFT | VALUE); }

    int kind(long x) { return (int) (meta(x) & 3); }

    ValueKind valueKind(long x) { return VALUE_KINDS[(int) (meta(x) >>> 2 & 7)]; }

    int labelCode(long x) { return (int) (meta(x) >>> 8); }

    String label(long x) { return labels.label(labelCode(x)); }

    String id(long x) {
        long at = records.getLong(x << RECORD_SHIFT | ID_AT);
        if (itemFile == null) return new String(idBytes.bytesAt(at), StandardCharsets.UTF_8);
        return idOfItemAt(x, at);
    }

    /**
     * The id of thing {@code x}, from its item at byte {@code at} of the file, framed by the format's
     * scanner with its limits as on the first read; the item must still be a thing of the same kind
     * and label. Synchronized: the channel's position is the place read.
     */
    private synchronized String idOfItemAt(long x, long at) {
        // the scanner closes its stream; the channel stays open for the next id
        try (InputStream rest = new FilterInputStream(Channels.newInputStream(items.position(at))) {
                @Override public void close() { }
            };
             ItemScanner s = ItemScanner.open(rest, name)) {
            int kind = kind(x);
            ItemKind expected = kind == ENTITY ? ItemKind.ENTITY : kind == ATTRIBUTE ? ItemKind.ATTRIBUTE : ItemKind.RELATION;
            if (!s.next() || s.kind() != expected || !s.label().toString().equals(labels.original(labelCode(x)))) {
                throw new IOException("another item");
            }
            return s.id().toString();
        } catch (ClosedByInterruptException e) {
            throw GraphDiff.cancelled(e);
        } catch (IOException | UncheckedIOException | GraknFormatException e) {
            throw new DamagedGraphException(name + ": the " + KIND_NAMES[kind(x)] + " read at byte " + at + " is no longer there ("
                    + e.getMessage() + "): the file changed while it was compared; compare copies that stay unchanged");
        }
    }

    byte[] stringBytes(long x) { return strings.bytesAt(value(x)); }

    /** Whether string attribute {@code x} has the same bytes as string attribute {@code y} of {@code other}. */
    boolean sameString(long x, SideGraph other, long y) {
        return strings.sameBytes(value(x), other.strings, other.value(y));
    }

    long firstEdge(long x) { return records.getLong(x << RECORD_SHIFT | EDGE_START); }

    long endEdge(long x) { return records.getLong((x + 1) << RECORD_SHIFT | EDGE_START); }

    String describeShort(long x) {
        return KIND_NAMES[kind(x)] + " " + id(x) + " (" + label(x) + ")";
    }

    @Override
    public void close() {
        ids.close();
        for (MappedFile f : new MappedFile[] {records, strings, idBytes, edges}) f.close();
        if (items != null) {
            try {
                items.close();
            } catch (IOException ignored) {
                // only read from
            }
        }
    }
}
