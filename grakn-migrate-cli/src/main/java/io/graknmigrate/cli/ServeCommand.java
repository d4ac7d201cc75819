package io.graknmigrate.cli;

import io.graknmigrate.server.EmbeddedBackend;
import io.graknmigrate.server.MigrateServer;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

@Parameters(commandNames = "serve", commandDescription = "Serve the embedded keyspaces over Grakn's migration gRPC service, for tools written for a Grakn server")
final class ServeCommand implements Command {

    @Parameter(names = "--port", description = "Port to listen on (0: pick a free one and print it)")
    int port = 48555;

    @Parameter(names = "--bind", description = "Address to listen on; other machines can reach the service only if this is not a loopback address")
    String bind = "127.0.0.1";

    @Parameter(names = "--root", description = "The only directory whose files exportFile/importFile may write and read (default: the data directory)")
    String root;

    @Parameter(names = "--tls-cert", description = "Serve TLS with this PEM certificate chain (needs --tls-key)")
    String tlsCert;

    @Parameter(names = "--tls-key", description = "PEM PKCS#8 private key of --tls-cert")
    String tlsKey;

    @ParametersDelegate
    DataOptions data = new DataOptions();

    @ParametersDelegate
    CommonOptions common = new CommonOptions();

    @Override
    public int run(CommandContext ctx) throws Exception {
        if (port < 0 || port > 65535) throw new UsageException("--port " + port + " is out of range, give 0-65535");
        if ((tlsCert == null) != (tlsKey == null)) throw new UsageException("give both --tls-cert and --tls-key, or neither");
        Remote.quietGrpc();
        Path dataDir = data.resolve(ctx.env(), ctx.workingDirectory());
        Files.createDirectories(dataDir);
        Path rootDir = root == null ? dataDir : ctx.path(root);
        if (!Files.isDirectory(rootDir)) {
            throw new java.nio.file.NotDirectoryException(rootDir + " (--root)");
        }
        MigrateServer.Builder builder = MigrateServer.builder(new EmbeddedBackend(Embedded.keyspaces(ctx, data)), rootDir)
                .bind(bind).port(port);
        if (tlsCert != null) builder.tls(ctx.path(tlsCert), ctx.path(tlsKey));
        MigrateServer server = builder.start();
        InetAddress bound = server.address().getAddress();
        if (!bound.isLoopbackAddress()) {
            ctx.warn("listening on " + bound.getHostAddress() + ": anyone who can reach this port can read and replace the keyspaces "
                    + "(there is no authentication); bind 127.0.0.1 unless that is intended");
        }
        Thread hook = new Thread(() -> {
            try {
                server.shutdown(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ctx.err().println("stopped serving migrate.MigrateService (jobs still running were cancelled; imports rolled back)");
            ctx.err().flush();
        }, "grakn-migrate-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ctx.out().println("serving migrate.MigrateService on " + new io.graknmigrate.client.ServerAddress(bound.getHostAddress(), server.port())
                + " (data " + dataDir + ", root " + server.root() + ")" + (tlsCert != null ? " with TLS" : ""));
        ctx.out().flush();
        server.awaitTermination();
        return 0;
    }
}
