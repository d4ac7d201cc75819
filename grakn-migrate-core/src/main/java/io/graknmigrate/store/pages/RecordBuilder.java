package io.graknmigrate.store.pages;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encodes one record (SQLite record format) into a reusable, growing buffer: a header of serial
 * types (its size varint counting itself), then the values, integers and floats big-endian. The
 * encoding is the one SQLite itself writes for the same values in a schema-format-4 file: integers in
 * the smallest width, 0 and 1 as serial types 8 and 9 with no body, floats always as serial type 7.
 *
 * <p>One thread at a time; the buffers grow to the largest record built and are then reused.
 */
public final class RecordBuilder {

    /** The largest record this builds: it must fit one Java array. */
    static final long MAX_LENGTH = Integer.MAX_VALUE - 16;

    private byte[] types = new byte[32];
    private int typesLength;
    private byte[] body = new byte[64];
    private int bodyLength;
    private byte[] out = new byte[96];
    private int outLength;
    /** Whether {@link #out} holds the record as added so far. */
    private boolean built;

    /** An empty builder; {@link #clear} is implied. */
    public RecordBuilder() { }

    /** Starts a new record, dropping the columns added so far. */
    public RecordBuilder clear() {
        typesLength = 0;
        bodyLength = 0;
        built = false;
        return this;
    }

    /** Appends a NULL (serial type 0). */
    public RecordBuilder addNull() {
        type(0);
        return this;
    }

    /**
     * Appends an integer: serial type 8 or 9 for 0 and 1 (which schema format 4 allows), otherwise
     * the narrowest of types 1 to 6 (1, 2, 3, 4, 6 or 8 bytes) that holds it.
     */
    public RecordBuilder addInteger(long v) {
        if (v == 0) {
            type(8);
            return this;
        }
        if (v == 1) {
            type(9);
            return this;
        }
        int type;
        int width;
        if (v >= -128 && v <= 127) {
            type = 1;
            width = 1;
        } else if (v >= -32768 && v <= 32767) {
            type = 2;
            width = 2;
        } else if (v >= -8388608 && v <= 8388607) {
            type = 3;
            width = 3;
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            type = 4;
            width = 4;
        } else if (v >= -(1L << 47) && v < (1L << 47)) {
            type = 5;
            width = 6;
        } else {
            type = 6;
            width = 8;
        }
        type(type);
        bigEndian(v, width);
        return this;
    }

    /** Appends a float as serial type 7 (the caller never passes NaN, which SQLite stores as NULL). */
    public RecordBuilder addReal(double v) {
        type(7);
        bigEndian(Double.doubleToRawLongBits(v), 8);
        return this;
    }

    /** Appends text (serial type 13 + 2n): {@code utf8[off, off+len)}, taken as UTF-8 and copied as given. */
    public RecordBuilder addText(byte[] utf8, int off, int len) {
        Objects.checkFromIndexSize(off, len, utf8.length);
        type(13 + 2L * len);
        System.arraycopy(utf8, off, reserve(len), bodyLength, len);
        bodyLength += len;
        return this;
    }

    /** Appends text: the UTF-8 encoding of {@code s} (an unpaired surrogate becomes '?', as {@link String#getBytes} does). */
    public RecordBuilder addText(String s) {
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) ascii = s.charAt(i) < 0x80;
        if (!ascii) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            return addText(utf8, 0, utf8.length);
        }
        // most values are ASCII: encoded in place, without a byte array per value
        type(13 + 2L * n);
        byte[] b = reserve(n);
        int at = bodyLength;
        for (int i = 0; i < n; i++) b[at + i] = (byte) s.charAt(i);
        bodyLength += n;
        return this;
    }

    /** The buffer holding the record in {@code [0, length())}; valid until the builder changes. */
    public byte[] buffer() {
        build();
        return out;
    }

    /** The record's length in bytes. */
    public int length() {
        build();
        return outLength;
    }

    private void build() {
        if (built) return;
        // the size varint counts itself, so a header of 127 type bytes needs a two-byte size: 129 in all
        int sizeBytes = 1;
        while (Varint.size((long) typesLength + sizeBytes) > sizeBytes) sizeBytes++;
        long headerSize = (long) typesLength + sizeBytes;
        long total = headerSize + bodyLength;
        if (total > MAX_LENGTH) throw new IllegalStateException("a record of " + total + " bytes is larger than " + MAX_LENGTH);
        int n = (int) total;
        if (out.length < n) out = new byte[Math.max(n, (int) Math.min(MAX_LENGTH, 2L * out.length))];
        int at = Varint.write(out, 0, headerSize);
        System.arraycopy(types, 0, out, at, typesLength);
        System.arraycopy(body, 0, out, at + typesLength, bodyLength);
        outLength = n;
        built = true;
    }

    private void type(long serialType) {
        built = false;
        if (typesLength + 9 > types.length) types = Arrays.copyOf(types, types.length * 2);
        typesLength = Varint.write(types, typesLength, serialType);
    }

    private void bigEndian(long v, int width) {
        byte[] b = reserve(width);
        int at = bodyLength;
        for (int i = width - 1; i >= 0; i--) b[at + width - 1 - i] = (byte) (v >>> (8 * i));
        bodyLength += width;
    }

    /** The body buffer, grown to hold {@code n} more bytes. */
    private byte[] reserve(int n) {
        built = false;
        long needed = (long) bodyLength + n;
        if (needed > MAX_LENGTH) throw new IllegalStateException("a record of more than " + MAX_LENGTH + " bytes");
        if (needed > body.length) body = Arrays.copyOf(body, (int) Math.min(MAX_LENGTH, Math.max(needed, 2L * body.length)));
        return body;
    }
}
