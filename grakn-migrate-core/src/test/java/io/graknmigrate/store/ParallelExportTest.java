package io.graknmigrate.store;

import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.Verification;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.migrate.Exporter;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.migrate.ItemSink;
import io.graknmigrate.migrate.ItemSinks;
import io.graknmigrate.format.Counts;
import io.graknmigrate.migrate.KeyspaceSource;
import io.graknmigrate.migrate.StoredThing;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.TypeKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.graknmigrate.store.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Exports read through several connections of one snapshot, on several threads: the output is the
 * one-reader output byte for byte, every connection sees the same committed state whatever writers do,
 * and failures and interruptions of any thread end the export with nothing written.
 */
class ParallelExportTest {

    /** Enough things for three slices per kind, so the kinds' last slices go to different readers. */
    static final int PEOPLE = 45_000;

    @TempDir
    static Path shared;

    static EmbeddedKeyspaces keyspaces;

    @BeforeAll
    static void buildKeyspace() throws Exception {
        keyspaces = new EmbeddedKeyspaces(shared.resolve("data"), "grakn-migrate test");
        keyspaces.define("big", schema(), w -> { });
        Path file = write(shared.resolve("big.grakn"), backup(7, PEOPLE), null);
        importFile(keyspaces, "big", file, ImportOptions.defaults());
    }

    @AfterEach
    void resetHook() {
        KeyspaceStore.afterFirstSnapshotStart = () -> { };
    }

    private static byte[] export(KeyspaceSource source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ItemWriter w = ItemWriter.to(out, "test")) {
            Exporter.export(source, ItemSinks.to(w), "grakn-migrate test", ProgressListener.NONE);
        }
        return out.toByteArray();
    }

    private static int batch;

    /** Commits one import: a new person owning a new email, so a torn read shows as a dangling ownership. */
    private static void commitOnePerson(EmbeddedKeyspaces ks, String keyspace, Path dir) {
        int i = batch++;
        Path file = write(dir.resolve("one-" + i + ".grakn"), List.of(
                attribute("m" + i, "email", str("added-" + i + "@example.com")),
                entity("q" + i, "person", "m" + i)), null);
        try {
            importFile(ks, keyspace, file, ImportOptions.defaults());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void severalReadersWriteExactlyTheBytesOfOne() throws Exception {
        KeyspaceStore store = keyspaces.store();
        byte[] one;
        try (ReadSnapshot s = store.read("big", 1)) {
            assertThat(s.readers()).isEqualTo(1);
            assertThat(s.slices(TypeKind.ATTRIBUTE)).isGreaterThanOrEqualTo(3);
            one = export(s);
        }
        for (int readers : new int[] {2, 3}) {
            try (ReadSnapshot s = store.read("big", readers)) {
                assertThat(s.readers()).isEqualTo(readers);
                assertThat(export(s)).isEqualTo(one);
            }
        }
        // and the content is the imported graph's
        assertThat(canonical(read(one).subList(1, read(one).size() - 1))).isEqualTo(canonical(backup(7, PEOPLE)));
    }

    @Test
    void aCommitBetweenTheReadersStartsIsNoticedAndTheReadersStartAgain(@TempDir Path dir) throws Exception {
        EmbeddedKeyspaces ks = new EmbeddedKeyspaces(dir.resolve("data"), "grakn-migrate test");
        ks.define("k", schema(), w -> { });
        commitOnePerson(ks, "k", dir);
        AtomicInteger calls = new AtomicInteger();
        KeyspaceStore.afterFirstSnapshotStart = () -> {
            if (calls.getAndIncrement() == 0) commitOnePerson(ks, "k", dir);
        };
        try (ReadSnapshot s = ks.store().read("k", 2)) {
            assertThat(calls.get()).isEqualTo(2);
            assertThat(s.readers()).isEqualTo(2);
            // both connections see the second person: the state after the commit, not a mix
            assertThat(count(s, 0, TypeKind.ENTITY)).isEqualTo(2).isEqualTo(count(s, 1, TypeKind.ENTITY));
        }
    }

    @Test
    void aKeyspaceCommittingAllTheTimeIsReadThroughOneConnection(@TempDir Path dir) throws Exception {
        EmbeddedKeyspaces ks = new EmbeddedKeyspaces(dir.resolve("data"), "grakn-migrate test");
        ks.define("k", schema(), w -> { });
        KeyspaceStore.afterFirstSnapshotStart = () -> commitOnePerson(ks, "k", dir);
        try (ReadSnapshot s = ks.store().read("k", 2)) {
            assertThat(s.readers()).isEqualTo(1);
            long seen = count(s, 0, TypeKind.ENTITY);
            KeyspaceStore.afterFirstSnapshotStart = () -> { };
            commitOnePerson(ks, "k", dir);
            assertThat(count(s, 0, TypeKind.ENTITY)).isEqualTo(seen);
        }
    }

    private static long count(KeyspaceSource s, int reader, TypeKind kind) {
        long[] n = {0};
        for (long slice = 0; slice < s.slices(kind); slice++) s.forEachInSlice(reader, kind, slice, t -> n[0]++);
        return n[0];
    }

    @Test
    void exportsDuringConcurrentCommitsAreEachOneConsistentState(@TempDir Path dir) throws Exception {
        EmbeddedKeyspaces ks = new EmbeddedKeyspaces(dir.resolve("data"), "grakn-migrate test");
        ks.define("k", schema(), w -> { });
        importFile(ks, "k", write(dir.resolve("base.grakn"), backup(3, PEOPLE), null), ImportOptions.defaults());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                while (!stop.get()) commitOnePerson(ks, "k", dir);
            } catch (Throwable e) {
                writerFailure.set(e);
            }
        });
        writer.start();
        try {
            for (int run = 0; run < 3; run++) {
                Path out = dir.resolve("export-" + run + ".grakn");
                try (ItemWriter w = ItemWriter.create(out)) {
                    ks.export("k", ItemSinks.to(w), ProgressListener.NONE);
                }
                Verification v = Verification.of(out);
                assertThat(v.problems()).as("export %d", run).isEmpty();
                List<Item> items = read(out);
                long people = items.stream().filter(i -> i.hasEntity() && i.getEntity().getLabel().equals("person")).count();
                long emails = items.stream().filter(i -> i.hasAttribute() && i.getAttribute().getLabel().equals("email")).count();
                assertThat(people).isEqualTo(emails);
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertThat(writerFailure.get()).isNull();
        assertThat(batch).isPositive();
    }

    /** The real snapshot, with one reader that fails part-way through its slices. */
    private record FailingReader(ReadSnapshot real, int failing) implements KeyspaceSource {
        @Override public String keyspace() { return real.keyspace(); }
        @Override public Schema schema() { return real.schema(); }
        @Override public long count(TypeKind kind) { return real.count(kind); }
        @Override public void forEach(TypeKind kind, Consumer<StoredThing> action) { real.forEach(kind, action); }
        @Override public int readers() { return real.readers(); }
        @Override public long slices(TypeKind kind) { return real.slices(kind); }
        @Override public void forEachInSlice(int reader, TypeKind kind, long slice, Consumer<StoredThing> action) {
            if (reader == failing && kind == TypeKind.ENTITY) throw new IllegalStateException("reader " + reader + " failed");
            real.forEachInSlice(reader, kind, slice, action);
        }
        @Override public void close() { real.close(); }
    }

    private static List<Thread> readerThreads() {
        List<Thread> alive = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("export-reader-") && t.isAlive()) alive.add(t);
        }
        return alive;
    }

    @Test
    void aReaderFailureEndsTheExportWithItAndNoFileAppears(@TempDir Path dir) {
        for (int failing : new int[] {0, 1}) {
            Path out = dir.resolve("out-" + failing + ".grakn");
            try (ReadSnapshot s = keyspaces.store().read("big", 2); ItemWriter w = ItemWriter.create(out)) {
                assertThatThrownBy(() -> Exporter.export(new FailingReader(s, failing), ItemSinks.to(w), "t", ProgressListener.NONE))
                        .isInstanceOf(IllegalStateException.class).hasMessage("reader " + failing + " failed");
                assertThat(readerThreads()).isEmpty();
            }
            assertThat(out).doesNotExist();
        }
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void aSinkFailureStopsTheReaders() throws Exception {
        int[] seen = {0};
        try (ReadSnapshot s = keyspaces.store().read("big", 2)) {
            assertThatThrownBy(() -> Exporter.export(s, item -> {
                if (++seen[0] == 20_000) throw new IOException("disk full");
            }, "t", ProgressListener.NONE)).isInstanceOf(IOException.class).hasMessage("disk full");
            assertThat(readerThreads()).isEmpty();
        }
    }

    @Test
    void anInterruptedExportWritesNothing(@TempDir Path dir) throws Exception {
        assertAnInterruptedExportWritesNothing(dir, w -> {
            var sink = ItemSinks.to(w);
            int[] seen = {0};
            return item -> {
                sink.accept(item);
                if (++seen[0] == 10_000) Thread.currentThread().interrupt();
            };
        });
    }

    /** Exports "big" on a thread of its own through the sink made for the writer, which interrupts it. */
    private void assertAnInterruptedExportWritesNothing(Path dir, Function<ItemWriter, ItemSink> interruptingSink) throws Exception {
        Path out = dir.resolve("out.grakn");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try (ItemWriter w = ItemWriter.create(out)) {
                keyspaces.export("big", interruptingSink.apply(w), ProgressListener.NONE);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        t.join();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
        assertThat(readerThreads()).isEmpty();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    /** A sink taking frames into the writer, calling {@code each} with the things handed over so far. */
    private static ItemSink framesInto(ItemWriter w, java.util.function.LongConsumer each) {
        ItemSink inner = ItemSinks.to(w);
        long[] things = {0};
        return new ItemSink() {
            @Override public void accept(Item item) throws IOException { inner.accept(item); }
            @Override public boolean acceptsFrames() { return true; }
            @Override public void acceptFrames(byte[] frames, int length, Counts counts, long n) throws IOException {
                inner.acceptFrames(frames, length, counts, n);
                each.accept(things[0] += n);
            }
        };
    }

    @Test
    void aFailingSinkOfFramesStopsTheReadersAndNoFileAppears(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.grakn");
        try (ReadSnapshot s = keyspaces.store().read("big", 2); ItemWriter w = ItemWriter.create(out)) {
            assertThatThrownBy(() -> Exporter.export(s, framesInto(w, n -> {
                if (n >= 20_000) throw new java.io.UncheckedIOException(new IOException("disk full"));
            }), "t", ProgressListener.NONE)).isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("disk full");
            assertThat(readerThreads()).isEmpty();
        }
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void anInterruptedExportOfFramesWritesNothing(@TempDir Path dir) throws Exception {
        assertAnInterruptedExportWritesNothing(dir, w -> framesInto(w, n -> {
            if (n >= 10_000) Thread.currentThread().interrupt();
        }));
    }
}
