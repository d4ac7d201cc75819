package io.graknmigrate.store.pages;

/**
 * SQLite's big-endian varints: 1 to 9 bytes, seven bits a byte with the high bit set on all but the
 * last, the ninth byte whole. A decoder keeps where the last varint ended, so one call reads both;
 * the static methods encode.
 */
final class Varint {

    /** Where the varint {@link #read} read last ended. */
    int end;

    /** The varint at {@code b[at]}, which must end before {@code limit}; {@link #end} is set past it. */
    long read(byte[] b, int at, int limit, Object where) {
        long v = 0;
        int p = at;
        int stop = Math.min(limit, at + 8);
        while (p < stop) {
            int x = b[p++];
            v = v << 7 | (x & 0x7f);
            if (x >= 0) {
                end = p;
                return v;
            }
        }
        if (p != at + 8 || p >= limit) throw new PageFormatException(where + ": a varint at offset " + at + " runs past its end");
        end = p + 1;
        return v << 8 | (b[p] & 0xff);
    }

    /** How many bytes {@link #write} takes for {@code v}: a negative value or one above 2^56 takes all nine. */
    static int size(long v) {
        if ((v & 0xff00_0000_0000_0000L) != 0) return 9;
        int bits = 64 - Long.numberOfLeadingZeros(v);
        return bits <= 7 ? 1 : (bits + 6) / 7;
    }

    /** Writes {@code v} at {@code b[at]} in {@link #size} bytes and returns where it ends. */
    static int write(byte[] b, int at, long v) {
        if ((v & 0xff00_0000_0000_0000L) != 0) {
            // the ninth byte carries eight bits, so the first eight carry the top 56
            b[at + 8] = (byte) v;
            long rest = v >>> 8;
            for (int i = 7; i >= 0; i--) {
                b[at + i] = (byte) (rest | 0x80);
                rest >>>= 7;
            }
            return at + 9;
        }
        int n = size(v);
        long rest = v;
        b[at + n - 1] = (byte) (rest & 0x7f);
        for (int i = n - 2; i >= 0; i--) {
            rest >>>= 7;
            b[at + i] = (byte) (rest | 0x80);
        }
        return at + n;
    }
}
