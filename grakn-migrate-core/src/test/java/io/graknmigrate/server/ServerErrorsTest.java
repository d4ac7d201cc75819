package io.graknmigrate.server;

import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.store.WriteTransaction;
import io.graknmigrate.client.MigrateClient;
import io.graknmigrate.client.ServerAddress;
import io.graknmigrate.client.ServerException;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every way a call can fail reaches the user as one line naming host:port. */
class ServerErrorsTest {

    @TempDir
    Path tmp;

    final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : cleanup) c.close();
    }

    static MigrateClient client(int port, Duration connectTimeout) throws IOException {
        return MigrateClient.connect(new ServerAddress("127.0.0.1", port),
                MigrateClient.Options.plaintext().withConnectTimeout(connectTimeout));
    }

    static void assertOneLine(Throwable e, String... parts) {
        assertThat(e).isInstanceOf(ServerException.class);
        assertThat(e.getMessage()).doesNotContain("\n");
        for (String p : parts) assertThat(e.getMessage()).contains(p);
    }

    @Test
    void nobodyListeningIsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (MigrateClient client = client(port, Duration.ofSeconds(5))) {
            Throwable e = catchIt(() -> client.schema("people"));
            assertOneLine(e, "127.0.0.1:" + port, "cannot connect", "48555");
            assertThat(((ServerException) e).code()).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void aPeerThatAcceptsButNeverSpeaksTimesOutWithAHint() throws Exception {
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        cleanup.add(silent);
        List<Socket> accepted = new ArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) accepted.add(silent.accept());
            } catch (IOException ignored) {
                // closed by the test
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        long start = System.nanoTime();
        try (MigrateClient client = client(silent.getLocalPort(), Duration.ofMillis(1500))) {
            Throwable e = catchIt(() -> client.schema("people"));
            assertOneLine(e, "127.0.0.1:" + silent.getLocalPort(), "no gRPC answer", "1.5s", "grpc.port");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void anHttp1ServerIsNotTakenForTheService() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        cleanup.add(() -> http.stop(0));
        int port = http.getAddress().getPort();
        try (MigrateClient client = client(port, Duration.ofSeconds(3))) {
            Throwable e = catchIt(() -> client.schema("people"));
            assertOneLine(e, "127.0.0.1:" + port);
            assertThat(e.getMessage()).containsAnyOf("does not speak gRPC", "no gRPC answer", "does not offer");
        }
    }

    @Test
    void aGrpcServerWithoutTheServiceIsNamedAsSuch() throws Exception {
        Server other = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build().start();
        cleanup.add(() -> other.shutdownNow().awaitTermination());
        int port = other.getPort();
        try (MigrateClient client = client(port, Duration.ofSeconds(5))) {
            Throwable e = catchIt(() -> client.schema("people"));
            assertOneLine(e, "127.0.0.1:" + port, "does not offer migrate.MigrateService/exportSchema", "Grakn");
            assertThat(((ServerException) e).code()).isEqualTo(Status.Code.UNIMPLEMENTED);
            Throwable s = catchIt(() -> client.exportStream("people", i -> { }, ProgressListener.NONE));
            assertThat(((ServerException) s).code()).isEqualTo(Status.Code.UNIMPLEMENTED);
        }
    }

    @Test
    void anUnknownHostIsNamed() throws Exception {
        try (MigrateClient client = MigrateClient.connect(new ServerAddress("no-such-host.invalid", 48555),
                MigrateClient.Options.plaintext().withConnectTimeout(Duration.ofSeconds(3)))) {
            Throwable e = catchIt(() -> client.schema("people"));
            assertOneLine(e, "no-such-host.invalid:48555");
        }
    }

    @Test
    void aBusyKeyspaceIsFailedPrecondition() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Keyspaces keyspaces = Keyspaces.open(data);
        keyspaces.create("people", TestData.SCHEMA, TestData.people(3, "person"));
        Path file = TestData.file(data.resolve("p.grakn"), TestData.people(10, "person"));
        MigrateServer server = MigrateServer.builder(keyspaces.backend(), data).port(0).start();
        cleanup.add(server);
        try (WriteTransaction held = keyspaces.embedded().store().write("people", false);
             MigrateClient client = client(server.port(), Duration.ofSeconds(5))) {
            Throwable e = catchIt(() -> client.importFile("people", file.toString(), Map.of(), ProgressListener.NONE));
            assertOneLine(e, "127.0.0.1:" + server.port(), "busy");
            assertThat(((ServerException) e).code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        }
    }

    @Test
    void aDamagedKeyspaceIsAnInternalErrorWithTheServersDescription() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Keyspaces keyspaces = Keyspaces.open(data);
        keyspaces.create("people", TestData.SCHEMA, TestData.people(3, "person"));
        Path db = keyspaces.embedded().store().file("people");
        Files.write(db, "this is not an SQLite database, it was overwritten by accident".repeat(100).getBytes(StandardCharsets.UTF_8));
        Files.deleteIfExists(Path.of(db + "-wal"));
        Files.deleteIfExists(Path.of(db + "-shm"));
        MigrateServer server = MigrateServer.builder(keyspaces.backend(), data).port(0).start();
        cleanup.add(server);
        try (MigrateClient client = client(server.port(), Duration.ofSeconds(5))) {
            Throwable e = catchIt(() -> client.exportStream("people", i -> { }, ProgressListener.NONE));
            assertOneLine(e, "127.0.0.1:" + server.port());
            assertThat(((ServerException) e).code()).isIn(Status.Code.INTERNAL, Status.Code.INVALID_ARGUMENT);
            assertThat(e.getMessage()).containsIgnoringCase("people");
        }
    }

    static Throwable catchIt(Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected a failure");
    }
}
