package io.graknmigrate.diff;

import io.graknmigrate.format.Relabel;
import io.graknmigrate.format.ValueKind;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One side of a comparison as a graph on disk: things numbered densely in the order they were read,
 * each with its kind, label, value and original id, and its outgoing edges (ownerships and role
 * players) resolved to thing numbers. Per-thing columns are {@link MappedFile}s, so the heap holds
 * only the labels.
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
    private static final long ID_SEED_1 = 0x6A09E667F3BCC908L;
    private static final long ID_SEED_2 = 0xBB67AE8584CAA73BL;
    private static final long VALUE_SEED = 0x3C6EF372FE94F82BL;

    final String name;
    final Labels labels;
    private final Path dir;

    /** kind | value kind << 2 | label code << 8. */
    final MappedFile meta;
    /** Value bits (long, datetime, boolean 0/1, double bits with one NaN) or the heap offset of a string's bytes. */
    final MappedFile value;
    /** The colour each thing starts with: a hash of its kind, label and value. */
    final MappedFile initialColour;
    /** Heap offset of the thing's original id. */
    final MappedFile idAt;
    final MappedFile heap;
    /** First edge of each thing; one more entry than things. */
    final MappedFile edgeStart;
    /** type << 44 | target thing number. */
    final MappedFile edges;
    private final IdResolution ids;

    long things;
    long edgeCount;
    final long[] kindCounts = new long[3];
    long ownerships;
    long rolePlayers;
    long unknownItems;
    private long current = -1;

    SideGraph(String name, Relabel relabel, Path dir) {
        this(name, relabel, dir, GraphDiff.SORT_CHUNK);
    }

    /** {@code sortChunk}: records of the id sorts held on the heap before they spill to {@code dir}. */
    SideGraph(String name, Relabel relabel, Path dir, int sortChunk) {
        this.name = name;
        this.labels = new Labels(relabel, name);
        this.dir = dir;
        this.meta = MappedFile.create(dir, "meta");
        this.value = MappedFile.create(dir, "value");
        this.initialColour = MappedFile.create(dir, "colour");
        this.idAt = MappedFile.create(dir, "id");
        this.heap = MappedFile.create(dir, "heap");
        this.edgeStart = MappedFile.create(dir, "edge-start");
        this.edges = MappedFile.create(dir, "edges");
        this.ids = new IdResolution(this, dir, sortChunk);
    }

    /** Starts a thing; a string value goes through {@link #stringValue} instead of {@code bits}. */
    void thing(int kind, byte[] id, int idOff, int idLen, int labelCode, ValueKind valueKind, long bits) {
        current = things++;
        kindCounts[kind]++;
        meta.appendLong(kind | (long) valueKind.ordinal() << 2 | (long) labelCode << 8);
        long v = bits;
        if (valueKind == ValueKind.DOUBLE) v = Double.doubleToLongBits(Double.longBitsToDouble(bits)); // one NaN
        value.appendLong(v);
        long h = Hashing.mix(labels.hash(labelCode) + kind);
        initialColour.appendLong(kind == ATTRIBUTE ? valueColour(h, valueKind, Hashing.mix(v ^ VALUE_SEED)) : h);
        idAt.appendLong(heap.appendBytes(id, idOff, idLen));
        ids.define(Hashing.bytes(ID_SEED_1, id, idOff, idLen), Hashing.bytes(ID_SEED_2, id, idOff, idLen), current, kind);
        edgeStart.appendLong(edgeCount);
    }

    /** Sets the current thing's value to a string (its UTF-8 bytes). */
    void stringValue(byte[] b, int off, int len) {
        value.setLong(current, heap.appendBytes(b, off, len));
        long h = Hashing.mix(labels.hash(labelCode(current)) + ATTRIBUTE);
        initialColour.setLong(current, valueColour(h, ValueKind.STRING, Hashing.bytes(VALUE_SEED, b, off, len)));
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
        ids.refer(Hashing.bytes(ID_SEED_1, id, off, len), Hashing.bytes(ID_SEED_2, id, off, len), edgeCount, type == OWNERSHIP);
        edgeCount++;
    }

    /** Resolves every reference to a thing number; the side is then ready to compare. */
    void finish() {
        edgeStart.appendLong(edgeCount);
        ids.resolve();
    }

    /** The thing whose edges include edge {@code e}. */
    long sourceOf(long e) {
        long lo = 0;
        long hi = things - 1;
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (edgeStart.getLong(mid) <= e) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    int kind(long x) { return (int) (meta.getLong(x) & 3); }

    ValueKind valueKind(long x) { return VALUE_KINDS[(int) (meta.getLong(x) >>> 2 & 7)]; }

    int labelCode(long x) { return (int) (meta.getLong(x) >>> 8); }

    String label(long x) { return labels.label(labelCode(x)); }

    String id(long x) { return new String(heap.bytesAt(idAt.getLong(x)), StandardCharsets.UTF_8); }

    byte[] stringBytes(long x) { return heap.bytesAt(value.getLong(x)); }

    /** Whether string attribute {@code x} has the same bytes as string attribute {@code y} of {@code other}. */
    boolean sameString(long x, SideGraph other, long y) {
        return heap.sameBytes(value.getLong(x), other.heap, other.value.getLong(y));
    }

    long firstEdge(long x) { return edgeStart.getLong(x); }

    long endEdge(long x) { return edgeStart.getLong(x + 1); }

    String describeShort(long x) {
        return KIND_NAMES[kind(x)] + " " + id(x) + " (" + label(x) + ")";
    }

    @Override
    public void close() {
        ids.close();
        for (MappedFile f : new MappedFile[] {meta, value, initialColour, idAt, heap, edgeStart, edges}) f.close();
    }
}
