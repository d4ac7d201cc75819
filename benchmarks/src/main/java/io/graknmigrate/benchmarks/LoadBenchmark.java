package io.graknmigrate.benchmarks;

import io.graknmigrate.format.ItemReader;
import io.graknmigrate.load.GraqlLoader;
import io.graknmigrate.load.LoadInput;
import io.graknmigrate.load.LoadSummary;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.migrate.ImportSummary;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.schema.SchemaException;
import io.graknmigrate.embedded.EmbeddedKeyspaces;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code load} of an insert-only Graql file ({@link SyntheticGraql}: one insert query per line) beside
 * the {@code .grakn} import of the very same graph, both into a fresh embedded keyspace with the schema
 * defined (not timed), in a 512 MB heap. The score is the {@code :items} secondary result: things in
 * the keyspace per second. Parsing, execution, the end-of-file checks and the commit are all timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 0)
@Measurement(iterations = 1, time = 1)
public class LoadBenchmark {

    /** Queries in the Graql file: {@code 10k}, {@code 1m}. */
    @Param({"10k", "1m"})
    public String queries;

    SyntheticGraql.Generated files;
    List<GraqlSource> schema;
    Path root;
    EmbeddedKeyspaces keyspaces;
    int runs;
    String target;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        long n = SyntheticBackup.parseCount(queries);
        files = SyntheticGraql.files(Datasets.scratch(), n);
        schema = List.of(new GraqlSource("schema.gql", SyntheticGraql.schema()));
        root = Files.createTempDirectory(Datasets.scratch(), "load-");
        keyspaces = new EmbeddedKeyspaces(root.resolve("data"), "grakn-migrate benchmarks");
    }

    @Setup(Level.Invocation)
    public void freshKeyspace() throws SchemaException {
        target = "load" + (runs++);
        keyspaces.define(target, schema, w -> { });
    }

    @TearDown(Level.Invocation)
    public void dropKeyspace() {
        keyspaces.delete(target);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Datasets.deleteTree(root);
    }

    /** The Graql file, as {@code grakn-migrate load} runs it. */
    @Benchmark
    public void loadGraql(ItemCounter counter, CpuClock cpu) throws IOException {
        long cpuStart = cpu.start();
        List<LoadSummary> summaries = new GraqlLoader(keyspaces.store()).load(target,
                List.of(LoadInput.file(files.graql().toString(), files.graql())), false, w -> { }, ProgressListener.NONE, s -> { });
        long things = summaries.get(0).thingsInserted();
        if (things != files.things()) throw new IllegalStateException("loaded " + things + " things, expected " + files.things());
        counter.items += things;
        cpu.stop(cpuStart, things);
    }

    /** The same graph from a {@code .grakn} backup, as {@code grakn-migrate import} runs it: the baseline. */
    @Benchmark
    public void importGrakn(ItemCounter counter, CpuClock cpu) throws SchemaException {
        long cpuStart = cpu.start();
        ImportSummary summary;
        try (ItemReader reader = ItemReader.open(files.grakn())) {
            summary = keyspaces.importFile(target, reader, ImportOptions.defaults(), ProgressListener.NONE);
        }
        long things = summary.counts().things();
        if (things != files.things()) throw new IllegalStateException("imported " + things + " things, expected " + files.things());
        counter.items += things;
        cpu.stop(cpuStart, things);
    }
}
