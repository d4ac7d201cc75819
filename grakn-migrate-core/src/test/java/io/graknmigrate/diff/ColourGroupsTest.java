package io.graknmigrate.diff;

import io.graknmigrate.sort.MappedFile;
import io.graknmigrate.sort.RecordSorter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ColourGroupsTest {

    @TempDir
    Path dir;

    /**
     * Group after group, the sorted groups list every (colour, thing) pair in signed colour order and
     * the things of one colour in thing order, whatever the group bits and the sort chunk (a group
     * larger than the chunk is sorted in pieces and merged), through fills of new colours into the same
     * file; the reference is a plain sort of the pairs. Colours are skewed as before the first round:
     * a few colours held by many things (one holding a third), the rest hashes.
     */
    @ParameterizedTest
    @CsvSource({"0, 0, 1000000", "1, 0, 1000000", "1000, 0, 17", "5000, 1, 1000000", "5000, 3, 2", "20000, 3, 700", "20000, 5, 100000"})
    void sortedGroupsListThePairsInColourOrderAndThingsInThingOrder(int things, int bits, int chunk) {
        SplittableRandom r = new SplittableRandom(things * 31L + bits * 7L + chunk);
        long[] common = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE, r.nextLong()};
        try (MappedFile colour = MappedFile.longs(dir, "colour", Math.max(1, things));
             ColourGroups groups = new ColourGroups(dir, things, bits, chunk)) {
            long[][] buffers = new long[2][];
            for (int fill = 0; fill < 2; fill++) {
                long[] c = new long[things];
                for (int x = 0; x < things; x++) {
                    int pick = r.nextInt(10);
                    c[x] = x % 3 == 0 ? common[fill] : pick < 3 ? common[2 + pick] : r.nextLong();
                    colour.setLong(x, c[x]);
                }
                groups.fill(colour, things);
                Integer[] order = new Integer[things];
                for (int x = 0; x < things; x++) order[x] = x;
                Arrays.sort(order, Comparator.<Integer>comparingLong(x -> c[x]).thenComparingInt(x -> x));
                int at = 0;
                for (int k = 0; k < groups.groups(); k++) {
                    RecordSorter.Cursor cursor = groups.sorted(k, buffers);
                    while (cursor.next()) {
                        assertThat(at).as("fill %d: more pairs than things", fill).isLessThan(things);
                        assertThat(cursor.value()).as("fill %d, pair %d", fill, at).isEqualTo((long) order[at]);
                        assertThat(cursor.key()).isEqualTo(c[order[at]]);
                        at++;
                    }
                }
                assertThat(at).as("fill %d: every pair once", fill).isEqualTo(things);
            }
        }
    }

    /** Sides one sort holds need no groups, and no file. */
    @ParameterizedTest
    @CsvSource({"0, 16, 0", "16, 16, 0", "17, 16, 0", "1000000, 1000000, 0", "1000001, 1000000, 2", "10000000, 1000000, 6"})
    void groupBitsAreNoneWhenOneSortHoldsASide(long things, int chunk, int bits) throws Exception {
        assertThat(ColourGroups.bitsFor(things, chunk)).isEqualTo(bits);
        try (ColourGroups ignored = new ColourGroups(dir, Math.min(things, 16), 0, 16); var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
