package io.graknmigrate.diff;

import io.graknmigrate.sort.MappedFile;
import io.graknmigrate.sort.RecordSorter;
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
 * bits of the value) and joined one range of first fingerprints at a time: every record is read in
 * sequence and looked up in a table of one range, instead of probing a table of millions of slots
 * at random, and a reference resolves only to a definition with both fingerprints equal. The join
 * runs in two halves of the first fingerprint, which the other side's thread may share
 * ({@link SharedWork}).
 *
 * <p>Why the diff checks duplicates and dangling references itself, next to format's
 * {@code Verification} (the engine of {@code verify}, which finds the same defects): the diff must
 * map every reference to its thing anyway, and the join that does it sees the defects for free; a
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
    /** A definition's value is never all ones (its kind is at most 2): an empty slot of a join's table. */
    private static final long EMPTY = -1;
    /** Definitions per range of a join: its table, twice as many slots of 16 bytes, is a megabyte. */
    private static final int RANGE = 1 << 15;

    private static final long ID_SEED_1 = 0x6A09E667F3BCC908L;
    private static final long ID_SEED_2 = 0xBB67AE8584CAA73BL;
    private static final long NUMBER_SEED = 0x510E527FADE682D1L;

    private final SideGraph g;
    private final Path dir;
    /** Records of a sort chunk: the size of a join's table too. */
    private final int sortChunk;
    /** The second fingerprint of the id hashed last. */
    private final long[] second = new long[1];
    /** Each edge's target thing, while resolving. */
    private MappedFile targets;
    private final RecordSorter definitions;
    private final RecordSorter references;
    IdResolution(SideGraph g, Path dir, int sortChunk) {
        this.g = g;
        this.dir = dir;
        this.sortChunk = sortChunk;
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
     * The work comes in pieces {@code work} shares out: the last chunk of each sort, the join of
     * the fingerprints below zero and of those from zero up, and each half of the edges.
     */
    void resolve(SharedWork work) {
        try (MappedFile t = MappedFile.longs(dir, "targets", g.edgeCount)) {
            targets = t;
            work.run(definitions::seal, references::seal);
            Join below = new Join(Long.MIN_VALUE, -1);
            Join above = new Join(0, Long.MAX_VALUE);
            work.run(below, above);
            // the sorted runs are a third of the side's temporary bytes and nothing reads them again:
            // they go now, before the colours and the pairing make files of their own
            close();
            // The targets were written in fingerprint order, at random, into a file of their own: a
            // write to a line not in the cache does not wait for it, where or-ing into the edges
            // would. The edges take them in sequential passes.
            long half = g.edgeCount / 2;
            work.run(() -> addTargets(0, half), () -> addTargets(half, g.edgeCount));
            Join first = below.duplicate >= 0 && (above.duplicate < 0 || below.duplicate < above.duplicate) ? below : above;
            if (first.duplicate >= 0) {
                throw new DamagedGraphException(g.name + ": id " + g.id(first.duplicate) + " is used by two things (" + g.describeShort(first.duplicateOf)
                        + " and " + g.describeShort(first.duplicate) + "); the input is damaged, run grakn-migrate verify on it");
            }
            Join bad = below.badEdge >= 0 && (above.badEdge < 0 || below.badEdge < above.badEdge) ? below : above;
            if (bad.badEdge >= 0) throw badReference(bad.badEdge, bad.badTarget);
        }
    }

    private void addTargets(long from, long to) {
        for (long e = from; e < to; e++) g.edges.setLong(e, g.edges.getLong(e) | targets.getLong(e));
    }

    /**
     * The join of the definitions and references whose first fingerprint is in {@code [lo, hi]},
     * range by range: a range's definitions (at most {@link #RANGE}, else the range is split in two)
     * go into a table on the heap, then each of its references looks its id up there. The sorted
     * runs are read run by run, each sequentially, with no k-way merge, and the table (a megabyte
     * at most) stays in the processor's cache while the range's references look it up.
     */
    private final class Join implements Runnable {
        private final long lo;
        private final long hi;
        /** Definitions per range at most (fewer with small sort chunks, as tests use). */
        private final int range;
        /** (first fingerprint, definition value) per slot, open addressing on the fingerprint's low bits. */
        private final long[] table;
        /** The duplicate definition with the lowest thing number and the first thing with its id, or -1. */
        long duplicate = -1;
        long duplicateOf = -1;
        /** The first bad reference in edge order, and its target when it is an ownership of a non-attribute (else -1). */
        long badEdge = -1;
        long badTarget = -1;

        Join(long lo, long hi) {
            this.lo = lo;
            this.hi = hi;
            range = Math.max(8, Math.min(RANGE, sortChunk / 2));
            table = new long[2 * slotsFor(range)];
        }

        @Override
        public void run() {
            join(lo, hi);
        }

        /** A power of two at least twice {@code definitions} (and at least 16). */
        private static int slotsFor(int definitions) {
            return Integer.highestOneBit(Math.max(8, definitions) * 2 - 1) << 1;
        }

        /**
         * The slot of the table holding the id with fingerprints {@code h1} and {@code h2}, or the empty
         * slot where it goes: linear probing from the first fingerprint's low bits.
         */
        private int slot(long h1, long h2, int mask) {
            int slot = (int) h1 & mask;
            while (table[2 * slot + 1] != EMPTY && !(table[2 * slot] == h1 && (table[2 * slot + 1] & SECOND) == h2)) slot = (slot + 1) & mask;
            return slot;
        }

        private void join(long from, long to) {
            long count = definitions.count(from, to);
            if (count > range && from < to) {
                long mid = (from >> 1) + (to >> 1) + (from & to & 1);
                join(from, mid);
                join(mid + 1, to);
                return;
            }
            // a table at most half full; one fingerprint defined more often than that (the same id
            // again and again) takes one slot, the repeats being duplicates
            int slots = slotsFor((int) Math.min(count, range));
            int mask = slots - 1;
            Arrays.fill(table, 0, 2 * slots, EMPTY);
            long distinct = 0;
            RecordSorter.Cursor d = definitions.runByRun(from, to);
            while (d.next()) {
                long h1 = d.key();
                long v = d.value();
                long h2 = v & SECOND;
                int slot = slot(h1, h2, mask);
                if (table[2 * slot + 1] != EMPTY) {
                    // the same id again: runs come in the order things were read, so the one in the table is the first
                    long thing = (v & PAYLOAD) >>> 2;
                    if (duplicate < 0 || thing < duplicate) {
                        duplicate = thing;
                        duplicateOf = (table[2 * slot + 1] & PAYLOAD) >>> 2;
                    }
                    continue;
                }
                if (++distinct == slots) throw new IllegalStateException(slots + " distinct ids share one fingerprint");
                table[2 * slot] = h1;
                table[2 * slot + 1] = v;
            }
            RecordSorter.Cursor r = references.runByRun(from, to);
            while (r.next()) {
                long h1 = r.key();
                long v = r.value();
                long h2 = v & SECOND;
                long e = v & EDGE;
                int slot = slot(h1, h2, mask);
                if (table[2 * slot + 1] == EMPTY) {
                    bad(e, -1);
                    continue;
                }
                long thing = table[2 * slot + 1] & PAYLOAD;
                if ((v & OWNS) != 0 && (thing & 3) != SideGraph.ATTRIBUTE) bad(e, thing >>> 2);
                else targets.setLong(e, thing >>> 2);
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
