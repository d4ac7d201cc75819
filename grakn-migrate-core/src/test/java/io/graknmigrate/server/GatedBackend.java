package io.graknmigrate.server;

import io.graknmigrate.migrate.ItemSink;
import io.graknmigrate.format.ProgressListener;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Wraps a real backend to make jobs observable: when armed, a job's first progress report blocks
 * until the job thread is interrupted (so a test can cancel a job that is surely running), and
 * every job's outcome is recorded.
 */
final class GatedBackend implements MigrationBackend {

    /** What a job ended with: null for success. */
    record Outcome(Throwable failure) { }

    private final MigrationBackend inner;
    final CountDownLatch atGate = new CountDownLatch(1);
    final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    volatile boolean armed = true;
    /** When positive, the gate only pauses this long, once per job, instead of waiting for an interrupt. */
    volatile long pauseMillis;

    GatedBackend(MigrationBackend inner) {
        this.inner = inner;
    }

    Throwable nextOutcome() throws InterruptedException {
        Outcome o = outcomes.poll(20, TimeUnit.SECONDS);
        if (o == null) throw new AssertionError("the job did not end within 20s");
        return o.failure();
    }

    @Override
    public String schema(String keyspace) throws IOException {
        return inner.schema(keyspace);
    }

    @Override
    public void export(String keyspace, ItemSink sink, ProgressListener progress) throws IOException {
        record(() -> {
            inner.export(keyspace, item -> {
                sink.accept(item);
                if (item.hasEntity() || item.hasAttribute() || item.hasRelation()) gate();
            }, progress);
            return 0L;
        });
    }

    @Override
    public long importFile(String keyspace, Path file, Map<String, String> remap, ProgressListener progress) throws IOException {
        return record(() -> inner.importFile(keyspace, file, remap, new ProgressListener() {
            @Override public void start(String task, long total, String unit) { progress.start(task, total, unit); }
            @Override public void update(long current) { progress.update(current); gate(); }
            @Override public void finish() { progress.finish(); }
        }));
    }

    private void gate() {
        if (!armed) return;
        atGate.countDown();
        try {
            if (pauseMillis > 0) {
                armed = false;
                Thread.sleep(pauseMillis);
                return;
            }
            Thread.sleep(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Job {
        long run() throws IOException;
    }

    private long record(Job job) throws IOException {
        try {
            long n = job.run();
            outcomes.add(new Outcome(null));
            return n;
        } catch (IOException | RuntimeException | Error e) {
            outcomes.add(new Outcome(e));
            throw e;
        }
    }
}
