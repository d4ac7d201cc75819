package io.graknmigrate.diff;

import io.graknmigrate.format.Compression;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.Relabel;
import io.graknmigrate.format.proto.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.graknmigrate.diff.Graphs.entity;
import static io.graknmigrate.diff.Graphs.idOf;
import static io.graknmigrate.diff.Graphs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A side read from a plain file keeps where each item starts instead of a copy of its id, and reads
 * the id back to describe a thing; a compressed file or a stream keeps the ids. Both must describe
 * every thing alike, and a file changed under the comparison must be said to have changed, never
 * described with another thing's id.
 */
class IdsReadBackTest {

    @TempDir
    Path dir;

    @Test
    void idsReadBackFromAPlainFileAreTheIdsAGzipCopyKeeps() {
        for (long seed = 1; seed <= 3; seed++) {
            List<Item> things = GraphDiffTest.randomGraph(seed, 120);
            Path plain = write(dir.resolve("plain-" + seed + ".grakn"), things);
            Path gz = write(dir.resolve("gz-" + seed + ".grakn.gz"), things, Compression.GZIP);
            try (SideGraph p = Graphs.side(plain, "p", dir); SideGraph z = Graphs.side(gz, "z", dir)) {
                assertThat(p.things).isEqualTo(z.things).isPositive();
                for (long x = 0; x < p.things; x++) {
                    assertThat(p.id(x)).as("seed %d, thing %d", seed, x).isEqualTo(z.id(x));
                    assertThat(p.describeShort(x)).isEqualTo(z.describeShort(x));
                }
                // the things are numbered in file order, so each one's id is its item's
                List<Item> onlyThings = things.stream().filter(t -> t.getItemCase() != Item.ItemCase.HEADER).toList();
                for (int x = 0; x < onlyThings.size(); x++) assertThat(p.id(x)).isEqualTo(idOf(onlyThings.get(x)));
            }
        }
    }

    @Test
    void theReportOfAPlainPairNamesWhatTheReportOfItsGzipCopiesNames() {
        List<Item> a = GraphDiffTest.company();
        List<Item> b = GraphDiffTest.company();
        b.add(entity("p9", "person"));
        DiffResult plain = Graphs.diff(write(dir.resolve("a.grakn"), a), write(dir.resolve("b.grakn"), b));
        DiffResult gz = Graphs.diff(write(dir.resolve("a.grakn.gz"), a, Compression.GZIP), write(dir.resolve("b.grakn.gz"), b, Compression.GZIP));
        assertThat(plain.outcome()).isEqualTo(DiffResult.Outcome.DIFFERENT);
        assertThat(plain.onlyInB()).extracting(DiffResult.Example::id).isNotEmpty().isSubsetOf(b.stream().map(Graphs::idOf).toList());
        assertThat(plain.onlyInA()).isEqualTo(gz.onlyInA());
        assertThat(plain.onlyInB()).isEqualTo(gz.onlyInB());
    }

    @Test
    void aPipeNamedAsAFileKeepsItsIds() throws Exception {
        List<Item> a = GraphDiffTest.company();
        List<Item> b = GraphDiffTest.company();
        b.add(entity("p9", "person"));
        Path fa = write(dir.resolve("a.grakn"), a);
        Path fb = write(dir.resolve("b.grakn"), b);
        Path fifo = dir.resolve("b.pipe");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here: " + e.getMessage());
            return;
        }
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        // as `diff a.grakn <(cat b.grakn)` gives it: a path that is a pipe, read once
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, Files.readAllBytes(fb));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.start();
        DiffResult piped = GraphDiff.compare(DiffInput.file(fa, "a.grakn"), DiffInput.file(fifo, "b.pipe"), Relabel.none(),
                GraphDiff.DEFAULT_LIMIT, dir, ProgressListener.NONE);
        writer.join(10_000);
        DiffResult plain = Graphs.diff(fa, fb);
        assertThat(piped.outcome()).isEqualTo(DiffResult.Outcome.DIFFERENT);
        assertThat(piped.onlyInB()).isNotEmpty().isEqualTo(plain.onlyInB());
        assertThat(piped.onlyInA()).isEqualTo(plain.onlyInA());
    }

    @Test
    void anIdReadBackWhileInterruptedIsACancelNotAChangedFile() {
        Path file = write(dir.resolve("company.grakn"), GraphDiffTest.company());
        try (SideGraph g = Graphs.side(file, "company.grakn", dir)) {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> g.id(0)).isInstanceOf(java.util.concurrent.CancellationException.class);
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void aFileChangedUnderTheComparisonIsSaidToHaveChanged() throws IOException {
        Path file = write(dir.resolve("company.grakn"), GraphDiffTest.company());
        try (SideGraph g = Graphs.side(file, "company.grakn", dir)) {
            String first = g.id(0);
            assertThat(first).isNotEmpty();
            // another graph written over the same file (a copy made by rename would leave the open file as it was)
            Path other = write(dir.resolve("robots.grakn"), List.of(entity("someone-else-entirely", "robot"), entity("x", "robot")));
            Files.write(file, Files.readAllBytes(other));
            assertThatThrownBy(() -> g.id(g.things - 1)).isInstanceOf(DamagedGraphException.class)
                    .hasMessageStartingWith("company.grakn: the ")
                    .hasMessageContaining("the file changed while it was compared");
            Files.write(file, new byte[0]);
            assertThatThrownBy(() -> g.id(0)).isInstanceOf(DamagedGraphException.class)
                    .hasMessageContaining("the file changed while it was compared");
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("grakn-diff-")).toList()).isEmpty();
        }
    }
}
