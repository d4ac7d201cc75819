package io.graknmigrate.cli;

import io.graknmigrate.format.Numbers;
import io.graknmigrate.format.ChecksumTally;
import io.graknmigrate.format.ExistingFile;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.client.MigrateClient;
import io.graknmigrate.client.ServerException;
import io.grpc.Status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * export, import and schema against a server ({@code --server}). The commands call in here when a
 * server is named; everything else about them (arguments, remaps, messages) stays theirs.
 */
final class Remote {

    /**
     * grpc-java logs connection trouble through java.util.logging onto stderr; our errors already say
     * it in one line. Held in a field: JUL keeps loggers weakly.
     */
    private static final Logger GRPC_LOG = Logger.getLogger("io.grpc");

    private Remote() { }

    static void quietGrpc() {
        GRPC_LOG.setLevel(Level.OFF);
    }

    /** {@code export <keyspace> <file|-> --server ...}: streamed and checked here; or written by the server with --server-path. */
    static int export(CommandContext ctx, ServerFileOptions server, String keyspace, List<String> args, ExistingFile existing) throws IOException {
        if (args.size() > 2) {
            throw new UsageException("give the keyspace and one output file (- for stdout): grakn-migrate export " + keyspace
                    + " <file|-> --server " + server.server);
        }
        String target = args.size() == 2 ? args.get(1) : null;
        if (target == null && server.serverPath() == null) {
            throw new UsageException("give an output file (- for stdout), or --server-path PATH for the server to write the file on its own machine");
        }
        if ("-".equals(target)) FileArguments.refuseBinaryOnTerminal(ctx, "the export of " + keyspace);
        Path path = target == null || target.equals("-") ? null : ctx.path(target);
        if (path != null && Files.isDirectory(path)) throw new UsageException(target + ": is a directory, give a file name such as " + keyspace + ".grakn");
        try (Session session = Session.open(ctx, server)) {
            MigrateClient client = session.client;
            if (target == null) return exportOnServer(ctx, server, client, keyspace);
            long start = System.nanoTime();
            ChecksumTally tally;
            // The name says the format, as for a local export.
            ItemOutput.Format format = path == null ? ItemOutput.Format.GRAKN : ItemOutput.Format.fromName(target);
            try (ItemOutput output = path == null ? ItemOutput.stream(ctx.out(), "stdout", ItemOutput.Format.GRAKN)
                    : ItemOutput.file(path, format == null ? ItemOutput.Format.GRAKN : format, existing)) {
                tally = client.exportStream(keyspace, output::write, ctx.progress());
                if (!tally.hasChecksums()) {
                    output.write(Item.newBuilder().setChecksums(tally.counted()).build());
                    ctx.warn(client.address() + " sent no checksums with the export; the file carries checksums counted from what arrived");
                }
                output.complete();
            } catch (ServerException e) {
                if (e.code() != Status.Code.UNIMPLEMENTED) throw e;
                if (server.serverPath() == null) {
                    throw new ServerException(e.code(), client.address() + " cannot stream an export (it has no exportStream: an older server);"
                            + " let it write the file on its own machine instead: add --server-path PATH, a path on the server's machine", e);
                }
                ctx.warn(client.address() + " cannot stream an export; it writes " + server.serverPath() + " on its own machine instead");
                return exportOnServer(ctx, server, client, keyspace);
            }
            String line = "exported " + tally.counts() + " from " + keyspace + " on " + client.address()
                    + " in " + seconds(start) + (path == null ? "" : " to " + target);
            ctx.summary(path == null ? ctx.err() : ctx.out(), line);
            return 0;
        }
    }

    private static int exportOnServer(CommandContext ctx, ServerFileOptions server, MigrateClient client, String keyspace) {
        long start = System.nanoTime();
        long things = client.exportFile(keyspace, server.serverPath(), ctx.progress());
        ctx.summary(ctx.out(), "exported " + Numbers.count(things, "thing", "things") + " from " + keyspace + " on " + client.address()
                + " in " + seconds(start)
                + " to " + server.serverPath() + " on the server's machine");
        return 0;
    }

    /** {@code import <keyspace> <file> [old=new ...] --server ...}: the SERVER opens the file. */
    static int importFile(CommandContext ctx, ServerFileOptions server, String keyspace, String file, Map<String, String> remap) throws IOException {
        String serverPath;
        if (server.serverPath() != null) {
            serverPath = server.serverPath();
        } else {
            if (file.equals("-")) {
                throw new UsageException("with --server the server reads the file itself, so stdin (-) cannot be sent; "
                        + "put the file where the server can read it and give its path there with --server-path");
            }
            // The server opens the path itself: send it absolute, as Grakn's own CLI does.
            serverPath = ctx.path(file).toAbsolutePath().toString();
        }
        try (Session session = Session.open(ctx, server)) {
            long start = System.nanoTime();
            long things = session.client.importFile(keyspace, serverPath, remap, ctx.progress());
            ctx.summary(ctx.out(), "imported " + Numbers.count(things, "thing", "things") + " into " + keyspace + " on " + session.client.address()
                    + " from " + serverPath + " in " + seconds(start));
            return 0;
        }
    }

    /** {@code schema <keyspace> --server ...}. */
    static int schema(CommandContext ctx, ServerOptions server, String keyspace) throws IOException {
        try (Session session = Session.open(ctx, server)) {
            String schema = session.client.schema(keyspace);
            ctx.out().print(schema);
            if (!schema.endsWith("\n")) ctx.out().println();
            return 0;
        }
    }

    private static String seconds(long startNanos) {
        return Numbers.seconds((System.nanoTime() - startNanos) / 1e9);
    }

    /**
     * A client for one command, with Ctrl-C wired to cancel its call: the JVM's shutdown hook
     * cancels the call (so the server cancels its job and an import rolls back) and waits briefly
     * for the command to wind down.
     */
    private static final class Session implements AutoCloseable {
        final MigrateClient client;
        private final Thread hook;
        private final CountDownLatch done = new CountDownLatch(1);

        private Session(MigrateClient client) {
            this.client = client;
            this.hook = new Thread(() -> {
                client.cancel();
                try {
                    done.await(3, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "grakn-migrate-cancel");
        }

        static Session open(CommandContext ctx, ServerOptions options) throws IOException {
            quietGrpc();
            Session s = new Session(MigrateClient.connect(options.address(), options.options(ctx)));
            try {
                Runtime.getRuntime().addShutdownHook(s.hook);
            } catch (IllegalStateException e) {
                // Already shutting down: nothing to cancel later.
            }
            return s;
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Shutting down: the hook is running and waits for us.
            }
            client.close();
            done.countDown();
        }
    }
}
