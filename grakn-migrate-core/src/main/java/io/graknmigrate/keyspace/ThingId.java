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

    /** How many characters {@link #of} spells the row id with. */
    public static int length(long rowId) {
        if (rowId < 0) return of(rowId).length();
        int digits = 1;
        for (long x = rowId; x >= 10; x /= 10) digits++;
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
        do {
            dst[--p] = (byte) ('0' + (int) (x % 10));
            x /= 10;
        } while (x != 0);
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
