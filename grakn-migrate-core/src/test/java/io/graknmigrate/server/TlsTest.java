package io.graknmigrate.server;

import io.graknmigrate.client.MigrateClient;
import io.graknmigrate.client.ServerAddress;
import io.graknmigrate.client.ServerException;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TLS between client and server, with a self-signed certificate made for the test. */
class TlsTest {

    @TempDir
    static Path certs;

    /** One certificate for the class: keytool takes seconds on a busy machine. */
    static SelfSignedCertificate cert;

    @TempDir
    Path tmp;

    MigrateServer server;

    @BeforeAll
    static void certificate() throws Exception {
        cert = SelfSignedCertificate.create(certs, "server");
    }

    @BeforeEach
    void start() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Keyspaces keyspaces = Keyspaces.open(data);
        keyspaces.create("people", TestData.SCHEMA, TestData.people(3, "person"));
        server = MigrateServer.builder(keyspaces.backend(), data).port(0).tls(cert.certificate(), cert.privateKey()).start();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
    }

    MigrateClient client(boolean tls, Path ca) throws Exception {
        return MigrateClient.connect(new ServerAddress("127.0.0.1", server.port()),
                new MigrateClient.Options(tls, ca, Duration.ofSeconds(2), null));
    }

    @Test
    void aClientTrustingTheCertificateGetsTheSchema() throws Exception {
        try (MigrateClient client = client(true, cert.certificate())) {
            assertThat(client.schema("people")).contains("person");
        }
    }

    @Test
    void aPlaintextClientIsToldToAddTls() throws Exception {
        try (MigrateClient client = client(false, null)) {
            assertThatThrownBy(() -> client.schema("people"))
                    .isInstanceOf(ServerException.class)
                    .hasMessageContaining("127.0.0.1:" + server.port()).hasMessageContaining("--tls")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateSaysTlsFailed() throws Exception {
        try (MigrateClient client = client(true, null)) {
            assertThatThrownBy(() -> client.schema("people"))
                    .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE))
                    .hasMessageContaining("127.0.0.1:" + server.port()).hasMessageContaining("TLS").hasMessageContaining("--tls-ca");
        }
    }

    @Test
    void aTlsClientAgainstAPlaintextServerIsOneClearLine() throws Exception {
        server.close();
        Path data = tmp.resolve("data");
        server = MigrateServer.builder(Keyspaces.open(data).backend(), data).port(0).start();
        try (MigrateClient client = client(true, cert.certificate())) {
            assertThatThrownBy(() -> client.schema("people"))
                    .isInstanceOf(ServerException.class)
                    .hasMessageContaining("127.0.0.1:" + server.port()).hasMessageNotContaining("\n");
        }
    }

    @Test
    void anUnreadableCaFileIsNamed() {
        assertThatThrownBy(() -> client(true, tmp.resolve("missing.crt")))
                .hasMessageContaining("missing.crt").hasMessageContaining("--tls-ca");
    }
}
