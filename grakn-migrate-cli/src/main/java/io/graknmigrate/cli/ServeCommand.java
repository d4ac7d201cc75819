package io.graknmigrate.cli;

import io.graknmigrate.client.ServerAddress;
import io.graknmigrate.server.EmbeddedBackend;
import io.graknmigrate.server.MigrateServer;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;

@Parameters(commandNames = "serve",
        commandDescription = "Serve the embedded keyspaces over Grakn's migration gRPC service, for tools written for a Grakn server")
final class ServeCommand extends KeyspaceCommand {

    @Parameter(names = "--port", placeholder = "PORT", description = "Port to listen on (0: pick a free one and print it)")
    int port = 48555;

    @Parameter(names = "--bind", placeholder = "ADDRESS",
            description = "Address to listen on; other machines can reach the service only if this is not a loopback address")
    String bind = "127.0.0.1";

    @Parameter(names = "--root", placeholder = "DIR", description = "The only directory whose files exportFile/importFile may write and read"
            + " (default: DATA/backups, created when missing); keyspace files are refused even inside it")
    String root;

    @Parameter(names = "--tls-cert", placeholder = "FILE.pem", description = "Serve TLS with this PEM certificate chain (needs --tls-key)")
    String tlsCert;

    @Parameter(names = "--tls-key", placeholder = "FILE.pem", description = "PEM PKCS#8 private key of --tls-cert")
    String tlsKey;

    @Override
    public int run(CommandContext ctx) throws Exception {
        if (port < 0 || port > 65535) throw new UsageException("--port " + port + " is out of range, give 0-65535");
        if ((tlsCert == null) != (tlsKey == null)) throw new UsageException("give both --tls-cert and --tls-key, or neither");
        Remote.quietGrpc();
        Path dataDir = data.resolve(ctx.env(), ctx.workingDirectory());
        Files.createDirectories(dataDir);
        // The store's own files are never the service's to touch, so the default root is a folder of its own.
        Path rootDir = root == null ? Files.createDirectories(dataDir.resolve("backups")) : ctx.path(root);
        if (!Files.isDirectory(rootDir)) {
            throw new NotDirectoryException(rootDir + " (--root)");
        }
        MigrateServer.Builder builder = MigrateServer.builder(new EmbeddedBackend(keyspaces(ctx)), rootDir)
                .bind(bind).port(port);
        if (tlsCert != null) builder.tls(ctx.path(tlsCert), ctx.path(tlsKey));
        MigrateServer server = builder.start();
        InetAddress bound = server.address().getAddress();
        // A wildcard bind is shown as the user wrote it (0.0.0.0), not as the IPv6 any-address Java reports.
        String shown = bound.isAnyLocalAddress() ? bind : bound.getHostAddress();
        if (!bound.isLoopbackAddress()) {
            ctx.warn("listening on " + shown + ": anyone who can reach this port can read and replace the keyspaces "
                    + "(there is no authentication); bind 127.0.0.1 unless that is intended");
        }
        Thread hook = new Thread(() -> {
            int cancelled = 0;
            try {
                cancelled = server.shutdown(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ctx.err().println("stopped serving migrate.MigrateService" + (cancelled == 0 ? ""
                    : " (" + cancelled + (cancelled == 1 ? " job was" : " jobs were") + " cancelled; imports rolled back)"));
            ctx.err().flush();
        }, "grakn-migrate-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ctx.out().println("serving migrate.MigrateService on " + new ServerAddress(shown, server.port())
                + " (data " + dataDir + ", root " + server.root() + ")" + (tlsCert != null ? " with TLS" : ""));
        ctx.out().flush();
        server.awaitTermination();
        return 0;
    }

    /** serve has its own shutdown hook: it stops the server and says so. */
    @Override
    public String interruptedLine() {
        return null;
    }
}
