package io.graknmigrate.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sorts any number of longs in bounded memory by distributing them on their top bits: each value
 * goes to one of 2<sup>bits</sup> partitions, kept in fixed-size blocks that are spilled to one
 * temporary file as they fill. Afterwards each partition is read back and sorted on its own, in
 * memory (small enough to stay in the CPU's caches, where {@link LongSorter#sort} is several times
 * faster than on a whole chunk); the partitions in order are all the values in signed order, so no
 * merge of sorted runs is needed. A partition larger than {@code maxInMemory} values (a file far
 * larger than the partition count was chosen for, or values crafted to share their top bits) goes
 * through a {@link LongSorter} instead, so memory stays bounded whatever the values.
 *
 * <p>Several threads may add at the same time, each through its own {@link Writer}. Once every
 * writer is done, several threads may read different partitions at the same time, each through its
 * own {@link Reader}. Values that never filled a block stay in the writers' buffers and are read
 * from there: a small input never touches the disk.
 */
final class LongPartitions implements Closeable {

    /** A block's header: the file offset of the partition's previous block (-1 for none). */
    private static final int HEADER_BYTES = Long.BYTES;

    private final Path tempDir;
    private final int bits;
    private final int shift;
    private final int blockLongs;
    private final int blockBytes;
    private final int maxInMemory;
    private final int chunk;
    private final long[] lastBlock;
    private final List<Writer> writers = new ArrayList<>();
    private Path path;
    private FileChannel file;
    private long fileEnd;
    private boolean closed;

    /**
     * {@code 2^bits} partitions (1 to 16 bits) of blocks of {@code blockLongs} values; a partition of
     * more than {@code maxInMemory} values is sorted by a {@link LongSorter} of chunks of {@code chunk}.
     */
    LongPartitions(Path tempDir, int bits, int blockLongs, int maxInMemory, int chunk) {
        if (bits < 1 || bits > 16) throw new IllegalArgumentException("bits " + bits);
        this.tempDir = tempDir;
        this.bits = bits;
        this.shift = 64 - bits;
        this.blockLongs = Math.max(1, blockLongs);
        this.blockBytes = HEADER_BYTES + this.blockLongs * Long.BYTES;
        this.maxInMemory = Math.max(1, maxInMemory);
        this.chunk = Math.max(1, chunk);
        this.lastBlock = new long[1 << bits];
        Arrays.fill(lastBlock, -1);
    }

    /**
     * Partitions for about {@code expectedValues} values: enough of them that one holds about 64k
     * values (512 KiB, sorted in cache), blocks small enough that the writers' buffers stay near
     * 8 MiB each. (Fewer, larger partitions that need no temporary file were measured slower even
     * at 1M things: a partition sorted out of cache costs more than the blocks' writes and reads.)
     */
    static LongPartitions forExpected(Path tempDir, long expectedValues, int chunk) {
        int bits = 1;
        while (bits < 12 && (expectedValues >> bits) > (64 << 10)) bits++;
        int blockLongs = Math.max(256, Math.min(8192, (1 << 20) >> bits));
        return new LongPartitions(tempDir, bits, blockLongs, chunk, chunk);
    }

    int partitions() { return 1 << bits; }

    /** A writer for one adding thread. */
    synchronized Writer writer() {
        Writer w = new Writer();
        writers.add(w);
        return w;
    }

    /** A reader for one reading thread. */
    Reader reader() {
        return new Reader();
    }

    /** Reserves the place of one block in the file and links it into its partition; returns its offset. */
    private synchronized long reserve(int partition, ByteBuffer block) throws IOException {
        if (closed) throw new IllegalStateException("closed");
        if (file == null) {
            path = Files.createTempFile(tempDir, "grakn-verify-", ".parts");
            file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        long at = fileEnd;
        fileEnd += blockBytes;
        block.putLong(0, lastBlock[partition]);
        lastBlock[partition] = at;
        return at;
    }

    /** Adds values from one thread. Not thread-safe: one writer per thread. */
    final class Writer {
        private final long[] buffer;
        private final int[] fill;
        private final long[] spilled;
        private final ByteBuffer out;

        private Writer() {
            int n = 1 << bits;
            buffer = new long[n * blockLongs];
            fill = new int[n];
            spilled = new long[n];
            out = ByteBuffer.allocateDirect(blockBytes).order(ByteOrder.nativeOrder());
        }

        /** Adds one value. */
        void add(long v) {
            int p = (int) ((v ^ Long.MIN_VALUE) >>> shift);
            int i = fill[p];
            buffer[p * blockLongs + i] = v;
            if (++i == blockLongs) {
                spill(p);
                i = 0;
            }
            fill[p] = i;
        }

        private void spill(int p) {
            out.clear();
            out.position(HEADER_BYTES);
            out.asLongBuffer().put(buffer, p * blockLongs, blockLongs);
            out.clear();
            try {
                long at = reserve(p, out);
                while (out.hasRemaining()) file.write(out, at + out.position());
            } catch (IOException e) {
                throw FrameReader.wrap("cannot write a temporary file in " + tempDir + " (" + e.getMessage() + ")", e);
            }
            spilled[p] += blockLongs;
        }

        private long count(int p) { return spilled[p] + fill[p]; }
    }

    /** Reads partitions, sorted, on one thread; its arrays are reused from one partition to the next. */
    final class Reader {
        private long[] values = new long[0];
        private long[] sorted = new long[0];
        private final ByteBuffer in = ByteBuffer.allocateDirect(blockBytes).order(ByteOrder.nativeOrder());

        /**
         * Hands the values of {@code partition}, in signed order, to {@code sink} in one or more
         * consecutive slices (one, unless the partition is sorted through a {@link LongSorter}).
         * A slice is valid during the call only. Writers must be done.
         */
        void sorted(int partition, SortedSlices sink) {
            long total = 0;
            for (Writer w : writers) total += w.count(partition);
            if (total <= maxInMemory) {
                int n = (int) total;
                if (values.length < n) {
                    values = new long[n];
                    sorted = new long[n];
                }
                Sink fill = new Sink() {
                    int k;
                    @Override public void take(long[] a, int from, int count) {
                        System.arraycopy(a, from, values, k, count);
                        k += count;
                    }
                    @Override public void take(LongBuffer b, int count) {
                        b.get(values, k, count);
                        k += count;
                    }
                };
                read(partition, fill);
                LongSorter.sort(values, n, sorted, bits);
                sink.take(sorted, 0, n);
                return;
            }
            values = new long[0]; // the sorter's chunks take the memory instead
            sorted = values;
            long[] slice = new long[Math.min(blockLongs, 4096)];
            try (LongSorter into = new LongSorter(tempDir, chunk)) {
                read(partition, new Sink() {
                    @Override public void take(long[] a, int from, int count) {
                        for (int i = 0; i < count; i++) into.add(a[from + i]);
                    }
                    @Override public void take(LongBuffer b, int count) {
                        while (count > 0) {
                            int m = Math.min(count, slice.length);
                            b.get(slice, 0, m);
                            for (int i = 0; i < m; i++) into.add(slice[i]);
                            count -= m;
                        }
                    }
                });
                LongSorter.Cursor c = into.sorted();
                int m = 0;
                while (c.next()) {
                    slice[m++] = c.value();
                    if (m == slice.length) {
                        sink.take(slice, 0, m);
                        m = 0;
                    }
                }
                if (m > 0) sink.take(slice, 0, m);
            }
        }

        private void read(int partition, Sink sink) {
            try {
                for (long at = lastBlock[partition]; at >= 0; ) {
                    in.clear();
                    while (in.hasRemaining()) {
                        if (file.read(in, at + in.position()) < 0) throw new IOException("a partition block ended early");
                    }
                    long previous = in.getLong(0);
                    in.position(HEADER_BYTES);
                    sink.take(in.asLongBuffer(), blockLongs);
                    at = previous;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Writer w : writers) sink.take(w.buffer, partition * blockLongs, w.fill[partition]);
        }
    }

    /** Takes the sorted values of a partition, one slice at a time. */
    interface SortedSlices {
        /** Takes {@code values[from..to)}, the next values in order. */
        void take(long[] values, int from, int to);
    }

    private interface Sink {
        void take(long[] a, int from, int count);

        void take(LongBuffer b, int count);
    }

    @Override
    public void close() {
        FileChannel f;
        Path p;
        synchronized (this) {
            closed = true;
            f = file;
            p = path;
            file = null;
            path = null;
        }
        try {
            if (f != null) f.close();
        } catch (IOException ignored) {
            // only our own temporary file
        }
        try {
            if (p != null) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // temp dir clean-up is best effort
        }
    }
}
