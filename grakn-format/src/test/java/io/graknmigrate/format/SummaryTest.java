package io.graknmigrate.format;

import io.graknmigrate.format.proto.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.graknmigrate.format.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

class SummaryTest {

    @TempDir
    Path dir;

    /** Summarises in one pass and read in two halves on two threads, which must say exactly the same. */
    Summary summariseBothWays(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "s", ".grakn");
        Files.write(file, bytes);
        Summary whole = Summary.upToDamage(file, "s.grakn", ProgressListener.NONE, Long.MAX_VALUE);
        Summary halves = Summary.upToDamage(file, "s.grakn", ProgressListener.NONE, 0);
        assertThat(halves.toJson()).isEqualTo(whole.toJson());
        assertThat(halves.toText()).isEqualTo(whole.toText());
        assertThat(halves.damage() == null ? null : halves.damage().getMessage())
                .isEqualTo(whole.damage() == null ? null : whole.damage().getMessage());
        Files.delete(file);
        return whole;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void twoHalvesSummariseWhatOnePassSummarises(long seed) throws IOException {
        List<Item> items = mixedBackup(seed);
        Summary s = summariseBothWays(encode(items));
        assertThat(s.items()).isEqualTo(items.size());
        for (byte[] damaged : damagedCopies(items, seed)) assertThat(summariseBothWays(damaged).damage()).isNotNull();
    }

    /**
     * More labels than a summary names: the second half's new labels take the last free places in the
     * order they first occur, as in one pass, and the rest go to "(other labels)" alike.
     */
    @Test
    void beyondTheLabelLimitTheHalvesNameTheLabelsOnePassNames() throws IOException {
        List<Item> items = new ArrayList<>();
        items.add(header("1.8.4", "many-labels"));
        for (int i = 0; i < 90_000; i++) items.add(entity("E" + i, "a" + i));
        for (int i = 0; i < 20_000; i++) items.add(entity("F" + i, "b" + i));
        Summary s = summariseBothWays(encode(items));
        assertThat(s.labels()).anyMatch(l -> l.label().equals("(other labels)") && l.count() == 10_000);
    }

    @Test
    void theRealExportSummarisesAlikeBothWays() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(SIMULATION), "../shared not found: skipping");
        Summary s = summariseBothWays(Files.readAllBytes(SIMULATION));
        assertThat(s.counts()).isEqualTo(new Counts(6720, 15517, 8319, 17338, 28492));
    }
}
