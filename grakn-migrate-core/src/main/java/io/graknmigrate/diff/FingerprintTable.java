package io.graknmigrate.diff;

import io.graknmigrate.sort.MappedFile;
import java.nio.file.Path;

/**
 * An open-addressing hash table from a 128-bit key to a long, in a {@link MappedFile}: sized once for
 * a known number of entries, so millions of ids or colours cost no heap.
 */
final class FingerprintTable implements AutoCloseable {

    /** Returned by {@link #get} for an absent key. */
    static final long ABSENT = Long.MIN_VALUE;

    private static final int SLOT = 4; // k1, k2, value, used

    private final MappedFile slots;
    private final long mask;

    FingerprintTable(Path dir, String name, long entries) {
        long capacity = Long.highestOneBit(Math.max(16, entries * 2 - 1)) << 1;
        this.mask = capacity - 1;
        this.slots = MappedFile.longs(dir, name, capacity * SLOT);
    }

    private long slotOf(long k1, long k2) {
        long s = Hashing.mix(k1 * 0x9E3779B97F4A7C15L + k2) & mask;
        while (slots.getLong(s * SLOT + 3) != 0) {
            if (slots.getLong(s * SLOT) == k1 && slots.getLong(s * SLOT + 1) == k2) return s;
            s = (s + 1) & mask;
        }
        return s;
    }

    /** Stores the value unless the key is present; returns false (and changes nothing) when it was. */
    boolean putIfAbsent(long k1, long k2, long value) {
        long s = slotOf(k1, k2);
        if (slots.getLong(s * SLOT + 3) != 0) return false;
        slots.setLong(s * SLOT, k1);
        slots.setLong(s * SLOT + 1, k2);
        slots.setLong(s * SLOT + 2, value);
        slots.setLong(s * SLOT + 3, 1);
        return true;
    }

    /** The value of the key, or {@link #ABSENT}. */
    long get(long k1, long k2) {
        long s = slotOf(k1, k2);
        return slots.getLong(s * SLOT + 3) == 0 ? ABSENT : slots.getLong(s * SLOT + 2);
    }

    /** Adds {@code delta} to the value of a present key and returns the value it had; {@link #ABSENT} when absent. */
    long getAndAdd(long k1, long k2, long delta) {
        long s = slotOf(k1, k2);
        if (slots.getLong(s * SLOT + 3) == 0) return ABSENT;
        long v = slots.getLong(s * SLOT + 2);
        slots.setLong(s * SLOT + 2, v + delta);
        return v;
    }

    @Override
    public void close() {
        slots.close();
    }
}
