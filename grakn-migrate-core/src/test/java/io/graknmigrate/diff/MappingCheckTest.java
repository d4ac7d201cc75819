package io.graknmigrate.diff;

import io.graknmigrate.format.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class MappingCheckTest {

    @TempDir
    Path dir;

    /**
     * On a graph of several pieces (which the two threads take in turn), the identity holds, given as
     * no mapping or as a mapping file, and a mapping that swaps two things anywhere (first piece, a
     * middle one, the last thing) does not.
     */
    @Test
    void everyPieceIsCheckedWhicheverThreadTakesIt() {
        int things = 3 * Pieces.SIZE + 321;
        Path file = Graphs.write(dir.resolve("g.grakn"), GraphDiffTest.randomGraph(9, things));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (SideGraph a = Graphs.side(file, "a", dir); SideGraph b = Graphs.side(file, "b", dir);
             MappedFile mapping = MappedFile.longs(dir, "mapping", things)) {
            assertThat(MappingCheck.holds(a, b, null, other, ProgressListener.NONE)).isTrue();
            for (long x = 0; x < things; x++) mapping.setLong(x, x);
            assertThat(MappingCheck.holds(a, b, mapping, other, ProgressListener.NONE)).isTrue();
            for (long x : new long[] {5, 2L * Pieces.SIZE + 17, things - 1}) {
                // a thing of another kind or label, so the swap cannot be an automorphism
                long y = 0;
                while (a.meta(y) == a.meta(x)) y++;
                mapping.setLong(x, y);
                mapping.setLong(y, x);
                assertThat(MappingCheck.holds(a, b, mapping, other, ProgressListener.NONE)).as("thing %d swapped", x).isFalse();
                mapping.setLong(x, x);
                mapping.setLong(y, y);
            }
        } finally {
            other.shutdownNow();
        }
    }
}
