package io.graknmigrate.store;

/**
 * A reading position in the bytes of a {@code group_concat} result: decimal integers and single
 * separator bytes, read without decoding the text into a String.
 */
final class AggregateText {

    final byte[] bytes;
    int pos;

    AggregateText(byte[] bytes) {
        this.bytes = bytes;
    }

    boolean atEnd() { return pos >= bytes.length; }

    /** A decimal integer (optionally negative) as SQLite prints an int64. */
    long number() {
        int p = pos;
        boolean negative = p < bytes.length && bytes[p] == '-';
        if (negative) p++;
        // accumulated negatively, as Long.parseLong does, so that Long.MIN_VALUE fits
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long multmin = limit / 10;
        long n = 0;
        int start = p;
        while (p < bytes.length && bytes[p] >= '0' && bytes[p] <= '9') {
            int d = bytes[p] - '0';
            if (n < multmin) throw malformed();
            n *= 10;
            if (n < limit + d) throw malformed();
            n -= d;
            p++;
        }
        if (p == start) throw malformed();
        pos = p;
        return negative ? n : -n;
    }

    /** The byte at the position, consumed. */
    byte take() {
        if (pos >= bytes.length) throw malformed();
        return bytes[pos++];
    }

    /** Consumes {@code b}, which must come next. */
    void expect(char b) {
        if (pos >= bytes.length || bytes[pos] != b) throw malformed();
        pos++;
    }

    IllegalStateException malformed() {
        return new IllegalStateException("the store returned a malformed row list at byte " + pos + " of " + bytes.length);
    }
}
