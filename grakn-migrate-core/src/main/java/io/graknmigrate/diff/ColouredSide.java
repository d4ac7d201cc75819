package io.graknmigrate.diff;

import io.graknmigrate.format.Counts;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.sort.MappedFile;

import java.nio.file.Path;

/**
 * One side's graph with its colours: the initial colour of each thing, one round of colour refinement
 * (going back one round when asked), and the individualisation of a colour class. A round along
 * in-edges runs on one thread; a round along out-edges may be shared by threads piece by piece
 * ({@link #refinePieces}), each piece writing only its own things' new colours.
 */
final class ColouredSide implements AutoCloseable {

    private static final long OWN_OUT = 0x243F6A8885A308D3L;
    private static final long OWN_IN = 0x13198A2E03707344L;
    private static final long ROLE_OUT = 0xA4093822299F31D0L;
    private static final long ROLE_IN = 0x082EFA98EC4E6C89L;
    static final long ROUND = 0x9E3779B97F4A7C15L;
    private static final long INDIVIDUAL = 0x5851F42D4C957F2DL;
    /** Things of a round along out-edges whose targets' colours are read together ({@link #refinePieces}). */
    private static final int BATCH = 256;
    /** Edges of such a batch read ahead, at most: a batch's edges beyond them (a thing of many players) are read as they come. */
    private static final int GATHERED = 8 * BATCH;

    final SideGraph g;
    /** The side's colours: its graph's initial colours ({@link #colourThings()}), refined in place. */
    MappedFile colour;
    /** Neighbour sums during a round that follows in-edges; made by the first such round. */
    private MappedFile scratch;
    /** Where a round writes its colours: the colours before the last round, once there was one. */
    private MappedFile next;
    /** Whether {@link #colour} holds the colours before the last round, which {@link #next} holds. */
    private boolean undone;
    private final long[] outKey;
    private final long[] inKey;
    private final Path dir;
    /** The colours before an individualisation, to go back to when it fails. */
    private MappedFile saved;

    ColouredSide(SideGraph g, Path dir) {
        this.g = g;
        this.dir = dir;
        int types = g.labels.size() + 1;
        outKey = new long[types];
        inKey = new long[types];
        outKey[0] = Hashing.mix(OWN_OUT);
        inKey[0] = Hashing.mix(OWN_IN);
        for (int c = 0; c < g.labels.size(); c++) {
            outKey[c + 1] = Hashing.mix(g.labels.hash(c) ^ ROLE_OUT);
            inKey[c + 1] = Hashing.mix(g.labels.hash(c) ^ ROLE_IN);
        }
    }

    /** Gives every thing its initial colour; nothing else here may be used before. */
    void colourThings() {
        if (colour != null) return;
        colour = MappedFile.longs(dir, "colour", g.things);
        g.initialColours(colour, 0, g.things);
    }

    Counts counts() {
        return new Counts(g.kindCounts[SideGraph.ENTITY], g.kindCounts[SideGraph.ATTRIBUTE],
                g.kindCounts[SideGraph.RELATION], g.rolePlayers, g.ownerships);
    }

    /**
     * One round along out-edges and in-edges, on this thread: each colour from the old one and the
     * neighbours' in both directions. An in-edge adds to its target's sum, so the sums are complete
     * only after the whole pass, and the round is not cut in pieces. The new colours go to a file of
     * their own, so the old ones stay until the next round ({@link #undoRound()}).
     */
    void refineBothWays(int round, ProgressListener progress) {
        long n = g.things;
        progress.start("diff: refine " + g.name + " (round " + round + ")", n, "things");
        try {
            startRound();
            if (scratch == null) scratch = MappedFile.longs(dir, "scratch", n);
            else for (long x = 0; x < n; x++) scratch.setLong(x, 0);
            for (long x = 0; x < n; x++) {
                long cx = colour.getLong(x);
                long sum = 0;
                for (long e = g.firstEdge(x), end = g.endEdge(x); e < end; e++) {
                    long edge = g.edges.getLong(e);
                    int type = (int) (edge >>> SideGraph.TYPE_SHIFT);
                    long y = edge & SideGraph.DST_MASK;
                    sum += Hashing.mix(colour.getLong(y) + outKey[type]);
                    scratch.addLong(y, Hashing.mix(cx + inKey[type]));
                }
                scratch.addLong(x, sum);
                if ((x & 0xffff) == 0) tick(progress, x);
            }
            for (long x = 0; x < n; x++) next.setLong(x, recolour(colour.getLong(x), scratch.getLong(x)));
        } finally {
            progress.finish();
        }
        endRound();
    }

    /** Readies a round along out-edges that threads share through {@link #refinePieces}; {@link #endRound()} ends it. */
    void startRound() {
        if (next == null) next = MappedFile.longs(dir, "colour", g.things);
    }

    /**
     * Works on a round along out-edges ({@link #startRound()}) until no piece of it is left, taking
     * them from {@code pieces} (shared with other threads working on the same round), and gives each
     * of their things its new colour. A thing's new colour needs only its own out-edges, so pieces are
     * independent.
     */
    void refinePieces(Pieces pieces, ProgressListener progress) {
        long[] edge = new long[GATHERED];
        long[] target = new long[GATHERED];
        for (long from; (from = pieces.take()) >= 0; ) {
            for (long x0 = from, to = pieces.end(from); x0 < to; x0 += BATCH) {
                int n = (int) Math.min(BATCH, to - x0);
                long e0 = g.firstEdge(x0);
                int m = (int) Math.min(GATHERED, g.firstEdge(x0 + n) - e0);
                // The targets' colours first, in a loop of loads whose addresses do not wait on one
                // another: on a shuffled side they are read at random, and the processor then waits
                // for many misses at once instead of one after another.
                for (int k = 0; k < m; k++) edge[k] = g.edges.getLong(e0 + k);
                for (int k = 0; k < m; k++) target[k] = colour.getLong(edge[k] & SideGraph.DST_MASK);
                // a batch's edges are consecutive: each thing's end is the next one's start
                long e = e0;
                for (long x = x0, batchEnd = x0 + n; x < batchEnd; x++) {
                    long sum = 0;
                    for (long end = g.endEdge(x); e < end; e++) {
                        int k = (int) (e - e0);
                        long ed;
                        long c;
                        if (k < m) {
                            ed = edge[k];
                            c = target[k];
                        } else {
                            ed = g.edges.getLong(e);
                            c = colour.getLong(ed & SideGraph.DST_MASK);
                        }
                        sum += Hashing.mix(c + outKey[(int) (ed >>> SideGraph.TYPE_SHIFT)]);
                    }
                    next.setLong(x, recolour(colour.getLong(x), sum));
                }
            }
            tick(progress, from);
        }
    }

    /** Ends a round once every piece of it is done: its colours become the side's. */
    void endRound() {
        swapRound();
        undone = false;
    }

    private static long recolour(long colour, long neighbours) {
        return Hashing.mix(colour * ROUND + Hashing.mix(neighbours + ROUND));
    }

    private void swapRound() {
        MappedFile t = colour;
        colour = next;
        next = t;
    }

    /** Goes back to the colours before the last round ({@link #refineBothWays}, {@link #endRound}); once, until {@link #redoRound()}. */
    void undoRound() {
        if (next == null || undone) throw new IllegalStateException("no round to undo");
        swapRound();
        undone = true;
    }

    /** Goes forward again to the colours of the round {@link #undoRound()} went back from. */
    void redoRound() {
        if (!undone) throw new IllegalStateException("no round undone");
        swapRound();
        undone = false;
    }

    static void tick(ProgressListener progress, long done) {
        progress.update(done);
        if (Thread.currentThread().isInterrupted()) throw GraphDiff.cancelled(null);
    }

    /** Gives the members of one colour class distinct colours, in thing order, the same way on both sides. */
    void individualiseAll(long c) {
        long ordinal = 0;
        for (long x = 0; x < g.things; x++) {
            if (colour.getLong(x) == c) colour.setLong(x, Hashing.mix(c + ++ordinal * ROUND));
        }
    }

    /** Gives the {@code j}-th member (in thing order) of a colour class a colour of its own. */
    void individualiseOne(long c, long j) {
        long ordinal = 0;
        for (long x = 0; x < g.things; x++) {
            if (colour.getLong(x) == c && ordinal++ == j) {
                colour.setLong(x, Hashing.mix(c ^ INDIVIDUAL));
                return;
            }
        }
    }

    void save() {
        if (saved == null) saved = MappedFile.longs(dir, "saved-colour", g.things);
        for (long x = 0; x < g.things; x++) saved.setLong(x, colour.getLong(x));
    }

    void restore() {
        for (long x = 0; x < g.things; x++) colour.setLong(x, saved.getLong(x));
    }

    @Override
    public void close() {
        if (colour != null) colour.close();
        if (scratch != null) scratch.close();
        if (next != null) next.close();
        if (saved != null) saved.close();
    }
}
