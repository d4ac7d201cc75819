package io.graknmigrate.server;

import io.graknmigrate.format.ChecksumTally;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.client.MigrateClient;
import io.graknmigrate.client.ServerAddress;
import io.graknmigrate.client.ServerException;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Client and server of migrate.MigrateService over 127.0.0.1 on an ephemeral port. */
class MigrateServerTest {

    @TempDir
    Path tmp;

    Keyspaces keyspaces;
    GatedBackend backend;
    MigrateServer server;
    Path data;

    @BeforeEach
    void start() throws Exception {
        data = Files.createDirectories(tmp.resolve("data"));
        keyspaces = Keyspaces.open(data);
        backend = new GatedBackend(keyspaces.backend());
        backend.armed = false;
        server = MigrateServer.builder(backend, data).port(0).progressInterval(Duration.ofMillis(100)).start();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.shutdown(Duration.ofSeconds(5));
    }

    MigrateClient client() throws IOException {
        return client(MigrateClient.Options.plaintext().withConnectTimeout(Duration.ofSeconds(5)));
    }

    MigrateClient client(MigrateClient.Options options) throws IOException {
        return MigrateClient.connect(new ServerAddress("127.0.0.1", server.port()), options);
    }

    String address() {
        return "127.0.0.1:" + server.port();
    }

    List<String> signatures(List<Item> items) {
        List<String> s = new ArrayList<>();
        for (Item i : items) if (i.hasEntity() || i.hasAttribute() || i.hasRelation()) s.add(TestData.signature(i));
        Collections.sort(s);
        return s;
    }

    @Test
    void bindsLoopbackAndReportsTheEphemeralPort() {
        assertThat(server.port()).isPositive();
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void schemaComesBackAsTheServerPrintsIt() throws Exception {
        keyspaces.create("people", TestData.SCHEMA, TestData.people(3, "person"));
        try (MigrateClient client = client()) {
            assertThat(client.schema("people")).isEqualTo(backend.schema("people")).contains("person");
        }
    }

    @Test
    void exportStreamDeliversEveryItemAndChecksThem() throws Exception {
        List<Item> things = TestData.people(500, "person");
        keyspaces.create("people", TestData.SCHEMA, things);
        List<Item> received = new ArrayList<>();
        try (MigrateClient client = client()) {
            ChecksumTally tally = client.exportStream("people", received::add, ProgressListener.NONE);
            assertThat(tally.hasChecksums()).isTrue();
            assertThat(tally.things()).isEqualTo(things.size());
        }
        assertThat(received.get(0).hasHeader()).isTrue();
        assertThat(received.get(received.size() - 1).hasChecksums()).isTrue();
        assertThat(signatures(received)).isEqualTo(signatures(things));
    }

    @Test
    void exportFileWritesInsideTheRootWithProgressAndCompletion() throws Exception {
        List<Item> things = TestData.people(200, "person");
        keyspaces.create("people", TestData.SCHEMA, things);
        RecordingProgress progress = new RecordingProgress();
        Path out = data.resolve("backups/people.grakn");
        Files.createDirectories(out.getParent());
        try (MigrateClient client = client()) {
            long n = client.exportFile("people", out.toString(), progress);
            assertThat(n).isEqualTo(things.size());
        }
        assertThat(progress.starts).isNotEmpty();
        List<Item> written = read(out);
        assertThat(written.get(0).hasHeader()).isTrue();
        assertThat(signatures(written)).isEqualTo(signatures(things));
        try (var files = Files.list(out.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("people.grakn");
        }
    }

    @Test
    void relativeServerPathsResolveAgainstTheRoot() throws Exception {
        keyspaces.create("people", TestData.SCHEMA, TestData.people(10, "person"));
        try (MigrateClient client = client()) {
            client.exportFile("people", "relative.grakn", ProgressListener.NONE);
        }
        assertThat(data.resolve("relative.grakn")).isRegularFile();
    }

    @Test
    void importFileRemapsLabels() throws Exception {
        keyspaces.create("people", TestData.SCHEMA, List.of());
        List<Item> things = TestData.people(300, "human");
        Path file = TestData.file(data.resolve("humans.grakn"), things);
        RecordingProgress progress = new RecordingProgress();
        try (MigrateClient client = client()) {
            long n = client.importFile("people", file.toString(), Map.of("human", "person"), progress);
            assertThat(n).isEqualTo(things.size());
        }
        assertThat(signatures(keyspaces.things("people"))).isEqualTo(signatures(TestData.people(300, "person")));
    }

    @Test
    void importWithALabelTheSchemaLacksIsInvalidArgumentAndChangesNothing() throws Exception {
        keyspaces.create("people", TestData.SCHEMA, TestData.people(5, "person"));
        Path file = TestData.file(data.resolve("humans.grakn"), TestData.people(20, "human"));
        try (MigrateClient client = client()) {
            assertThatThrownBy(() -> client.importFile("people", file.toString(), Map.of(), ProgressListener.NONE))
                    .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT))
                    .hasMessageContaining(address()).hasMessageContaining("human");
        }
        assertThat(keyspaces.things("people")).hasSize(TestData.people(5, "person").size());
    }

    @Test
    void missingKeyspaceIsNotFound() throws Exception {
        try (MigrateClient client = client()) {
            assertThatThrownBy(() -> client.schema("nothere"))
                    .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.NOT_FOUND))
                    .hasMessageContaining(address()).hasMessageContaining("nothere");
            assertThatThrownBy(() -> client.exportStream("nothere", i -> { }, ProgressListener.NONE))
                    .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.NOT_FOUND));
        }
    }

    @Test
    void badKeyspaceNameIsInvalidArgument() throws Exception {
        try (MigrateClient client = client()) {
            assertThatThrownBy(() -> client.schema("../etc"))
                    .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        }
    }

    @Test
    void pathsOutsideTheRootArePermissionDenied() throws Exception {
        keyspaces.create("people", TestData.SCHEMA, TestData.people(5, "person"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path outsideFile = TestData.file(outside.resolve("x.grakn"), TestData.people(2, "person"));
        Path link = Files.createSymbolicLink(data.resolve("link"), outside);
        try (MigrateClient client = client()) {
            for (String path : List.of(outsideFile.toString(), data + "/../outside/x.grakn", "../outside/x.grakn", link + "/x.grakn")) {
                assertThatThrownBy(() -> client.importFile("people", path, Map.of(), ProgressListener.NONE))
                        .as(path)
                        .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED))
                        .hasMessageContaining("outside").hasMessageContaining("--root");
                assertThatThrownBy(() -> client.exportFile("people", path.replace("x.grakn", "new.grakn"), ProgressListener.NONE))
                        .as(path)
                        .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED));
            }
        }
        try (var files = Files.list(outside)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("x.grakn");
        }
    }

    @Test
    void aFileTheServerCannotOpenIsInvalidArgumentWithThePlainWordsAboutTheServer() throws Exception {
        keyspaces.create("people", TestData.SCHEMA, List.of());
        try (MigrateClient client = client()) {
            String missing = data.resolve("missing.grakn").toString();
            assertThatThrownBy(() -> client.importFile("people", missing, Map.of(), ProgressListener.NONE))
                    .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT))
                    .hasMessageContaining(missing).hasMessageContaining("SERVER").hasMessageContaining("--server-path");
        }
    }

    @Test
    void aBrokenFileIsRefusedAndChangesNothing() throws Exception {
        keyspaces.create("people", TestData.SCHEMA, TestData.people(5, "person"));
        Path junk = Files.write(data.resolve("junk.grakn"), new byte[]{(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 1, 2, 3});
        try (MigrateClient client = client()) {
            assertThatThrownBy(() -> client.importFile("people", junk.toString(), Map.of(), ProgressListener.NONE))
                    .isInstanceOf(ServerException.class).hasMessageContaining(address());
        }
        assertThat(keyspaces.things("people")).hasSize(TestData.people(5, "person").size());
    }

    @Test
    void cancellingAnImportInterruptsTheJobAndRollsBack() throws Exception {
        keyspaces.create("people", TestData.SCHEMA, TestData.people(5, "person"));
        List<Item> before = keyspaces.things("people");
        Path file = TestData.file(data.resolve("more.grakn"), TestData.people(2000, "person"));
        backend.armed = true;
        try (MigrateClient client = client()) {
            CompletableFuture<Long> result = CompletableFuture.supplyAsync(
                    () -> client.importFile("people", file.toString(), Map.of(), ProgressListener.NONE));
            assertThat(backend.atGate.await(20, TimeUnit.SECONDS)).isTrue();
            client.cancel();
            assertThatThrownBy(result::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(CancellationException.class);
        }
        assertThat(backend.nextOutcome()).isInstanceOf(CancellationException.class);
        backend.armed = false;
        assertThat(signatures(keyspaces.things("people"))).isEqualTo(signatures(before));
        try (MigrateClient client = client()) {
            assertThat(client.importFile("people", file.toString(), Map.of(), ProgressListener.NONE)).isPositive();
        }
    }

    @Test
    void cancellingAnExportStreamStopsTheServersJob() throws Exception {
        keyspaces.create("people", TestData.SCHEMA, TestData.people(300, "person"));
        backend.armed = true;
        try (MigrateClient client = client()) {
            List<Item> got = new ArrayList<>();
            CompletableFuture<ChecksumTally> result = CompletableFuture.supplyAsync(() -> client.exportStream("people", got::add, ProgressListener.NONE));
            assertThat(backend.atGate.await(20, TimeUnit.SECONDS)).isTrue();
            client.cancel();
            assertThatThrownBy(result::join).hasCauseInstanceOf(CancellationException.class);
        }
        assertThat(backend.nextOutcome()).isInstanceOf(CancellationException.class);
    }

    @Test
    void aDeadlineThatPassesIsOneClearErrorAndCancelsTheJob() throws Exception {
        keyspaces.create("people", TestData.SCHEMA, List.of());
        Path file = TestData.file(data.resolve("more.grakn"), TestData.people(100, "person"));
        backend.armed = true;
        try (MigrateClient client = client(MigrateClient.Options.plaintext().withTimeout(Duration.ofMillis(500)))) {
            assertThatThrownBy(() -> client.importFile("people", file.toString(), Map.of(), ProgressListener.NONE))
                    .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED))
                    .hasMessageContaining(address()).hasMessageContaining("0.5s").hasMessageContaining("--timeout");
        }
        assertThat(backend.nextOutcome()).isInstanceOf(CancellationException.class);
        assertThat(keyspaces.things("people")).isEmpty();
    }

    @Test
    void jobsRunOneAtATimeAndTheOthersWait() throws Exception {
        keyspaces.create("people", TestData.SCHEMA, TestData.people(50, "person"));
        backend.armed = true;
        try (MigrateClient first = client(); MigrateClient second = client()) {
            CompletableFuture<Long> running = CompletableFuture.supplyAsync(
                    () -> first.exportFile("people", "one.grakn", ProgressListener.NONE));
            assertThat(backend.atGate.await(20, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(
                    () -> second.exportFile("people", "two.grakn", ProgressListener.NONE));
            Thread.sleep(300);
            assertThat(waiting).isNotDone();
            assertThat(backend.outcomes).isEmpty();
            backend.armed = false;
            first.cancel();
            assertThatThrownBy(running::join).hasCauseInstanceOf(CancellationException.class);
            assertThat(waiting.get(20, TimeUnit.SECONDS)).isEqualTo(TestData.people(50, "person").size());
        }
        assertThat(data.resolve("one.grakn")).doesNotExist();
        assertThat(data.resolve("two.grakn")).isRegularFile();
    }

    @Test
    void shutdownCancelsRunningJobsAndTellsTheClient() throws Exception {
        keyspaces.create("people", TestData.SCHEMA, TestData.people(5, "person"));
        List<Item> before = keyspaces.things("people");
        Path file = TestData.file(data.resolve("more.grakn"), TestData.people(500, "person"));
        backend.armed = true;
        try (MigrateClient client = client()) {
            CompletableFuture<Long> result = CompletableFuture.supplyAsync(
                    () -> client.importFile("people", file.toString(), Map.of(), ProgressListener.NONE));
            assertThat(backend.atGate.await(20, TimeUnit.SECONDS)).isTrue();
            server.shutdown(Duration.ofSeconds(10));
            server = null;
            assertThatThrownBy(result::join).hasCauseInstanceOf(ServerException.class)
                    .cause().hasMessageContaining("shutting down");
        }
        assertThat(backend.nextOutcome()).isInstanceOf(CancellationException.class);
        backend.armed = false;
        assertThat(signatures(keyspaces.things("people"))).isEqualTo(signatures(before));
    }

    static List<Item> read(Path file) throws IOException {
        List<Item> items = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Item item;
            while ((item = Item.parseDelimitedFrom(in)) != null) items.add(item);
        }
        return items;
    }

    static final class RecordingProgress implements ProgressListener {
        final List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        final List<Long> updates = Collections.synchronizedList(new ArrayList<>());

        @Override public void start(String task, long total, String unit) { starts.add(total); }
        @Override public void update(long current) { updates.add(current); }
        @Override public void finish() { }
    }
}
