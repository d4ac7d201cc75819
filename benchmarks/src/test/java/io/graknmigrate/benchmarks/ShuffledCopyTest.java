package io.graknmigrate.benchmarks;

import io.graknmigrate.diff.DiffInput;
import io.graknmigrate.diff.DiffResult;
import io.graknmigrate.diff.GraphDiff;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.Relabel;
import io.graknmigrate.format.Verification;
import io.graknmigrate.format.proto.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShuffledCopyTest {

    @Test
    void keepsHeaderAndChecksumsInPlaceAndEveryItemOnceInAnotherOrder(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("source.grakn");
        new SyntheticBackup(5_000, 7).writeTo(source);
        Path shuffled = dir.resolve("shuffled.grakn");
        long items = ShuffledCopy.write(source, shuffled, 42);

        List<Item> before = ScaledSimulationTest.parse(source);
        List<Item> after = ScaledSimulationTest.parse(shuffled);
        assertThat(items).isEqualTo(before.size());
        assertThat(Files.size(shuffled)).isEqualTo(Files.size(source));
        assertThat(after.get(0)).isEqualTo(before.get(0));
        assertThat(after.get(after.size() - 1)).isEqualTo(before.get(before.size() - 1));
        assertThat(after).containsExactlyInAnyOrderElementsOf(before).isNotEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file is left").hasSize(2);
        }

        assertThat(Verification.of(shuffled, "shuffled", ProgressListener.NONE, dir).ok()).isTrue();
        DiffResult r = GraphDiff.compare(DiffInput.file(source, "a"), DiffInput.file(shuffled, "b"), Relabel.none(),
                GraphDiff.DEFAULT_LIMIT, dir, ProgressListener.NONE);
        assertThat(r.equal()).as(r.toText()).isTrue();
    }

    @Test
    void theSeedDecidesTheOrder(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("source.grakn");
        new SyntheticBackup(2_000, 3).writeTo(source);
        Path one = dir.resolve("one.grakn");
        Path again = dir.resolve("again.grakn");
        Path other = dir.resolve("other.grakn");
        ShuffledCopy.write(source, one, 42);
        ShuffledCopy.write(source, again, 42);
        ShuffledCopy.write(source, other, 43);
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(one));
        assertThat(Files.readAllBytes(other)).isNotEqualTo(Files.readAllBytes(one));
    }

    @Test
    void neverReplacesAnExistingOutput(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("source.grakn");
        new SyntheticBackup(200, 1).writeTo(source);
        Path out = dir.resolve("out.grakn");
        Files.writeString(out, "keep me");
        assertThatThrownBy(() -> ShuffledCopy.write(source, out, 1)).isInstanceOf(IOException.class).hasMessageContaining("exists already");
        assertThat(Files.readString(out)).isEqualTo("keep me");
    }

    @Test
    void refusesAFileCutInAnItemAndLeavesNoOutput(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("source.grakn");
        new SyntheticBackup(500, 1).writeTo(source);
        byte[] bytes = Files.readAllBytes(source);
        Path cut = dir.resolve("cut.grakn");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        Path out = dir.resolve("out.grakn");
        assertThatThrownBy(() -> ShuffledCopy.write(cut, out, 1)).isInstanceOf(IOException.class).hasMessageContaining("runs past the end");
        assertThat(out).doesNotExist();
    }
}
