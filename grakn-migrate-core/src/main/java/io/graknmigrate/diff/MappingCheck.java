package io.graknmigrate.diff;

import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.ValueKind;
import io.graknmigrate.sort.MappedFile;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The exact check behind every "equal": whether a mapping of a's things onto b's preserves kinds,
 * labels, values (strings byte for byte) and every edge as multisets. A one-to-one mapping that maps
 * every thing's out-edges onto its counterpart's maps all edges, so in-edges need no check of their
 * own. Both threads check pieces of things taken in turn. The identity (no mapping file) is checked
 * without reading one: sides that list the same things in the same order are confirmed in one
 * sequential pass over both.
 */
final class MappingCheck {

    private MappingCheck() { }

    /**
     * Whether {@code mapping} (a's thing to b's; {@code null}: each thing to the thing of its number,
     * the sides having as many) is an isomorphism of the two sides' graphs.
     */
    static boolean holds(SideGraph a, SideGraph b, MappedFile mapping, ExecutorService other, ProgressListener progress) {
        int[] labelToB = a.labels.translateTo(b.labels);
        Pieces pieces = new Pieces(a.things);
        AtomicBoolean stop = new AtomicBoolean();
        Future<Boolean> second = other.submit(() -> holds(a, b, mapping, labelToB, pieces, ProgressListener.NONE, stop));
        progress.start("diff: check the mapping", a.things, "things");
        boolean first;
        try {
            first = holds(a, b, mapping, labelToB, pieces, progress, stop);
        } finally {
            progress.finish();
        }
        if (!first) stop.set(true);
        return GraphDiff.join(second) && first;
    }

    /**
     * Checks the pieces taken from {@code pieces} (shared with the other thread, so neither waits for
     * the other when things cost unevenly: strings in one part of the file, edges in another) until
     * none is left; a mismatch stops the other thread too.
     */
    private static boolean holds(SideGraph ga, SideGraph gb, MappedFile mapping, int[] labelToB, Pieces pieces,
                                 ProgressListener progress, AtomicBoolean stop) {
        for (long from; (from = pieces.take()) >= 0; ) {
            if (stop.get() || !holdsFor(ga, gb, mapping, labelToB, from, pieces.end(from), stop)) {
                stop.set(true);
                return false;
            }
            ColouredSide.tick(progress, from);
        }
        return true;
    }

    /**
     * Things checked together: their counterparts' records, strings and edges and the counterparts of
     * their edges' targets are read for all of them first, in loops of independent reads, so that the
     * processor waits for many cache and TLB misses at once instead of one at a time (a shuffled side
     * is read at random); the check itself then finds them in the cache.
     */
    static final int BATCH = 128;
    /**
     * Edge targets of a batch whose counterparts are read ahead, at most: the edges of a batch beyond
     * them (a thing of many players) read theirs as they are checked, so the buffer does not grow with a thing's degree.
     */
    static final int GATHERED = 8 * BATCH;

    /** One thread's buffers for a batch: what was read of b (and of the mapping) ahead of the check. */
    private static final class Batch {
        final long[] y = new long[BATCH];
        final long[] metaB = new long[BATCH];
        final long[] valueB = new long[BATCH];
        final long[] firstB = new long[BATCH];
        final long[] endB = new long[BATCH];
        /**
         * The first edge of each counterpart with edges, and the length before each string counterpart's
         * value: read only to bring their lines into the cache (the check reads them again from there).
         */
        final long[] edgeB = new long[BATCH];
        final int[] lengthB = new int[BATCH];
        /** The counterpart of each edge target of the batch's first {@link #GATHERED} edges, by a's edge number from the batch's first. */
        final long[] targets = new long[GATHERED];
    }

    private static boolean holdsFor(SideGraph ga, SideGraph gb, MappedFile mapping, int[] labelToB, long from, long to,
                                    AtomicBoolean stop) {
        long[] edgesA = new long[16];
        long[] edgesB = new long[16];
        Batch batch = new Batch();
        for (long x0 = from; x0 < to; x0 += BATCH) {
            int n = (int) Math.min(BATCH, to - x0);
            long firstA = ga.firstEdge(x0);
            if (mapping != null) gather(ga, gb, mapping, x0, n, firstA, batch);
            for (int i = 0; i < n; i++) {
                long x = x0 + i;
                long y = mapping == null ? x : batch.y[i];
                long ma = ga.meta(x);
                long mb = mapping == null ? gb.meta(y) : batch.metaB[i];
                if ((ma & 0xff) != (mb & 0xff) || labelToB[(int) (ma >>> 8)] != (int) (mb >>> 8)) return false;
                if ((int) (ma & 3) == SideGraph.ATTRIBUTE) {
                    if (ga.valueKind(x) == ValueKind.STRING) {
                        if (!ga.sameString(x, gb, y)) return false;
                    } else if (ga.value(x) != (mapping == null ? gb.value(y) : batch.valueB[i])) {
                        return false;
                    }
                }
                long fa = ga.firstEdge(x);
                int degree = (int) (ga.endEdge(x) - fa);
                long fb = mapping == null ? gb.firstEdge(y) : batch.firstB[i];
                long eb = mapping == null ? gb.endEdge(y) : batch.endB[i];
                if (eb - fb != degree) return false;
                if (degree > edgesA.length) {
                    edgesA = new long[degree];
                    edgesB = new long[degree];
                }
                boolean inOrder = true;
                for (int k = 0; k < degree; k++) {
                    long edge = ga.edges.getLong(fa + k);
                    int type = (int) (edge >>> SideGraph.TYPE_SHIFT);
                    int typeB = type == SideGraph.OWNERSHIP ? 0 : labelToB[type - 1] + 1;
                    if (typeB == 0 && type != SideGraph.OWNERSHIP) return false;
                    long inBatch = fa + k - firstA;
                    long target = mapping == null ? edge & SideGraph.DST_MASK
                            : inBatch < GATHERED ? batch.targets[(int) inBatch] : mapping.getLong(edge & SideGraph.DST_MASK);
                    edgesA[k] = (long) typeB << SideGraph.TYPE_SHIFT | target;
                    edgesB[k] = gb.edges.getLong(fb + k);
                    inOrder &= edgesA[k] == edgesB[k];
                }
                // equal in the order listed is equal as multisets; only edges listed in another order are sorted
                if (!inOrder) {
                    Arrays.sort(edgesA, 0, degree);
                    Arrays.sort(edgesB, 0, degree);
                    if (!Arrays.equals(edgesA, 0, degree, edgesB, 0, degree)) return false;
                }
            }
            if (((x0 - from) & 0xfff) == 0 && stop.get()) return false;
        }
        return true;
    }

    /**
     * Reads for things {@code [x0, x0 + n)} what their check will need of b and of the mapping, each
     * loop's reads independent of one another: the counterparts, their records, then their first
     * string bytes and first edges, and the counterparts of the things' edge targets.
     */
    private static void gather(SideGraph ga, SideGraph gb, MappedFile mapping, long x0, int n, long firstA, Batch batch) {
        long[] y = batch.y;
        for (int i = 0; i < n; i++) y[i] = mapping.getLong(x0 + i);
        for (int i = 0; i < n; i++) {
            long yi = y[i];
            batch.metaB[i] = gb.meta(yi);
            batch.valueB[i] = gb.value(yi);
            batch.firstB[i] = gb.firstEdge(yi);
            batch.endB[i] = gb.endEdge(yi);
        }
        for (int i = 0; i < n; i++) {
            long mb = batch.metaB[i];
            boolean string = (int) (mb & 3) == SideGraph.ATTRIBUTE && (int) (mb >>> 2 & 7) == ValueKind.STRING.ordinal();
            batch.lengthB[i] = string ? gb.strings.lengthAt(batch.valueB[i]) : -1;
            batch.edgeB[i] = batch.endB[i] > batch.firstB[i] ? gb.edges.getLong(batch.firstB[i]) : 0;
        }
        int edges = (int) Math.min(GATHERED, ga.firstEdge(x0 + n) - firstA);
        long[] targets = batch.targets;
        for (int k = 0; k < edges; k++) targets[k] = mapping.getLong(ga.edges.getLong(firstA + k) & SideGraph.DST_MASK);
    }
}
