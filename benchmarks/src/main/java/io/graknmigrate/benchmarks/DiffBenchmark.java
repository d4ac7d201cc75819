package io.graknmigrate.benchmarks;

import io.graknmigrate.diff.DiffInput;
import io.graknmigrate.diff.DiffResult;
import io.graknmigrate.diff.GraphDiff;
import io.graknmigrate.format.Relabel;
import io.graknmigrate.format.Verification;
import io.graknmigrate.format.ProgressListener;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code diff} of a backup against itself beside {@code verify} of the same backup, in one run: the
 * target is diff within 3× the time of verify on the larger file. Both sides are the same file, so
 * the comparison does all its work (read, resolve, refine until stable, pair, check exactly) and
 * ends "equal". Items counted are one side's, so the two rows' items/s compare times directly.
 * The heap is the 512 MiB the 10M-item target allows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class DiffBenchmark {

    @Param({"synthetic-10k", "synthetic-1m", Datasets.SIMULATION})
    public String dataset;

    Datasets.Dataset data;
    Path tempDir;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        data = Datasets.resolve(dataset);
        tempDir = Files.createDirectories(Datasets.scratch().resolve("diff-temp"));
    }

    /** The baseline: {@code verify} of the file. */
    @Benchmark
    public void verify(ItemCounter counter, CpuClock cpu, Blackhole blackhole) {
        long cpuStart = cpu.start();
        Verification v = Verification.of(data.file(), data.file().toString(), ProgressListener.NONE, tempDir);
        if (!v.ok()) throw new IllegalStateException(dataset + " does not verify: " + v.problems());
        blackhole.consume(v);
        counter.items += v.summary().items();
        cpu.stop(cpuStart, v.summary().items());
    }

    /** {@code diff} of the file against itself. */
    @Benchmark
    public void diff(ItemCounter counter, CpuClock cpu, Blackhole blackhole) {
        long cpuStart = cpu.start();
        DiffResult r = GraphDiff.compare(DiffInput.file(data.file(), "a"), DiffInput.file(data.file(), "b"),
                Relabel.none(), GraphDiff.DEFAULT_LIMIT, tempDir, ProgressListener.NONE);
        if (!r.equal()) throw new IllegalStateException(dataset + " does not equal itself: " + r.toText());
        blackhole.consume(r);
        counter.items += data.items();
        cpu.stop(cpuStart, data.items());
    }
}
