package io.graknmigrate.diff;

import io.graknmigrate.diff.ColourHistogram.Histogram;
import io.graknmigrate.format.GraknFormatException;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.Relabel;
import io.graknmigrate.sort.MappedFile;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Compares two graphs with ids ignored. Two graphs are equal when a one-to-one mapping of their
 * things preserves each thing's kind, label and value (value kind included) and every ownership and
 * role player (per role, as multisets).
 *
 * <p>How: every thing gets a colour (a hash of its kind, label and value), then rounds of colour
 * refinement give each thing a new colour from its old one and the multiset of its neighbours'
 * colours, both directions of every ownership and role-player edge, until the partition of things by
 * colour stops splitting. Colours are deterministic functions of structure, so equal graphs always
 * end with equal colour histograms; the first round whose histograms differ names the things that
 * have no counterpart. Before any colour, the pairing of each thing with the thing of its number is
 * checked exactly (sides listing the same things in the same order are confirmed in one pass).
 * Equal histograms are not yet proof: things of one colour are then paired in
 * order, and the pairing is checked exactly (labels, values byte for byte, every edge): on the first
 * colours and after the first two rounds already (a wrong pairing fails at its first mismatch, a right
 * one saves the rounds that would only confirm a stable partition), then once the partition is stable. Where the
 * check fails because things of one colour are interchangeable only jointly, one colour class is
 * individualised (its members paired in order and given distinct colours on both sides), refined
 * again and checked again, a bounded number of times. "Equal" is only ever the result of a passed
 * exact check; a hash collision or a graph too symmetric for the search ends as
 * {@link DiffResult.Outcome#NOT_CONFIRMED}, never as equal.
 *
 * <p>The jobs have classes of their own: {@link SideGraph} and {@link IdResolution} read a side and
 * resolve its ids, {@link ColouredSide} refines its colours, {@link ColourHistogram} compares the sides'
 * colour classes and pairs their things, {@link MappingCheck} checks a pairing exactly and
 * {@link DiffReport} describes what differs. This class runs them: side b on a second thread beside
 * side a (each side's thread, once done, taking a share of the other's id resolution through a
 * {@link SharedWork}), the rounds (along out-edges both threads share both sides' pieces; rounds go
 * two at a time between walks), and the individualisation when a pairing fails.
 *
 * <p>Per-thing state (columns, edges, colours, the pairing) lives in memory-mapped temporary files;
 * the heap holds the labels, the examples and the sort chunks ({@link #SORT_CHUNK}).
 */
public final class GraphDiff {

    /** Examples shown of each side by default. */
    public static final int DEFAULT_LIMIT = 10;

    /** Refinement rounds before the pairing is tried anyway (a long path of look-alike things needs one round per step). */
    static final int MAX_ROUNDS = 100;
    /** Colour classes individualised before giving up on confirming a mapping. */
    static final int MAX_INDIVIDUALISATIONS = 16;
    /** Candidate classes looked at when choosing one to individualise. */
    private static final int CANDIDATES = 64;
    /**
     * Records per sort chunk on the heap (32 bytes each, two arrays): at most four sorts hold a chunk at
     * once (both sides' id definitions and references), so a sixteenth of the heap each; 1M records in
     * the 512 MiB a 10M-item comparison is given.
     */
    static final int SORT_CHUNK = (int) Math.max(1 << 16, Math.min(1 << 24, Runtime.getRuntime().maxMemory() / 16 / 32));
    /** Pairings checked before the partition is stable: the first colours', and after the first two rounds. */
    static final int EARLY_CHECKS = 2;
    /** Members of b tried as the counterpart of one individualised member of a. */
    private static final int COUNTERPARTS_TRIED = 8;

    private final ColouredSide a;
    private final ColouredSide b;
    private final Path tempDir;
    private final ProgressListener progress;
    private final ExecutorService other;
    private final ColourHistogram histograms;
    /** a's thing to b's, as paired by the last histogram walk; made by the first walk. */
    private MappedFile mapping;
    private int rounds;
    private long lastDistinct;
    /** Pairings still to be tried before the partition is stable (see {@link #earlyCheck()}). */
    private int earlyChecksLeft = EARLY_CHECKS;
    /** Whether an early check confirmed the last pairing. */
    private boolean confirmed;
    /** Whether the pairing of each thing with the thing of its number was checked and failed. */
    private boolean identityFailed;
    /** Whether the last histogram walk paired each thing with the thing of its number. */
    private boolean lastIdentity;

    private GraphDiff(ColouredSide a, ColouredSide b, Path tempDir, ProgressListener progress, ExecutorService other, int sortChunk) {
        this.other = other;
        this.a = a;
        this.b = b;
        this.tempDir = tempDir;
        this.progress = progress;
        this.histograms = new ColourHistogram(other, tempDir, sortChunk);
    }

    /**
     * Compares {@code a} (relabelled by {@code relabelA} first) with {@code b}.
     *
     * @param limit   at most this many examples of each side's unmatched things
     * @param tempDir where the per-thing state goes (about 100 bytes per thing and edge per side; ids are read back
     *                from a plain file instead of copied)
     * @throws DamagedGraphException when a side is not a consistent graph
     * @throws GraknFormatException when a file cannot be read
     */
    public static DiffResult compare(DiffInput a, DiffInput b, Relabel relabelA, int limit, Path tempDir, ProgressListener progress) {
        return compare(a, b, relabelA, limit, tempDir, progress, SORT_CHUNK);
    }

    /** As {@link #compare(DiffInput, DiffInput, Relabel, int, Path, ProgressListener)}, sorting in chunks of {@code sortChunk} records. */
    static DiffResult compare(DiffInput a, DiffInput b, Relabel relabelA, int limit, Path tempDir, ProgressListener progress, int sortChunk) {
        // The sides are independent until they are compared: b is read and resolved on a second
        // thread while a is on this one (progress shows a's side); later steps share that thread.
        ExecutorService other = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "grakn-migrate diff: " + b.name());
            t.setDaemon(true);
            return t;
        });
        try (SideGraph ga = new SideGraph(a.name(), relabelA, tempDir, sortChunk);
             SideGraph gb = new SideGraph(b.name(), Relabel.none(), tempDir, sortChunk)) {
            // b's side is handed over through this holder as well as the future: a cancelled future
            // drops its result, and a side finished in that moment must still be closed (temp files).
            AtomicReference<ColouredSide> madeB = new AtomicReference<>();
            // Each side's thread, once its side is done, takes a share of the other's resolving (SharedWork).
            SharedWork workA = new SharedWork();
            SharedWork workB = new SharedWork();
            Future<ColouredSide> readB = other.submit(() -> {
                ColouredSide side;
                try {
                    b.readInto(gb, ProgressListener.NONE);
                    gb.finish(workB);
                    side = new ColouredSide(gb, tempDir);
                    madeB.set(side);
                } finally {
                    workB.end();
                }
                workA.help();
                return side;
            });
            ColouredSide sa = null;
            ColouredSide sb = null;
            try {
                try {
                    a.readInto(ga, progress);
                    ga.finish(workA);
                    sa = new ColouredSide(ga, tempDir);
                } finally {
                    workA.end();
                }
                workB.help();
                sb = join(readB);
                GraphDiff diff = new GraphDiff(sa, sb, tempDir, progress, other, sortChunk);
                try {
                    return diff.run(limit);
                } finally {
                    if (diff.mapping != null) diff.mapping.close();
                    diff.histograms.close();
                }
            } finally {
                readB.cancel(true);
                stop(other);
                if (sa != null) sa.close();
                ColouredSide unjoined = madeB.get();
                if (sb != null) sb.close();
                else if (unjoined != null) unjoined.close();
            }
        } finally {
            stop(other);
        }
    }

    /**
     * What any part of a comparison throws when its thread is interrupted (a signal, or the other
     * thread failing): {@code cause}, when there is one, is how the interrupt showed (a channel it closed).
     */
    static CancellationException cancelled(Throwable cause) {
        CancellationException cancel = new CancellationException("diff was interrupted");
        if (cause != null) cancel.initCause(cause);
        return cancel;
    }

    /** The result of work on the second thread; its failure is rethrown as it was. */
    static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled(null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        }
    }

    /**
     * Stops the second thread and waits a little for it, so it does not write into files about to be
     * deleted; a read blocked on a pipe that stays open is left to end with the process (a daemon).
     */
    private static void stop(ExecutorService other) {
        other.shutdownNow();
        try {
            other.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private DiffResult run(int limit) {
        boolean sameSize = a.g.things == b.g.things;
        // What each thing is, downwards (its value, what it owns, who plays in it), first: a difference
        // found there is named by the things themselves. Equal histograms then give a pairing to check
        // exactly; only when that check fails are the colours refined with where each thing is used,
        // upwards, which finds differences of use (an attribute owned once less) and splits look-alikes.
        // Most equal pairs are confirmed before the partition is stable: sides listing the same things
        // in the same order (an export and the export of its import) by each thing paired with the
        // thing of its number, checked before any colour is made (no colours, no sort, no mapping
        // file), others by the first colours' pairing or after one round. A pairing that is wrong
        // fails at its first mismatch, so trying it costs little; a stable partition would cost
        // rounds of refining and sorting just to confirm that nothing splits. A walk's pairing that
        // is the in-order one, already refuted, is not checked again.
        if (sameSize && MappingCheck.holds(a.g, b.g, null, other, progress)) return result(DiffResult.Outcome.EQUAL, List.of(), List.of(), List.of(), 0, 0);
        identityFailed = sameSize;
        Future<?> colourB = other.submit(b::colourThings);
        a.colourThings();
        join(colourB);
        // Different sizes cannot match: the first colours already say where.
        if (!sameSize) return different(limit);
        Histogram h = histogram(null);
        if (h.equal() && !h.identity() && earlyCheck()) return result(DiffResult.Outcome.EQUAL, List.of(), List.of(), List.of(), 0, 0);
        h = refineUntilStable(false, h, true);
        earlyChecksLeft = 0;
        if (confirmed) return result(DiffResult.Outcome.EQUAL, List.of(), List.of(), List.of(), 0, 0);
        if (!h.equal()) return different(limit);
        if (mappingHolds()) return result(DiffResult.Outcome.EQUAL, List.of(), List.of(), List.of(), 0, 0);
        h = refineUntilStable(false, h, false);
        if (!h.equal()) return different(limit);
        h = refineUntilStable(true, h, false);
        if (!h.equal()) return different(limit);
        for (int step = 0; ; step++) {
            if (mappingHolds()) return result(DiffResult.Outcome.EQUAL, List.of(), List.of(), List.of(), 0, 0);
            // A pairing forced by colours (one thing per colour) that fails, with no round telling the
            // sides apart, can only come from a hash collision.
            if (step == MAX_INDIVIDUALISATIONS || lastDistinct == a.g.things) break;
            long[] chosen = chooseClass();
            if (chosen == null || !individualise(chosen[0], chosen[1])) break;
        }
        return result(DiffResult.Outcome.NOT_CONFIRMED, List.of(), List.of(), List.of(), 0, 0);
    }

    /**
     * Splits a colour class of look-alikes the same way on both sides, then refines until stable. First
     * the whole class at once (its members paired in thing order: right when they are interchangeable,
     * as many independent look-alike groups are); when that makes the sides differ, one member of a
     * against each of the first few members of b in turn. False when no choice kept the sides alike.
     */
    private boolean individualise(long colour, long size) {
        a.save();
        b.save();
        a.individualiseAll(colour);
        b.individualiseAll(colour);
        if (refineUntilStable(true, histogram(null), false).equal()) return true;
        for (long j = 0; j < Math.min(size, COUNTERPARTS_TRIED); j++) {
            a.restore();
            b.restore();
            a.individualiseOne(colour, 0);
            b.individualiseOne(colour, j);
            if (refineUntilStable(true, histogram(null), false).equal()) return true;
        }
        return false;
    }

    /**
     * Refines both sides from the histogram {@code h} of the current colours until the partition stops
     * splitting, the histograms differ, or the round limit (or, with {@code untilDiscrete}, every thing
     * has a colour of its own); returns the last histogram.
     */
    private Histogram refineUntilStable(boolean incoming, Histogram h, boolean untilDiscrete) {
        for (int r = 0; ; ) {
            lastDistinct = h.distinct();
            if (!h.equal() || r >= MAX_ROUNDS || (untilDiscrete && h.distinct() == a.g.things)) return h;
            // Two rounds before each walk: a walk sorts both sides, a round does not, and the partition
            // only splits, so the walk after one round finds nothing the walk after the next cannot
            // (not yet discrete, not yet stable), at the cost of one round more at the end. Only
            // histograms that differ after two rounds need the first round walked: the report names
            // the things of the first round that tells the sides apart.
            boolean twice = r + 2 <= MAX_ROUNDS;
            refineBoth(incoming);
            if (twice) refineBoth(incoming);
            r += twice ? 2 : 1;
            Histogram next = histogram(null);
            if (twice && !next.equal()) {
                stepBoth(false);
                Histogram first = histogram(null);
                if (first.equal()) {
                    stepBoth(true);
                } else {
                    next = first;
                }
                lastDistinct = next.distinct();
                return next;
            }
            if (next.equal() && next.distinct() == h.distinct()) {
                lastDistinct = next.distinct();
                return next;
            }
            if (next.equal() && earlyCheck()) return next;
            h = next;
        }
    }

    /**
     * One round on both sides. Along out-edges both threads share both sides' pieces (each starts with
     * its own side, then helps with the other's), so the larger side does not keep one thread waiting;
     * along in-edges too, a side's sums are complete only after its whole pass, so each side takes a
     * thread of its own.
     */
    private void refineBoth(boolean incoming) {
        int round = ++rounds;
        if (incoming) {
            Future<?> refineB = other.submit(() -> b.refineBothWays(round, ProgressListener.NONE));
            a.refineBothWays(round, progress);
            join(refineB);
        } else {
            a.startRound();
            b.startRound();
            Pieces piecesA = new Pieces(a.g.things);
            Pieces piecesB = new Pieces(b.g.things);
            Future<?> refineB = other.submit(() -> {
                b.refinePieces(piecesB, ProgressListener.NONE);
                a.refinePieces(piecesA, ProgressListener.NONE);
            });
            progress.start("diff: refine (round " + round + ")", a.g.things, "things");
            try {
                a.refinePieces(piecesA, progress);
                b.refinePieces(piecesB, ProgressListener.NONE);
            } finally {
                progress.finish();
            }
            join(refineB);
            a.endRound();
            b.endRound();
        }
    }

    /** Both sides back to the colours before their last round, or ({@code forward}) to it again. */
    private void stepBoth(boolean forward) {
        if (forward) {
            a.redoRound();
            b.redoRound();
            rounds++;
        } else {
            a.undoRound();
            b.undoRound();
            rounds--;
        }
    }

    /**
     * Whether the pairing of the last walk (whose histograms were equal) holds, checked while early
     * checks are left: a bounded number of tries, each a pass at most, which a wrong pairing usually
     * ends at its first things.
     */
    private boolean earlyCheck() {
        if (earlyChecksLeft == 0) return false;
        earlyChecksLeft--;
        confirmed = mappingHolds();
        return confirmed;
    }

    private Histogram histogram(ColourHistogram.ClassVisitor visitor) {
        if (mapping == null) mapping = MappedFile.longs(tempDir, "mapping", a.g.things);
        Histogram h = histograms.walk(a, b, mapping, visitor);
        lastIdentity = h.identity();
        return h;
    }

    /** Whether the pairing of the last histogram walk (which found the histograms equal) is an exact mapping. */
    private boolean mappingHolds() {
        // a pairing checked once is not checked again
        if (identityFailed && lastIdentity) return false;
        return MappingCheck.holds(a.g, b.g, mapping, other, progress);
    }

    private DiffResult different(int limit) {
        return DiffReport.different(a, b, this::histogram, limit, tempDir, this::result);
    }

    /** A colour class of more than one thing, relations first (their players follow them), then the largest. */
    private long[] chooseClass() {
        long[] colours = new long[CANDIDATES];
        long[] sizes = new long[CANDIDATES];
        int[] found = {0};
        histogram((colour, inA, inB) -> {
            if (inA < 2) return;
            int n = found[0];
            if (n < CANDIDATES) {
                colours[n] = colour;
                sizes[n] = inA;
                found[0]++;
            } else {
                int smallest = 0;
                for (int i = 1; i < n; i++) if (sizes[i] < sizes[smallest]) smallest = i;
                if (sizes[smallest] < inA) {
                    colours[smallest] = colour;
                    sizes[smallest] = inA;
                }
            }
        });
        int n = found[0];
        if (n == 0) return null;
        int[] kinds = new int[n];
        Arrays.fill(kinds, -1);
        int left = n;
        for (long x = 0; x < a.g.things && left > 0; x++) {
            long c = a.colour.getLong(x);
            for (int i = 0; i < n; i++) {
                if (colours[i] == c && kinds[i] < 0) {
                    kinds[i] = a.g.kind(x);
                    left--;
                }
            }
        }
        int best = 0;
        for (int i = 1; i < n; i++) {
            int pi = priority(kinds[i]);
            int pb = priority(kinds[best]);
            if (pi < pb || (pi == pb && (sizes[i] > sizes[best] || (sizes[i] == sizes[best] && colours[i] < colours[best])))) best = i;
        }
        return new long[] {colours[best], sizes[best]};
    }

    private static int priority(int kind) {
        return kind == SideGraph.RELATION ? 0 : kind == SideGraph.ENTITY ? 1 : 2;
    }

    private DiffResult result(DiffResult.Outcome outcome, List<DiffResult.LabelRow> labels, List<DiffResult.Example> onlyA,
                              List<DiffResult.Example> onlyB, long totalA, long totalB) {
        return new DiffResult(a.g.name, b.g.name, outcome, rounds, a.counts(), b.counts(), a.g.unknownItems, b.g.unknownItems,
                labels, onlyA, onlyB, totalA, totalB);
    }

}
