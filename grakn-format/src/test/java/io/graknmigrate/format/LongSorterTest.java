package io.graknmigrate.format;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LongSorterTest {

    /** Values as fingerprints look (uniform), clustered in few top-bit buckets, or tiny ranges with many repeats. */
    private static long[] values(String shape, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (shape) {
                case "uniform" -> r.nextLong();
                case "sameTopBits" -> (r.nextLong() & 0x0000_ffff_ffff_ffffL) | (r.nextBoolean() ? 0x1234L << 48 : Long.MIN_VALUE);
                default -> r.nextLong(-5, 5);
            };
        }
        return a;
    }

    @ParameterizedTest
    @CsvSource({"uniform,0,1", "uniform,1,2", "uniform,255,3", "uniform,256,4", "uniform,100000,5",
            "sameTopBits,50000,6", "repeats,70000,7", "uniform,4097,8"})
    void sortsLikeArraysSort(String shape, int n, long seed) {
        long[] a = values(shape, n, seed);
        long[] expected = a.clone();
        Arrays.sort(expected);
        long[] out = new long[n];
        LongSorter.sort(a, n, out);
        assertThat(out).containsExactly(expected);
    }

    /**
     * Values sharing their top bits, as one partition of {@link LongPartitions} holds, on both sides
     * of the size up to which the buckets are made for an array held in cache.
     */
    @ParameterizedTest
    @CsvSource({"uniform,300,10,21", "uniform,65535,10,22", "uniform,65536,12,23", "uniform,65537,1,24",
            "uniform,200000,16,25", "repeats,70000,4,26", "sameTopBits,66000,3,27"})
    void sortsValuesSharingTheirTopBits(String shape, int n, int sharedBits, long seed) {
        long[] a = values(shape, n, seed);
        long top = values("uniform", 1, seed)[0] & (-1L << (64 - sharedBits));
        for (int i = 0; i < n; i++) a[i] = top | (a[i] >>> sharedBits);
        long[] expected = a.clone();
        Arrays.sort(expected);
        long[] out = new long[n];
        LongSorter.sort(a, n, out, sharedBits);
        assertThat(out).containsExactly(expected);
    }

    /**
     * Arrays held in cache whose values agree on many bits below the shared ones (so the two digit
     * passes leave them unsorted among themselves): a few such values are put in place by the
     * insertion pass, a crafted array of them falls back to a comparison sort; both sort exactly.
     */
    @ParameterizedTest
    @CsvSource({"300,12,0,31", "6000,12,1,32", "6000,12,40,33", "65536,16,65536,34", "4000,0,4000,35", "5000,12,2500,36"})
    void sortsArraysHeldInCacheWhoseValuesAgreeBelowTheSharedBits(int n, int sharedBits, int agreeing, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long top = r.nextLong() & (sharedBits == 0 ? 0 : -1L << (64 - sharedBits));
        long prefix = (r.nextLong() >>> sharedBits) & (((1L << 22) - 1) << (64 - sharedBits - 22));
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            long below = r.nextLong() >>> sharedBits;
            if (i < agreeing) below = prefix | (below & ((1L << (64 - sharedBits - 22)) - 1));
            a[i] = top | below;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        long[] expected = a.clone();
        Arrays.sort(expected);
        long[] out = new long[n];
        LongSorter.sort(a, n, out, sharedBits);
        assertThat(out).containsExactly(expected);
    }

    @ParameterizedTest
    @CsvSource({"uniform,1000,11,1000", "uniform,10000,12,777", "repeats,5000,13,100", "sameTopBits,3000,14,4096"})
    void sortsAcrossSpilledRuns(String shape, int n, long seed, int chunk, @TempDir Path tmp) {
        long[] a = values(shape, n, seed);
        long[] expected = a.clone();
        Arrays.sort(expected);
        long[] got = new long[n];
        int k = 0;
        try (LongSorter sorter = new LongSorter(tmp, chunk)) {
            for (long v : a) sorter.add(v);
            LongSorter.Cursor c = sorter.sorted();
            while (c.next()) got[k++] = c.value();
        }
        assertThat(k).isEqualTo(n);
        assertThat(got).containsExactly(expected);
    }

    @ParameterizedTest
    @CsvSource({"uniform,0,1000,11", "uniform,999,1000,12", "uniform,10000,1000,13", "repeats,20000,4096,14",
            "sameTopBits,30000,777,15", "uniform,5000,100000,16"})
    void signHalvesReadOnTwoThreadsAreTheSortedValues(String shape, int n, int chunk, long seed, @TempDir Path dir)
            throws Exception {
        long[] a = values(shape, n, seed);
        long[] expected = a.clone();
        Arrays.sort(expected);
        try (LongSorter sorter = new LongSorter(dir, chunk)) {
            for (long v : a) sorter.add(v);
            java.util.List<LongSorter.Cursor> halves = sorter.sortedBySign();
            long[][] got = new long[2][];
            Thread other = new Thread(() -> got[1] = drain(halves.get(1)));
            other.start();
            got[0] = drain(halves.get(0));
            other.join();
            assertThat(Arrays.stream(got[0]).allMatch(v -> v < 0)).isTrue();
            assertThat(Arrays.stream(got[1]).allMatch(v -> v >= 0)).isTrue();
            long[] all = new long[n];
            System.arraycopy(got[0], 0, all, 0, got[0].length);
            System.arraycopy(got[1], 0, all, got[0].length, got[1].length);
            assertThat(all).containsExactly(expected);
        }
        try (java.util.stream.Stream<Path> left = java.nio.file.Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    private static long[] drain(LongSorter.Cursor c) {
        long[] out = new long[16];
        int n = 0;
        while (c.next()) {
            if (n == out.length) out = Arrays.copyOf(out, n * 2);
            out[n++] = c.value();
        }
        return Arrays.copyOf(out, n);
    }
}
