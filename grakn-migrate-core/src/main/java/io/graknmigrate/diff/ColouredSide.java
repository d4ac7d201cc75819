package io.graknmigrate.diff;

import io.graknmigrate.format.Counts;
import io.graknmigrate.format.ProgressListener;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;

/**
 * One side's graph with its colours: the initial colour of each thing, one round of colour refinement,
 * and the individualisation of a colour class. A side is refined on its own thread, so nothing here is
 * shared with the other side.
 */
final class ColouredSide implements AutoCloseable {

    private static final long OWN_OUT = 0x243F6A8885A308D3L;
    private static final long OWN_IN = 0x13198A2E03707344L;
    private static final long ROLE_OUT = 0xA4093822299F31D0L;
    private static final long ROLE_IN = 0x082EFA98EC4E6C89L;
    static final long ROUND = 0x9E3779B97F4A7C15L;
    private static final long INDIVIDUAL = 0x5851F42D4C957F2DL;

    final SideGraph g;
    /** The side's colours: its graph's initial colours ({@link #colourThings()}), refined in place. */
    MappedFile colour;
    /** Neighbour sums during refinement; made by the first round. */
    private MappedFile scratch;
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

    /** One round: each colour from the old one and the neighbours' along out-edges, and in-edges when asked. */
    void refine(boolean incoming, int round, ProgressListener progress) {
        long n = g.things;
        progress.start("diff: refine " + g.name + " (round " + round + ")", n, "things");
        try {
            if (scratch == null) scratch = MappedFile.longs(dir, "scratch", n);
            else if (incoming) for (long x = 0; x < n; x++) scratch.setLong(x, 0);
            for (long x = 0; x < n; x++) {
                long cx = colour.getLong(x);
                long sum = 0;
                for (long e = g.firstEdge(x), end = g.endEdge(x); e < end; e++) {
                    long edge = g.edges.getLong(e);
                    int type = (int) (edge >>> SideGraph.TYPE_SHIFT);
                    long y = edge & SideGraph.DST_MASK;
                    sum += Hashing.mix(colour.getLong(y) + outKey[type]);
                    if (incoming) scratch.addLong(y, Hashing.mix(cx + inKey[type]));
                }
                if (incoming) scratch.addLong(x, sum);
                else scratch.setLong(x, sum);
                if ((x & 0xffff) == 0) tick(progress, x);
            }
            for (long x = 0; x < n; x++) {
                colour.setLong(x, Hashing.mix(colour.getLong(x) * ROUND + Hashing.mix(scratch.getLong(x) + ROUND)));
            }
        } finally {
            progress.finish();
        }
    }

    static void tick(ProgressListener progress, long done) {
        progress.update(done);
        if (Thread.currentThread().isInterrupted()) throw new CancellationException("diff was interrupted");
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
        if (saved != null) saved.close();
    }
}
