package io.graknmigrate.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A view of a string's UTF-8 bytes inside the scanner's buffer. Valid only until the scanner moves
 * on; {@link #toString()} copies it out. Used so that counting and checking need no allocation.
 */
public final class Slice {

    byte[] bytes;
    int offset;
    int length;

    Slice() { }

    Slice set(byte[] bytes, int offset, int length) {
        if (this.bytes != bytes) this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /** Empties the slice; it keeps its array (no reference store per item in the scanner's loop). */
    Slice clear() {
        if (bytes == null) bytes = EMPTY;
        this.offset = 0;
        this.length = 0;
        return this;
    }

    private static final byte[] EMPTY = new byte[0];

    public byte[] bytes() { return bytes; }

    public int offset() { return offset; }

    public int length() { return length; }

    public boolean isEmpty() { return length == 0; }

    /** Whether the bytes start with the given ASCII text. */
    public boolean startsWith(String ascii) {
        if (length < ascii.length()) return false;
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[offset + i] != (byte) ascii.charAt(i)) return false;
        }
        return true;
    }

    public boolean contentEquals(byte[] other) {
        if (other.length != length) return false;
        // labels and ids are short: eight bytes at a time beats the vectorised mismatch's set-up
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            if ((long) LONGS.get(bytes, offset + i) != (long) LONGS.get(other, i)) return false;
        }
        for (; i < length; i++) if (bytes[offset + i] != other[i]) return false;
        return true;
    }

    public byte[] toByteArray() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    /** A 64-bit fingerprint of the bytes (eight bytes per step, then a strong finaliser). */
    public long hash64() {
        return hash64(bytes, offset, length);
    }

    /** A second fingerprint independent of {@link #hash64()}, for telling collisions from duplicates. */
    public long hash64b() {
        return hash64b(bytes, offset, length);
    }

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The last {@code 1..7} bytes at {@code i}, little-endian, as one word. */
    private static long tail(byte[] b, int i, int end) {
        // inside the scanner's buffer a whole word can be read and masked; keys copied out cannot
        if (i + 8 <= b.length) return (long) LONGS.get(b, i) & (-1L >>> ((8 - (end - i)) << 3));
        long w = 0;
        for (int j = end - 1; j >= i; j--) w = (w << 8) | (b[j] & 0xffL);
        return w;
    }

    /** The first {@code min(8, len)} bytes as a little-endian word (zero above them). */
    static long prefixWord(byte[] b, int off, int len) {
        if (len >= 8) return (long) LONGS.get(b, off);
        return len == 0 ? 0 : tail(b, off, off + len);
    }

    static long hash64(byte[] b, int off, int len) {
        long h = HASH_SEED ^ len;
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) h = hashStep(h, (long) LONGS.get(b, i));
        if (i < end) h = hashStep(h, tail(b, i, end));
        return mix(h ^ len);
    }

    /**
     * {@link #hash64(byte[], int, int)} of {@code len <= 16} bytes given as two little-endian words,
     * zero above the bytes: what a scanner that has already read the words for its UTF-8 check uses.
     */
    static long hash64(long first, long second, int len) {
        long h = HASH_SEED ^ len;
        if (len > 0) h = hashStep(h, first);
        if (len > 8) h = hashStep(h, second);
        return mix(h ^ len);
    }

    private static final long HASH_SEED = 0xcbf29ce484222325L;

    private static long hashStep(long h, long word) {
        return Long.rotateLeft((h ^ word) * 0x100000001b3L, 31) * 0x9E3779B97F4A7C15L;
    }

    static long hash64b(byte[] b, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            h = (h + (long) LONGS.get(b, i)) * 0xC2B2AE3D27D4EB4FL;
            h ^= h >>> 29;
        }
        if (i < end) {
            h = (h + tail(b, i, end)) * 0xC2B2AE3D27D4EB4FL;
            h ^= h >>> 29;
        }
        return mix(h + 0x165667B19E3779F9L);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
}
