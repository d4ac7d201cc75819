package io.graknmigrate.diff;

import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.sort.MappedFile;
import io.graknmigrate.sort.RecordSorter;

import java.nio.file.Path;

/**
 * One side's (colour, thing) pairs grouped by the top bits of their colours, in a temporary file kept
 * from walk to walk. Colours are hashes, so the groups come out about equally large and small enough
 * to be sorted on the heap in one piece: group after group, the sorted groups give every pair in colour
 * order, with no run spilled nor merged. One colour is always in one group, so a group can still be
 * large (a class of many look-alike things, such as every entity of a label before the first round);
 * such a group is sorted in place in pieces of at most a sort chunk, which are then merged.
 *
 * <p>Within a group the pairs are in thing order, and the sorts are stable: the things of one colour
 * come out in thing order, which is how {@link ColourHistogram} pairs them. Sides that one sort chunk
 * holds whole have one group and no file: their colours are sorted straight from the colour file.
 */
final class ColourGroups implements AutoCloseable {

    /** Pairs per group aimed at: a group's sort works within the processor's caches. */
    static final int GROUP_TARGET = 1 << 18;
    /** Most groups: every pair is staged once per group, so their buffers stay small. */
    private static final int MAX_BITS = 10;
    /** Pairs staged per group before they are written, so the file is written in pieces, not pair by pair. */
    private static final int STAGED = 256;

    private final MappedFile pairs;
    private final int bits;
    private final int chunk;
    /** The colours of the last fill, when there is no file (one group, sorted straight from them). */
    private MappedFile colours;
    /** Where each group's pairs start (in pairs), and one more entry for the end. */
    private final long[] start;

    /**
     * @param things the side's things (pairs per fill)
     * @param bits   colour bits that pick a group, the same on both sides ({@link #bitsFor})
     * @param chunk  pairs a group's sort holds on the heap at most
     */
    ColourGroups(Path dir, long things, int bits, int chunk) {
        this.bits = bits;
        this.chunk = Math.max(1, chunk);
        this.start = new long[(1 << bits) + 1];
        // a side one sort holds is read straight from its colours: no file
        this.pairs = bits == 0 && things <= this.chunk ? null : MappedFile.longs(dir, "colour-groups", 2 * things);
    }

    /**
     * The group bits for sides of at most {@code things} things: none when a sort chunk holds them
     * all (one sort on the heap, as large as it may be), else groups of about {@link #GROUP_TARGET}.
     */
    static int bitsFor(long things, int chunk) {
        if (things <= chunk) return 0;
        int b = 0;
        while (b < MAX_BITS && (things >>> b) > GROUP_TARGET) b++;
        return b;
    }

    int groups() {
        return 1 << bits;
    }

    /** The group of a colour; groups in order hold colours in (signed) order. */
    private int group(long colour) {
        return bits == 0 ? 0 : (int) ((colour ^ Long.MIN_VALUE) >>> (64 - bits));
    }

    /** Groups the pairs (colour of x, x) of every thing x; replaces what a former fill held. */
    void fill(MappedFile colour, long things) {
        start[groups()] = things;
        if (pairs == null) {
            colours = colour;
            return;
        }
        int groups = groups();
        long[] count = new long[groups];
        for (long x = 0; x < things; x++) count[group(colour.getLong(x))]++;
        long[] at = new long[groups];
        for (int k = 0; k < groups; k++) {
            at[k] = start[k];
            start[k + 1] = start[k] + count[k];
        }
        long[] staged = new long[groups * 2 * STAGED];
        int[] held = new int[groups];
        for (long x = 0; x < things; x++) {
            long c = colour.getLong(x);
            int k = group(c);
            int i = k * 2 * STAGED + 2 * held[k];
            staged[i] = c;
            staged[i + 1] = x;
            if (++held[k] == STAGED) {
                pairs.setLongs(2 * at[k], staged, k * 2 * STAGED, 2 * STAGED);
                at[k] += STAGED;
                held[k] = 0;
            }
            if ((x & 0xfffff) == 0) ColouredSide.tick(ProgressListener.NONE, x);
        }
        for (int k = 0; k < groups; k++) {
            if (held[k] > 0) pairs.setLongs(2 * at[k], staged, k * 2 * STAGED, 2 * held[k]);
        }
    }

    /**
     * The pairs of {@code group} in colour order, sorted with the arrays of {@code buffers} (two, grown
     * as needed: the cursor may read one of them until the next sort with the same buffers).
     */
    RecordSorter.Cursor sorted(int group, long[][] buffers) {
        long from = start[group];
        long n = start[group + 1] - from;
        int piece = (int) Math.min(n, chunk);
        if (buffers[0] == null || buffers[0].length < 2 * piece) {
            buffers[0] = new long[2 * Math.max(piece, 16)];
            buffers[1] = new long[buffers[0].length];
        }
        if (pairs == null) {
            long[] buf = buffers[0];
            for (int x = 0; x < piece; x++) {
                buf[2 * x] = colours.getLong(x);
                buf[2 * x + 1] = x;
            }
            return new RecordSorter.ArrayCursor(RecordSorter.sort(buf, buffers[1], piece), 0, piece);
        }
        if (n <= chunk) {
            pairs.getLongs(2 * from, buffers[0], 0, 2 * piece);
            long[] sorted = RecordSorter.sort(buffers[0], buffers[1], piece);
            return new RecordSorter.ArrayCursor(sorted, 0, piece);
        }
        int pieces = (int) ((n + chunk - 1) / chunk);
        long[] first = new long[pieces];
        long[] end = new long[pieces];
        for (int p = 0; p < pieces; p++) {
            first[p] = from + (long) p * chunk;
            end[p] = Math.min(first[p] + chunk, from + n);
            int m = (int) (end[p] - first[p]);
            pairs.getLongs(2 * first[p], buffers[0], 0, 2 * m);
            long[] sorted = RecordSorter.sort(buffers[0], buffers[1], m);
            pairs.setLongs(2 * first[p], sorted, 0, 2 * m);
        }
        return new RecordSorter.MergeCursor(pairs, first, end);
    }

    @Override
    public void close() {
        if (pairs != null) pairs.close();
    }
}
