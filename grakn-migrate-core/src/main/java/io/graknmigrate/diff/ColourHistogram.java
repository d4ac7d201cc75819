package io.graknmigrate.diff;

import io.graknmigrate.sort.MappedFile;
import io.graknmigrate.sort.RecordSorter;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The colour histograms of both sides, compared: each side's (colour, thing) pairs are grouped by the
 * colours' top bits ({@link ColourGroups}, each side on its own thread), and the groups of the two
 * sides sorted and walked together, group after group. The same walk pairs things: the k-th thing of a
 * colour in a (in thing order: the sorts are stable) with the k-th of that colour in b, which is the
 * mapping the exact check tries whenever the histograms are equal.
 */
final class ColourHistogram implements AutoCloseable {

    /** Receives each colour with its count on both sides, in colour order. */
    interface ClassVisitor {
        void visit(long colour, long inA, long inB);
    }

    /**
     * How many colours there are, whether both sides have each as often, and whether the walk paired
     * every thing with the thing of its number (both sides having each colour at the same numbers).
     */
    record Histogram(long distinct, boolean equal, boolean identity) { }

    private final ExecutorService other;
    private final Path dir;
    private final int sortChunk;
    private ColourGroups groupsA;
    /** Made and filled on the other thread; read here only after joining it. */
    private volatile ColourGroups groupsB;
    /** a's sort arrays, and two sets for b: b's next group is sorted while this thread walks the last. */
    private final long[][] buffersA = new long[2][];
    private final long[][][] buffersB = {new long[2][], new long[2][]};

    ColourHistogram(ExecutorService other, Path dir, int sortChunk) {
        this.other = other;
        this.dir = dir;
        this.sortChunk = sortChunk;
    }

    /** The counts of the walk so far. */
    private static final class Tally {
        long distinct;
        boolean equal = true;
        boolean identity = true;
    }

    /**
     * Walks both sides' colour classes; writes the pairing into {@code mapping} (a's thing to b's),
     * complete when the result is equal.
     */
    Histogram walk(ColouredSide a, ColouredSide b, MappedFile mapping, ClassVisitor visitor) {
        int bits = ColourGroups.bitsFor(Math.max(a.g.things, b.g.things), sortChunk);
        Future<RecordSorter.Cursor> nextB = other.submit(() -> {
            if (groupsB == null) groupsB = new ColourGroups(dir, b.g.things, bits, sortChunk);
            groupsB.fill(b.colour, b.g.things);
            return groupsB.sorted(0, buffersB[0]);
        });
        try {
            if (groupsA == null) groupsA = new ColourGroups(dir, a.g.things, bits, sortChunk);
            groupsA.fill(a.colour, a.g.things);
            Tally t = new Tally();
            for (int k = 0, groups = 1 << bits; k < groups; k++) {
                RecordSorter.Cursor ca = groupsA.sorted(k, buffersA);
                RecordSorter.Cursor cb = GraphDiff.join(nextB);
                nextB = null;
                if (k + 1 < groups) {
                    int next = k + 1;
                    nextB = other.submit(() -> groupsB.sorted(next, buffersB[next & 1]));
                }
                walkGroup(ca, cb, mapping, visitor, t);
            }
            return new Histogram(t.distinct, t.equal, t.equal && t.identity);
        } finally {
            // b's sort must be over before its arrays and file are used again (or closed)
            if (nextB != null) awaitQuietly(nextB);
        }
    }

    /** One group of both sides: every colour of it (a colour is in the same group on both sides). */
    private static void walkGroup(RecordSorter.Cursor ca, RecordSorter.Cursor cb, MappedFile mapping, ClassVisitor visitor, Tally t) {
        boolean ha = ca.next();
        boolean hb = cb.next();
        boolean identity = t.identity;
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
            t.distinct++;
            if (na != nb) t.equal = false;
            if (visitor != null) visitor.visit(colour, na, nb);
        }
        t.identity = identity;
    }

    /** Waits for {@code f} to end however it ends, even when interrupted (its work is bounded and checks for interrupts). */
    private static void awaitQuietly(Future<?> f) {
        boolean interrupted = false;
        while (true) {
            try {
                f.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (Exception ignored) {
                // the walk is ending with its own failure
                break;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    @Override
    public void close() {
        if (groupsA != null) groupsA.close();
        if (groupsB != null) groupsB.close();
    }
}
