package io.graknmigrate.cli;

import io.graknmigrate.client.MigrateClient;
import io.graknmigrate.client.ServerAddress;
import com.beust.jcommander.Parameter;

import java.time.Duration;

/**
 * {@code --server HOST[:PORT]} and its companions: run export, import and schema against a live
 * Grakn 1.7.3+/1.8 server (or {@code grakn-migrate serve}) over its migration gRPC service.
 */
public final class ServerOptions {

    @Parameter(names = "--server", description = "Use the Grakn 1.7.3+/1.8 server (or grakn-migrate serve) at HOST[:PORT] "
            + "instead of the embedded keyspaces; PORT is its gRPC port, default 48555")
    public String server;

    @Parameter(names = "--server-path", description = "With --server: a file path ON THE SERVER'S machine. import: the server "
            + "opens the file itself, so it must be readable BY THE SERVER (default: the file argument made absolute). "
            + "export: the server writes the file there (for servers that cannot stream an export)")
    public String serverPath;

    @Parameter(names = "--tls", description = "With --server: connect with TLS (the system's trusted certificates)")
    public boolean tls;

    @Parameter(names = "--tls-ca", description = "With --server: connect with TLS, trusting this PEM CA certificate file")
    public String tlsCa;

    @Parameter(names = "--timeout", description = "With --server: give up on a call after this many seconds (default: no limit)")
    public Double timeout;

    @Parameter(names = "--connect-timeout", description = "With --server: seconds to wait for the server to answer at all")
    public double connectTimeout = 10;

    /** Whether a server was named; the other options are usage errors without one. */
    public boolean remote() {
        if (server != null) {
            if (timeout != null && timeout <= 0) throw new UsageException("--timeout must be a positive number of seconds");
            if (connectTimeout <= 0) throw new UsageException("--connect-timeout must be a positive number of seconds");
            return true;
        }
        String stray = serverPath != null ? "--server-path" : tls ? "--tls" : tlsCa != null ? "--tls-ca" : timeout != null ? "--timeout" : null;
        if (stray != null) throw new UsageException(stray + " only applies with --server HOST[:PORT]");
        return false;
    }

    ServerAddress address() {
        try {
            return ServerAddress.parse(server);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    MigrateClient.Options options(CommandContext ctx) {
        return new MigrateClient.Options(tls || tlsCa != null, tlsCa == null ? null : ctx.path(tlsCa),
                millis(connectTimeout), timeout == null ? null : millis(timeout));
    }

    private static Duration millis(double seconds) {
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }
}
