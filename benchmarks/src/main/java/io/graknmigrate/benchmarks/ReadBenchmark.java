package io.graknmigrate.benchmarks;

import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.JsonlWriter;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.Summary;
import io.graknmigrate.format.Verification;
import io.graknmigrate.format.ItemScanner;
import io.graknmigrate.format.proto.Item;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * Reading a whole backup, every way we read one, beside the two references measured in the same run:
 * {@link #graknStyle} (how Grakn 1.8 reads: {@code Item.parseDelimitedFrom} on a
 * {@code BufferedInputStream}, item by item) and {@link #rawRead} (the same bytes read sequentially
 * into a buffer, no parsing: the ceiling for any reader of this file).
 *
 * <p>The score that matters is the {@code :items} secondary result (items/s); the file stays in the
 * page cache after the first invocation, so this measures CPU, not the disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ReadBenchmark {

    @Param({"synthetic-10k", "synthetic-1m", Datasets.SIMULATION})
    public String dataset;

    Datasets.Dataset data;
    Path tempDir;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        data = Datasets.resolve(dataset);
        tempDir = Files.createDirectories(Datasets.scratch().resolve("verify-temp"));
    }

    @Benchmark
    public void graknStyle(ItemCounter counter, CpuClock cpu, Blackhole blackhole) throws IOException {
        long cpuStart = cpu.start();
        long n = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(data.file()))) {
            Item item;
            while ((item = Item.parseDelimitedFrom(in)) != null) {
                blackhole.consume(item);
                n++;
            }
        }
        counter.items += n;
        cpu.stop(cpuStart, n);
    }

    @Benchmark
    public void rawRead(ItemCounter counter, CpuClock cpu, Blackhole blackhole) throws IOException {
        long cpuStart = cpu.start();
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (InputStream in = new FileInputStream(data.file().toFile())) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
            }
        }
        blackhole.consume(total);
        counter.items += data.items();
        cpu.stop(cpuStart, data.items());
    }

    /** Our full decode: {@link ItemReader} builds every {@link Item}, like the importer needs them. */
    @Benchmark
    public void decode(ItemCounter counter, CpuClock cpu, Blackhole blackhole) {
        long cpuStart = cpu.start();
        long n = 0;
        try (ItemReader reader = ItemReader.open(data.file())) {
            while (reader.hasNext()) {
                blackhole.consume(reader.next());
                n++;
            }
        }
        counter.items += n;
        cpu.stop(cpuStart, n);
    }

    /**
     * The wire scan {@code inspect} and {@code verify} run on: {@link ItemScanner} visits every item
     * without building objects; the benchmark reads what a summary counts (kind, ownerships, players).
     */
    @Benchmark
    public void scan(ItemCounter counter, CpuClock cpu, Blackhole blackhole) {
        long cpuStart = cpu.start();
        long n = 0;
        long refs = 0;
        try (ItemScanner scanner = ItemScanner.open(data.file())) {
            while (scanner.next()) {
                blackhole.consume(scanner.kind());
                refs += scanner.ownedCount() + scanner.playerCount();
                n++;
            }
        }
        blackhole.consume(refs);
        counter.items += n;
        cpu.stop(cpuStart, n);
    }

    /** {@code inspect}: the {@link Summary} of the file (counts per kind and label, checksums compared). */
    @Benchmark
    public void inspect(ItemCounter counter, CpuClock cpu, Blackhole blackhole) {
        long cpuStart = cpu.start();
        Summary summary = Summary.of(data.file(), data.file().toString(), ProgressListener.NONE);
        blackhole.consume(summary);
        counter.items += summary.items();
        cpu.stop(cpuStart, summary.items());
    }

    /**
     * {@code verify}: the summary plus the id checks (fingerprints of every id and reference sorted
     * on disk, duplicates confirmed by a second pass), so it does more than one scan.
     */
    @Benchmark
    public void verify(ItemCounter counter, CpuClock cpu, Blackhole blackhole) {
        long cpuStart = cpu.start();
        Verification verification = Verification.of(data.file(), data.file().toString(), ProgressListener.NONE, tempDir);
        if (!verification.ok()) {
            throw new IllegalStateException(dataset + " does not verify: " + verification.problems());
        }
        blackhole.consume(verification);
        counter.items += verification.summary().items();
        cpu.stop(cpuStart, verification.summary().items());
    }

    /** {@code convert} to JSON Lines: decode every item and print it as JSON, into a null sink. */
    @Benchmark
    public void jsonLines(ItemCounter counter, CpuClock cpu) {
        long cpuStart = cpu.start();
        long n = 0;
        try (ItemReader reader = ItemReader.open(data.file());
             JsonlWriter writer = JsonlWriter.to(OutputStream.nullOutputStream(), "null")) {
            while (reader.hasNext()) {
                writer.write(reader.next());
                n++;
            }
            writer.complete();
        }
        counter.items += n;
        cpu.stop(cpuStart, n);
    }
}
