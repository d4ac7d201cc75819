package io.graknmigrate.diff;

import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.Relabel;
import io.graknmigrate.format.proto.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.graknmigrate.diff.Graphs.disguised;
import static io.graknmigrate.diff.Graphs.entity;
import static io.graknmigrate.diff.Graphs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The path a comparison of 10M-item files takes, on small graphs: every sort (id resolution, colour
 * histograms, pairing) given a chunk of a few records, so each spills many runs to disk and merges
 * them. The answers must be those of the in-memory path, and nothing may be left in the temp dir.
 */
class SpilledDiffTest {

    @TempDir
    Path dir;

    private DiffResult compare(Path a, Path b, int chunk) {
        return GraphDiff.compare(DiffInput.file(a, "a.grakn"), DiffInput.file(b, "b.grakn"), Relabel.none(),
                GraphDiff.DEFAULT_LIMIT, dir, ProgressListener.NONE, chunk);
    }

    private long tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".grakn")).count();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 64})
    void spilledSortsGiveTheInMemoryAnswers(int chunk) throws IOException {
        for (long seed = 1; seed <= 4; seed++) {
            List<Item> random = GraphDiffTest.randomGraph(seed, 150);
            // odd seeds: Grakn's ids (known by their numbers) against text ids
            List<Item> a = seed % 2 == 1 ? Graphs.withGraknIds(random, seed) : random;
            Path fa = write(dir.resolve("a.grakn"), a);
            Path same = write(dir.resolve("same.grakn"), disguised(a, seed));
            DiffResult equal = compare(fa, same, chunk);
            assertThat(equal.outcome()).as("seed %d, chunk %d", seed, chunk).isEqualTo(DiffResult.Outcome.EQUAL);
            assertThat(equal.toText()).isEqualTo(compare(fa, same, 1 << 20).toText());
            Path inOrder = write(dir.resolve("in-order.grakn"), Graphs.reIdentified(a, seed));
            assertThat(compare(fa, inOrder, chunk).rounds()).isZero();

            List<Item> changed = GraphDiffTest.company();
            Path c = write(dir.resolve("company.grakn"), changed);
            changed.remove(changed.size() - 1);
            changed.add(entity("p9", "person"));
            Path other = write(dir.resolve("other.grakn"), disguised(changed, seed));
            DiffResult spilled = compare(c, other, chunk);
            assertThat(spilled.outcome()).isEqualTo(DiffResult.Outcome.DIFFERENT);
            assertThat(spilled.labels()).isEqualTo(compare(c, other, 1 << 20).labels());
            assertThat(spilled.onlyInATotal()).isEqualTo(compare(c, other, 1 << 20).onlyInATotal());
        }
        assertThat(tempFiles()).isZero();
    }

    @Test
    void damageIsFoundWhenTheIdSortsSpill() throws IOException {
        List<Item> duplicate = GraphDiffTest.company();
        duplicate.add(entity("p1", "person"));
        Path good = write(dir.resolve("good.grakn"), GraphDiffTest.company());
        Path dup = write(dir.resolve("dup.grakn"), duplicate);
        assertThatThrownBy(() -> compare(dup, good, 2)).isInstanceOf(DamagedGraphException.class)
                .hasMessageStartingWith("a.grakn: id p1 is used by two things (entity p1 (person) and entity p1 (person))");
        List<Item> dangling = GraphDiffTest.company();
        dangling.add(entity("p8", "person", "gone"));
        Path bad = write(dir.resolve("bad.grakn"), dangling);
        assertThatThrownBy(() -> compare(good, bad, 2)).isInstanceOf(DamagedGraphException.class)
                .hasMessage("b.grakn: entity p8 (person) owns an attribute that is not in the input (reference 1 of the thing);"
                        + " the input is damaged, run grakn-migrate verify on it");
        assertThat(tempFiles()).isZero();
    }

    /**
     * The id merge runs in two halves of the fingerprints, on either thread: with defects spread over
     * both halves, the one named is still the first in the side's order (the lowest-numbered thing
     * whose id repeats one before it, or the first dangling reference), spilled or not, and side b,
     * the larger, is helped by a's thread.
     */
    @ParameterizedTest
    @ValueSource(ints = {3, 1 << 20})
    void theFirstDefectIsNamedWhicheverHalfFindsIt(int chunk) throws IOException {
        Path good = write(dir.resolve("good.grakn"), GraphDiffTest.company());
        List<Item> duplicates = GraphDiffTest.company();
        for (int i = 0; i < 40; i++) duplicates.add(entity("dup" + i, "person"));
        for (int i = 39; i >= 0; i--) duplicates.add(entity("dup" + i, "person"));
        // one id many times over: more definitions of one fingerprint than a join's table holds
        for (int i = 0; i < 50; i++) duplicates.add(entity("same", "person"));
        Path dup = write(dir.resolve("dup.grakn"), duplicates);
        assertThatThrownBy(() -> compare(good, dup, chunk)).isInstanceOf(DamagedGraphException.class)
                .hasMessageStartingWith("b.grakn: id dup39 is used by two things (entity dup39 (person) and entity dup39 (person))");
        List<Item> dangling = GraphDiffTest.company();
        for (int i = 0; i < 40; i++) dangling.add(entity("lost" + i, "person", "gone" + (39 - i)));
        Path bad = write(dir.resolve("bad.grakn"), dangling);
        assertThatThrownBy(() -> compare(good, bad, chunk)).isInstanceOf(DamagedGraphException.class)
                .hasMessage("b.grakn: entity lost0 (person) owns an attribute that is not in the input (reference 1 of the thing);"
                        + " the input is damaged, run grakn-migrate verify on it");
        assertThat(tempFiles()).isZero();
    }

    /**
     * A shuffled, re-id'd copy (the identity pairing fails at once, the colours are made and sorted)
     * and a copy in the same order with other ids (confirmed by the identity pairing, no colours made)
     * are equal, with the sorts spilled and side b several times the larger.
     */
    @Test
    void shuffledAndInOrderCopiesAreEqualWhenTheSortsSpill() throws IOException {
        List<Item> a = GraphDiffTest.randomGraph(9, 400);
        Path fa = write(dir.resolve("a.grakn"), a);
        Path shuffled = write(dir.resolve("shuffled.grakn"), disguised(a, 9));
        Path inOrder = write(dir.resolve("in-order.grakn"), Graphs.reIdentified(a, 9));
        for (int chunk : new int[] {2, 17, 1 << 20}) {
            DiffResult s = compare(fa, shuffled, chunk);
            assertThat(s.outcome()).as("chunk %d", chunk).isEqualTo(DiffResult.Outcome.EQUAL);
            DiffResult o = compare(fa, inOrder, chunk);
            assertThat(o.outcome()).isEqualTo(DiffResult.Outcome.EQUAL);
            assertThat(o.rounds()).isZero();
        }
        assertThat(tempFiles()).isZero();
    }
}
