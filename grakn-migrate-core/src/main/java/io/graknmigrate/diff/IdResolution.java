package io.graknmigrate.diff;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Turns one side's id references into thing numbers, and refuses a side whose ids do not make a
 * graph: an id defined twice, a reference to an id the side does not define, an ownership of
 * something that is not an attribute.
 *
 * <p>An id of Grakn's own form, {@code V} and a number, is known by its number, exactly: a bijection of
 * it is the first fingerprint and the second is zero. Any other id is known by two fingerprints of
 * its bytes, of 64 and 20 bits, from two lanes of one pass over them ({@link Hashing}). Definitions
 * (fingerprints, thing number, kind) and references (fingerprints, edge number) are sorted by the
 * first fingerprint in bounded memory ({@link RecordSorter}, the second fingerprint riding in the top
 * bits of the value) and merged: every record is read in sequence instead of probing a table of
 * millions of slots at random, and a reference resolves only to a definition with both fingerprints
 * equal. The merge runs in two halves of the first fingerprint, which the other side's thread may
 * share ({@link SharedWork}).
 *
 * <p>Why the diff checks duplicates and dangling references itself, next to format's
 * {@code Verification} (the engine of {@code verify}, which finds the same defects): the diff must
 * map every reference to its thing anyway, and the merge that does it sees the defects for free; a
 * side can also be a keyspace, which {@code Verification} does not read; and stopping at the first
 * defect with one line is all the diff needs, where {@code verify} counts every problem and gives
 * examples (the message sends the user there). The two agree on what is a defect.
 */
final class IdResolution implements AutoCloseable {

    /** The value's bits below the second fingerprint: a thing number with its kind, or an edge number. */
    private static final int PAYLOAD_BITS = 44;
    private static final long PAYLOAD = (1L << PAYLOAD_BITS) - 1;
    private static final long SECOND = ~PAYLOAD;
    /** A reference's payload bit saying it is an ownership; edge numbers stay below it. */
    private static final long OWNS = 1L << (PAYLOAD_BITS - 1);
    private static final long EDGE = OWNS - 1;

    private static final long ID_SEED_1 = 0x6A09E667F3BCC908L;
    private static final long ID_SEED_2 = 0xBB67AE8584CAA73BL;
    private static final long NUMBER_SEED = 0x510E527FADE682D1L;

    private final SideGraph g;
    private final Path dir;
    /** The second fingerprint of the id hashed last. */
    private final long[] second = new long[1];
    /** Each edge's target thing, while resolving. */
    private MappedFile targets;
    private final RecordSorter definitions;
    private final RecordSorter references;
    IdResolution(SideGraph g, Path dir, int sortChunk) {
        this.g = g;
        this.dir = dir;
        this.definitions = new RecordSorter(dir, sortChunk);
        this.references = new RecordSorter(dir, sortChunk);
    }

    /** Thing {@code thing}, of kind {@code kind}, has the id {@code id[off, off + len)}. */
    void define(byte[] id, int off, int len, long thing, int kind) {
        long number = graknNumber(id, off, len);
        if (number >= 0) definitions.add(Hashing.mix(number ^ NUMBER_SEED), thing << 2 | kind);
        else definitions.add(Hashing.bytes(ID_SEED_1, ID_SEED_2, id, off, len, second), (second[0] & SECOND) | thing << 2 | kind);
    }

    /** Edge {@code edge} points at the id {@code id[off, off + len)}; {@code ownership}: its target must be an attribute. */
    void refer(byte[] id, int off, int len, long edge, boolean ownership) {
        long number = graknNumber(id, off, len);
        long payload = (ownership ? OWNS : 0) | edge;
        if (number >= 0) references.add(Hashing.mix(number ^ NUMBER_SEED), payload);
        else references.add(Hashing.bytes(ID_SEED_1, ID_SEED_2, id, off, len, second), (second[0] & SECOND) | payload);
    }

    /**
     * The number of an id {@code V<digits>} without leading zeros (so two such ids are equal exactly when
     * their numbers are) of at most 18 digits, else -1. Mixing it is a bijection, so these ids never
     * collide; another id takes one of them only with both its fingerprints equal (the second is zero).
     */
    static long graknNumber(byte[] id, int off, int len) {
        if (len < 2 || len > 19 || id[off] != 'V' || (id[off + 1] == '0' && len > 2)) return -1;
        long n = 0;
        for (int i = off + 1, end = off + len; i < end; i++) {
            int d = id[i] - '0';
            if (d < 0 || d > 9) return -1;
            n = n * 10 + d;
        }
        return n;
    }

    /**
     * Writes each edge's target thing into the side's edges. The first defect in thing order (a
     * duplicate id before a bad reference) is thrown, so the message does not depend on the sort.
     * The work comes in pieces {@code work} shares out: the last chunk of each sort, the merge of
     * the fingerprints below zero and of those from zero up, and each half of the edges.
     */
    void resolve(SharedWork work) {
        try (MappedFile t = MappedFile.longs(dir, "targets", g.edgeCount)) {
            targets = t;
            work.run(definitions::seal, references::seal);
            Merge below = new Merge(Long.MIN_VALUE, -1);
            Merge above = new Merge(0, Long.MAX_VALUE);
            work.run(below, above);
            // The targets were written in fingerprint order, at random, into a file of their own: a
            // write to a line not in the cache does not wait for it, where or-ing into the edges
            // would. The edges take them in sequential passes.
            long half = g.edgeCount / 2;
            work.run(() -> addTargets(0, half), () -> addTargets(half, g.edgeCount));
            Merge first = below.duplicate >= 0 && (above.duplicate < 0 || below.duplicate < above.duplicate) ? below : above;
            if (first.duplicate >= 0) {
                throw new DamagedGraphException(g.name + ": id " + g.id(first.duplicate) + " is used by two things (" + g.describeShort(first.duplicateOf)
                        + " and " + g.describeShort(first.duplicate) + "); the input is damaged, run grakn-migrate verify on it");
            }
            Merge bad = below.badEdge >= 0 && (above.badEdge < 0 || below.badEdge < above.badEdge) ? below : above;
            if (bad.badEdge >= 0) throw badReference(bad.badEdge, bad.badTarget);
        }
    }

    private void addTargets(long from, long to) {
        for (long e = from; e < to; e++) g.edges.setLong(e, g.edges.getLong(e) | targets.getLong(e));
    }

    /** The merge of the definitions and references whose first fingerprint is in {@code [lo, hi]}. */
    private final class Merge implements Runnable {
        private final long lo;
        private final long hi;
        /** The duplicate definition with the lowest thing number and the thing it repeats, or -1. */
        long duplicate = -1;
        long duplicateOf = -1;
        /** The first bad reference in edge order, and its target when it is an ownership of a non-attribute (else -1). */
        long badEdge = -1;
        long badTarget = -1;

        Merge(long lo, long hi) {
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        public void run() {
            RecordSorter.Cursor d = definitions.cursor(lo, hi);
            RecordSorter.Cursor r = references.cursor(lo, hi);
            long[] groupH2 = new long[4];
            long[] groupThing = new long[4];
            boolean hasD = d.next();
            boolean hasR = r.next();
            while (hasD) {
                long h1 = d.key();
                int size = 0;
                // definitions sharing the first fingerprint: the same id twice, or (rarely) two ids that collide on it
                do {
                    long h2 = d.value() & SECOND;
                    long thing = d.value() & PAYLOAD;
                    for (int i = 0; i < size; i++) {
                        if (groupH2[i] == h2 && (duplicate < 0 || thing >>> 2 < duplicate)) {
                            duplicate = thing >>> 2;
                            duplicateOf = groupThing[i] >>> 2;
                        }
                    }
                    if (size == groupH2.length) {
                        groupH2 = Arrays.copyOf(groupH2, size * 2);
                        groupThing = Arrays.copyOf(groupThing, size * 2);
                    }
                    groupH2[size] = h2;
                    groupThing[size++] = thing;
                    hasD = d.next();
                } while (hasD && d.key() == h1);
                while (hasR && r.key() < h1) {
                    bad(r.value() & EDGE, -1);
                    hasR = r.next();
                }
                while (hasR && r.key() == h1) {
                    long e = r.value() & EDGE;
                    long h2 = r.value() & SECOND;
                    int i = 0;
                    while (i < size && groupH2[i] != h2) i++;
                    if (i == size) {
                        bad(e, -1);
                    } else {
                        long thing = groupThing[i];
                        if ((r.value() & OWNS) != 0 && (thing & 3) != SideGraph.ATTRIBUTE) bad(e, thing >>> 2);
                        else targets.setLong(e, thing >>> 2);
                    }
                    hasR = r.next();
                }
            }
            while (hasR) {
                bad(r.value() & EDGE, -1);
                hasR = r.next();
            }
        }

        private void bad(long e, long target) {
            if (badEdge < 0 || e < badEdge) {
                badEdge = e;
                badTarget = target;
            }
        }
    }

    private DamagedGraphException badReference(long e, long target) {
        long x = g.sourceOf(e);
        boolean owns = (int) (g.edges.getLong(e) >>> SideGraph.TYPE_SHIFT) == SideGraph.OWNERSHIP;
        if (target >= 0) {
            return new DamagedGraphException(g.name + ": " + g.describeShort(x) + " owns " + g.describeShort(target)
                    + ", which is not an attribute; the input is damaged, run grakn-migrate verify on it");
        }
        return new DamagedGraphException(g.name + ": " + g.describeShort(x) + (owns ? " owns an attribute" : " has a role player")
                + " that is not in the input (reference " + (e - g.firstEdge(x) + 1) + " of the thing); the input is damaged, run grakn-migrate verify on it");
    }

    @Override
    public void close() {
        definitions.close();
        references.close();
    }
}
