package io.graknmigrate.keyspace;

/**
 * How an embedded keyspace names its things outside the store: {@code V} and the store's row id, the
 * shape of Grakn's own concept ids. Exports write it, query answers print it, and {@code $x id V12}
 * in a query finds the thing again.
 */
public final class ThingId {

    private ThingId() { }

    /** The id of the thing with this row id, e.g. {@code V12}. */
    public static String of(long rowId) {
        return "V" + rowId;
    }

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        long p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++, p *= 10) POWERS_OF_TEN[i] = p;
    }

    /** Two ASCII digits for each number below 100: the digits are written two at a time. */
    private static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /** How many characters {@link #of} spells the row id with. */
    public static int length(long rowId) {
        if (rowId < 0) return of(rowId).length();
        // log10 from the bit length (1233/4096 is just above log10(2)), then one comparison to correct it
        int guess = ((64 - Long.numberOfLeadingZeros(rowId)) * 1233) >>> 12;
        int digits = guess < POWERS_OF_TEN.length && rowId >= POWERS_OF_TEN[guess] ? guess + 1 : Math.max(1, guess);
        return 1 + digits;
    }

    /**
     * Writes {@link #of}'s spelling of the row id as ASCII bytes at {@code dst[at]} (room for
     * {@link #length} bytes), without making the string; returns the index after it.
     */
    public static int write(long rowId, byte[] dst, int at) {
        if (rowId < 0) {
            byte[] b = of(rowId).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(b, 0, dst, at, b.length);
            return at + b.length;
        }
        int end = at + length(rowId);
        dst[at] = 'V';
        int p = end;
        long x = rowId;
        while (x >= 100) {
            int pair = (int) (x % 100) * 2;
            x /= 100;
            dst[--p] = DIGIT_PAIRS[pair + 1];
            dst[--p] = DIGIT_PAIRS[pair];
        }
        if (x >= 10) {
            int pair = (int) x * 2;
            dst[--p] = DIGIT_PAIRS[pair + 1];
            dst[--p] = DIGIT_PAIRS[pair];
        } else {
            dst[--p] = (byte) ('0' + x);
        }
        return end;
    }

    /** The row id {@code id} names ({@code V12} -> 12), or -1 when it is not one of ours. */
    public static long rowId(String id) {
        if (id.length() < 2 || id.length() > 19 || id.charAt(0) != 'V') return -1;
        long n = 0;
        for (int i = 1; i < id.length(); i++) {
            char ch = id.charAt(i);
            if (ch < '0' || ch > '9') return -1;
            n = n * 10 + (ch - '0');
        }
        return n;
    }
}
