package io.graknmigrate.diff;

import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.Relabel;
import io.graknmigrate.migrate.ImportOptions;
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

/** The real Grakn 1.8 export against its round trip through an embedded keyspace. */
class FixtureDiffTest {

    static final Path FIXTURES = Path.of("../../shared/fixtures/grakn-1.8");

    @TempDir
    Path dir;

    @Test
    void simulationEqualsItsRoundTripThroughAKeyspace() throws Exception {
        assumeTrue(Files.isDirectory(FIXTURES), "../shared not found: skipping the Grakn 1.8 fixture test (" + FIXTURES.toAbsolutePath() + ")");
        Path simulation = FIXTURES.resolve("simulation.grakn");
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(dir.resolve("data"));
        keyspaces.define("simulation", List.of(
                new GraqlSource("schema.gql", Files.readString(FIXTURES.resolve("schema.gql"))),
                new GraqlSource("schema-pt2.gql", Files.readString(FIXTURES.resolve("schema-pt2.gql")))), w -> { });
        try (ItemReader reader = ItemReader.open(simulation)) {
            keyspaces.importFile("simulation", reader, ImportOptions.defaults().withRelabel(Relabel.of(Map.of("value", "monetary-value"))), ProgressListener.NONE);
        }
        Path exported = dir.resolve("simulation-export.grakn");
        try (ItemWriter writer = ItemWriter.create(exported)) {
            keyspaces.export("simulation", ItemSinks.to(writer), ProgressListener.NONE);
        }
        Relabel remap = Relabel.parse(List.of("value=monetary-value"));
        DiffInput original = DiffInput.file(simulation, "simulation.grakn");
        DiffResult viaKeyspace = GraphDiff.compare(original,
                DiffInput.keyspace("keyspace:simulation", () -> keyspaces.store().read("simulation")), remap, 10, dir, ProgressListener.NONE);
        assertThat(viaKeyspace.outcome()).as(viaKeyspace.toText()).isEqualTo(DiffResult.Outcome.EQUAL);
        assertThat(viaKeyspace.countsA().things()).isEqualTo(6720 + 15517 + 8319);
        assertThat(viaKeyspace.countsB().rolePlayers()).isEqualTo(17338);

        DiffResult viaFile = GraphDiff.compare(DiffInput.file(simulation, "simulation.grakn"),
                DiffInput.file(exported, "simulation-export.grakn"), remap, 10, dir, ProgressListener.NONE);
        assertThat(viaFile.outcome()).as(viaFile.toText()).isEqualTo(DiffResult.Outcome.EQUAL);

        // The fixture holds no item labelled value (Grakn's test passes the remap anyway): a real relabel must show.
        DiffResult relabelled = GraphDiff.compare(DiffInput.file(simulation, "simulation.grakn"),
                DiffInput.file(exported, "simulation-export.grakn"), Relabel.parse(List.of("person=human")), 10, dir, ProgressListener.NONE);
        assertThat(relabelled.outcome()).isEqualTo(DiffResult.Outcome.DIFFERENT);
        assertThat(relabelled.labels()).anySatisfy(r -> {
            assertThat(r.label()).isEqualTo("person");
            assertThat(r.inA()).isZero();
            assertThat(r.onlyInB()).isEqualTo(r.inB()).isPositive();
        });
        assertThat(relabelled.onlyInA()).hasSize(10).allSatisfy(e -> assertThat(e.label()).isEqualTo("human"));
    }
}
