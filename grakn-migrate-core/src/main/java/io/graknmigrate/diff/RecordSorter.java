package io.graknmigrate.diff;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sorts records of two or three longs by their first (the key, signed order) in bounded memory, and
 * stably: records with equal keys come out in the order they were added. Chunks are sorted on the
 * heap and, when there is more than one, spilled as runs to a {@link MappedFile} and merged.
 *
 * <p>The diff sorts keys with payloads (an id fingerprint with the thing or edge it belongs to, a
 * colour with its thing), where format's {@code LongSorter} sorts bare fingerprints; sorting turns
 * what would be one random probe of a large table per record into sequential passes.
 */
final class RecordSorter implements AutoCloseable {

    /** Records per chunk when the caller has no reason to choose: 24 MiB of heap for three-long records. */
    static final int DEFAULT_CHUNK = 1 << 19;

    private static final int SMALL = 32;

    private final Path dir;
    private final int width;
    private final int chunk;
    private long[] buf;
    private long[] spare;
    private int n;
    private MappedFile runs;
    /** Record index in {@link #runs} where each run starts, and one more entry for the end. */
    private final List<Long> runStarts = new ArrayList<>();
    private long total;

    /**
     * @param width longs per record, the key included (2 or 3)
     * @param chunk records held on the heap (two arrays of {@code chunk * width} longs) before spilling
     */
    RecordSorter(Path dir, int width, int chunk) {
        this.dir = dir;
        this.width = width;
        this.chunk = Math.max(1, chunk);
        this.buf = new long[(int) Math.min(this.chunk, 1024) * width];
    }

    void add(long key, long value) {
        if (n == chunk) spill();
        int at = n * width;
        if (at + width > buf.length) grow();
        buf[at] = key;
        buf[at + 1] = value;
        n++;
        total++;
    }

    void add(long key, long value, long value2) {
        if (n == chunk) spill();
        int at = n * width;
        if (at + width > buf.length) grow();
        buf[at] = key;
        buf[at + 1] = value;
        buf[at + 2] = value2;
        n++;
        total++;
    }

    private void grow() {
        long[] bigger = new long[(int) Math.min((long) chunk * width, Math.max(buf.length * 2L, width))];
        System.arraycopy(buf, 0, bigger, 0, n * width);
        buf = bigger;
    }

    long size() { return total; }

    private void spill() {
        long[] sorted = sortChunk();
        if (runs == null) runs = MappedFile.create(dir, "run");
        runStarts.add(runs.longCount() / width);
        for (int i = 0, end = n * width; i < end; i++) runs.appendLong(sorted[i]);
        n = 0;
    }

    /** Sorts buf[0, n) and returns the array holding the result (buf or spare). */
    private long[] sortChunk() {
        if (spare == null || spare.length < n * width) spare = new long[Math.max(buf.length, n * width)];
        return sort(buf, spare, n, width);
    }

    /** A cursor over every record in order; nothing may be added afterwards. */
    Cursor sorted() {
        if (runs == null) {
            long[] sorted = sortChunk();
            return new ArrayCursor(sorted, n, width);
        }
        if (n > 0) spill();
        runStarts.add(runs.longCount() / width);
        buf = null;
        spare = null;
        return new MergeCursor(runs, runStarts, width);
    }

    /**
     * Sorts the {@code n} records of {@code a} (interleaved, {@code w} longs each) stably by key; the
     * result is in {@code a} or {@code tmp}, whichever is returned. The keys are hashes, so one
     * counting pass on their top bits spreads them into buckets of about sixteen; a bucket that is
     * large anyway (many records with one key: look-alike things share a colour) is sorted by
     * least-significant-digit radix passes, each skipped when all its keys share the digit, so equal
     * keys cost one pass, never a quadratic sort.
     */
    static long[] sort(long[] a, long[] tmp, int n, int w) {
        if (n <= SMALL) {
            insertion(a, 0, n, w);
            return a;
        }
        int bits = Math.min(16, 32 - Integer.numberOfLeadingZeros(n / 16));
        int shift = 64 - bits;
        int[] pos = new int[(1 << bits) + 2];
        for (int i = 0; i < n; i++) pos[(int) ((a[i * w] ^ Long.MIN_VALUE) >>> shift) + 2]++;
        for (int b = 2; b < pos.length; b++) pos[b] += pos[b - 1];
        for (int i = 0; i < n; i++) {
            int at = pos[(int) ((a[i * w] ^ Long.MIN_VALUE) >>> shift) + 1]++ * w;
            System.arraycopy(a, i * w, tmp, at, w);
        }
        for (int b = 0, buckets = 1 << bits; b < buckets; b++) {
            int from = pos[b];
            int to = pos[b + 1];
            if (to - from <= SMALL) insertion(tmp, from, to, w);
            else radix(tmp, a, from, to, w);
        }
        return tmp;
    }

    private static void insertion(long[] a, int from, int to, int w) {
        long[] rec = new long[w];
        for (int i = from + 1; i < to; i++) {
            long k = a[i * w];
            int j = i - 1;
            if (a[j * w] <= k) continue;
            System.arraycopy(a, i * w, rec, 0, w);
            while (j >= from && a[j * w] > k) j--;
            System.arraycopy(a, (j + 1) * w, a, (j + 2) * w, (i - j - 1) * w);
            System.arraycopy(rec, 0, a, (j + 1) * w, w);
        }
    }

    /** Stable LSD radix sort of records [from, to) of {@code a}, using the same range of {@code tmp}; the result ends in {@code a}. */
    private static void radix(long[] a, long[] tmp, int from, int to, int w) {
        int[] count = new int[257];
        long[] src = a;
        long[] dst = tmp;
        for (int shift = 0; shift < 64; shift += 8) {
            Arrays.fill(count, 0);
            for (int i = from; i < to; i++) count[(int) (((src[i * w] ^ Long.MIN_VALUE) >>> shift) & 0xff) + 1]++;
            boolean trivial = false;
            for (int d = 1; d <= 256; d++) {
                if (count[d] == to - from) trivial = true;
            }
            if (trivial) continue;
            for (int d = 1; d <= 256; d++) count[d] += count[d - 1];
            for (int i = from; i < to; i++) {
                int at = (from + count[(int) (((src[i * w] ^ Long.MIN_VALUE) >>> shift) & 0xff)]++) * w;
                System.arraycopy(src, i * w, dst, at, w);
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) System.arraycopy(src, from * w, a, from * w, (to - from) * w);
    }

    /** Records in key order: {@code while (c.next()) use(c.key(), c.value(1));}. */
    interface Cursor {
        boolean next();

        long key();

        /** Long {@code j} of the current record (1 or 2; 0 is the key). */
        long value(int j);
    }

    private static final class ArrayCursor implements Cursor {
        private final long[] a;
        private final int end;
        private final int w;
        private int at;

        ArrayCursor(long[] a, int n, int w) {
            this.a = a;
            this.end = n * w;
            this.w = w;
            this.at = -w;
        }

        @Override public boolean next() { return (at += w) < end; }

        @Override public long key() { return a[at]; }

        @Override public long value(int j) { return a[at + j]; }
    }

    /** A k-way merge of the runs; among equal keys the earlier run (added earlier) comes first. */
    private static final class MergeCursor implements Cursor {
        private final MappedFile runs;
        private final int w;
        private final long[] next;
        private final long[] end;
        /** A binary heap of run numbers, ordered by their next key, then run number. */
        private final int[] heap;
        private int size;
        private long current = -1;

        MergeCursor(MappedFile runs, List<Long> starts, int w) {
            this.runs = runs;
            this.w = w;
            int k = starts.size() - 1;
            next = new long[k];
            end = new long[k];
            heap = new int[k];
            for (int r = 0; r < k; r++) {
                next[r] = starts.get(r);
                end[r] = starts.get(r + 1);
                if (next[r] < end[r]) {
                    heap[size++] = r;
                    up(size - 1);
                }
            }
        }

        private boolean less(int r, int s) {
            long kr = runs.getLong(next[r] * w);
            long ks = runs.getLong(next[s] * w);
            return kr < ks || (kr == ks && r < s);
        }

        private void up(int i) {
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (!less(heap[i], heap[parent])) return;
                int t = heap[i];
                heap[i] = heap[parent];
                heap[parent] = t;
                i = parent;
            }
        }

        private void down(int i) {
            while (true) {
                int l = 2 * i + 1;
                if (l >= size) return;
                int m = l + 1 < size && less(heap[l + 1], heap[l]) ? l + 1 : l;
                if (!less(heap[m], heap[i])) return;
                int t = heap[i];
                heap[i] = heap[m];
                heap[m] = t;
                i = m;
            }
        }

        @Override
        public boolean next() {
            if (current >= 0) {
                int r = heap[0];
                if (++next[r] == end[r]) heap[0] = heap[--size];
                down(0);
            }
            if (size == 0) return false;
            current = next[heap[0]] * w;
            return true;
        }

        @Override public long key() { return runs.getLong(current); }

        @Override public long value(int j) { return runs.getLong(current + j); }
    }

    @Override
    public void close() {
        buf = null;
        spare = null;
        if (runs != null) runs.close();
    }
}
