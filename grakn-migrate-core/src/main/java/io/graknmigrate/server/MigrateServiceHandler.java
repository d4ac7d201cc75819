package io.graknmigrate.server;

import io.graknmigrate.format.ChecksumTally;
import io.graknmigrate.format.GraknFormatException;
import io.graknmigrate.format.Compression;
import io.graknmigrate.format.ExistingFile;
import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.OutputRefusedException;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.keyspace.KeyspaceBusyException;
import io.graknmigrate.keyspace.KeyspaceName;
import io.graknmigrate.keyspace.KeyspaceNotFoundException;
import io.graknmigrate.migrate.MigrationException;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.server.proto.ExportFile;
import io.graknmigrate.server.proto.ExportSchema;
import io.graknmigrate.server.proto.ExportStream;
import io.graknmigrate.server.proto.ImportFile;
import io.graknmigrate.server.proto.Job;
import io.graknmigrate.server.proto.MigrateServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code migrate.MigrateService} over a {@link MigrationBackend}. Like Grakn's server, jobs
 * (exportFile, importFile, exportStream) run one at a time on a single migration thread and the
 * others wait their turn; file jobs send a progress message about once a second and one completion
 * message. A client that cancels its call interrupts its job (an import then rolls back).
 */
final class MigrateServiceHandler extends MigrateServiceGrpc.MigrateServiceImplBase {

    private final MigrationBackend backend;
    private final Path root;
    private final long progressMillis;
    private final ExecutorService jobs = Executors.newSingleThreadExecutor(r -> thread(r, "grakn-migrate-job"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "grakn-migrate-progress"));
    private final Set<JobCall<?>> calls = ConcurrentHashMap.newKeySet();
    private static final Status SHUTTING_DOWN =
            Status.UNAVAILABLE.withDescription("the server is shutting down; the job was cancelled, retry once it is back");

    private volatile boolean closing;

    MigrateServiceHandler(MigrationBackend backend, Path root, Duration progressInterval) throws IOException {
        this.backend = backend;
        this.root = root.toRealPath();
        this.progressMillis = Math.max(1, progressInterval.toMillis());
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    Path root() {
        return root;
    }

    int jobCalls() {
        return calls.size();
    }

    @Override
    public void exportSchema(ExportSchema.Req request, StreamObserver<ExportSchema.Res> observer) {
        try {
            String keyspace = keyspace(request.getName());
            String schema = backend.schema(keyspace);
            observer.onNext(ExportSchema.Res.newBuilder().setSchema(schema).build());
            observer.onCompleted();
        } catch (Throwable t) {
            observer.onError(status(t).asRuntimeException());
        }
    }

    @Override
    public void exportFile(ExportFile.Req request, StreamObserver<Job.Res> observer) {
        JobCall<Job.Res> call = new JobCall<>((ServerCallStreamObserver<Job.Res>) observer);
        try {
            String keyspace = keyspace(request.getName());
            Path path = insideRoot(request.getPath(), true);
            call.start(progress -> {
                ChecksumTally tally = new ChecksumTally();
                try (ItemWriter file = ItemWriter.create(path, Compression.fromFileName(path.getFileName().toString()), ExistingFile.REPLACE)) {
                    backend.export(keyspace, item -> {
                        tally.add(item);
                        file.writeAsIs(item);
                    }, progress);
                    file.complete();
                }
                return tally.things();
            });
        } catch (Throwable t) {
            call.fail(status(t));
        }
    }

    @Override
    public void importFile(ImportFile.Req request, StreamObserver<Job.Res> observer) {
        JobCall<Job.Res> call = new JobCall<>((ServerCallStreamObserver<Job.Res>) observer);
        try {
            String keyspace = keyspace(request.getName());
            Path path = insideRoot(request.getPath(), false);
            Map<String, String> remap = Map.copyOf(request.getRemapLabelsMap());
            remap.forEach((from, to) -> {
                if (from.isBlank() || to.isBlank()) {
                    throw new RequestException(RequestException.Reason.INVALID_INPUT,
                            "remap '" + from + "=" + to + "' has an empty label, give both labels as old=new");
                }
            });
            call.start(progress -> backend.importFile(keyspace, path, remap, progress));
        } catch (Throwable t) {
            call.fail(status(t));
        }
    }

    @Override
    public void exportStream(ExportStream.Req request, StreamObserver<Item> observer) {
        JobCall<Item> call = new JobCall<>((ServerCallStreamObserver<Item>) observer);
        try {
            String keyspace = keyspace(request.getName());
            call.observer.setOnReadyHandler(call::wake);
            call.stream(() -> backend.export(keyspace, call::sendWhenReady, ProgressListener.NONE));
        } catch (Throwable t) {
            call.fail(status(t));
        }
    }

    /** Refuses new jobs, cancels the running and waiting ones and waits for them to finish. */
    /** Cancels the running and waiting jobs and waits for them; returns how many there were. */
    int close(Duration wait) throws InterruptedException {
        closing = true;
        int cancelled = 0;
        for (JobCall<?> call : calls) {
            cancelled++;
            // Tell the client first: the interrupted job would otherwise race to report a plain cancel.
            call.fail(SHUTTING_DOWN);
            call.task.cancel(true);
        }
        jobs.shutdown();
        if (!jobs.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) jobs.shutdownNow();
        ticker.shutdownNow();
        return cancelled;
    }

    private String keyspace(String name) {
        if (!KeyspaceName.isValid(name)) {
            throw new RequestException(RequestException.Reason.INVALID_INPUT, "'" + name
                    + "' is not a keyspace name; use lowercase letters, digits and underscores, starting with a letter (at most "
                    + KeyspaceName.MAX_LENGTH + ")");
        }
        return name;
    }

    /**
     * The real path the server may use for a client-given path: resolved against the root, symlinks
     * and {@code ..} followed, and refused unless it lies inside the root.
     */
    Path insideRoot(String requested, boolean forWriting) throws IOException {
        if (requested.isBlank()) throw invalid("no file path given; send a path on the server's machine");
        Path abs;
        try {
            abs = root.resolve(requested).normalize();
        } catch (InvalidPathException e) {
            throw invalid("'" + requested + "' is not a valid path on the server");
        }
        // Resolve symlinks on the part that exists; the rest is new names (a file to create).
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        Path real = existing == null ? abs : existing.toRealPath().resolve(existing.relativize(abs));
        if (!real.startsWith(root)) {
            throw new RequestException(RequestException.Reason.PERMISSION_DENIED, requested
                    + " is outside the directory this server may use (" + root + "); put the file under it");
        }
        if (backend.isOwnFile(abs) || backend.isOwnFile(real)) {
            throw new RequestException(RequestException.Reason.PERMISSION_DENIED, requested
                    + " is one of the server's keyspace files (or another database file), which the service never "
                    + (forWriting ? "writes" : "reads") + "; give the path of a .grakn backup");
        }
        if (forWriting) {
            if (Files.isDirectory(real)) throw invalid(requested + " is a directory on the server; give a file name to write");
            if (real.getParent() == null || !Files.isDirectory(real.getParent())) {
                throw invalid("the directory of " + requested + " does not exist on the server; create it there or choose another path");
            }
            if (Files.exists(real, LinkOption.NOFOLLOW_LINKS) && !isGraknBackup(real)) {
                throw new RequestException(RequestException.Reason.PERMISSION_DENIED, requested
                        + " exists on the server and is not a .grakn backup; the service replaces only .grakn backups, give a new file name");
            }
        } else {
            if (!Files.exists(real)) {
                throw invalid("the server cannot find " + requested + (real.toString().equals(requested) ? "" : " (" + real + ")")
                        + "; the file must be on the server's machine, readable by the server");
            }
            if (!Files.isRegularFile(real)) throw invalid(requested + " is not a regular file on the server; give a .grakn file");
            if (!Files.isReadable(real)) throw invalid("the server may not read " + requested + "; make it readable by the user running the server");
        }
        return real;
    }

    /** Whether an existing file is a readable .grakn backup: its first item is a header. */
    private static boolean isGraknBackup(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return false;
        try (ItemReader reader = ItemReader.open(file)) {
            return reader.hasNext() && reader.next().hasHeader();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static RequestException invalid(String message) {
        return new RequestException(RequestException.Reason.INVALID_INPUT, message);
    }

    static Status status(Throwable t) {
        if (t instanceof StatusRuntimeException e) return e.getStatus();
        if (t instanceof RequestException e) {
            Status s = switch (e.reason()) {
                case KEYSPACE_NOT_FOUND -> Status.NOT_FOUND;
                case INVALID_INPUT -> Status.INVALID_ARGUMENT;
                case BUSY -> Status.FAILED_PRECONDITION;
                case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
            };
            return s.withDescription(oneLine(e.getMessage()));
        }
        if (t instanceof OutputRefusedException) return Status.PERMISSION_DENIED.withDescription(oneLine(t.getMessage()));
        if (t instanceof KeyspaceNotFoundException k) {
            // Said in the protocol's terms: a remote client has none of the local ways to create a keyspace.
            return Status.NOT_FOUND.withDescription("keyspace " + k.keyspace() + " not found on the server; create it there"
                    + " first, an import through the migration service cannot create one");
        }
        if (t instanceof KeyspaceBusyException) return Status.FAILED_PRECONDITION.withDescription(oneLine(t.getMessage()));
        // The store's other refusals (a file that does not fit the schema, a bad name) and a
        // malformed file are the client's to fix.
        if (t instanceof MigrationException || t instanceof GraknFormatException) {
            return Status.INVALID_ARGUMENT.withDescription(oneLine(t.getMessage()));
        }
        if (t instanceof RejectedExecutionException) {
            return Status.UNAVAILABLE.withDescription("the server is shutting down; retry once it is back");
        }
        if (t instanceof CancellationException || t instanceof InterruptedException) {
            return Status.CANCELLED.withDescription("the job was cancelled; nothing was changed");
        }
        String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getName() : oneLine(t.getMessage());
        return Status.INTERNAL.withDescription(message).withCause(t);
    }

    private static String oneLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @FunctionalInterface
    interface JobBody {
        long run(ProgressListener progress) throws Exception;
    }

    @FunctionalInterface
    interface StreamBody {
        void run() throws Exception;
    }

    /** Progress of the running job, read by the ticker. */
    private static final class JobProgress implements ProgressListener {
        volatile long total;
        volatile long current;

        @Override
        public void start(String task, long total, String unit) {
            this.total = Math.max(0, total);
            this.current = 0;
        }

        @Override
        public void update(long current) {
            this.current = current;
        }

        @Override
        public void finish() { }
    }

    /** One job call: its observer, its task on the job thread, and the lock that serialises sends. */
    private final class JobCall<T> {
        final ServerCallStreamObserver<T> observer;
        final Object lock = new Object();
        volatile FutureTask<Void> task = new FutureTask<>(() -> null);
        boolean finished;

        JobCall(ServerCallStreamObserver<T> observer) {
            this.observer = observer;
        }

        @SuppressWarnings("unchecked")
        void start(JobBody body) {
            JobProgress progress = new JobProgress();
            ServerCallStreamObserver<Job.Res> jobObserver = (ServerCallStreamObserver<Job.Res>) observer;
            run(() -> {
                ScheduledFuture<?> tick = ticker.scheduleAtFixedRate(() -> {
                    synchronized (lock) {
                        if (finished || observer.isCancelled()) return;
                        jobObserver.onNext(Job.Res.newBuilder().setProgress(Job.Progress.newBuilder()
                                .setTotalCount(progress.total).setCurrentProgress(progress.current)).build());
                    }
                }, 0, progressMillis, TimeUnit.MILLISECONDS);
                long total;
                try {
                    total = body.run(progress);
                } finally {
                    tick.cancel(false);
                }
                synchronized (lock) {
                    if (finished || observer.isCancelled()) return;
                    finished = true;
                    // A last progress message: a job quicker than the first tick still shows its bar.
                    jobObserver.onNext(Job.Res.newBuilder().setProgress(Job.Progress.newBuilder()
                            .setTotalCount(progress.total).setCurrentProgress(progress.current)).build());
                    jobObserver.onNext(Job.Res.newBuilder().setCompletion(Job.Completion.newBuilder().setTotalCount(total)).build());
                    jobObserver.onCompleted();
                }
            });
        }

        void stream(StreamBody body) {
            run(() -> {
                body.run();
                synchronized (lock) {
                    if (finished || observer.isCancelled()) return;
                    finished = true;
                    observer.onCompleted();
                }
            });
        }

        private void run(StreamBody body) {
            if (closing) {
                fail(Status.UNAVAILABLE.withDescription("the server is shutting down; retry once it is back"));
                return;
            }
            task = new FutureTask<>(() -> {
                try {
                    if (Thread.interrupted() || observer.isCancelled()) throw new CancellationException();
                    body.run();
                } catch (Throwable t) {
                    // A job cancelled by close() must say why, whichever of the two fails the call first.
                    boolean shutdown = closing && (t instanceof CancellationException || t instanceof InterruptedException);
                    fail(shutdown ? SHUTTING_DOWN : status(t));
                } finally {
                    calls.remove(this);
                }
                return null;
            });
            calls.add(this);
            observer.setOnCancelHandler(() -> {
                task.cancel(true);
                calls.remove(this);
                wake();
            });
            jobs.execute(task);
        }

        void fail(Status status) {
            synchronized (lock) {
                if (finished) return;
                finished = true;
                if (observer.isCancelled()) return;
                observer.onError(status.asRuntimeException());
            }
        }

        void wake() {
            synchronized (lock) {
                lock.notifyAll();
            }
        }

        /** Sends one streamed item, waiting while the client is slower than the export (bounded memory). */
        @SuppressWarnings("unchecked")
        void sendWhenReady(Item item) {
            synchronized (lock) {
                while (!observer.isReady()) {
                    if (finished || observer.isCancelled()) throw new CancellationException("the client cancelled the export");
                    try {
                        lock.wait(1000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CancellationException("the export was cancelled");
                    }
                }
                if (finished || observer.isCancelled()) throw new CancellationException("the client cancelled the export");
                ((ServerCallStreamObserver<Item>) observer).onNext(item);
            }
        }
    }
}
