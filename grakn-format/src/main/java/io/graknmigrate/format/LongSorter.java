package io.graknmigrate.format;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sorts any number of longs in bounded memory: chunks are sorted in memory and spilled to temporary
 * files, then merged. Used for id fingerprints and colour histograms, so memory never grows with the file.
 */
public final class LongSorter implements Closeable {

    private final Path tempDir;
    private long[] chunk;
    private long[] spare;
    private int n;
    private final List<Path> runs = new ArrayList<>();
    /** The run files open for the merge; closed by {@link #close()} however far the merge got. */
    private final List<DataInputStream> inputs = new ArrayList<>();
    private long total;

    /** Spills to {@code tempDir} once {@code chunkSize} values are held (two arrays of that size live on the heap). */
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

    private void spill() {
        sortChunk();
        try {
            Path run = Files.createTempFile(tempDir, "grakn-verify-", ".run");
            runs.add(run);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
                for (int i = 0; i < n; i++) out.writeLong(chunk[i]);
            }
        } catch (IOException e) {
            throw FrameReader.wrap("cannot write a temporary file in " + tempDir + " (" + e.getMessage() + ")", e);
        }
        n = 0;
    }

    /** A sorted cursor over everything added; the sorter must not be added to afterwards. */
    public Cursor sorted() {
        if (runs.isEmpty()) {
            sortChunk();
            return new Cursor() {
                int i;
                @Override public boolean next() { return i < n; }
                @Override public long value() { return chunk[i++]; }
            };
        }
        spill();
        try {
            for (Path run : runs) inputs.add(new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16)));
            PriorityQueue<long[]> heap = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
            for (int i = 0; i < inputs.size(); i++) {
                Long v = read(inputs.get(i));
                if (v != null) heap.add(new long[] {v, i});
            }
            return new Cursor() {
                @Override public boolean next() { return !heap.isEmpty(); }
                @Override public long value() {
                    long[] top = heap.poll();
                    long v = top[0];
                    Long following = read(inputs.get((int) top[1]));
                    if (following != null) {
                        top[0] = following;
                        heap.add(top);
                    } else {
                        try {
                            inputs.get((int) top[1]).close();
                        } catch (IOException ignored) {
                            // only read from it
                        }
                    }
                    return v;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
     * Sorts {@code a[0..n)} (signed order, as {@link Arrays#sort(long[])}) into {@code out[0..n)}.
     * The values are hash fingerprints, so their top bits are close to uniform: one counting pass on
     * the top bits spreads them into small buckets that are then sorted in cache. That is several
     * times faster than a comparison sort of the whole array; a bucket that is large anyway (crafted
     * collisions of the top bits) falls back to {@link Arrays#sort(long[], int, int)}, so the worst
     * case stays O(n log n).
     */
    static void sort(long[] a, int n, long[] out) {
        if (n < 256) {
            System.arraycopy(a, 0, out, 0, n);
            Arrays.sort(out, 0, n);
            return;
        }
        // about sixteen values per bucket (measured fastest against 8 and 32), at most 2^18 buckets
        int bits = Math.min(18, 32 - Integer.numberOfLeadingZeros(n / 16));
        int shift = 64 - bits;
        // pos[b + 1] counts, then is the next free slot of bucket b; afterwards bucket b is [pos[b], pos[b + 1])
        int[] pos = new int[(1 << bits) + 2];
        for (int i = 0; i < n; i++) pos[(int) ((a[i] ^ Long.MIN_VALUE) >>> shift) + 2]++;
        for (int b = 2; b < pos.length; b++) pos[b] += pos[b - 1];
        for (int i = 0; i < n; i++) {
            long v = a[i];
            out[pos[(int) ((v ^ Long.MIN_VALUE) >>> shift) + 1]++] = v;
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

    private static Long read(DataInputStream in) {
        try {
            return in.readLong();
        } catch (EOFException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        for (DataInputStream in : inputs) {
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
    }
}
