package io.graknmigrate.diff;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The 64-bit hashes colours are made of. Both sides of a comparison must hash labels and values the
 * same way whatever they were read from (a file's buffer, a keyspace's strings), so everything goes
 * through {@link #bytes}. A collision can only merge what differs; the exact check behind every
 * "equal" catches that.
 */
final class Hashing {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Hashing() { }

    /** A strong finaliser (splitmix64's). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A seeded hash of {@code b[off, off + len)}; different seeds give independent hashes. */
    static long bytes(long seed, byte[] b, int off, int len) {
        long h = mix(seed ^ len);
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            h = Long.rotateLeft(h ^ mix((long) LONGS.get(b, i) + seed), 27) * 0x9E3779B97F4A7C15L;
        }
        h = Long.rotateLeft(h ^ mix(tail(b, off, i, end) + seed + (end - i)), 27) * 0x9E3779B97F4A7C15L;
        return mix(h);
    }

    /**
     * Two hashes of {@code b[off, off + len)} in one pass over it, the second into {@code second[0]}:
     * the two fingerprints of an id. Each is a lane of its own (its own seed, multipliers and
     * rotation: every word multiplied by an odd constant, xored in, rotated and multiplied again,
     * each step a bijection of the lane), finished by a strong mix; cheaper per word than
     * {@link #bytes}, which hashes labels and values.
     */
    static long bytes(long seed1, long seed2, byte[] b, int off, int len, long[] second) {
        long h = mix(seed1 ^ len);
        long g = mix(seed2 ^ len);
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            long w = (long) LONGS.get(b, i);
            h = Long.rotateLeft(h ^ w * 0x9FB21C651E98DF25L, 27) * 0x9E3779B97F4A7C15L;
            g = Long.rotateLeft(g ^ w * 0xC2B2AE3D27D4EB4FL, 31) * 0x165667B19E3779F9L;
        }
        long t = tail(b, off, i, end) + (end - i);
        h = Long.rotateLeft(h ^ t * 0x9FB21C651E98DF25L, 27) * 0x9E3779B97F4A7C15L;
        g = Long.rotateLeft(g ^ t * 0xC2B2AE3D27D4EB4FL, 31) * 0x165667B19E3779F9L;
        second[0] = mix(g ^ seed2);
        return mix(h ^ seed1);
    }

    /**
     * The last {@code end - i} (fewer than eight) bytes of {@code b[off, end)} as a little-endian long:
     * one load of the eight bytes ending at {@code end}, shifted, when the range is that long.
     */
    private static long tail(byte[] b, int off, int i, int end) {
        int r = end - i;
        if (r == 0) return 0;
        if (end - off >= 8) return (long) LONGS.get(b, end - 8) >>> (8 * (8 - r));
        long tail = 0;
        for (int j = end - 1; j >= i; j--) tail = (tail << 8) | (b[j] & 0xffL);
        return tail;
    }

    static long bytes(long seed, byte[] b) {
        return bytes(seed, b, 0, b.length);
    }
}
