package io.graknmigrate.server;

import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.client.MigrateClient;
import io.graknmigrate.client.ServerAddress;
import io.graknmigrate.client.ServerException;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A hostile client over 127.0.0.1 names the store's own files as exportFile/importFile paths, in
 * every spelling it can think of, with the root at the data directory itself (the worst case an
 * operator can configure). Every attempt is refused and no file of the data directory changes.
 */
class HostilePathsTest {

    @TempDir
    Path tmp;
    Path data;
    Keyspaces keyspaces;
    MigrateServer server;

    @BeforeEach
    void twoKeyspaces() throws Exception {
        data = Files.createDirectories(tmp.resolve("data"));
        keyspaces = Keyspaces.open(data);
        keyspaces.create("victim", TestData.SCHEMA, TestData.people(20, "person"));
        keyspaces.create("other", TestData.SCHEMA, TestData.people(5, "person"));
        server = MigrateServer.builder(keyspaces.backend(), data).port(0).start();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.shutdown(Duration.ofSeconds(5));
    }

    private MigrateClient client() throws Exception {
        return MigrateClient.connect(new ServerAddress("127.0.0.1", server.port()),
                MigrateClient.Options.plaintext().withConnectTimeout(Duration.ofSeconds(5)));
    }

    private List<String> spellings() throws Exception {
        Path victim = data.resolve("victim.sqlite");
        Files.createDirectories(data.resolve("backups"));
        Files.createSymbolicLink(data.resolve("link.grakn"), victim);
        Files.createSymbolicLink(data.resolve("backups/up"), data);
        Files.createLink(data.resolve("hard.grakn"), victim);
        List<String> s = new ArrayList<>(List.of(
                "victim.sqlite", "./victim.sqlite", "backups/../victim.sqlite", "backups/up/victim.sqlite",
                victim.toString(), data + "/./backups/../victim.sqlite", "//" + victim,
                "VICTIM.sqlite", "Victim.SQLITE", "victim.sqlite-wal", "victim.sqlite-shm", "victim.sqlite-journal",
                "VICTIM.SQLITE-WAL", "other.sqlite", "new.sqlite",
                "link.grakn", "hard.grakn", "backups/up/link.grakn"));
        return s;
    }

    @Test
    void noSpellingOfAKeyspaceFileIsWrittenOrRead() throws Exception {
        List<String> paths = spellings();
        TreeMap<String, String> before = snapshot(data);
        try (MigrateClient client = client()) {
            for (String path : paths) {
                assertThatThrownBy(() -> client.exportFile("other", path, ProgressListener.NONE))
                        .as("exportFile %s", path)
                        .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED))
                        .hasMessageContaining(path);
                assertThatThrownBy(() -> client.importFile("victim", path, Map.of(), ProgressListener.NONE))
                        .as("importFile %s", path)
                        .isInstanceOf(ServerException.class)
                        .satisfies(e -> assertThat(((ServerException) e).code()).isIn(Status.Code.PERMISSION_DENIED, Status.Code.INVALID_ARGUMENT));
            }
        }
        assertThat(snapshot(data)).as("every file of the data directory byte-identical").isEqualTo(before);
        assertThat(keyspaces.things("victim")).hasSize(TestData.people(20, "person").size());
        assertThat(keyspaces.things("other")).hasSize(TestData.people(5, "person").size());
    }

    @Test
    void exportFileReplacesOnlyABackup() throws Exception {
        Path notes = Files.writeString(data.resolve("notes.txt"), "my notes\n");
        Path backup = data.resolve("old.grakn");
        try (MigrateClient client = client()) {
            assertThatThrownBy(() -> client.exportFile("other", "notes.txt", ProgressListener.NONE))
                    .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED))
                    .hasMessageContaining("notes.txt").hasMessageContaining("not a .grakn backup");
            assertThat(Files.readString(notes)).isEqualTo("my notes\n");
            client.exportFile("other", "old.grakn", ProgressListener.NONE);
            long n = client.exportFile("victim", "old.grakn", ProgressListener.NONE);
            assertThat(n).isEqualTo(TestData.people(20, "person").size());
        }
        assertThat(backup).isRegularFile();
    }

    static TreeMap<String, String> snapshot(Path dir) throws Exception {
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    files.put(dir.relativize(p).toString(),
                            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                }
            }
        }
        return files;
    }
}
