package io.graknmigrate.sort;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.function.IntToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;

class RecordSorterTest {

    /** (key, value) pairs in the order a stable sort by key gives when the values are the insertion order. */
    private static final Comparator<long[]> STABLE = Comparator.<long[]>comparingLong(x -> x[0]).thenComparingLong(x -> x[1]);

    @TempDir
    Path dir;

    /**
     * Keys drawn from three values far apart (long runs of one key), or from all longs, or (seeds 8
     * and up) from small numbers (one bucket of the top bits, told apart by the low digits); values
     * the insertion order. Chunks of a few records to more than the input, around the size the buffer
     * starts at (1,024 records, where a full buffer may mean "grow" or "spill"), filled exactly and by one more.
     */
    @ParameterizedTest
    @CsvSource({"0, 1, 5", "1, 10, 2", "2, 1000, 7", "3, 100000, 3", "4, 3, 100000", "5, 100000, 1000", "6, 2, 300000", "7, 300000, 300000", "8, 100000, 100000", "9, 50000, 7000",
            "10, 2049, 1024", "11, 4096, 2048", "12, 3075, 1025", "13, 1024, 1024", "14, 1025, 1024"})
    void sortsStablyBySignedKeyInAndOutOfMemory(long seed, int n, int chunk) {
        SplittableRandom r = new SplittableRandom(seed);
        int distinct = seed % 2 == 0 ? 3 : Integer.MAX_VALUE;
        sortsAsArraysSortDoes(n, chunk, i -> seed >= 8 ? r.nextInt(700) - 200
                : distinct == 3 ? (r.nextInt(distinct) - 1) * Long.MAX_VALUE : r.nextLong());
    }

    /**
     * One key repeated among others, as look-alike colours are: seven records in ten share one key,
     * some others share its top 48 bits or its top 1 to 24 (the same bucket of the top bits, told
     * apart only lower down), the rest are random; in one chunk, in chunks that spill, and small.
     */
    @ParameterizedTest
    @CsvSource({"20, 200000, 300000", "21, 100000, 7000", "22, 5000, 5000", "23, 300000, 300000", "24, 40, 40"})
    void aKeyRepeatedAmongOthersSortsStably(long seed, int n, int chunk) {
        SplittableRandom r = new SplittableRandom(seed);
        long repeated = r.nextLong();
        sortsAsArraysSortDoes(n, chunk, i -> {
            int pick = r.nextInt(10);
            return pick < 7 ? repeated
                    : pick == 7 ? sharingTopBits(repeated, 48, r.nextInt(1 << 16))
                    : pick == 8 ? sharingTopBits(repeated, 1 + r.nextInt(24), r.nextLong())
                    : r.nextLong();
        });
    }

    /**
     * One chunk sorted directly, at sizes that take one, two and three counting passes over the prefix:
     * random keys, keys in groups of 330 as the colours of a scaled graph are, small numbers (all in
     * one prefix: the passes are skipped, the rest is the whole-key radix), and keys that share all but
     * their lowest bits (a pass skipped, the others not).
     */
    @ParameterizedTest
    @CsvSource({"30, 100, 0", "31, 5000, 1", "32, 200000, 2", "33, 1100000, 0", "34, 1100000, 1", "35, 1100000, 3", "36, 70000, 3", "37, 40000, 2"})
    void aChunkSortsStablyAtEveryNumberOfPasses(long seed, int n, int shape) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] groups = new long[n / 330 + 1];
        for (int i = 0; i < groups.length; i++) groups[i] = r.nextLong();
        long[] a = new long[2 * n];
        long[][] expected = new long[n][];
        for (int i = 0; i < n; i++) {
            long key = switch (shape) {
                case 0 -> r.nextLong();
                case 1 -> groups[r.nextInt(groups.length)];
                case 2 -> r.nextInt(1000) - 500;
                default -> 0x5DEECE66DL << 20 | r.nextInt(1 << 12);
            };
            a[2 * i] = key;
            a[2 * i + 1] = i;
            expected[i] = new long[] {key, i};
        }
        Arrays.sort(expected, STABLE);
        long[] sorted = RecordSorter.sort(a, new long[2 * n], n);
        long[] flat = new long[2 * n];
        for (int i = 0; i < n; i++) {
            flat[2 * i] = expected[i][0];
            flat[2 * i + 1] = expected[i][1];
        }
        int first = Arrays.mismatch(sorted, flat);
        assertThat(first).as("first wrong long of %d records (key, value pairs)", n).isEqualTo(-1);
    }

    /** Adds {@code n} records, record i's key {@code keyOf(i)} and its value i, and expects them back sorted stably. */
    private void sortsAsArraysSortDoes(int n, int chunk, IntToLongFunction keyOf) {
        try (RecordSorter s = new RecordSorter(dir, chunk)) {
            long[][] expected = add(s, n, keyOf);
            RecordSorter.Cursor c = s.sorted();
            for (int i = 0; i < n; i++) {
                assertThat(c.next()).isTrue();
                assertThat(new long[] {c.key(), c.value()}).as("record %d of %d", i, n).containsExactly(expected[i]);
            }
            assertThat(c.next()).isFalse();
        }
    }

    /** Adds {@code n} records to {@code s} as {@link #sortsAsArraysSortDoes} does; returns them as (key, value) pairs in stable key order. */
    private static long[][] add(RecordSorter s, int n, IntToLongFunction keyOf) {
        long[][] records = new long[n][];
        for (int i = 0; i < n; i++) {
            long key = keyOf.applyAsLong(i);
            records[i] = new long[] {key, i};
            s.add(key, i);
        }
        Arrays.sort(records, STABLE);
        return records;
    }

    private static long sharingTopBits(long key, int bits, long random) {
        long low = -1L >>> bits;
        return (key & ~low) | (random & low);
    }

    /**
     * The two halves of the key space the id merge splits into (below zero, zero and up), read from
     * two threads at once, give every record once and in order, in memory and spilled; keys include
     * both ends of the range and the two keys either side of the split.
     */
    @ParameterizedTest
    @CsvSource({"11, 1000, 5000", "12, 1000, 7", "13, 20000, 3000", "14, 5, 1"})
    void halvesOfTheKeySpaceReadTogetherGiveEveryRecordOnce(long seed, int n, int chunk) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        long[] edges = {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE};
        try (RecordSorter s = new RecordSorter(dir, chunk)) {
            long[][] expected = add(s, n, i -> i % 7 == 0 ? edges[r.nextInt(edges.length)] : r.nextLong());
            s.seal();
            java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                java.util.concurrent.Future<java.util.List<long[]>> above = other.submit(() -> read(s.cursor(0, Long.MAX_VALUE)));
                java.util.List<long[]> all = new java.util.ArrayList<>(read(s.cursor(Long.MIN_VALUE, -1)));
                assertThat(all).allMatch(x -> x[0] < 0);
                java.util.List<long[]> rest = above.get();
                assertThat(rest).allMatch(x -> x[0] >= 0);
                all.addAll(rest);
                assertThat(all).hasSize(n);
                for (int i = 0; i < n; i++) assertThat(all.get(i)).as("record %d of %d", i, n).containsExactly(expected[i]);
            } finally {
                other.shutdownNow();
            }
        }
    }

    private static java.util.List<long[]> read(RecordSorter.Cursor c) {
        java.util.List<long[]> out = new java.util.ArrayList<>();
        while (c.next()) out.add(new long[] {c.key(), c.value()});
        return out;
    }
}
