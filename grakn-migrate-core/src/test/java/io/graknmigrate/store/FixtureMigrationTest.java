package io.graknmigrate.store;

import io.graknmigrate.format.Relabel;
import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.migrate.ImportSummary;
import io.graknmigrate.migrate.ItemSinks;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.embedded.EmbeddedKeyspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Grakn 1.8's own migration acceptance test, reproduced on the embedded store with its real files. */
class FixtureMigrationTest {

    static final Path FIXTURES = Path.of("../../shared/fixtures/grakn-1.8");

    @TempDir
    Path dir;

    @Test
    void simulationImportsWithRemapAndExportsWithTheSameChecksums() throws Exception {
        assumeTrue(Files.isDirectory(FIXTURES), "../shared not found: skipping the Grakn 1.8 fixture test (" + FIXTURES.toAbsolutePath() + ")");
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(dir.resolve("data"));
        keyspaces.define("simulation", List.of(
                new GraqlSource("schema.gql", Files.readString(FIXTURES.resolve("schema.gql"))),
                new GraqlSource("schema-pt2.gql", Files.readString(FIXTURES.resolve("schema-pt2.gql")))), w -> { });

        ImportSummary imported;
        try (ItemReader reader = ItemReader.open(FIXTURES.resolve("simulation.grakn"))) {
            imported = keyspaces.importFile("simulation", reader,
                    ImportOptions.defaults().withRelabel(Relabel.of(Map.of("value", "monetary-value"))), ProgressListener.NONE);
        }
        assertThat(imported.checksumsPresent()).isTrue();
        assertThat(imported.violationsSkipped()).isZero();

        Path out = dir.resolve("simulation-export.grakn");
        try (ItemWriter writer = ItemWriter.create(out)) {
            keyspaces.export("simulation", ItemSinks.to(writer), ProgressListener.NONE);
        }
        Item.Checksums original = TestData.checksumsOf(TestData.read(FIXTURES.resolve("simulation.grakn")));
        List<Item> exported = TestData.read(out);
        Item.Checksums again = TestData.checksumsOf(exported);
        assertThat(again).isEqualTo(original);
        assertThat(again.getEntityCount()).isEqualTo(6720);
        assertThat(again.getAttributeCount()).isEqualTo(15517);
        assertThat(again.getRelationCount()).isEqualTo(8319);
        assertThat(again.getRoleCount()).isEqualTo(17338);
        assertThat(again.getOwnershipCount()).isEqualTo(28492);
        assertThat(TestData.canonical(exported)).isEqualTo(TestData.canonical(TestData.read(FIXTURES.resolve("simulation.grakn"))));
    }
}
