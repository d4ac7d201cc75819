package io.graknmigrate.server;

import io.graknmigrate.format.ChecksumTally;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.client.MigrateClient;
import io.graknmigrate.client.ServerAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Grakn 1.8's migration acceptance test with its real files, driven over the migration service. */
class FixtureOverServerTest {

    static final Path FIXTURES = Path.of("../../shared/fixtures/grakn-1.8");

    @TempDir
    Path tmp;

    @Test
    void simulationImportedOverTheServiceStreamsBackWithTheSameChecksums() throws Exception {
        assumeTrue(Files.isDirectory(FIXTURES), "../shared not found: skipping the Grakn 1.8 fixture test (" + FIXTURES.toAbsolutePath() + ")");
        Keyspaces keyspaces = Keyspaces.open(Files.createDirectories(tmp.resolve("data")));
        keyspaces.embedded().define("simulation", List.of(
                new GraqlSource("schema.gql", Files.readString(FIXTURES.resolve("schema.gql"))),
                new GraqlSource("schema-pt2.gql", Files.readString(FIXTURES.resolve("schema-pt2.gql")))), w -> { });
        // The fixtures directory is the root: the server may read the real export from there.
        try (MigrateServer server = MigrateServer.builder(keyspaces.backend(), FIXTURES).port(0).start();
             MigrateClient client = MigrateClient.connect(new ServerAddress("127.0.0.1", server.port()), MigrateClient.Options.plaintext())) {
            MigrateServerTest.RecordingProgress progress = new MigrateServerTest.RecordingProgress();
            long imported = client.importFile("simulation", FIXTURES.resolve("simulation.grakn").toAbsolutePath().toString(),
                    Map.of("value", "monetary-value"), progress);
            assertThat(imported).isEqualTo(6720 + 15517 + 8319);

            List<Item> items = new ArrayList<>();
            ChecksumTally tally = client.exportStream("simulation", items::add, io.graknmigrate.format.ProgressListener.NONE);
            Item.Checksums c = tally.counted();
            assertThat(c.getEntityCount()).isEqualTo(6720);
            assertThat(c.getAttributeCount()).isEqualTo(15517);
            assertThat(c.getRelationCount()).isEqualTo(8319);
            assertThat(c.getRoleCount()).isEqualTo(17338);
            assertThat(c.getOwnershipCount()).isEqualTo(28492);
            assertThat(items.get(items.size() - 1).getChecksums()).isEqualTo(c);

            assertThat(client.schema("simulation")).isEqualTo(keyspaces.embedded().schema("simulation"));
        }
    }
}
