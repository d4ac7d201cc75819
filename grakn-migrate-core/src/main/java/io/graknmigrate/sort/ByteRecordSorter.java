package io.graknmigrate.sort;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Sorts records of a byte key and a byte payload by key in bounded memory, stably: keys compare as
 * unsigned bytes, a key that is a prefix of another first, and records with equal keys come out in
 * the order they were added. Chunks are sorted on the heap; when there is more than one, each is
 * spilled as a run to a temporary file and the runs are merged.
 *
 * <p>The import orders tens of millions of index entries with it, more than the heap holds, so a
 * chunk keeps its records in one byte array (no object per record) with a pair of longs each for the
 * sort: the first eight key bytes and the record's offset. Not thread-safe.
 */
public final class ByteRecordSorter implements AutoCloseable {

    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final long SIGN = Long.MIN_VALUE;
    /** Below this the merge has no room for a buffer per run and a record of a quarter of it. */
    private static final int MIN_MEMORY = 16 << 10;
    /** Heap per record besides its bytes: its (prefix, offset) pair and the sort's spare pair. */
    private static final int PER_RECORD = 32;
    /** Tied groups this small are put in order by insertion on whole keys. */
    private static final int SMALL = 16;
    /** Pairs put in order by insertion before a merge sort's passes. */
    private static final int MERGE_RUN = 16;
    /**
     * Levels of seven more key bytes a tied group may split through before it is merge sorted on
     * whole keys; bounds the recursion (keys nested in each other at every level would go as deep
     * as they are long).
     */
    private static final int MAX_LEVELS = 24;
    /** The code of a slot whose key goes on past its seven bytes (see {@link #slot}). */
    private static final int GOES_ON = 16;
    private static final int MAX_BUFFER = 64 << 10;
    private static final int MIN_BUFFER = 4 << 10;
    /** Longest varint of an int. */
    private static final int MAX_VARINT = 5;

    private final Path dir;
    private final int memory;
    /** Bytes of each run's read buffer, and of the write buffer. */
    private final int bufferBytes;
    /** Runs merged at once. */
    private final int fanIn;

    /** Records of the chunk, each: key length (varint), key, payload length (varint), payload. */
    private byte[] arena;
    private int arenaUsed;
    /** Per record of the chunk, its first eight key bytes (sign flipped) and its offset in {@link #arena}. */
    private long[] index;
    /** The sort's other array, as long as {@link #index} once made. */
    private long[] spare;
    private int n;
    private long total;
    /** Whether the arrays have been sized to the shape of the records a spilled chunk had. */
    private boolean balanced;

    /** The file holding the runs, and the one a merge pass writes to (made by the first pass). */
    private TempFile runs;
    private TempFile other;
    /** Byte offset in {@link #runs} where each run starts. */
    private List<Long> runStarts = new ArrayList<>();
    private long runsEnd;
    private byte[] writeBuffer;
    /** One read buffer per run merged at once, kept from one merge to the next. */
    private byte[][] readBuffers;

    private boolean sorting;
    private boolean closed;
    private boolean failed;

    /**
     * Records are held in at most about memoryBytes of heap (keys, payloads and per-record bookkeeping
     * together) before a sorted run is spilled to a temp file in dir.
     *
     * @throws IllegalArgumentException when {@code memoryBytes} is below 16 KiB
     */
    public ByteRecordSorter(Path dir, int memoryBytes) {
        if (memoryBytes < MIN_MEMORY) throw new IllegalArgumentException("memoryBytes " + memoryBytes + " is below " + MIN_MEMORY);
        this.dir = Objects.requireNonNull(dir, "dir");
        this.memory = memoryBytes;
        this.bufferBytes = Math.max(MIN_BUFFER, Math.min(MAX_BUFFER, memoryBytes / 32));
        this.fanIn = Math.max(2, memoryBytes / (2 * bufferBytes));
        this.arena = new byte[Math.min(32 << 10, memoryBytes / 4)];
        this.index = new long[Math.min(2048, (memoryBytes - arena.length) / (PER_RECORD / 2)) & ~1];
    }

    /**
     * Adds a record; bytes are copied. A record larger than a quarter of memoryBytes is refused with
     * IllegalArgumentException. Not after sorted().
     */
    public void add(byte[] key, int keyOff, int keyLen, byte[] payload, int payOff, int payLen) {
        Objects.checkFromIndexSize(keyOff, keyLen, key.length);
        Objects.checkFromIndexSize(payOff, payLen, payload.length);
        checkAdding();
        if ((long) keyLen + payLen > memory / 4) {
            throw new IllegalArgumentException("a record of " + ((long) keyLen + payLen) + " bytes (key " + keyLen
                    + ", payload " + payLen + ") is larger than a quarter of the sort's " + memory + " bytes of memory");
        }
        int bytes = varintSize(keyLen) + keyLen + varintSize(payLen) + payLen;
        if (!fits(bytes)) {
            try {
                if (n > 0) spill();
                if (!fits(bytes)) balance(0.5);
            } catch (RuntimeException | Error e) {
                fail();
                throw e;
            }
        }
        int at = arenaUsed;
        int p = putVarint(arena, at, keyLen);
        System.arraycopy(key, keyOff, arena, p, keyLen);
        p = putVarint(arena, p + keyLen, payLen);
        System.arraycopy(payload, payOff, arena, p, payLen);
        arenaUsed = p + payLen;
        index[2 * n] = bytes(key, keyOff, Math.min(keyLen, 8)) ^ SIGN;
        index[2 * n + 1] = at;
        n++;
        total++;
    }

    private void checkAdding() {
        if (closed) throw new IllegalStateException("the sorter is closed");
        if (failed) throw new IllegalStateException("the sorter failed earlier");
        if (sorting) throw new IllegalStateException("records added after sorted()");
    }

    /**
     * Whether a record of {@code bytes} and its pair fit in the chunk, growing the arrays within the
     * memory when they must. The arrays of a first chunk start small and double, so small sorts take
     * little heap; while one is copied the old one is held too (at most half the memory more, and only
     * until the first spill, after which {@link #balance} makes them once at their full size).
     */
    private boolean fits(int bytes) {
        if (arenaUsed + bytes > arena.length) {
            long room = memory - (long) (PER_RECORD / 2) * index.length;
            long grown = Math.max(arenaUsed + bytes, Math.min(2L * arena.length, room));
            if (grown > room) return false;
            arena = Arrays.copyOf(arena, (int) grown);
        }
        if (2 * n + 2 > index.length) {
            long grown = Math.min(2L * index.length, (memory - (long) arena.length) / (PER_RECORD / 2)) & ~1L;
            if (grown < 2L * n + 2) return false;
            index = Arrays.copyOf(index, (int) grown);
        }
        return true;
    }

    /**
     * Sizes the arrays for chunks whose records take {@code share} of the memory for their bytes, the
     * rest going to the pairs; made afresh (the chunk is empty), so no copy holds the old ones too.
     */
    private void balance(double share) {
        int minArena = memory / 4 + 2 * MAX_VARINT;
        int arenaBytes = (int) Math.max(minArena, Math.min(memory - PER_RECORD, (long) (memory * Math.min(1.0, share * 1.05))));
        int pairs = (memory - arenaBytes) / PER_RECORD;
        boolean closeEnough = arena.length >= minArena && arena.length + (long) (PER_RECORD / 2) * index.length <= memory
                && arena.length >= arenaBytes - memory / 16 && index.length / 2 >= pairs - pairs / 16;
        if (closeEnough) return;
        arena = null;
        index = null;
        spare = null;
        arena = new byte[arenaBytes];
        index = new long[2 * pairs];
    }

    /** How many records have been added. */
    public long size() { return total; }

    /** Sorts the chunk and appends it to the runs file as one run. */
    private void spill() {
        long[] sorted = sortChunk();
        if (runs == null) {
            runs = TempFile.create(dir);
            writeBuffer = new byte[bufferBytes];
        }
        RunWriter out = new RunWriter(runs, runsEnd, writeBuffer);
        runStarts.add(runsEnd);
        for (int i = 0; i < n; i++) {
            int at = (int) sorted[2 * i + 1];
            out.write(arena, at, recordLength(arena, at));
        }
        out.flush();
        runsEnd = out.position();
        double share = arenaUsed / (arenaUsed + (double) PER_RECORD * n);
        n = 0;
        arenaUsed = 0;
        if (!balanced) {
            balanced = true;
            balance(share);
        }
    }

    /**
     * Sorts the chunk's pairs and returns the array holding them in order (index or spare). The
     * counting passes of {@link RecordSorter#sort} order them by the first eight key bytes, which
     * decide most comparisons of distinct keys without reading the arena; records tying on those
     * are then put in order by {@link #resolve}.
     */
    private long[] sortChunk() {
        if (spare == null || spare.length != index.length) spare = new long[index.length];
        long[] src = RecordSorter.sort(index, spare, n);
        long[] dst = src == index ? spare : index;
        for (int i = 0; i < n; ) {
            long k = src[2 * i];
            int j = i + 1;
            while (j < n && src[2 * j] == k) j++;
            if (j - i > 1) resolve(src, dst, i, j, 8, 0);
            i = j;
        }
        return src;
    }

    /**
     * Puts pairs {@code [s, e)} of {@code src} in key order, stably, where their keys tie before byte
     * {@code depth} (byte 8: on their first eight bytes, zero padded); {@code dst}'s same range is
     * scratch. A large group is sorted by the {@link #slot} of its next seven bytes held in the
     * pairs, so most comparisons read no arena (text keys share long prefixes), and the records that
     * tie on those too are resolved again further on: each key byte is read about once, where a sort
     * comparing whole keys would read each shared prefix at every comparison.
     */
    private void resolve(long[] src, long[] dst, int s, int e, int depth, int level) {
        while (true) {
            if (e - s <= SMALL) {
                insertion(src, s, e, depth);
                return;
            }
            if (level >= MAX_LEVELS) {
                mergeSort(src, dst, s, e, depth);
                return;
            }
            long first = slot((int) src[2 * s + 1], depth);
            src[2 * s] = first;
            boolean same = true;
            for (int i = s + 1; i < e; i++) {
                long v = slot((int) src[2 * i + 1], depth);
                src[2 * i] = v;
                same &= v == first;
            }
            if (!same) break;
            // all still tie: their keys are equal, or all go on and the next bytes decide
            if ((first & 0xFF) != GOES_ON) return;
            depth += 7;
        }
        mergeSort(src, dst, s, e, -1);
        for (int i = s; i < e; ) {
            long k = src[2 * i];
            int j = i + 1;
            while (j < e && src[2 * j] == k) j++;
            if (j - i > 1 && (k & 0xFF) == GOES_ON) resolve(src, dst, i, j, depth + 7, level + 1);
            i = j;
        }
    }

    /**
     * The slot of the record at {@code at} for bytes {@code [depth, depth + 7)} of its key, sign
     * flipped, ordering records whose keys tie before {@code depth} as their keys do: the seven bytes
     * (zero padded) above a code in the low byte, which is 8 plus the number of key bytes left from
     * {@code depth} (capped at {@link #GOES_ON}), so a key ending sooner comes first. A key ending
     * before {@code depth} (only below 9 bytes, tying on the zero-padded first eight) gets its length
     * alone, below any key going on. Equal slots with a code below {@link #GOES_ON} are equal keys.
     */
    private long slot(int at, int depth) {
        int len = varint(arena, at);
        int rem = len - depth;
        if (rem <= 0) return len ^ SIGN;
        int start = at + varintSize(len);
        return (bytes(arena, start + depth, Math.min(rem, 7)) | (rem >= 8 ? GOES_ON : rem + 8)) ^ SIGN;
    }

    /** Bytes {@code [off, off + len)} ({@code len <= 8}) as the high bytes of a big-endian long, zero padded. */
    private static long bytes(byte[] b, int off, int len) {
        if (len >= 8) return (long) BIG_ENDIAN_LONG.get(b, off);
        if (len <= 0) return 0;
        if (off + 8 <= b.length) return (long) BIG_ENDIAN_LONG.get(b, off) & (-1L << (64 - 8 * len));
        long v = 0;
        for (int i = 0; i < len; i++) v |= (b[off + i] & 0xFFL) << (56 - 8 * i);
        return v;
    }

    /**
     * Compares pair {@code i} of {@code a} with the pair {@code (k, v)}: by slot when {@code depth < 0},
     * else by whole keys, whose bytes before {@code depth} are known to tie.
     */
    private int compare(long[] a, int i, long k, long v, int depth) {
        if (depth < 0) return Long.compare(a[2 * i], k);
        int x = (int) a[2 * i + 1];
        int y = (int) v;
        int lx = varint(arena, x);
        int ly = varint(arena, y);
        int kx = x + varintSize(lx);
        int ky = y + varintSize(ly);
        int skip = Math.min(depth, Math.min(lx, ly));
        return Arrays.compareUnsigned(arena, kx + skip, kx + lx, arena, ky + skip, ky + ly);
    }

    /** Stable insertion sort of pairs {@code [from, to)} of {@code a}, compared as {@link #compare} does. */
    private void insertion(long[] a, int from, int to, int depth) {
        for (int i = from + 1; i < to; i++) {
            long k = a[2 * i];
            long v = a[2 * i + 1];
            int j = i - 1;
            while (j >= from && compare(a, j, k, v, depth) > 0) {
                a[2 * j + 2] = a[2 * j];
                a[2 * j + 3] = a[2 * j + 1];
                j--;
            }
            a[2 * j + 2] = k;
            a[2 * j + 3] = v;
        }
    }

    /** Stable merge sort of pairs {@code [s, e)} of {@code src}, compared as {@link #compare} does, using {@code dst}'s same range. */
    private void mergeSort(long[] src, long[] dst, int s, int e, int depth) {
        for (int lo = s; lo < e; lo += MERGE_RUN) insertion(src, lo, Math.min(lo + MERGE_RUN, e), depth);
        long[] from = src;
        long[] to = dst;
        for (int width = MERGE_RUN; width < e - s; width <<= 1) {
            for (int lo = s; lo < e; lo += 2 * width) {
                merge(from, to, lo, Math.min(lo + width, e), Math.min(lo + 2 * width, e), depth);
            }
            long[] t = from;
            from = to;
            to = t;
        }
        if (from != src) System.arraycopy(from, 2 * s, src, 2 * s, 2 * (e - s));
    }

    private void merge(long[] from, long[] to, int lo, int mid, int hi, int depth) {
        if (mid == hi || compare(from, mid - 1, from[2 * mid], from[2 * mid + 1], depth) <= 0) {
            System.arraycopy(from, 2 * lo, to, 2 * lo, 2 * (hi - lo));
            return;
        }
        int i = lo;
        int j = mid;
        int o = 2 * lo;
        while (i < mid && j < hi) {
            // the left one on a tie: stable
            if (compare(from, i, from[2 * j], from[2 * j + 1], depth) <= 0) {
                to[o] = from[2 * i];
                to[o + 1] = from[2 * i + 1];
                i++;
            } else {
                to[o] = from[2 * j];
                to[o + 1] = from[2 * j + 1];
                j++;
            }
            o += 2;
        }
        System.arraycopy(from, 2 * i, to, o, 2 * (mid - i));
        o += 2 * (mid - i);
        System.arraycopy(from, 2 * j, to, o, 2 * (hi - j));
    }

    /**
     * Ends the adding; a cursor over all records in key order: keys compared as unsigned bytes
     * lexicographically, a key that is a prefix of another first (memcmp then length); records with
     * equal keys in the order they were added (stable). Once only.
     */
    public Cursor sorted() {
        checkAdding();
        sorting = true;
        try {
            if (runs == null) {
                long[] order = sortChunk();
                spare = null;
                index = null;
                return new ArenaCursor(order, n);
            }
            if (n > 0) spill();
            arena = null;
            index = null;
            spare = null;
            readBuffers = new byte[Math.min(fanIn, runStarts.size())][];
            mergePasses();
            return new MergeCursor(runs, runStarts, runsEnd);
        } catch (RuntimeException | Error e) {
            fail();
            throw e;
        }
    }

    /**
     * Merges the runs, {@link #fanIn} consecutive ones at a time into one, from one file into the
     * other, until few enough are left to be merged at once; consecutive runs keep records of equal
     * keys in the order they were added.
     */
    private void mergePasses() {
        while (runStarts.size() > fanIn) {
            if (other == null) other = TempFile.create(dir);
            RunWriter out = new RunWriter(other, 0, writeBuffer);
            List<Long> merged = new ArrayList<>();
            for (int g = 0; g < runStarts.size(); g += fanIn) {
                int to = Math.min(g + fanIn, runStarts.size());
                merged.add(out.position());
                MergeCursor c = new MergeCursor(runs, runStarts.subList(g, to), to < runStarts.size() ? runStarts.get(to) : runsEnd);
                while (c.next()) {
                    RunReader r = c.top();
                    out.write(r.buf, r.start, r.length);
                }
            }
            out.flush();
            runs.truncate();
            TempFile t = runs;
            runs = other;
            other = t;
            runStarts = merged;
            runsEnd = out.position();
        }
    }

    /** Releases the temporary files at once on a failure; the sorter can only be closed after. */
    private void fail() {
        failed = true;
        releaseFiles();
    }

    private void releaseFiles() {
        if (runs != null) runs.close();
        if (other != null) other.close();
        runs = null;
        other = null;
    }

    /** Deletes the temp files; safe to call twice and after a failure. */
    @Override
    public void close() {
        closed = true;
        arena = null;
        index = null;
        spare = null;
        writeBuffer = null;
        readBuffers = null;
        releaseFiles();
    }

    private void checkReadable() {
        if (closed) throw new IllegalStateException("the sorter is closed");
        if (failed) throw new IllegalStateException("the sorter failed earlier");
    }

    /** The bytes the record at {@code at} of {@code b} takes, its lengths included. */
    private static int recordLength(byte[] b, int at) {
        int keyLen = varint(b, at);
        int p = at + varintSize(keyLen) + keyLen;
        int payLen = varint(b, p);
        return p + varintSize(payLen) + payLen - at;
    }

    private static int varintSize(int v) {
        return v < 1 << 7 ? 1 : v < 1 << 14 ? 2 : v < 1 << 21 ? 3 : v < 1 << 28 ? 4 : 5;
    }

    /** Writes {@code v} at {@code p} seven bits a byte, low bits first; returns the position after it. */
    private static int putVarint(byte[] b, int p, int v) {
        while ((v & ~0x7F) != 0) {
            b[p++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }

    private static int varint(byte[] b, int p) {
        int x = b[p];
        if (x >= 0) return x;
        int v = x & 0x7F;
        for (int shift = 7; ; shift += 7) {
            x = b[++p];
            v |= (x & 0x7F) << shift;
            if (x >= 0) return v;
        }
    }

    /**
     * Records in key order: {@code while (c.next()) use(c.key(), c.keyOffset(), c.keyLength(), ...)}.
     * The arrays returned are the sorter's own and may hold other bytes around the record's.
     */
    public interface Cursor {
        /** Moves to the next record; false once there is none. */
        boolean next();

        /** The array holding the current record's key; valid until the next {@link #next()}. */
        byte[] key();

        /** Where the current record's key starts in {@link #key()}. */
        int keyOffset();

        /** How many bytes the current record's key has. */
        int keyLength();

        /** The array holding the current record's payload; valid until the next {@link #next()}. */
        byte[] payload();

        /** Where the current record's payload starts in {@link #payload()}. */
        int payloadOffset();

        /** How many bytes the current record's payload has. */
        int payloadLength();
    }

    /** The records of the one chunk, read in place in the arena. */
    private final class ArenaCursor implements Cursor {
        private final long[] order;
        private final int count;
        private int i = -1;
        private int keyOff;
        private int keyLen;
        private int payOff;
        private int payLen;

        ArenaCursor(long[] order, int count) {
            this.order = order;
            this.count = count;
        }

        @Override
        public boolean next() {
            checkReadable();
            if (i + 1 >= count) {
                i = count;
                return false;
            }
            i++;
            byte[] a = arena;
            int at = (int) order[2 * i + 1];
            keyLen = varint(a, at);
            keyOff = at + varintSize(keyLen);
            int p = keyOff + keyLen;
            payLen = varint(a, p);
            payOff = p + varintSize(payLen);
            return true;
        }

        @Override public byte[] key() { return arena; }

        @Override public int keyOffset() { return keyOff; }

        @Override public int keyLength() { return keyLen; }

        @Override public byte[] payload() { return arena; }

        @Override public int payloadOffset() { return payOff; }

        @Override public int payloadLength() { return payLen; }
    }

    /**
     * A merge of consecutive runs through a binary heap of their readers; among equal keys the earlier
     * run (added earlier) comes first. Each reader's current record is whole in its buffer, where the
     * cursor reads it.
     */
    private final class MergeCursor implements Cursor {
        private final RunReader[] heap;
        private int size;
        private boolean started;

        /** Over the runs starting at {@code starts}, the last ending at {@code end}, of {@code file}. */
        MergeCursor(TempFile file, List<Long> starts, long end) {
            int k = starts.size();
            heap = new RunReader[k];
            for (int r = 0; r < k; r++) {
                long to = r + 1 < k ? starts.get(r + 1) : end;
                if (readBuffers[r] == null) readBuffers[r] = new byte[bufferBytes];
                heap[r] = new RunReader(file, starts.get(r), to, r);
            }
        }

        RunReader top() { return heap[0]; }

        @Override
        public boolean next() {
            checkReadable();
            try {
                if (!started) {
                    started = true;
                    for (RunReader r : heap) {
                        if (r.advance()) heap[size++] = r;
                    }
                    for (int i = size / 2 - 1; i >= 0; i--) siftDown(i);
                } else if (size > 0) {
                    if (!heap[0].advance()) heap[0] = heap[--size];
                    if (size > 0) siftDown(0);
                }
            } catch (RuntimeException | Error e) {
                fail();
                throw e;
            }
            return size > 0;
        }

        private void siftDown(int i) {
            RunReader x = heap[i];
            while (true) {
                int c = 2 * i + 1;
                if (c >= size) break;
                if (c + 1 < size && before(heap[c + 1], heap[c])) c++;
                if (!before(heap[c], x)) break;
                heap[i] = heap[c];
                i = c;
            }
            heap[i] = x;
        }

        private boolean before(RunReader x, RunReader y) {
            if (x.prefix != y.prefix) return x.prefix < y.prefix;
            int c = Arrays.compareUnsigned(x.buf, x.keyOff, x.keyOff + x.keyLen, y.buf, y.keyOff, y.keyOff + y.keyLen);
            return c < 0 || (c == 0 && x.run < y.run);
        }

        @Override public byte[] key() { return heap[0].buf; }

        @Override public int keyOffset() { return heap[0].keyOff; }

        @Override public int keyLength() { return heap[0].keyLen; }

        @Override public byte[] payload() { return heap[0].buf; }

        @Override public int payloadOffset() { return heap[0].payOff; }

        @Override public int payloadLength() { return heap[0].payLen; }
    }

    /** One run read in order through its buffer ({@code readBuffers[run]}, grown for a record longer than it). */
    private final class RunReader {
        private final TempFile file;
        private final int run;
        private final long end;
        private long filePos;
        private byte[] buf;
        private int pos;
        private int lim;
        /** The current record: where it starts in {@link #buf} and the bytes it takes. */
        private int start;
        private int length;
        private int keyOff;
        private int keyLen;
        private int payOff;
        private int payLen;
        /** The current key's first eight bytes, zero padded, sign flipped: most comparisons need no more. */
        private long prefix;

        RunReader(TempFile file, long from, long to, int run) {
            this.file = file;
            this.filePos = from;
            this.end = to;
            this.run = run;
            this.buf = readBuffers[run];
        }

        /** Moves to the next record of the run; false at its end. */
        boolean advance() {
            pos += length;
            length = 0;
            long left = lim - pos + (end - filePos);
            if (left == 0) return false;
            fill((int) Math.min(MAX_VARINT, left));
            keyLen = varint(buf, pos);
            int keyAt = varintSize(keyLen);
            fill((int) Math.min(keyAt + keyLen + MAX_VARINT, left));
            payLen = varint(buf, pos + keyAt + keyLen);
            int payAt = keyAt + keyLen + varintSize(payLen);
            fill(payAt + payLen);
            start = pos;
            length = payAt + payLen;
            keyOff = pos + keyAt;
            payOff = pos + payAt;
            prefix = bytes(buf, keyOff, Math.min(keyLen, 8)) ^ SIGN;
            return true;
        }

        /** Makes {@code need} bytes from {@link #pos} be in the buffer, moving what is left to its start first. */
        private void fill(int need) {
            if (lim - pos >= need) return;
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
            if (need > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(need, 2 * buf.length));
                readBuffers[run] = buf;
            }
            int want = (int) Math.min(buf.length - lim, end - filePos);
            file.read(filePos, buf, lim, want);
            filePos += want;
            lim += want;
            if (lim < need) throw new IllegalStateException("a run in " + file.path + " ends inside a record");
        }
    }

    /** Appends to a file through a buffer. */
    private static final class RunWriter {
        private final TempFile file;
        private final byte[] buf;
        private int len;
        private long pos;

        RunWriter(TempFile file, long pos, byte[] buf) {
            this.file = file;
            this.pos = pos;
            this.buf = buf;
        }

        void write(byte[] b, int off, int count) {
            if (count > buf.length - len) {
                flush();
                if (count > buf.length) {
                    file.write(pos, b, off, count);
                    pos += count;
                    return;
                }
            }
            System.arraycopy(b, off, buf, len, count);
            len += count;
        }

        void flush() {
            if (len == 0) return;
            file.write(pos, buf, 0, len);
            pos += len;
            len = 0;
        }

        /** Where the next byte written goes, the buffered ones counted. */
        long position() { return pos + len; }
    }

    /**
     * A temporary file read and written at positions, whose failures say what to do about them: a
     * channel closed because its thread was interrupted is the work being cancelled, anything else
     * the disk's failure, most often a full one.
     */
    private static final class TempFile {
        private final Path dir;
        private final Path path;
        private final FileChannel channel;

        private TempFile(Path dir, Path path, FileChannel channel) {
            this.dir = dir;
            this.path = path;
            this.channel = channel;
        }

        static TempFile create(Path dir) {
            Path path = MappedFile.createTempFile(dir, "sort");
            try {
                return new TempFile(dir, path, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE));
            } catch (IOException e) {
                MappedFile.deleteQuietly(path);
                throw MappedFile.failure("cannot open the temporary file " + path + " (" + describe(e) + ")", e);
            }
        }

        void write(long at, byte[] b, int off, int len) {
            ByteBuffer bb = ByteBuffer.wrap(b, off, len);
            try {
                while (bb.hasRemaining()) at += channel.write(bb, at);
            } catch (IOException e) {
                throw failure("write", e);
            }
        }

        void read(long at, byte[] b, int off, int len) {
            ByteBuffer bb = ByteBuffer.wrap(b, off, len);
            try {
                while (bb.hasRemaining()) {
                    int got = channel.read(bb, at);
                    if (got < 0) throw new IOException("the file ends before byte " + (at + bb.remaining()));
                    at += got;
                }
            } catch (IOException e) {
                throw failure("read", e);
            }
        }

        /** Empties the file (its runs were merged into the other one), giving the space back. */
        void truncate() {
            try {
                channel.truncate(0);
            } catch (IOException e) {
                throw failure("truncate", e);
            }
        }

        private RuntimeException failure(String what, IOException e) {
            return MappedFile.failure("cannot " + what + " the temporary file " + path + " (" + describe(e)
                    + "); check the free space of " + dir + ", or set -Djava.io.tmpdir to a directory with more room", e);
        }

        private static String describe(IOException e) {
            return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }

        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // a temporary file being given up: nothing in it is wanted
            }
            MappedFile.deleteQuietly(path);
        }
    }
}
