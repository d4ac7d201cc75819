package io.graknmigrate.server;

import io.graknmigrate.client.ServerAddress;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC server offering {@code migrate.MigrateService} (Grakn 1.7.3+/1.8's migration service) over
 * a {@link MigrationBackend}, so tools written for a Grakn server can back up and restore it.
 * Binds the loopback address unless told otherwise; file paths sent by clients must lie inside
 * {@code root}.
 */
public final class MigrateServer implements AutoCloseable {

    private final Server server;
    private final MigrateServiceHandler handler;
    private final InetSocketAddress address;

    private MigrateServer(Server server, MigrateServiceHandler handler, InetSocketAddress address) {
        this.server = server;
        this.handler = handler;
        this.address = address;
    }

    public static Builder builder(MigrationBackend backend, Path root) {
        return new Builder(backend, root);
    }

    /** The address actually bound (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    /** The real path of the directory that exportFile/importFile paths must lie in. */
    public Path root() {
        return handler.root();
    }

    /** Blocks until the server has stopped. */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /**
     * Stops accepting calls, cancels running and waiting jobs (imports roll back), waits up to
     * {@code wait} for them to finish, then closes the remaining connections.
     */
    public void shutdown(Duration wait) throws InterruptedException {
        server.shutdown();
        handler.close(wait);
        if (!server.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            server.shutdownNow();
            server.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        shutdown(Duration.ofSeconds(10));
    }

    public static final class Builder {
        private final MigrationBackend backend;
        private final Path root;
        private String bind = "127.0.0.1";
        private int port = ServerAddress.DEFAULT_PORT;
        private Path certChain;
        private Path privateKey;
        private Duration progressInterval = Duration.ofSeconds(1);

        private Builder(MigrationBackend backend, Path root) {
            this.backend = backend;
            this.root = root;
        }

        /** The address to listen on; default the loopback address 127.0.0.1. */
        public Builder bind(String host) {
            this.bind = host;
            return this;
        }

        /** The port; 0 picks a free one (see {@link MigrateServer#port()}). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Serve TLS with this PEM certificate chain and PEM (PKCS#8) private key. */
        public Builder tls(Path certChain, Path privateKey) {
            this.certChain = certChain;
            this.privateKey = privateKey;
            return this;
        }

        /** How often running file jobs report progress; Grakn's server does it about once a second. */
        public Builder progressInterval(Duration interval) {
            this.progressInterval = interval;
            return this;
        }

        public MigrateServer start() throws IOException {
            MigrateServiceHandler handler = new MigrateServiceHandler(backend, root, progressInterval);
            ServerCredentials credentials = certChain == null
                    ? InsecureServerCredentials.create()
                    : TlsServerCredentials.create(certChain.toFile(), privateKey.toFile());
            InetSocketAddress requested = new InetSocketAddress(InetAddress.getByName(bind), port);
            Server server = NettyServerBuilder.forAddress(requested, credentials)
                    .addService(handler)
                    .maxInboundMessageSize(1 << 20)
                    .build();
            try {
                server.start();
            } catch (IOException e) {
                try {
                    handler.close(Duration.ZERO);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("cannot listen on " + bind + ":" + port
                        + " (" + e.getMessage() + "); choose another --port or --bind", e);
            }
            InetSocketAddress bound = (InetSocketAddress) server.getListenSockets().get(0);
            return new MigrateServer(server, handler, bound);
        }
    }
}
