package io.graknmigrate.client;

import io.graknmigrate.format.ChecksumTally;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.migrate.ItemSink;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.server.proto.ExportFile;
import io.graknmigrate.server.proto.ExportSchema;
import io.graknmigrate.server.proto.ExportStream;
import io.graknmigrate.server.proto.ImportFile;
import io.graknmigrate.server.proto.Job;
import io.graknmigrate.server.proto.MigrateServiceGrpc;
import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.Context;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A client of a server's {@code migrate.MigrateService}: a Grakn 1.7.3+/1.8 server or
 * {@code grakn-migrate serve}. Every failure becomes a {@link ServerException} whose message names
 * the server and says what to do; {@link #cancel()} (from another thread, e.g. on Ctrl-C) cancels
 * the running call, and with it the server's job.
 */
public final class MigrateClient implements AutoCloseable {

    /** Large relations make large items; the server's own limit still applies. */
    private static final int MAX_ITEM_BYTES = 64 << 20;

    /**
     * How to reach the server.
     *
     * @param tls            speak TLS
     * @param trustedCa      PEM certificates to trust instead of the system's (implies TLS), or null
     * @param connectTimeout how long to wait for the server to answer at all
     * @param timeout        deadline of each call, or null for none (exports of big keyspaces take long)
     */
    public record Options(boolean tls, Path trustedCa, Duration connectTimeout, Duration timeout) {
        public static Options plaintext() {
            return new Options(false, null, Duration.ofSeconds(10), null);
        }

        public Options withTimeout(Duration timeout) {
            return new Options(tls, trustedCa, connectTimeout, timeout);
        }

        public Options withConnectTimeout(Duration connectTimeout) {
            return new Options(tls, trustedCa, connectTimeout, timeout);
        }
    }

    private final ServerAddress address;
    private final Options options;
    private final ManagedChannel channel;
    private volatile Context.CancellableContext running;
    private volatile boolean cancelled;

    private MigrateClient(ServerAddress address, Options options, ManagedChannel channel) {
        this.address = address;
        this.options = options;
        this.channel = channel;
    }

    public static MigrateClient connect(ServerAddress address, Options options) throws IOException {
        ChannelCredentials credentials;
        if (options.trustedCa() != null) {
            if (!Files.isReadable(options.trustedCa())) {
                throw new IOException("cannot read the CA certificate file " + options.trustedCa() + " (--tls-ca); give a readable PEM file");
            }
            try {
                credentials = TlsChannelCredentials.newBuilder().trustManager(options.trustedCa().toFile()).build();
            } catch (IOException | RuntimeException e) {
                throw new IOException(options.trustedCa() + " is not a PEM certificate file (" + e.getMessage() + "); give the CA certificate of the server (--tls-ca)", e);
            }
        } else if (options.tls()) {
            credentials = TlsChannelCredentials.create();
        } else {
            credentials = InsecureChannelCredentials.create();
        }
        ManagedChannel channel = NettyChannelBuilder.forAddress(address.host(), address.port(), credentials)
                .maxInboundMessageSize(MAX_ITEM_BYTES)
                .userAgent("grakn-migrate")
                .build();
        return new MigrateClient(address, options, channel);
    }

    public ServerAddress address() {
        return address;
    }

    /** The keyspace's schema as the server prints it: one Graql {@code define} query. */
    public String schema(String keyspace) {
        return call("exportSchema", () -> stub().exportSchema(ExportSchema.Req.newBuilder().setName(keyspace).build()).getSchema());
    }

    /**
     * Streams the keyspace's items into {@code sink} as they arrive and checks them against the
     * stream's checksums at the end.
     *
     * @return the tally of what arrived
     * @throws ServerException with code UNIMPLEMENTED when the server has no exportStream (use
     *                         {@link #exportFile}); DATA_LOSS when the items disagree with the checksums
     */
    public ChecksumTally exportStream(String keyspace, ItemSink sink, ProgressListener progress) {
        ChecksumTally tally = new ChecksumTally();
        call("exportStream", () -> {
            Iterator<Item> items = stub().exportStream(ExportStream.Req.newBuilder().setName(keyspace).build());
            progress.start("export", -1, "items");
            try {
                while (items.hasNext()) {
                    Item item = items.next();
                    tally.add(item);
                    sink.accept(item);
                    if ((tally.items() & 1023) == 0) progress.update(tally.items());
                }
                progress.update(tally.items());
            } finally {
                progress.finish();
            }
            return null;
        });
        String mismatch = tally.mismatch();
        if (mismatch != null) {
            throw new ServerException(Status.Code.DATA_LOSS, "the export of '" + keyspace + "' from " + address
                    + " does not match its own checksums (" + mismatch + "); retry the export", null);
        }
        return tally;
    }

    /**
     * Asks the server to write the keyspace to a file on the server's machine.
     *
     * @return the number of things exported, from the server's completion message
     */
    public long exportFile(String keyspace, String serverPath, ProgressListener progress) {
        return job("exportFile", "export", serverPath, progress, () -> stub().exportFile(ExportFile.Req.newBuilder()
                .setName(keyspace).setPath(serverPath).build()));
    }

    /**
     * Asks the server to import a {@code .grakn} file that the SERVER reads from its own file system.
     *
     * @return the number of things imported, from the server's completion message
     */
    public long importFile(String keyspace, String serverPath, Map<String, String> remap, ProgressListener progress) {
        return job("importFile", "import", serverPath, progress, () -> stub().importFile(ImportFile.Req.newBuilder()
                .setName(keyspace).setPath(serverPath).putAllRemapLabels(remap).build()));
    }

    /** Cancels the running call, if any; the server cancels its job. Safe from any thread. */
    public void cancel() {
        cancelled = true;
        Context.CancellableContext c = running;
        if (c != null) c.cancel(new CancellationException("cancelled by the user"));
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private MigrateServiceGrpc.MigrateServiceBlockingStub stub() {
        MigrateServiceGrpc.MigrateServiceBlockingStub stub = MigrateServiceGrpc.newBlockingStub(channel);
        if (options.timeout() != null) stub = stub.withDeadlineAfter(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        return stub;
    }

    @FunctionalInterface
    private interface Body<T> {
        T run() throws Exception;
    }

    private long job(String method, String task, String serverPath, ProgressListener progress, Body<Iterator<Job.Res>> start) {
        return call(method, () -> {
            Iterator<Job.Res> responses = start.run();
            long completed = -1;
            long shownTotal = Long.MIN_VALUE;
            try {
                while (responses.hasNext()) {
                    Job.Res res = responses.next();
                    if (res.hasProgress()) {
                        long total = res.getProgress().getTotalCount();
                        // One bar per job: restarted only when the total first becomes known.
                        if (shownTotal == Long.MIN_VALUE || (shownTotal <= 0 && total > 0)) {
                            progress.start(task, total > 0 ? total : -1, "things");
                            shownTotal = total;
                        }
                        progress.update(res.getProgress().getCurrentProgress());
                    } else if (res.hasCompletion()) {
                        completed = res.getCompletion().getTotalCount();
                    }
                }
            } finally {
                progress.finish();
            }
            if (completed < 0) {
                throw new ServerException(Status.Code.INTERNAL, address + " ended the " + task + " of " + serverPath
                        + " without a completion message; the outcome is unknown, check the keyspace", null);
            }
            return completed;
        }, serverPath);
    }

    private <T> T call(String method, Body<T> body) {
        return call(method, body, null);
    }

    private <T> T call(String method, Body<T> body, String serverPath) {
        if (cancelled) throw new CancellationException("cancelled");
        awaitConnection();
        Context.CancellableContext context = Context.current().withCancellation();
        running = context;
        try {
            return context.call(body::run);
        } catch (StatusRuntimeException e) {
            if (cancelled) throw new CancellationException("cancelled; the server stops the job (an import rolls back)");
            throw translate(e, method, serverPath);
        } catch (RuntimeException e) {
            throw e;
        } catch (IOException e) {
            // The local side failed (a full disk): the finally below cancels the call.
            throw new java.io.UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            running = null;
            context.cancel(null);
        }
    }

    /**
     * Waits until the channel is connected, so a peer that accepts the connection but never speaks
     * gRPC (a wrong port) fails after the connect timeout instead of hanging. A failed connection
     * is left to the call, whose status carries the reason.
     */
    private void awaitConnection() {
        long deadline = System.nanoTime() + options.connectTimeout().toNanos();
        ConnectivityState state = channel.getState(true);
        while (state == ConnectivityState.IDLE || state == ConnectivityState.CONNECTING) {
            long left = deadline - System.nanoTime();
            CountDownLatch changed = new CountDownLatch(1);
            channel.notifyWhenStateChanged(state, changed::countDown);
            try {
                if (left <= 0 || !changed.await(left, TimeUnit.NANOSECONDS)) {
                    throw new ServerException(Status.Code.UNAVAILABLE, "no gRPC answer from " + address + " within "
                            + seconds(options.connectTimeout()) + ": the host is unreachable, or that port is not a gRPC server's"
                            + " (" + (options.tls() || options.trustedCa() != null ? "or does not speak TLS" : "or expects TLS: add --tls")
                            + "); check the address and Grakn's grpc.port (default " + ServerAddress.DEFAULT_PORT + ")", null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while connecting to " + address);
            }
            state = channel.getState(true);
        }
    }

    private ServerException translate(StatusRuntimeException e, String method, String serverPath) {
        Status status = e.getStatus();
        String description = status.getDescription() == null ? "" : oneLine(status.getDescription());
        String message = switch (status.getCode()) {
            case UNAVAILABLE -> unavailable(status, description);
            case UNIMPLEMENTED -> address + " does not offer " + MigrateServiceGrpc.SERVICE_NAME + "/" + method
                    + (description.isEmpty() ? "" : " (" + description + ")")
                    + "; check that it is a Grakn 1.7.3+ server's gRPC port (grpc.port, default " + ServerAddress.DEFAULT_PORT + ")";
            case DEADLINE_EXCEEDED -> "no answer from " + address + " within the timeout of "
                    + (options.timeout() == null ? "the call" : seconds(options.timeout()))
                    + " (" + method + "); the server may be busy with another job: retry, or raise --timeout";
            // A status with a local cause was made by our own transport: the peer broke the protocol.
            case INTERNAL, UNKNOWN -> status.getCause() != null ? notGrpc(description) : "the server at " + address + " failed (" + method + "): "
                    + (description.isEmpty() ? status.getCode().toString() : description)
                    + fileHint(method, serverPath);
            case NOT_FOUND -> "server " + address + ": " + description;
            case PERMISSION_DENIED, INVALID_ARGUMENT -> "server " + address + " refused the " + method + ": " + description
                    + fileHint(method, serverPath);
            case FAILED_PRECONDITION, RESOURCE_EXHAUSTED, ABORTED -> "server " + address + " cannot run the " + method + " now: " + description;
            case CANCELLED -> "server " + address + " cancelled the " + method + (description.isEmpty() ? "" : ": " + description);
            default -> "server " + address + " answered " + status.getCode() + " to " + method
                    + (description.isEmpty() ? "" : ": " + description);
        };
        return new ServerException(status.getCode(), message, e);
    }

    private String unavailable(Status status, String description) {
        for (Throwable c = status.getCause(); c != null; c = c.getCause()) {
            if (c instanceof UnknownHostException) {
                return "cannot find the host of " + address + " (unknown host name); check --server";
            }
            if (c instanceof ConnectException || c instanceof NoRouteToHostException) {
                String why = c.getMessage() == null || c.getMessage().contains("Connection refused") ? "connection refused"
                        : c instanceof NoRouteToHostException ? "no route to host" : oneLine(c.getMessage());
                return "cannot connect to " + address + " (" + why + "); check that the server runs and that " + address.port() + " is its gRPC port (default " + ServerAddress.DEFAULT_PORT + ")";
            }
            if (c instanceof SSLException) {
                return "TLS with " + address + " failed (" + oneLine(String.valueOf(c.getMessage()))
                        + "); check --tls-ca, or drop --tls if the server speaks plaintext";
            }
        }
        if (status.getCause() == null && !description.isEmpty() && !description.startsWith("Network closed")
                && !description.startsWith("io exception") && !description.startsWith("Connection closed")) {
            return "server " + address + " is unavailable: " + description;
        }
        return notGrpc(description);
    }

    private String notGrpc(String description) {
        return address + " does not speak gRPC" + (description.isEmpty() ? "" : " (" + description + ")")
                + ": it is not a Grakn server's gRPC port" + (options.tls() || options.trustedCa() != null ? ", or it does not speak TLS" : ", or it expects TLS (add --tls)")
                + "; check the address and Grakn's grpc.port (default " + ServerAddress.DEFAULT_PORT + ")";
    }

    private static String fileHint(String method, String serverPath) {
        if (serverPath == null) return "";
        return method.equals("importFile")
                ? " (the SERVER opens this path itself: give the file's path on the server's machine with --server-path)"
                : " (the SERVER writes " + serverPath + " itself, on its own machine)";
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        if (ms < 100) return ms + "ms";
        return ms % 1000 == 0 ? (ms / 1000) + "s" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }

    private static String oneLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
