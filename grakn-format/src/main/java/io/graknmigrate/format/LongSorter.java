package io.graknmigrate.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sorts any number of longs in bounded memory: chunks are sorted in memory and spilled to temporary
 * files, then merged. Used for id fingerprints and colour histograms, so memory never grows with the file.
 *
 * <p>A full chunk is sorted and spilled on a background thread while the caller fills the next one, so
 * a producer (a file scan) and the sorting use two cores; at most one chunk is in flight, so three
 * chunk-sized arrays live on the heap at most. A failure of the background work is thrown by the next
 * {@link #add}, {@link #sorted()} or {@link #close()}.
 */
public final class LongSorter implements Closeable {

    private static final int RUN_BUFFER = 1 << 16;
    /** Up to this many values (512 KiB, an array held in cache), {@link #sort} takes two passes on digits. */
    private static final int IN_CACHE = 1 << 16;
    /** The width of one counting pass's digit in {@link #sortInCache}: 2,048 counters, 8 KiB, stay in the L1 cache. */
    private static final int DIGIT_BITS = 11;

    private final Path tempDir;
    private long[] chunk;
    private long[] spare;
    private int n;
    private final List<Path> runs = new ArrayList<>();
    /** The run files open for the merge; closed by {@link #close()} however far the merge got. */
    private final List<FileChannel> inputs = new ArrayList<>();
    private long total;

    private ExecutorService spiller;
    private Future<?> inFlight;
    /** The array the last background spill sorted from: free for filling once it is done. */
    private long[] recycled;

    /** Spills to {@code tempDir} once {@code chunkSize} values are held (up to three arrays of that size live on the heap). */
    public LongSorter(Path tempDir, int chunkSize) {
        this.tempDir = tempDir;
        this.chunk = new long[chunkSize];
    }

    /** Adds one value. */
    public void add(long v) {
        if (n == chunk.length) spill();
        chunk[n++] = v;
        total++;
    }

    /** How many values were added. */
    public long size() { return total; }

    /** Hands the full chunk to the background spiller and continues in a free array. */
    private void spill() {
        awaitSpill();
        long[] full = chunk;
        int count = n;
        chunk = recycled != null ? recycled : new long[full.length];
        recycled = null;
        n = 0;
        if (spiller == null) {
            spiller = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "long-sorter-spill");
                t.setDaemon(true);
                return t;
            });
        }
        inFlight = spiller.submit(() -> {
            if (spare == null || spare.length < count) spare = new long[Math.max(full.length, 1)];
            sort(full, count, spare);
            writeRun(spare, count);
            recycled = full;
            return null;
        });
    }

    /** Waits for the background spill, rethrowing its failure. */
    private void awaitSpill() {
        if (inFlight == null) return;
        Future<?> f = inFlight;
        inFlight = null;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // the spill writes into our runs: it must be over before anything else
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new UncheckedIOException(new IOException(cause));
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private void writeRun(long[] sorted, int count) {
        try {
            Path run = Files.createTempFile(tempDir, "grakn-verify-", ".run");
            synchronized (runs) {
                runs.add(run);
            }
            try (FileChannel out = FileChannel.open(run, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.allocate(RUN_BUFFER);
                LongBuffer longs = buf.asLongBuffer();
                for (int i = 0; i < count; ) {
                    int m = Math.min(longs.capacity(), count - i);
                    longs.clear();
                    longs.put(sorted, i, m);
                    buf.clear().limit(m * Long.BYTES);
                    while (buf.hasRemaining()) out.write(buf);
                    i += m;
                }
            }
        } catch (IOException e) {
            throw FrameReader.wrap("cannot write a temporary file in " + tempDir + " (" + e.getMessage() + ")", e);
        }
    }

    /** A sorted cursor over everything added; the sorter must not be added to afterwards. */
    public Cursor sorted() {
        List<Cursor> halves = sortedBySign();
        return concat(halves.get(0), halves.get(1));
    }

    /**
     * Everything added, sorted, as two cursors: the negative values, then the others. Together, in
     * that order, they are {@link #sorted()}; they are independent, so two threads may read them at
     * the same time (the file merge dominates the time after the adds). The sorter must not be added
     * to afterwards.
     */
    public List<Cursor> sortedBySign() {
        awaitSpill();
        if (runs.isEmpty()) {
            sortChunk();
            long[] a = chunk;
            int count = n;
            int split = firstNonNegative(a, count);
            return List.of(arrayCursor(a, 0, split), arrayCursor(a, split, count));
        }
        if (n > 0) {
            spill();
            awaitSpill();
        }
        chunk = null; // the merge needs only its read buffers
        recycled = null;
        spare = null;
        try {
            for (Path run : runs) inputs.add(FileChannel.open(run, StandardOpenOption.READ));
            int k = inputs.size();
            long[] ends = new long[k];
            long[] splits = new long[k];
            for (int i = 0; i < k; i++) {
                ends[i] = inputs.get(i).size();
                splits[i] = firstNonNegative(inputs.get(i), ends[i]);
            }
            return List.of(new Merge(inputs, new long[k], splits), new Merge(inputs, splits, ends));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Cursor arrayCursor(long[] a, int from, int to) {
        return new Cursor() {
            int i = from;
            @Override public boolean next() { return i < to; }
            @Override public long value() { return a[i++]; }
        };
    }

    private static Cursor concat(Cursor first, Cursor second) {
        return new Cursor() {
            @Override public boolean next() { return first.next() || second.next(); }
            @Override public long value() { return first.next() ? first.value() : second.value(); }
        };
    }

    private static int firstNonNegative(long[] a, int count) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** The byte position of the first non-negative value of a sorted run file. */
    private static long firstNonNegative(FileChannel run, long bytes) throws IOException {
        long lo = 0;
        long hi = bytes / Long.BYTES;
        ByteBuffer one = ByteBuffer.allocate(Long.BYTES);
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            one.clear();
            while (one.hasRemaining()) {
                if (run.read(one, mid * Long.BYTES + one.position()) < 0) throw new IOException("a sorted run ended early");
            }
            if (one.getLong(0) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo * Long.BYTES;
    }

    /**
     * A k-way merge of byte ranges of the sorted runs (positional reads, so several merges can share
     * the files): a binary heap of run indexes ordered by their current values.
     */
    private static final class Merge implements Cursor {
        private final List<FileChannel> files;
        private final ByteBuffer[] buffers;
        private final long[] positions;
        private final long[] ends;
        private final long[] heads;
        private final int[] heap;
        private int size;

        Merge(List<FileChannel> files, long[] from, long[] to) {
            this.files = files;
            int k = files.size();
            buffers = new ByteBuffer[k];
            positions = from.clone();
            ends = to;
            heads = new long[k];
            heap = new int[k];
            for (int i = 0; i < k; i++) {
                buffers[i] = ByteBuffer.allocate(RUN_BUFFER);
                buffers[i].limit(0);
                if (advance(i)) {
                    heap[size++] = i;
                    up(size - 1);
                }
            }
        }

        /** Reads run {@code i}'s next value into {@code heads[i]}; false at the end of its range. */
        private boolean advance(int i) {
            ByteBuffer b = buffers[i];
            if (!b.hasRemaining()) {
                long left = ends[i] - positions[i];
                if (left <= 0) return false;
                b.clear();
                if (left < b.capacity()) b.limit((int) left);
                try {
                    while (b.hasRemaining()) {
                        int got = files.get(i).read(b, positions[i]);
                        if (got < 0) throw new IOException("a sorted run ended early");
                        positions[i] += got;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                b.flip();
            }
            heads[i] = b.getLong();
            return true;
        }

        @Override public boolean next() { return size > 0; }

        @Override public long value() {
            int top = heap[0];
            long v = heads[top];
            if (advance(top)) {
                down(0);
            } else {
                heap[0] = heap[--size];
                if (size > 0) down(0);
            }
            return v;
        }

        private void up(int i) {
            int x = heap[i];
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (heads[heap[parent]] <= heads[x]) break;
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = x;
        }

        private void down(int i) {
            int x = heap[i];
            long v = heads[x];
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) break;
                if (child + 1 < size && heads[heap[child + 1]] < heads[heap[child]]) child++;
                if (heads[heap[child]] >= v) break;
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = x;
        }
    }

    private void sortChunk() {
        if (spare == null || spare.length < n) spare = new long[Math.max(n, 1)];
        sort(chunk, n, spare);
        long[] t = chunk;
        chunk = spare;
        spare = t;
    }

    /**
     * Sorts {@code a[0..n)} (signed order, as {@link Arrays#sort(long[])}) into {@code out[0..n)};
     * the order of {@code a} is lost. The values are hash fingerprints, so their top bits are close
     * to uniform: one counting pass on the top bits spreads them into small buckets that are then
     * sorted in cache. That is several times faster than a comparison sort of the whole array; a
     * bucket that is large anyway (crafted collisions of the top bits) falls back to {@link
     * Arrays#sort(long[], int, int)}, so the worst case stays O(n log n). Up to {@value #IN_CACHE}
     * values, an array held in cache, take two passes on digits instead ({@link #sortInCache}).
     */
    static void sort(long[] a, int n, long[] out) {
        sort(a, n, out, 0);
    }

    /**
     * {@link #sort(long[], int, long[])} of values whose top {@code sharedBits} bits (in signed
     * order) are all the same, as in one partition of {@link LongPartitions}: the buckets are then
     * taken from the bits below them.
     */
    static void sort(long[] a, int n, long[] out, int sharedBits) {
        if (n < 256) {
            System.arraycopy(a, 0, out, 0, n);
            Arrays.sort(out, 0, n);
            return;
        }
        if (n <= IN_CACHE && sharedBits + 2 * DIGIT_BITS <= Long.SIZE) {
            sortInCache(a, n, out, sharedBits);
            return;
        }
        // about sixteen values per bucket (measured fastest against 8 and 32 on chunks of millions),
        // at most 2^18 buckets
        int bits = Math.min(18, 32 - Integer.numberOfLeadingZeros(n / 16));
        int shift = 64 - bits;
        // pos[b + 1] counts, then is the next free slot of bucket b; afterwards bucket b is [pos[b], pos[b + 1])
        int[] pos = new int[(1 << bits) + 2];
        for (int i = 0; i < n; i++) pos[(int) (((a[i] ^ Long.MIN_VALUE) << sharedBits) >>> shift) + 2]++;
        for (int b = 2; b < pos.length; b++) pos[b] += pos[b - 1];
        for (int i = 0; i < n; i++) {
            long v = a[i];
            out[pos[(int) (((v ^ Long.MIN_VALUE) << sharedBits) >>> shift) + 1]++] = v;
        }
        for (int b = 0, buckets = 1 << bits; b < buckets; b++) {
            int from = pos[b];
            int to = pos[b + 1];
            if (to - from > 64) {
                Arrays.sort(out, from, to);
            } else {
                for (int i = from + 1; i < to; i++) {
                    long v = out[i];
                    int j = i - 1;
                    while (j >= from && out[j] > v) {
                        out[j + 1] = out[j];
                        j--;
                    }
                    out[j + 1] = v;
                }
            }
        }
    }

    /**
     * An array held in cache: two stable counting passes (least significant digit first) on the
     * {@value #DIGIT_BITS}-bit digits below the shared bits leave it sorted on those bits, in
     * straight loops without a data-dependent branch; values that agree on all of them (about
     * n²/2²³ pairs, a few hundred at most) are then out of order only among themselves, which one
     * insertion pass over the nearly sorted array puts right. Values crafted to share those bits
     * would make that pass quadratic: past {@code n} moves it gives up for {@link Arrays#sort}.
     * {@code a} serves as the second pass's output, so its order is lost.
     */
    private static void sortInCache(long[] a, int n, long[] out, int sharedBits) {
        int high = Long.SIZE - sharedBits - DIGIT_BITS;
        int low = high - DIGIT_BITS;
        int mask = (1 << DIGIT_BITS) - 1;
        int[] lowCounts = new int[1 << DIGIT_BITS];
        int[] highCounts = new int[1 << DIGIT_BITS];
        for (int i = 0; i < n; i++) {
            long v = a[i] ^ Long.MIN_VALUE;
            lowCounts[(int) (v >>> low) & mask]++;
            highCounts[(int) (v >>> high) & mask]++;
        }
        for (int d = 0, lowAt = 0, highAt = 0; d <= mask; d++) {
            int l = lowCounts[d];
            lowCounts[d] = lowAt;
            lowAt += l;
            int h = highCounts[d];
            highCounts[d] = highAt;
            highAt += h;
        }
        for (int i = 0; i < n; i++) {
            long v = a[i];
            out[lowCounts[(int) ((v ^ Long.MIN_VALUE) >>> low) & mask]++] = v;
        }
        for (int i = 0; i < n; i++) {
            long v = out[i];
            a[highCounts[(int) ((v ^ Long.MIN_VALUE) >>> high) & mask]++] = v;
        }
        // the copy back into out is the insertion pass
        long moves = 0;
        out[0] = a[0];
        for (int i = 1; i < n; i++) {
            long v = a[i];
            int j = i - 1;
            if (out[j] > v) {
                while (j >= 0 && out[j] > v) {
                    out[j + 1] = out[j];
                    j--;
                }
                moves += i - 1 - j;
                if (moves > n) {
                    out[j + 1] = v;
                    System.arraycopy(a, i + 1, out, i + 1, n - i - 1);
                    Arrays.sort(out, 0, n);
                    return;
                }
            }
            out[j + 1] = v;
        }
    }

    /** The sorted values, each once: {@code while (c.next()) use(c.value());}. */
    public interface Cursor {
        /** Whether a value is left; {@link #value()} then returns it. */
        boolean next();

        /** The next value in order; call once after each {@code true} from {@link #next()}. */
        long value();
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            awaitSpill();
        } catch (RuntimeException e) {
            failure = e; // the runs are removed all the same
        }
        if (spiller != null) spiller.shutdown();
        for (FileChannel in : inputs) {
            try {
                in.close();
            } catch (IOException ignored) {
                // only read from it
            }
        }
        inputs.clear();
        for (Path run : runs) {
            try {
                Files.deleteIfExists(run);
            } catch (IOException ignored) {
                // temp dir clean-up is best effort
            }
        }
        runs.clear();
        if (failure != null) throw failure;
    }
}
