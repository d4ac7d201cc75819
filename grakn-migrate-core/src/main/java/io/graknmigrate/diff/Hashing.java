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
        long tail = 0;
        for (int j = end - 1; j >= i; j--) tail = (tail << 8) | (b[j] & 0xffL);
        h = Long.rotateLeft(h ^ mix(tail + seed + (end - i)), 27) * 0x9E3779B97F4A7C15L;
        return mix(h);
    }

    static long bytes(long seed, byte[] b) {
        return bytes(seed, b, 0, b.length);
    }
}
