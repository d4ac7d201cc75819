package io.graknmigrate.diff;

import com.google.gson.JsonPrimitive;
import io.graknmigrate.format.Counts;
import io.graknmigrate.format.LongSorter;
import io.graknmigrate.format.Relabel;
import io.graknmigrate.format.ValueKind;
import io.graknmigrate.format.ProgressListener;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
 * have no counterpart. Equal histograms are not yet proof: things of one colour are then paired in
 * order, and the pairing is checked exactly (labels, values byte for byte, every edge). Where the
 * check fails because things of one colour are interchangeable only jointly, one colour class is
 * individualised (its members paired in order and given distinct colours on both sides), refined
 * again and checked again, a bounded number of times. "Equal" is only ever the result of a passed
 * exact check; a hash collision or a graph too symmetric for the search ends as
 * {@link DiffResult.Outcome#NOT_CONFIRMED}, never as equal.
 *
 * <p>Per-thing state (columns, edges, colours, the pairing) lives in memory-mapped temporary files;
 * the heap holds the labels, the examples and the sort buffers of the colour histograms.
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
    private static final int SORT_CHUNK = 1 << 21;
    private static final int SHOWN_PER_THING = 8;

    private static final long OWN_OUT = 0x243F6A8885A308D3L;
    private static final long OWN_IN = 0x13198A2E03707344L;
    private static final long ROLE_OUT = 0xA4093822299F31D0L;
    private static final long ROLE_IN = 0x082EFA98EC4E6C89L;
    private static final long ROUND = 0x9E3779B97F4A7C15L;
    private static final long INDIVIDUAL = 0x5851F42D4C957F2DL;
    /** Members of b tried as the counterpart of one individualised member of a. */
    private static final int COUNTERPARTS_TRIED = 8;

    private final Side a;
    private final Side b;
    private final Path tempDir;
    private final ProgressListener progress;
    private final ExecutorService other;
    private int rounds;
    private long lastDistinct;

    private GraphDiff(Side a, Side b, Path tempDir, ProgressListener progress, ExecutorService other) {
        this.other = other;
        this.a = a;
        this.b = b;
        this.tempDir = tempDir;
        this.progress = progress;
    }

    /**
     * Compares {@code a} (relabelled by {@code relabelA} first) with {@code b}.
     *
     * @param limit   at most this many examples of each side's unmatched things
     * @param tempDir where the per-thing state goes (about 100 bytes per thing and edge per side)
     * @throws DamagedGraphException when a side is not a consistent graph
     * @throws io.graknmigrate.format.GraknFormatException when a file cannot be read
     */
    public static DiffResult compare(DiffInput a, DiffInput b, Relabel relabelA, int limit, Path tempDir, ProgressListener progress) {
        // The sides are independent until they are compared: b is read, resolved and refined on a
        // second thread while a is on this one (progress shows a's side).
        ExecutorService other = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "grakn-migrate diff: " + b.name());
            t.setDaemon(true);
            return t;
        });
        try (SideGraph ga = new SideGraph(a.name(), relabelA, tempDir);
             SideGraph gb = new SideGraph(b.name(), Relabel.none(), tempDir)) {
            Future<Side> readB = other.submit(() -> {
                b.readInto(gb, ProgressListener.NONE);
                gb.finish();
                return new Side(gb, tempDir);
            });
            Side sa = null;
            Side sb = null;
            try {
                a.readInto(ga, progress);
                ga.finish();
                sa = new Side(ga, tempDir);
                sb = join(readB);
                return new GraphDiff(sa, sb, tempDir, progress, other).run(limit);
            } finally {
                readB.cancel(true);
                stop(other);
                if (sa != null) sa.close();
                if (sb != null) sb.close();
                else if (readB.isDone() && !readB.isCancelled()) closeQuietly(readB);
            }
        } finally {
            stop(other);
        }
    }

    /** The result of work on the second thread; its failure is rethrown as it was. */
    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("diff was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        }
    }

    private static void closeQuietly(Future<Side> f) {
        try {
            f.get().close();
        } catch (Exception ignored) {
            // it failed: nothing was opened
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

    /** A side's graph with its colours and scratch columns. */
    private static final class Side implements AutoCloseable {
        final SideGraph g;
        final MappedFile colour;
        /** Neighbour sums during refinement. */
        final MappedFile scratch;
        final long[] outKey;
        final long[] inKey;
        /** The colours before an individualisation, to go back to when it fails. */
        MappedFile saved;

        Side(SideGraph g, Path dir) {
            this.g = g;
            this.colour = MappedFile.longs(dir, "colour", g.things);
            this.scratch = MappedFile.longs(dir, "scratch", g.things);
            int types = g.labels.size() + 1;
            outKey = new long[types];
            inKey = new long[types];
            outKey[0] = Hashing.mix(OWN_OUT);
            inKey[0] = Hashing.mix(OWN_IN);
            for (int c = 0; c < g.labels.size(); c++) {
                outKey[c + 1] = Hashing.mix(g.labels.hash(c) ^ ROLE_OUT);
                inKey[c + 1] = Hashing.mix(g.labels.hash(c) ^ ROLE_IN);
            }
            for (long x = 0; x < g.things; x++) colour.setLong(x, g.initialColour(x));
        }

        Counts counts() {
            return new Counts(g.kindCounts[SideGraph.ENTITY], g.kindCounts[SideGraph.ATTRIBUTE],
                    g.kindCounts[SideGraph.RELATION], g.rolePlayers, g.ownerships);
        }

        @Override
        public void close() {
            colour.close();
            scratch.close();
            if (saved != null) saved.close();
        }
    }

    private DiffResult run(int limit) {
        // Different sizes cannot match: the first colours already say where.
        if (a.g.things != b.g.things) return different(limit);
        // What each thing is, downwards (its value, what it owns, who plays in it), first: a difference
        // found there is named by the things themselves. Equal histograms then give a pairing to check
        // exactly; only when that check fails are the colours refined with where each thing is used,
        // upwards, which finds differences of use (an attribute owned once less) and splits look-alikes.
        Histogram h = refineUntilStable(false, histogram(null), true);
        if (!h.equal) return different(limit);
        if (pairAndCheck()) return result(DiffResult.Outcome.EQUAL, List.of(), List.of(), List.of(), 0, 0);
        h = refineUntilStable(false, h, false);
        if (!h.equal) return different(limit);
        h = refineUntilStable(true, h, false);
        if (!h.equal) return different(limit);
        for (int step = 0; ; step++) {
            if (pairAndCheck()) return result(DiffResult.Outcome.EQUAL, List.of(), List.of(), List.of(), 0, 0);
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
        save(a);
        save(b);
        individualiseAll(a, colour);
        individualiseAll(b, colour);
        if (refineUntilStable(true, histogram(null), false).equal) return true;
        for (long j = 0; j < Math.min(size, COUNTERPARTS_TRIED); j++) {
            restore(a);
            restore(b);
            individualiseOne(a, colour, 0);
            individualiseOne(b, colour, j);
            if (refineUntilStable(true, histogram(null), false).equal) return true;
        }
        return false;
    }

    private void save(Side s) {
        if (s.saved == null) s.saved = MappedFile.longs(tempDir, "saved-colour", s.g.things);
        for (long x = 0; x < s.g.things; x++) s.saved.setLong(x, s.colour.getLong(x));
    }

    private static void restore(Side s) {
        for (long x = 0; x < s.g.things; x++) s.colour.setLong(x, s.saved.getLong(x));
    }

    /**
     * Refines both sides from the histogram {@code h} of the current colours until the partition stops
     * splitting, the histograms differ, or the round limit (or, with {@code untilDiscrete}, every thing
     * has a colour of its own); returns the last histogram.
     */
    private Histogram refineUntilStable(boolean incoming, Histogram h, boolean untilDiscrete) {
        for (int r = 0; ; r++) {
            lastDistinct = h.distinct;
            if (!h.equal || r == MAX_ROUNDS || (untilDiscrete && h.distinct == a.g.things)) return h;
            Future<?> refineB = other.submit(() -> refine(b, incoming, ProgressListener.NONE));
            refine(a, incoming, progress);
            join(refineB);
            rounds++;
            Histogram next = histogram(null);
            if (next.equal && next.distinct == h.distinct) {
                lastDistinct = next.distinct;
                return next;
            }
            h = next;
        }
    }

    /** One round: each colour from the old one and the neighbours' along out-edges, and in-edges when asked. */
    private void refine(Side s, boolean incoming, ProgressListener progress) {
        SideGraph g = s.g;
        long n = g.things;
        progress.start("diff: refine " + g.name + " (round " + (rounds + 1) + ")", n, "things");
        try {
            if (incoming) for (long x = 0; x < n; x++) s.scratch.setLong(x, 0);
            for (long x = 0; x < n; x++) {
                long cx = s.colour.getLong(x);
                long sum = 0;
                for (long e = g.firstEdge(x), end = g.endEdge(x); e < end; e++) {
                    long edge = g.edges.getLong(e);
                    int type = (int) (edge >>> SideGraph.TYPE_SHIFT);
                    long y = edge & SideGraph.DST_MASK;
                    sum += Hashing.mix(s.colour.getLong(y) + s.outKey[type]);
                    if (incoming) s.scratch.addLong(y, Hashing.mix(cx + s.inKey[type]));
                }
                if (incoming) s.scratch.addLong(x, sum);
                else s.scratch.setLong(x, sum);
                if ((x & 0xffff) == 0) tick(progress, x);
            }
            for (long x = 0; x < n; x++) {
                s.colour.setLong(x, Hashing.mix(s.colour.getLong(x) * ROUND + Hashing.mix(s.scratch.getLong(x) + ROUND)));
            }
        } finally {
            progress.finish();
        }
    }

    private static void tick(ProgressListener progress, long done) {
        progress.update(done);
        if (Thread.currentThread().isInterrupted()) throw new CancellationException("diff was interrupted");
    }

    /** Gives the members of one colour class distinct colours, in thing order, the same way on both sides. */
    private static void individualiseAll(Side s, long colour) {
        long ordinal = 0;
        for (long x = 0; x < s.g.things; x++) {
            if (s.colour.getLong(x) == colour) s.colour.setLong(x, Hashing.mix(colour + ++ordinal * ROUND));
        }
    }

    /** Gives the {@code j}-th member (in thing order) of a colour class a colour of its own. */
    private static void individualiseOne(Side s, long colour, long j) {
        long ordinal = 0;
        for (long x = 0; x < s.g.things; x++) {
            if (s.colour.getLong(x) == colour && ordinal++ == j) {
                s.colour.setLong(x, Hashing.mix(colour ^ INDIVIDUAL));
                return;
            }
        }
    }

    /** Receives each colour with its count on both sides, in colour order. */
    private interface ClassVisitor {
        void visit(long colour, long inA, long inB);
    }

    private record Histogram(long distinct, boolean equal) { }

    private Histogram histogram(ClassVisitor visitor) {
        try (LongSorter sa = sorted(a); LongSorter sb = sorted(b)) {
            Runs ra = new Runs(sa.sorted());
            Runs rb = new Runs(sb.sorted());
            long distinct = 0;
            boolean equal = true;
            ra.advance();
            rb.advance();
            while (ra.has || rb.has) {
                long colour;
                long ca = 0;
                long cb = 0;
                if (ra.has && (!rb.has || ra.value <= rb.value)) colour = ra.value;
                else colour = rb.value;
                if (ra.has && ra.value == colour) {
                    ca = ra.count;
                    ra.advance();
                }
                if (rb.has && rb.value == colour) {
                    cb = rb.count;
                    rb.advance();
                }
                distinct++;
                if (ca != cb) equal = false;
                if (visitor != null) visitor.visit(colour, ca, cb);
            }
            return new Histogram(distinct, equal);
        }
    }

    private LongSorter sorted(Side s) {
        LongSorter sorter = new LongSorter(tempDir, (int) Math.min(SORT_CHUNK, Math.max(16, s.g.things)));
        for (long x = 0; x < s.g.things; x++) sorter.add(s.colour.getLong(x));
        return sorter;
    }

    /** Equal values of a sorted cursor, grouped. */
    private static final class Runs {
        private final LongSorter.Cursor cursor;
        private boolean pending;
        private long pendingValue;
        boolean has;
        long value;
        long count;

        Runs(LongSorter.Cursor cursor) {
            this.cursor = cursor;
        }

        void advance() {
            if (!pending) {
                if (!cursor.next()) {
                    has = false;
                    return;
                }
                pendingValue = cursor.value();
            }
            has = true;
            value = pendingValue;
            count = 1;
            pending = false;
            while (cursor.next()) {
                long v = cursor.value();
                if (v != value) {
                    pending = true;
                    pendingValue = v;
                    return;
                }
                count++;
            }
        }
    }

    /**
     * Pairs things of equal colour in thing order (the k-th of a colour in a with the k-th of that
     * colour in b) and checks the pairing exactly. Most colours have one thing per side, so one table
     * from colour to b's thing does; the few larger classes number their members in a second one.
     */
    private boolean pairAndCheck() {
        long n = a.g.things;
        try (FingerprintTable firstB = new FingerprintTable(tempDir, "first-b", n);
             FingerprintTable sizeB = new FingerprintTable(tempDir, "size-b", Math.max(16, n - lastDistinct + 1));
             FingerprintTable seenA = new FingerprintTable(tempDir, "seen-a", Math.max(16, n - lastDistinct + 1));
             FingerprintTable membersB = new FingerprintTable(tempDir, "members-b", Math.max(16, 2 * (n - lastDistinct) + 1));
             MappedFile mapping = MappedFile.longs(tempDir, "mapping", n)) {
            for (long y = 0; y < n; y++) {
                long c = b.colour.getLong(y);
                if (firstB.putIfAbsent(c, 0, y)) continue;
                long k = sizeB.getAndAdd(c, 0, 1);
                if (k == FingerprintTable.ABSENT) {
                    sizeB.putIfAbsent(c, 0, 2);
                    k = 1;
                }
                membersB.putIfAbsent(c, k, y);
            }
            for (long x = 0; x < n; x++) {
                long c = a.colour.getLong(x);
                long y = firstB.get(c, 0);
                if (y == FingerprintTable.ABSENT) return false;
                if (sizeB.get(c, 0) != FingerprintTable.ABSENT) {
                    long k = seenA.getAndAdd(c, 0, 1);
                    if (k == FingerprintTable.ABSENT) {
                        seenA.putIfAbsent(c, 0, 1);
                        k = 0;
                    }
                    if (k > 0) y = membersB.get(c, k);
                    if (y == FingerprintTable.ABSENT) return false;
                }
                mapping.setLong(x, y);
            }
            return check(mapping);
        }
    }

    /** Whether the mapping preserves kinds, labels, values and every edge, exactly. */
    private boolean check(MappedFile mapping) {
        SideGraph ga = a.g;
        SideGraph gb = b.g;
        int[] labelToB = ga.labels.translateTo(gb.labels);
        long[] edgesA = new long[16];
        long[] edgesB = new long[16];
        progress.start("diff: check the mapping", ga.things, "things");
        try {
            for (long x = 0; x < ga.things; x++) {
                long y = mapping.getLong(x);
                long ma = ga.meta.getLong(x);
                long mb = gb.meta.getLong(y);
                if ((ma & 0xff) != (mb & 0xff) || labelToB[(int) (ma >>> 8)] != (int) (mb >>> 8)) return false;
                if (ga.kind(x) == SideGraph.ATTRIBUTE) {
                    if (ga.valueKind(x) == ValueKind.STRING) {
                        if (!ga.sameString(x, gb, y)) return false;
                    } else if (ga.value.getLong(x) != gb.value.getLong(y)) {
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
                for (int i = 0; i < degree; i++) {
                    long edge = ga.edges.getLong(fa + i);
                    int type = (int) (edge >>> SideGraph.TYPE_SHIFT);
                    int typeB = type == SideGraph.OWNERSHIP ? 0 : labelToB[type - 1] + 1;
                    if (typeB == 0 && type != SideGraph.OWNERSHIP) return false;
                    edgesA[i] = (long) typeB << SideGraph.TYPE_SHIFT | mapping.getLong(edge & SideGraph.DST_MASK);
                    edgesB[i] = gb.edges.getLong(fb + i);
                }
                Arrays.sort(edgesA, 0, degree);
                Arrays.sort(edgesB, 0, degree);
                if (!Arrays.equals(edgesA, 0, degree, edgesB, 0, degree)) return false;
                if ((x & 0xffff) == 0) tick(progress, x);
            }
            return true;
        } finally {
            progress.finish();
        }
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

    /** The things of each side without a counterpart at the current colours, per label and with examples. */
    private DiffResult different(int limit) {
        long n = a.g.things + b.g.things;
        try (FingerprintTable surplus = new FingerprintTable(tempDir, "surplus", Math.max(16, n))) {
            histogram((colour, inA, inB) -> {
                if (inA != inB) surplus.putIfAbsent(colour, 0, inA - inB);
            });
            Map<String, long[]> rows = new TreeMap<>();
            List<Long> examplesA = new ArrayList<>();
            List<Long> examplesB = new ArrayList<>();
            long onlyA = unmatched(a, surplus, 1, rows, 0, examplesA, limit);
            long onlyB = unmatched(b, surplus, -1, rows, 1, examplesB, limit);
            List<DiffResult.LabelRow> labels = new ArrayList<>();
            rows.forEach((key, c) -> {
                int cut = key.indexOf('\0');
                labels.add(new DiffResult.LabelRow(SideGraph.KIND_NAMES[key.charAt(0) - '0'], key.substring(cut + 1), c[0], c[1], c[2], c[3]));
            });
            return result(DiffResult.Outcome.DIFFERENT, labels, examples(a, examplesA), examples(b, examplesB), onlyA, onlyB);
        }
    }

    /**
     * Counts each thing of the side per label and marks as unmatched, per colour, as many things as the
     * side has more of that colour than the other (which ones is arbitrary: they look alike).
     */
    private static long unmatched(Side s, FingerprintTable surplus, int sign, Map<String, long[]> rows, int column,
                                  List<Long> examples, int limit) {
        SideGraph g = s.g;
        Map<Integer, long[]> byCode = new HashMap<>();
        long total = 0;
        for (long x = 0; x < g.things; x++) {
            int key = g.labelCode(x) << 2 | g.kind(x);
            long[] row = byCode.computeIfAbsent(key, k -> new long[2]);
            row[0]++;
            long left = surplus.get(s.colour.getLong(x), 0);
            if (left != FingerprintTable.ABSENT && left * sign > 0) {
                surplus.getAndAdd(s.colour.getLong(x), 0, -sign);
                row[1]++;
                total++;
                if (examples.size() < limit) examples.add(x);
            }
        }
        byCode.forEach((key, c) -> {
            long[] row = rows.computeIfAbsent((key & 3) + "\0" + g.labels.label(key >>> 2), k -> new long[4]);
            row[column] += c[0];
            row[2 + column] += c[1];
        });
        return total;
    }

    private DiffResult result(DiffResult.Outcome outcome, List<DiffResult.LabelRow> labels, List<DiffResult.Example> onlyA,
                              List<DiffResult.Example> onlyB, long totalA, long totalB) {
        return new DiffResult(a.g.name, b.g.name, outcome, rounds, a.counts(), b.counts(), a.g.unknownItems, b.g.unknownItems, labels, onlyA, onlyB, totalA, totalB);
    }

    // --- examples

    private static List<DiffResult.Example> examples(Side s, List<Long> things) {
        if (things.isEmpty()) return List.of();
        SideGraph g = s.g;
        Map<Long, long[]> incoming = new HashMap<>();
        for (long x : things) incoming.put(x, new long[2]);
        for (long e = 0; e < g.edgeCount; e++) {
            long edge = g.edges.getLong(e);
            long[] in = incoming.get(edge & SideGraph.DST_MASK);
            if (in != null) in[(edge >>> SideGraph.TYPE_SHIFT) == SideGraph.OWNERSHIP ? 0 : 1]++;
        }
        List<DiffResult.Example> out = new ArrayList<>();
        for (long x : things) {
            StringBuilder sb = new StringBuilder();
            describe(g, x, 1, sb);
            long[] in = incoming.get(x);
            if (in[0] > 0 || in[1] > 0) {
                sb.append(" [");
                if (in[0] > 0) sb.append("owned ").append(in[0]).append(in[0] == 1 ? " time" : " times");
                if (in[0] > 0 && in[1] > 0) sb.append(", ");
                if (in[1] > 0) sb.append("plays ").append(in[1]).append(in[1] == 1 ? " role" : " roles");
                sb.append(']');
            } else if (g.kind(x) == SideGraph.ATTRIBUTE) {
                sb.append(" [owned by nothing]");
            }
            out.add(new DiffResult.Example(SideGraph.KIND_NAMES[g.kind(x)], g.label(x), g.id(x), sb.toString()));
        }
        return out;
    }

    /** label id [= value] [{owned values}] [(role: player, ...)], players described one level less deep. */
    private static void describe(SideGraph g, long x, int depth, StringBuilder sb) {
        sb.append(g.label(x)).append(' ').append(g.id(x));
        if (g.kind(x) == SideGraph.ATTRIBUTE) sb.append(" = ").append(valueText(g, x));
        List<String> owned = new ArrayList<>();
        List<String> players = new ArrayList<>();
        long ownedCount = 0;
        long playerCount = 0;
        for (long e = g.firstEdge(x), end = g.endEdge(x); e < end; e++) {
            long edge = g.edges.getLong(e);
            int type = (int) (edge >>> SideGraph.TYPE_SHIFT);
            long y = edge & SideGraph.DST_MASK;
            if (type == SideGraph.OWNERSHIP) {
                if (ownedCount++ < SHOWN_PER_THING) owned.add(g.label(y) + " " + valueText(g, y));
            } else if (playerCount++ < SHOWN_PER_THING) {
                StringBuilder p = new StringBuilder(g.labels.label(type - 1)).append(": ");
                if (depth > 0) describe(g, y, depth - 1, p);
                else p.append(g.label(y)).append(' ').append(g.id(y));
                players.add(p.toString());
            }
        }
        if (ownedCount > 0) {
            sb.append(" {").append(String.join(", ", owned));
            if (ownedCount > owned.size()) sb.append(", ... ").append(ownedCount - owned.size()).append(" more");
            sb.append('}');
        }
        if (playerCount > 0) {
            sb.append(" (").append(String.join(", ", players));
            if (playerCount > players.size()) sb.append(", ... ").append(playerCount - players.size()).append(" more");
            sb.append(')');
        }
    }

    private static String valueText(SideGraph g, long x) {
        long bits = g.value.getLong(x);
        return switch (g.valueKind(x)) {
            case STRING -> new JsonPrimitive(new String(g.stringBytes(x), StandardCharsets.UTF_8)).toString();
            case LONG -> bits + " (long)";
            case DOUBLE -> Double.longBitsToDouble(bits) + " (double)";
            case BOOLEAN -> bits != 0 ? "true" : "false";
            case DATETIME -> Instant.ofEpochMilli(bits) + " (datetime)";
            case NONE -> "(no value)";
        };
    }
}
