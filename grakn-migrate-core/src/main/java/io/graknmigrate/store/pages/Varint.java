package io.graknmigrate.store.pages;

/**
 * SQLite's big-endian varints: 1 to 9 bytes, seven bits a byte with the high bit set on all but the
 * last, the ninth byte whole. A decoder keeps where the last varint ended, so one call reads both.
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
}
