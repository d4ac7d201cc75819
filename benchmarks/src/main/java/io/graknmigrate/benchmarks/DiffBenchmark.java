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
 * {@code diff} of two backups beside {@code verify} of the larger one, in one run: the target is diff
 * within 3× the time of verify on the larger file. Side b is {@code -p other=FILE} (the same graph
 * re-id'd, such as the text-id variant of a scaled simulation file) or, by default, the file itself
 * ({@code -p dataset} may also be a path to a {@code .grakn} file);
 * either way the comparison does all its work (read both, resolve ids, refine, pair, check exactly)
 * and must end "equal". Items counted are side a's, so the two rows' ops/s compare times directly
 * (wall time; {@link CpuClock} adds CPU seconds). The heap is the 512 MiB the 10M-item target allows.
 * {@code benchmarks/run --diff-scale} runs it on the 10M scaled simulation against its text-id copy,
 * in file order and shuffled ({@link ShuffledCopy}).
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

    /** Side b of the comparison; empty for the dataset's file itself. */
    @Param({""})
    public String other;

    Datasets.Dataset data;
    Path sideB;
    /** The larger of the two files, the one verify reads. */
    Path larger;
    Path tempDir;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        data = dataset.endsWith(".grakn") ? file(Path.of(dataset)) : Datasets.resolve(dataset);
        tempDir = Files.createDirectories(Datasets.scratch().resolve("diff-temp"));
        sideB = other.isEmpty() ? data.file() : Path.of(other);
        larger = Files.size(sideB) > Files.size(data.file()) ? sideB : data.file();
    }

    /** A dataset given as a path (a scaled simulation file, say). */
    private static Datasets.Dataset file(Path path) throws IOException {
        long items = Datasets.countFrames(path);
        return new Datasets.Dataset(path.getFileName().toString(), path, items, items - 2, Files.size(path));
    }

    /** The baseline: {@code verify} of the larger file. */
    @Benchmark
    public void verify(ItemCounter counter, CpuClock cpu, Blackhole blackhole) {
        long cpuStart = cpu.start();
        Verification v = Verification.of(larger, larger.toString(), ProgressListener.NONE, tempDir);
        if (!v.ok()) throw new IllegalStateException(dataset + " does not verify: " + v.problems());
        blackhole.consume(v);
        counter.items += v.summary().items();
        cpu.stop(cpuStart, v.summary().items());
    }

    /** {@code diff} of the file against side b. */
    @Benchmark
    public void diff(ItemCounter counter, CpuClock cpu, Blackhole blackhole) {
        long cpuStart = cpu.start();
        DiffResult r = GraphDiff.compare(DiffInput.file(data.file(), "a"), DiffInput.file(sideB, "b"),
                Relabel.none(), GraphDiff.DEFAULT_LIMIT, tempDir, ProgressListener.NONE);
        if (!r.equal()) throw new IllegalStateException(dataset + " and " + sideB + " are not equal: " + r.toText());
        blackhole.consume(r);
        counter.items += data.items();
        cpu.stop(cpuStart, data.items());
    }
}
