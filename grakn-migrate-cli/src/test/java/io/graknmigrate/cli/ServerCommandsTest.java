package io.graknmigrate.cli;

import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import io.graknmigrate.server.EmbeddedBackend;
import io.graknmigrate.server.MigrateServer;
import io.graknmigrate.server.proto.ExportFile;
import io.graknmigrate.server.proto.Job;
import io.graknmigrate.server.proto.MigrateServiceGrpc;
import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** export, import and schema with --server, and serve, over 127.0.0.1 against the real embedded store. */
class ServerCommandsTest {

    static final String SCHEMA = """
            define
            name sub attribute, value string;
            person sub entity, has name, plays employee;
            employment sub relation, relates employee;
            """;

    @TempDir
    Path dir;

    Path srv;
    MigrateServer server;
    Cli cli;
    String address;

    @BeforeEach
    void start() throws Exception {
        srv = Files.createDirectories(dir.resolve("srv"));
        Files.writeString(dir.resolve("schema.gql"), SCHEMA);
        cli = new Cli(dir);
        ok(cli.run("define", "people", "schema.gql", "--data", "srv"));
        writeBackup(dir.resolve("people.grakn"), "person", 50);
        ok(cli.run("import", "people", "people.grakn", "--data", "srv"));
        // The server may touch files under the test's directory: the client's files are the server's here.
        server = MigrateServer.builder(new EmbeddedBackend(new EmbeddedKeyspaces(srv)), dir).port(0).start();
        address = "127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.shutdown(Duration.ofSeconds(5));
    }

    static Cli.Result ok(Cli.Result r) {
        assertThat(r.code()).as(r.toString()).isZero();
        return r;
    }

    /** Exit 1 and exactly one line on stderr: error: ... naming the server. */
    static String oneError(Cli.Result r, String address) {
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        List<String> lines = r.stderr().lines().toList();
        assertThat(lines).as(r.toString()).hasSize(1);
        assertThat(lines.get(0)).startsWith("error: ").contains(address).doesNotContain("Exception");
        return lines.get(0);
    }

    static void writeBackup(Path file, String personLabel, int people) {
        try (ItemWriter w = ItemWriter.create(file)) {
            w.header("test", "people");
            for (int i = 0; i < people; i++) {
                w.write(Item.newBuilder().setAttribute(Item.Attribute.newBuilder().setId("n" + i).setLabel("name")
                        .setValue(ValueObject.newBuilder().setString("name " + i))).build());
                w.write(Item.newBuilder().setEntity(Item.Entity.newBuilder().setId("p" + i).setLabel(personLabel)
                        .addAttribute(Item.OwnedAttribute.newBuilder().setId("n" + i))).build());
            }
            w.write(Item.newBuilder().setRelation(Item.Relation.newBuilder().setId("r").setLabel("employment")
                    .addRole(Item.Relation.Role.newBuilder().setLabel("employee")
                            .addPlayer(Item.Relation.Role.Player.newBuilder().setId("p0"))
                            .addPlayer(Item.Relation.Role.Player.newBuilder().setId("p1")))).build());
            w.finish();
        }
    }

    static Item.Checksums checksums(Path file) {
        Item.Checksums c = null;
        try (ItemReader r = ItemReader.open(file)) {
            while (r.hasNext()) {
                Item i = r.next();
                if (i.hasChecksums()) c = i.getChecksums();
            }
        }
        return c;
    }

    @Test
    void exportStreamsTheKeyspaceIntoALocalFile() {
        Cli.Result r = ok(cli.run("export", "people", "remote.grakn", "--server", address));
        assertThat(r.out()).contains("exported 50 entities, 50 attributes, 1 relations").contains(address).contains("to remote.grakn");
        ok(cli.run("export", "people", "local.grakn", "--data", "srv"));
        assertThat(checksums(dir.resolve("remote.grakn"))).isEqualTo(checksums(dir.resolve("local.grakn")));
        ok(cli.run("verify", "remote.grakn"));
    }

    @Test
    void exportToStdout() throws Exception {
        Cli.Result r = ok(cli.run("export", "people", "-", "--server", address));
        Path copy = Files.write(dir.resolve("stdout.grakn"), r.stdout());
        assertThat(checksums(copy).getEntityCount()).isEqualTo(50);
        assertThat(r.stderr()).contains("exported 50 entities");
    }

    @Test
    void importWithRemapSendsTheAbsolutePath() {
        writeBackup(dir.resolve("humans.grakn"), "human", 7);
        Cli.Result r = ok(cli.run("import", "people", "humans.grakn", "human=person", "--server", address));
        assertThat(r.out()).contains("imported 15 things into people on " + address + " from " + dir.resolve("humans.grakn"));
        ok(cli.run("export", "people", "after.grakn", "--data", "srv"));
        assertThat(checksums(dir.resolve("after.grakn")).getEntityCount()).isEqualTo(57);
    }

    @Test
    void importOfAFileTheServerCannotSeeSaysSoPlainly() {
        Cli.Result r = cli.run("import", "people", "people.grakn", "--server", address, "--server-path", "/nonexistent/people.grakn");
        String line = oneError(r, address);
        assertThat(line).contains("/nonexistent/people.grakn").contains("SERVER").contains("--server-path");
    }

    @Test
    void importOutsideTheServersRootIsRefused() throws Exception {
        Path outside = Files.createTempFile("outside", ".grakn");
        try {
            writeBackup(outside, "person", 1);
            String line = oneError(cli.run("import", "people", outside.toString(), "--server", address), address);
            assertThat(line).contains("outside the directory this server may use").contains("--root");
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void importWithALabelTheServersSchemaLacks() {
        writeBackup(dir.resolve("humans.grakn"), "human", 3);
        String line = oneError(cli.run("import", "people", "humans.grakn", "--server", address), address);
        assertThat(line).contains("human");
    }

    @Test
    void importFromStdinOrWithLocalOnlyOptionsIsAUsageError() {
        assertThat(cli.run("import", "people", "-", "--server", address).code()).isEqualTo(2);
        assertThat(cli.run("import", "people", "people.grakn", "--clean", "--server", address).code()).isEqualTo(2);
        Cli.Result r = cli.run("import", "people", "people.grakn", "--server-path", "/x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: --server-path only applies with --server");
        assertThat(cli.run("schema", "people", "--server", "host:notaport").code()).isEqualTo(2);
    }

    @Test
    void schemaComesFromTheServer() {
        Cli.Result remote = ok(cli.run("schema", "people", "--server", address));
        Cli.Result local = ok(cli.run("schema", "people", "--data", "srv"));
        assertThat(remote.out()).isEqualTo(local.out()).contains("person sub entity");
    }

    @Test
    void aMissingKeyspaceIsOneLine() {
        String line = oneError(cli.run("schema", "nothere", "--server", address), address);
        assertThat(line).contains("nothere");
        oneError(cli.run("export", "nothere", "x.grakn", "--server", address), address);
        assertThat(dir.resolve("x.grakn")).doesNotExist();
    }

    @Test
    void anUnreachableServerIsOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String line = oneError(cli.run("export", "people", "x.grakn", "--server", "127.0.0.1:" + port), "127.0.0.1:" + port);
        assertThat(line).contains("cannot connect");
        assertThat(dir.resolve("x.grakn")).doesNotExist();
    }

    @Test
    void aPeerThatIsNotTheServiceIsOneLine() throws Exception {
        Server other = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build().start();
        try {
            String at = "127.0.0.1:" + other.getPort();
            assertThat(oneError(cli.run("schema", "people", "--server", at), at)).contains("does not offer migrate.MigrateService");
        } finally {
            other.shutdownNow().awaitTermination();
        }
    }

    /** A server like Grakn 1.8's that writes exports only on its own machine (no exportStream). */
    @Test
    void exportFallsBackToExportFileWithServerPath() throws Exception {
        List<String> paths = new ArrayList<>();
        Server old = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(new MigrateServiceGrpc.MigrateServiceImplBase() {
                    @Override
                    public void exportFile(ExportFile.Req request, StreamObserver<Job.Res> observer) {
                        paths.add(request.getName() + " " + request.getPath());
                        observer.onNext(Job.Res.newBuilder().setProgress(Job.Progress.newBuilder().setTotalCount(9).setCurrentProgress(4)).build());
                        observer.onNext(Job.Res.newBuilder().setCompletion(Job.Completion.newBuilder().setTotalCount(9)).build());
                        observer.onCompleted();
                    }
                }).build().start();
        try {
            String at = "127.0.0.1:" + old.getPort();
            String line = oneError(cli.run("export", "people", "x.grakn", "--server", at), at);
            assertThat(line).contains("--server-path").contains("exportStream");
            Cli.Result r = ok(cli.run("export", "people", "x.grakn", "--server", at, "--server-path", "/srv/backups/people.grakn"));
            assertThat(r.out()).contains("exported 9 things from people on " + at).contains("/srv/backups/people.grakn on the server's machine");
            assertThat(r.stderr()).contains("warning:");
            ok(cli.run("export", "people", "--server", at, "--server-path", "/srv/p2.grakn"));
            assertThat(paths).containsExactly("people /srv/backups/people.grakn", "people /srv/p2.grakn");
            assertThat(dir.resolve("x.grakn")).doesNotExist();
        } finally {
            old.shutdownNow().awaitTermination();
        }
    }

    /** grakn-migrate serve as its own process: prints its port, serves, and stops cleanly on SIGTERM. */
    @Test
    void serveAsAProcessStopsCleanlyOnSigterm() throws Exception {
        Process p = new ProcessBuilder(javaCommand("serve", "--port", "0", "--data", srv.toString(), "--root", dir.toString()))
                .redirectError(dir.resolve("serve.err").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertThat(first).isNotNull().startsWith("serving migrate.MigrateService on 127.0.0.1:")
                    .contains("data " + srv).contains("root " + dir.toRealPath());
            Matcher m = Pattern.compile("on 127\\.0\\.0\\.1:(\\d+) ").matcher(first);
            assertThat(m.find()).isTrue();
            String at = "127.0.0.1:" + m.group(1);
            ok(cli.run("export", "people", "viaserve.grakn", "--server", at));
            assertThat(checksums(dir.resolve("viaserve.grakn")).getEntityCount()).isEqualTo(50);
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(dir.resolve("serve.err"))).contains("stopped serving");
        } finally {
            p.destroyForcibly();
        }
        ok(cli.run("export", "people", "after.grakn", "--data", "srv"));
    }

    /** Ctrl-C in the client (SIGINT) cancels the call, and the server interrupts its job. */
    @Test
    void ctrlCInTheClientCancelsTheServersJob() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch interrupted = new java.util.concurrent.CountDownLatch(1);
        EmbeddedBackend real = new EmbeddedBackend(new EmbeddedKeyspaces(srv));
        // Holds the import at its start until the job thread is interrupted, so the signal surely lands mid-job.
        io.graknmigrate.server.MigrationBackend holding = new io.graknmigrate.server.MigrationBackend() {
            @Override public String schema(String keyspace) { return real.schema(keyspace); }
            @Override public void export(String keyspace, io.graknmigrate.migrate.ItemSink sink, io.graknmigrate.format.ProgressListener p) throws java.io.IOException {
                real.export(keyspace, sink, p);
            }
            @Override public long importFile(String keyspace, Path file, java.util.Map<String, String> remap, io.graknmigrate.format.ProgressListener p) throws java.io.IOException {
                started.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw new java.util.concurrent.CancellationException("cancelled");
                }
                return real.importFile(keyspace, file, remap, p);
            }
        };
        server.shutdown(Duration.ofSeconds(5));
        server = MigrateServer.builder(holding, dir).port(0).start();
        String at = "127.0.0.1:" + server.port();
        Process p = new ProcessBuilder(javaCommand("import", "people", dir.resolve("people.grakn").toString(), "--server", at))
                .redirectOutput(dir.resolve("client.out").toFile()).redirectError(dir.resolve("client.err").toFile()).start();
        try {
            assertThat(started.await(60, TimeUnit.SECONDS)).as("the import job started").isTrue();
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
            assertThat(kill.waitFor()).isZero();
            assertThat(interrupted.await(20, TimeUnit.SECONDS)).as("the server's job was interrupted").isTrue();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isNotZero();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void tlsWithATrustedCaFile() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(dir, "server");
        server.shutdown(Duration.ofSeconds(5));
        server = MigrateServer.builder(new EmbeddedBackend(new EmbeddedKeyspaces(srv)), dir).port(0)
                .tls(cert.certificate(), cert.privateKey()).start();
        String at = "127.0.0.1:" + server.port();
        assertThat(ok(cli.run("schema", "people", "--server", at, "--tls-ca", cert.certificate().toString())).out()).contains("person sub entity");
        assertThat(oneError(cli.run("schema", "people", "--server", at, "--connect-timeout", "2"), at)).contains("--tls");
    }

    static List<String> javaCommand(String... args) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "io.graknmigrate.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }
}
