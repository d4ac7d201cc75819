package io.graknmigrate.diff;

import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.ValueKind;

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

    private static boolean holdsFor(SideGraph ga, SideGraph gb, MappedFile mapping, int[] labelToB, long from, long to,
                                    AtomicBoolean stop) {
        long[] edgesA = new long[16];
        long[] edgesB = new long[16];
        for (long x = from; x < to; x++) {
            long y = mapping == null ? x : mapping.getLong(x);
            long ma = ga.meta(x);
            long mb = gb.meta(y);
            if ((ma & 0xff) != (mb & 0xff) || labelToB[(int) (ma >>> 8)] != (int) (mb >>> 8)) return false;
            if (ga.kind(x) == SideGraph.ATTRIBUTE) {
                if (ga.valueKind(x) == ValueKind.STRING) {
                    if (!ga.sameString(x, gb, y)) return false;
                } else if (ga.value(x) != gb.value(y)) {
                    return false;
                }
            }
            long fa = ga.firstEdge(x);
            int degree = (int) (ga.endEdge(x) - fa);
            long fb = gb.firstEdge(y);
            if (gb.endEdge(y) - fb != degree) return false;
            if (degree > edgesA.length) {
                edgesA = new long[degree];
                edgesB = new long[degree];
            }
            boolean inOrder = true;
            for (int i = 0; i < degree; i++) {
                long edge = ga.edges.getLong(fa + i);
                int type = (int) (edge >>> SideGraph.TYPE_SHIFT);
                int typeB = type == SideGraph.OWNERSHIP ? 0 : labelToB[type - 1] + 1;
                if (typeB == 0 && type != SideGraph.OWNERSHIP) return false;
                long target = edge & SideGraph.DST_MASK;
                edgesA[i] = (long) typeB << SideGraph.TYPE_SHIFT | (mapping == null ? target : mapping.getLong(target));
                edgesB[i] = gb.edges.getLong(fb + i);
                inOrder &= edgesA[i] == edgesB[i];
            }
            // equal in the order listed is equal as multisets; only edges listed in another order are sorted
            if (!inOrder) {
                Arrays.sort(edgesA, 0, degree);
                Arrays.sort(edgesB, 0, degree);
                if (!Arrays.equals(edgesA, 0, degree, edgesB, 0, degree)) return false;
            }
            if ((x & 0xfff) == 0 && stop.get()) return false;
        }
        return true;
    }
}
