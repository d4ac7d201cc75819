package io.graknmigrate.diff;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class RecordSorterTest {

    @TempDir
    Path dir;

    /**
     * Keys drawn from three values far apart (long runs of one key), or from all longs, or (seeds 8
     * and up) from small numbers (one bucket of the top bits, told apart by the low digits); values
     * the insertion order.
     */
    @ParameterizedTest
    @CsvSource({"0, 1, 5", "1, 10, 2", "2, 1000, 7", "3, 100000, 3", "4, 3, 100000", "5, 100000, 1000", "6, 2, 300000", "7, 300000, 300000", "8, 100000, 100000", "9, 50000, 7000"})
    void sortsStablyBySignedKeyInAndOutOfMemory(long seed, int n, int chunk) {
        SplittableRandom r = new SplittableRandom(seed);
        int distinct = seed % 2 == 0 ? 3 : Integer.MAX_VALUE;
        long[][] expected = new long[n][];
        try (RecordSorter s = new RecordSorter(dir, chunk)) {
            for (int i = 0; i < n; i++) {
                long key = seed >= 8 ? r.nextInt(700) - 200 : distinct == 3 ? (r.nextInt(distinct) - 1) * Long.MAX_VALUE : r.nextLong();
                expected[i] = new long[] {key, i};
                s.add(key, i);
            }
            Arrays.sort(expected, Comparator.<long[]>comparingLong(x -> x[0]).thenComparingLong(x -> x[1]));
            RecordSorter.Cursor c = s.sorted();
            for (int i = 0; i < n; i++) {
                assertThat(c.next()).isTrue();
                assertThat(new long[] {c.key(), c.value()}).as("record %d of %d", i, n).containsExactly(expected[i]);
            }
            assertThat(c.next()).isFalse();
        }
    }
}
