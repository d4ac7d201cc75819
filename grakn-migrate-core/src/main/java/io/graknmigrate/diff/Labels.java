package io.graknmigrate.diff;

import io.graknmigrate.format.Relabel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The type and role labels one side uses, each with a small code. Labels come from the schema, so
 * there are few of them and they stay in memory; a file with more than {@link #MAX} distinct labels
 * is refused. Each code carries its label as compared (after the side's {@code old=new} relabelling)
 * and that label's hash.
 */
final class Labels {

    /** Codes must fit the 19 bits an edge keeps for its role. */
    static final int MAX = (1 << 19) - 2;

    private static final long SEED = 0x2545F4914F6CDD1DL;

    private final Relabel relabel;
    private final String side;
    private final Map<String, Integer> byLabel = new HashMap<>();
    private final Map<Long, Integer> byHash = new HashMap<>();
    private final List<byte[]> originals = new ArrayList<>();
    private final List<String> compared = new ArrayList<>();
    private long[] hashes = new long[16];
    private static final int RECENT = 256;
    private final int[] recentCodes = new int[RECENT];

    Labels(Relabel relabel, String side) {
        this.relabel = relabel;
        this.side = side;
        Arrays.fill(recentCodes, -1);
    }

    /** The code of the label in {@code b[off, off + len)} (UTF-8), assigned on first sight. */
    int code(byte[] b, int off, int len) {
        // labels repeat from item to item: the last one seen at this slot of a small cache is checked
        // first; the slot comes from the length and three bytes (a clash only costs a lookup)
        int h = len;
        if (len > 0) h = ((h * 31 + b[off]) * 31 + b[off + (len >>> 1)]) * 31 + b[off + len - 1];
        int slot = (h ^ h >>> 7 ^ h >>> 13) & (RECENT - 1);
        int recent = recentCodes[slot];
        if (recent >= 0) {
            byte[] known = originals.get(recent);
            if (Arrays.equals(known, 0, known.length, b, off, off + len)) return recent;
        }
        int code = lookup(b, off, len);
        recentCodes[slot] = code;
        return code;
    }

    private int lookup(byte[] b, int off, int len) {
        long h = Hashing.bytes(SEED, b, off, len);
        Integer c = byHash.get(h);
        if (c != null && Arrays.equals(originals.get(c), 0, originals.get(c).length, b, off, off + len)) return c;
        return code(new String(b, off, len, StandardCharsets.UTF_8));
    }

    /** The code of a label, assigned on first sight. */
    int code(String label) {
        Integer c = byLabel.get(label);
        if (c != null) return c;
        int code = compared.size();
        if (code >= MAX) {
            throw new DamagedGraphException(side + ": more than " + MAX + " distinct type and role labels;"
                    + " a graph has one per type and role in its schema, so this input is not a Grakn graph");
        }
        byte[] utf8 = label.getBytes(StandardCharsets.UTF_8);
        String as = relabel.map(label);
        byLabel.put(label, code);
        byHash.putIfAbsent(Hashing.bytes(SEED, utf8), code);
        originals.add(utf8);
        compared.add(as);
        if (code == hashes.length) hashes = Arrays.copyOf(hashes, code * 2);
        hashes[code] = hash(as);
        return code;
    }

    /** The hash of a label as compared, the same on both sides. */
    static long hash(String comparedLabel) {
        byte[] b = comparedLabel.getBytes(StandardCharsets.UTF_8);
        return Hashing.bytes(SEED + 1, b);
    }

    /** The label of a code as the side spells it (before relabelling). */
    String original(int code) { return new String(originals.get(code), StandardCharsets.UTF_8); }

    /** The label of a code as compared (relabelled). */
    String label(int code) { return compared.get(code); }

    long hash(int code) { return hashes[code]; }

    int size() { return compared.size(); }

    /** For each of this side's codes, the other side's code of the same compared label, or -1. */
    int[] translateTo(Labels other) {
        int[] t = new int[size()];
        for (int i = 0; i < t.length; i++) {
            Integer c = other.byLabel.get(compared.get(i));
            // the other side is read without relabelling, so its compared label is its label
            t[i] = c != null && other.compared.get(c).equals(compared.get(i)) ? c : -1;
        }
        return t;
    }
}
