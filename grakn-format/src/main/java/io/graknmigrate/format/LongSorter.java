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
 * files, then merged. Used for id fingerprints, so memory never grows with the file.
 */
final class LongSorter implements Closeable {

    private final Path tempDir;
    private final long[] chunk;
    private int n;
    private final List<Path> runs = new ArrayList<>();
    private long total;

    LongSorter(Path tempDir, int chunkSize) {
        this.tempDir = tempDir;
        this.chunk = new long[chunkSize];
    }

    void add(long v) {
        if (n == chunk.length) spill();
        chunk[n++] = v;
        total++;
    }

    long size() { return total; }

    private void spill() {
        Arrays.sort(chunk, 0, n);
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
    Cursor sorted() {
        Arrays.sort(chunk, 0, n);
        if (runs.isEmpty()) {
            return new Cursor() {
                int i;
                @Override public boolean next() { return i < n; }
                @Override public long value() { return chunk[i++]; }
            };
        }
        spill();
        try {
            List<DataInputStream> inputs = new ArrayList<>();
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

    private static Long read(DataInputStream in) {
        try {
            return in.readLong();
        } catch (EOFException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    interface Cursor {
        boolean next();

        long value();
    }

    @Override
    public void close() {
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
