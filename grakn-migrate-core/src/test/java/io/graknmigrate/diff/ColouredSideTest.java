package io.graknmigrate.diff;

import io.graknmigrate.format.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ColouredSideTest {

    @TempDir
    Path dir;

    /**
     * A round along out-edges worked on by two threads taking pieces in turn gives every thing the
     * colour one thread gives it (a side of several pieces, so the threads interleave), and undoing
     * it goes back to the colours before the round, redoing it forward again.
     */
    @Test
    void aRoundSharedByTwoThreadsColoursAsOneThreadDoesAndCanBeUndone() throws Exception {
        int things = 3 * Pieces.SIZE + 123;
        Path file = Graphs.write(dir.resolve("g.grakn"), GraphDiffTest.randomGraph(5, things));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (SideGraph g1 = Graphs.side(file, "one", dir); SideGraph g2 = Graphs.side(file, "two", dir);
             ColouredSide alone = new ColouredSide(g1, dir); ColouredSide shared = new ColouredSide(g2, dir)) {
            assertThat(g1.things).isEqualTo(things);
            alone.colourThings();
            shared.colourThings();
            long[] before = colours(shared);
            for (int round = 1; round <= 2; round++) {
                alone.startRound();
                alone.refinePieces(new Pieces(things), ProgressListener.NONE);
                alone.endRound();
                shared.startRound();
                Pieces pieces = new Pieces(things);
                Future<?> f = other.submit(() -> shared.refinePieces(pieces, ProgressListener.NONE));
                shared.refinePieces(pieces, ProgressListener.NONE);
                f.get();
                shared.endRound();
                assertThat(colours(shared)).as("round %d", round).isEqualTo(colours(alone));
                if (round == 1) {
                    long[] after = colours(shared);
                    assertThat(after).isNotEqualTo(before);
                    shared.undoRound();
                    assertThat(colours(shared)).isEqualTo(before);
                    shared.redoRound();
                    assertThat(colours(shared)).isEqualTo(after);
                    before = after;
                }
            }
            long[] distinct = Arrays.stream(colours(alone)).distinct().toArray();
            assertThat(distinct.length).as("the rounds split the look-alikes").isGreaterThan(100);
        } finally {
            other.shutdownNow();
        }
    }

    private static long[] colours(ColouredSide s) {
        long[] c = new long[(int) s.g.things];
        for (int x = 0; x < c.length; x++) c[x] = s.colour.getLong(x);
        return c;
    }
}
