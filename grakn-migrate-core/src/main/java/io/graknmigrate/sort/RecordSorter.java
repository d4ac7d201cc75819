package io.graknmigrate.sort;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sorts (key, value) pairs of longs by key (signed order) in bounded memory, and
 * stably: records with equal keys come out in the order they were added. Chunks are sorted on the
 * heap and, when there is more than one, spilled as runs to a {@link MappedFile} and merged.
 *
 * <p>The diff sorts keys with payloads (an id fingerprint with the thing or edge it belongs to, a
 * colour with its thing), the import's sorted way references with the thing they come from, where
 * format's {@code LongSorter} sorts bare fingerprints; sorting turns what would be one random probe of
 * a large table per record into sequential passes.
 */
public final class RecordSorter implements AutoCloseable {

    private static final int SMALL = 32;
    /** Bits of a key sorted by one counting pass of {@link #sort}. */
    private static final int DIGIT_BITS = 11;

    private final Path dir;
    private final int chunk;
    private long[] buf;
    private long[] spare;
    private int n;
    private MappedFile runs;
    /** Record index in {@link #runs} where each run starts, and one more entry for the end. */
    private final List<Long> runStarts = new ArrayList<>();
    private long total;
    private boolean sealed;
    /** The sorted records when nothing was spilled, once sealed. */
    private long[] sortedChunk;

    /**
     * @param chunk records held on the heap (two arrays of {@code 2 * chunk} longs) before spilling
     */
    public RecordSorter(Path dir, int chunk) {
        this.dir = dir;
        this.chunk = Math.max(1, chunk);
        this.buf = new long[(int) Math.min(this.chunk, 1024) * 2];
    }

    /**
     * A sorter working in the caller's two arrays of equal length (a chunk of half as many records),
     * so repeated sorts of the same size allocate nothing; they must not be used until it is closed.
     */
    public RecordSorter(Path dir, long[] buf, long[] spare) {
        this.dir = dir;
        this.chunk = buf.length / 2;
        this.buf = buf;
        this.spare = spare;
    }

    public void add(long key, long value) {
        if (sealed) throw new IllegalStateException("records added to a sealed sort");
        int at = 2 * n;
        // One test for a full buffer and a full chunk. The buffer grows within the first thousands of
        // records, so the JIT, compiling the caller's loop after them, has seen this branch taken and
        // keeps it; a test of its own for a full chunk is first true a million records on, in code
        // compiled without it, which is then thrown away and compiled again: for the diff's read
        // loop, most of a second of compiling per sort, on two cores.
        if (at + 2 > buf.length) {
            if (n == chunk) {
                spill();
                at = 0;
            } else {
                grow();
            }
        }
        buf[at] = key;
        buf[at + 1] = value;
        n++;
        total++;
    }

    private void grow() {
        long[] bigger = new long[(int) Math.min(2L * chunk, buf.length * 2L)];
        System.arraycopy(buf, 0, bigger, 0, 2 * n);
        buf = bigger;
    }

    public long size() { return total; }

    private void spill() {
        long[] sorted = sortChunk();
        if (runs == null) runs = MappedFile.create(dir, "run");
        runStarts.add(runs.longCount() / 2);
        runs.appendLongs(sorted, 0, 2 * n);
        n = 0;
    }

    /** Sorts buf[0, n) and returns the array holding the result (buf or spare). */
    private long[] sortChunk() {
        if (spare == null || spare.length < 2 * n) spare = new long[Math.max(buf.length, 2 * n)];
        return sort(buf, spare, n);
    }

    /** A cursor over every record in order; nothing may be added afterwards. */
    public Cursor sorted() {
        return cursor(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * Ends the adding: sorts what is held (spilling it when runs were spilled before). Cursors may
     * then be taken, from several threads at once; nothing may be added afterwards.
     */
    public void seal() {
        if (sealed) return;
        sealed = true;
        if (runs == null) {
            sortedChunk = sortChunk();
            return;
        }
        if (n > 0) spill();
        runStarts.add(runs.longCount() / 2);
        buf = null;
        spare = null;
    }

    /** A cursor over the records with {@code lo <= key <= hi}, in order (sealing first). */
    public Cursor cursor(long lo, long hi) {
        seal();
        if (runs == null) return new ArrayCursor(sortedChunk, lowerBound(sortedChunk, n, lo), hi == Long.MAX_VALUE ? n : lowerBound(sortedChunk, n, hi + 1));
        long[][] range = runRanges(lo, hi);
        return new MergeCursor(runs, range[0], range[1]);
    }

    /** Per spilled run, where its records with {@code lo <= key <= hi} start and end: {from, to}. */
    private long[][] runRanges(long lo, long hi) {
        int k = runStarts.size() - 1;
        long[] from = new long[k];
        long[] to = new long[k];
        for (int r = 0; r < k; r++) {
            long start = runStarts.get(r);
            long end = runStarts.get(r + 1);
            from[r] = lowerBound(runs, start, end, lo);
            to[r] = hi == Long.MAX_VALUE ? end : lowerBound(runs, from[r], end, hi + 1);
        }
        return new long[][] {from, to};
    }

    /** How many records have {@code lo <= key <= hi} (sealing first). */
    public long count(long lo, long hi) {
        seal();
        if (runs == null) return (hi == Long.MAX_VALUE ? n : lowerBound(sortedChunk, n, hi + 1)) - lowerBound(sortedChunk, n, lo);
        long[][] range = runRanges(lo, hi);
        long count = 0;
        for (int r = 0; r < range[0].length; r++) count += range[1][r] - range[0][r];
        return count;
    }

    /**
     * The records with {@code lo <= key <= hi} run by run, each run's in key order (sealing first):
     * every such record once, and records of one key in the order they were added, but not in key
     * order across runs; cheaper than {@link #cursor}, which merges the runs.
     */
    public Cursor runByRun(long lo, long hi) {
        seal();
        if (runs == null) return cursor(lo, hi);
        long[][] range = runRanges(lo, hi);
        return new RunByRunCursor(runs, range[0], range[1]);
    }

    /** The first of the {@code n} sorted pairs of {@code a} with a key of at least {@code key}. */
    private static int lowerBound(long[] a, int n, long key) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[2 * mid] < key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** The first record of the sorted run {@code [lo, hi)} of {@code runs} with a key of at least {@code key}. */
    private static long lowerBound(MappedFile runs, long lo, long hi, long key) {
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (runs.getLong(2 * mid) < key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /**
     * Sorts the {@code n} (key, value) pairs of {@code a} (interleaved) stably by key; the result is in
     * {@code a} or {@code tmp}, whichever is returned. The keys are hashes, so sorting them by a prefix
     * of about two bits more than {@code n} has (below the top bits all of them share) leaves a quarter
     * of a record per prefix on average, and what shares a prefix is put in order by insertion. The
     * prefix is sorted by least-significant-digit counting passes of at most {@link #DIGIT_BITS} bits: a
     * pass scatters into a thousand or two places at once, which the processor's caches keep up with,
     * where one pass over the whole prefix would scatter into a million, each write a miss. A pass
     * whose digit all keys share costs nothing. Records sharing a prefix that are many (look-alike
     * things share a colour) cost one comparison each when their keys are all equal, else
     * least-significant-digit radix passes over the whole key: never a quadratic sort.
     */
    public static long[] sort(long[] a, long[] tmp, int n) {
        if (n <= SMALL) {
            insertion(a, 0, n);
            return a;
        }
        // the bits below those all keys share (a group of the colour walk shares its top bits)
        long spread = 0;
        for (int i = 1; i < n; i++) spread |= a[2 * i] ^ a[0];
        if (spread == 0) return a;
        int top = 64 - Long.numberOfLeadingZeros(spread);
        int wanted = Math.min(top, 34 - Integer.numberOfLeadingZeros(n)); // at most 33 bits: three passes
        int passes = (wanted + DIGIT_BITS - 1) / DIGIT_BITS;
        int digit = (wanted + passes - 1) / passes;
        int low = Math.max(0, top - passes * digit);
        long[] src = countingPasses(a, tmp, 0, n, low, digit, passes);
        long[] dst = src == a ? tmp : a;
        // src is sorted by the prefix; order each run of records sharing one
        int start = 0;
        long prefix = src[0] >>> low;
        for (int i = 1; i <= n; i++) {
            long next = i < n ? src[2 * i] >>> low : ~prefix;
            if (next == prefix) continue;
            if (i - start <= SMALL) insertion(src, start, i);
            else if (!allEqual(src, start, i) && countingPasses(src, dst, start, i, 0, 8, 8) != src) {
                System.arraycopy(dst, 2 * start, src, 2 * start, 2 * (i - start));
            }
            start = i;
            prefix = next;
        }
        return src;
    }

    /** Whether the keys of pairs [from, to) of {@code a} are all the same. */
    private static boolean allEqual(long[] a, int from, int to) {
        long k = a[2 * from];
        for (int i = from + 1; i < to; i++) {
            if (a[2 * i] != k) return false;
        }
        return true;
    }

    private static void insertion(long[] a, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            long k = a[2 * i];
            long v = a[2 * i + 1];
            int j = i - 1;
            while (j >= from && a[2 * j] > k) {
                a[2 * j + 2] = a[2 * j];
                a[2 * j + 3] = a[2 * j + 1];
                j--;
            }
            a[2 * j + 2] = k;
            a[2 * j + 3] = v;
        }
    }

    /**
     * Stable least-significant-digit counting passes over pairs [from, to) of {@code a}, using the same
     * range of {@code tmp}: {@code passes} digits of {@code digit} bits each, from bit {@code low} up,
     * of the key in signed order. One read counts every digit; a digit that all keys share (every one,
     * when the keys are equal) costs no pass. Returns the array the result ends in, {@code a} or
     * {@code tmp}.
     */
    private static long[] countingPasses(long[] a, long[] tmp, int from, int to, int low, int digit, int passes) {
        int radix = 1 << digit;
        int mask = radix - 1;
        int[] count = new int[passes * radix];
        for (int i = from; i < to; i++) {
            long k = a[2 * i] ^ Long.MIN_VALUE;
            for (int p = 0; p < passes; p++) count[p * radix + ((int) (k >>> (low + p * digit)) & mask)]++;
        }
        long[] src = a;
        long[] dst = tmp;
        for (int p = 0; p < passes; p++) {
            int base = p * radix;
            int sum = from;
            boolean trivial = false;
            for (int v = base; v < base + radix; v++) {
                int c = count[v];
                if (c == to - from) trivial = true;
                count[v] = sum;
                sum += c;
            }
            if (trivial) continue;
            int shift = low + p * digit;
            for (int i = from; i < to; i++) {
                long k = src[2 * i];
                int at = 2 * count[base + ((int) ((k ^ Long.MIN_VALUE) >>> shift) & mask)]++;
                dst[at] = k;
                dst[at + 1] = src[2 * i + 1];
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        return src;
    }

    /** Records in key order: {@code while (c.next()) use(c.key(), c.value());}. */
    public interface Cursor {
        boolean next();

        long key();

        long value();
    }

    public static final class ArrayCursor implements Cursor {
        private final long[] a;
        private final int end;
        private int at;

        /** Over the pairs {@code [from, to)} of {@code a}. */
        public ArrayCursor(long[] a, int from, int to) {
            this.a = a;
            this.end = 2 * to;
            this.at = 2 * from - 2;
        }

        @Override public boolean next() { return (at += 2) < end; }

        @Override public long key() { return a[at]; }

        @Override public long value() { return a[at + 1]; }
    }

    /** Records {@code [from[r], to[r])} of each run {@code r} in turn. */
    private static final class RunByRunCursor implements Cursor {
        private final MappedFile runs;
        private final long[] from;
        private final long[] to;
        private int run;
        private long at;

        public RunByRunCursor(MappedFile runs, long[] from, long[] to) {
            this.runs = runs;
            this.from = from;
            this.to = to;
            this.at = from.length > 0 ? from[0] - 1 : 0;
        }

        @Override
        public boolean next() {
            if (run == from.length) return false;
            at++;
            while (at >= to[run]) {
                if (++run == from.length) return false;
                at = from[run];
            }
            return true;
        }

        @Override public long key() { return runs.getLong(at * 2); }

        @Override public long value() { return runs.getLong(at * 2 + 1); }
    }

    /**
     * A k-way merge of the runs; among equal keys the earlier run (added earlier) comes first. A
     * tournament tree keeps, at each inner node, the loser of the match played there: the next
     * record costs one comparison per level on the path of the run it came from (a binary heap
     * costs two, with branches the random keys make unpredictable).
     */
    public static final class MergeCursor implements Cursor {
        private final MappedFile runs;
        /** Leaves: runs padded to a power of two with runs that are empty from the start. */
        private final int leaves;
        private final long[] next;
        private final long[] end;
        /** Each run's next key (the largest key once it is exhausted), so matches read no file. */
        private final long[] head;
        /** Each run's rank among equal keys: its number, or its number plus {@link #leaves} once exhausted. */
        private final int[] rank;
        /** tree[0] is the winner, tree[1..leaves) the loser of each inner node's match. */
        private final int[] tree;
        private boolean started;
        private long current = -1;
        private long currentKey;

        /** Over records {@code [from[r], to[r])} of each run {@code r}. */
        public MergeCursor(MappedFile runs, long[] from, long[] to) {
            this.runs = runs;
            int k = from.length;
            leaves = k <= 1 ? 1 : Integer.highestOneBit(k - 1) << 1;
            next = new long[leaves];
            end = new long[leaves];
            head = new long[leaves];
            rank = new int[leaves];
            for (int r = 0; r < leaves; r++) {
                if (r < k) {
                    next[r] = from[r];
                    end[r] = to[r];
                }
                load(r);
            }
            tree = new int[leaves];
            int[] winner = new int[2 * leaves];
            for (int r = 0; r < leaves; r++) winner[leaves + r] = r;
            for (int node = leaves - 1; node >= 1; node--) {
                int l = winner[2 * node];
                int r = winner[2 * node + 1];
                if (less(l, r)) {
                    winner[node] = l;
                    tree[node] = r;
                } else {
                    winner[node] = r;
                    tree[node] = l;
                }
            }
            tree[0] = leaves == 1 ? 0 : winner[1];
        }

        /** Reads run {@code r}'s next key, or marks it exhausted. */
        private void load(int r) {
            if (next[r] < end[r]) {
                head[r] = runs.getLong(next[r] * 2);
                rank[r] = r;
            } else {
                head[r] = Long.MAX_VALUE;
                rank[r] = r + leaves;
            }
        }

        private boolean less(int r, int s) {
            long kr = head[r];
            long ks = head[s];
            return kr < ks || (kr == ks && rank[r] < rank[s]);
        }

        @Override
        public boolean next() {
            if (started) {
                int w = tree[0];
                next[w]++;
                load(w);
                for (int node = (w + leaves) >>> 1; node > 0; node >>>= 1) {
                    int t = tree[node];
                    if (less(t, w)) {
                        tree[node] = w;
                        w = t;
                    }
                }
                tree[0] = w;
            }
            started = true;
            int w = tree[0];
            if (rank[w] >= leaves) return false;
            current = next[w] * 2;
            currentKey = head[w];
            return true;
        }

        @Override public long key() { return currentKey; }

        @Override public long value() { return runs.getLong(current + 1); }
    }

    @Override
    public void close() {
        buf = null;
        spare = null;
        sortedChunk = null;
        if (runs != null) runs.close();
    }
}
