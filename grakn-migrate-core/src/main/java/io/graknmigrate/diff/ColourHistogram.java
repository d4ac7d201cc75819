package io.graknmigrate.diff;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The colour histograms of both sides, compared: each side's (colour, thing) pairs are sorted (on its
 * own thread) and the two sorted sequences walked together. The same walk pairs things: the k-th
 * thing of a colour in a (in thing order: the sort is stable) with the k-th of that colour in b, which
 * is the mapping the exact check tries whenever the histograms are equal.
 */
final class ColourHistogram {

    /** Receives each colour with its count on both sides, in colour order. */
    interface ClassVisitor {
        void visit(long colour, long inA, long inB);
    }

    /**
     * How many colours there are, whether both sides have each as often, and whether the walk paired
     * every thing with the thing of its number (both sides having each colour at the same numbers).
     */
    record Histogram(long distinct, boolean equal, boolean identity) { }

    /** A side's sorted pairs; closing deletes what the sort spilled. */
    private record Sorted(RecordSorter sorter, RecordSorter.Cursor cursor) implements AutoCloseable {
        @Override
        public void close() {
            sorter.close();
        }
    }

    private final ExecutorService other;
    private final Path dir;
    private final int sortChunk;
    /** Each side's two sort arrays, kept from walk to walk. */
    private final long[][] buffersA = new long[2][];
    private final long[][] buffersB = new long[2][];

    ColourHistogram(ExecutorService other, Path dir, int sortChunk) {
        this.other = other;
        this.dir = dir;
        this.sortChunk = sortChunk;
    }

    /**
     * Walks both sides' colour classes; writes the pairing into {@code mapping} (a's thing to b's),
     * complete when the result is equal.
     */
    Histogram walk(ColouredSide a, ColouredSide b, MappedFile mapping, ClassVisitor visitor) {
        Future<Sorted> sortingB = other.submit(() -> sorted(b, buffersB));
        Sorted sa = null;
        Sorted sb = null;
        try {
            sa = sorted(a, buffersA);
            sb = GraphDiff.join(sortingB);
            RecordSorter.Cursor ca = sa.cursor();
            RecordSorter.Cursor cb = sb.cursor();
            long distinct = 0;
            boolean equal = true;
            boolean identity = true;
            boolean ha = ca.next();
            boolean hb = cb.next();
            while (ha || hb) {
                long colour = !hb || (ha && ca.key() <= cb.key()) ? ca.key() : cb.key();
                long na = 0;
                long nb = 0;
                while (ha && ca.key() == colour) {
                    if (hb && cb.key() == colour) {
                        mapping.setLong(ca.value(), cb.value());
                        identity &= ca.value() == cb.value();
                        nb++;
                        hb = cb.next();
                    }
                    na++;
                    ha = ca.next();
                }
                while (hb && cb.key() == colour) {
                    nb++;
                    hb = cb.next();
                }
                distinct++;
                if (na != nb) equal = false;
                if (visitor != null) visitor.visit(colour, na, nb);
            }
            return new Histogram(distinct, equal, equal && identity);
        } finally {
            if (sa != null) sa.close();
            if (sb != null) sb.close();
            else if (!sortingB.isCancelled()) closeQuietly(sortingB);
        }
    }

    private Sorted sorted(ColouredSide s, long[][] buffers) {
        if (buffers[0] == null) {
            int records = (int) Math.min(sortChunk, Math.max(16, s.g.things));
            buffers[0] = new long[2 * records];
            buffers[1] = new long[2 * records];
        }
        RecordSorter sorter = new RecordSorter(dir, buffers[0], buffers[1]);
        try {
            for (long x = 0; x < s.g.things; x++) sorter.add(s.colour.getLong(x), x);
            return new Sorted(sorter, sorter.sorted());
        } catch (RuntimeException | Error e) {
            sorter.close();
            throw e;
        }
    }

    private static void closeQuietly(Future<Sorted> f) {
        try {
            f.get().close();
        } catch (Exception ignored) {
            // it failed: its sorter was closed
        }
    }
}
