package io.graknmigrate.benchmarks;

import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.migrate.ExportSummary;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.migrate.ImportSummary;
import io.graknmigrate.migrate.ItemSinks;
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
 * Import of a whole backup into a fresh embedded (SQLite) keyspace, and export of a keyspace holding
 * it to a {@code .grakn} file, through {@link EmbeddedKeyspaces} as the CLI does. The score is the
 * {@code :items} secondary result: things (entities + attributes + relations) per second. The
 * keyspace creation and schema definition before each import are not timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 2, time = 1)
public class StoreBenchmark {

    @Param({"synthetic-10k", "synthetic-1m", Datasets.SIMULATION})
    public String dataset;

    Datasets.Dataset data;
    List<GraqlSource> schema;
    Path root;
    EmbeddedKeyspaces keyspaces;
    Path exportFile;
    int imports;
    String target;

    @Setup(Level.Trial)
    public void setUp() throws IOException, SchemaException {
        data = Datasets.resolve(dataset);
        schema = schemaOf(data);
        Files.createDirectories(Datasets.scratch());
        root = Files.createTempDirectory(Datasets.scratch(), "store-");
        keyspaces = new EmbeddedKeyspaces(root.resolve("data"), "grakn-migrate benchmarks");
        keyspaces.define("source", schema, w -> { });
        try (ItemReader reader = ItemReader.open(data.file())) {
            keyspaces.importFile("source", reader, ImportOptions.defaults(), ProgressListener.NONE);
        }
        exportFile = root.resolve("export.grakn");
    }

    static List<GraqlSource> schemaOf(Datasets.Dataset data) throws IOException {
        if (data.name().equals(Datasets.SIMULATION)) {
            Path dir = data.file().getParent();
            return List.of(new GraqlSource("schema.gql", Files.readString(dir.resolve("schema.gql"))),
                    new GraqlSource("schema-pt2.gql", Files.readString(dir.resolve("schema-pt2.gql"))));
        }
        return List.of(new GraqlSource("synthetic.gql", SyntheticBackup.schema()));
    }

    @Setup(Level.Invocation)
    public void freshKeyspace() throws SchemaException {
        target = "import" + (imports++);
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

    @Benchmark
    public void importKeyspace(ItemCounter counter, CpuClock cpu) throws SchemaException {
        long cpuStart = cpu.start();
        ImportSummary summary;
        try (ItemReader reader = ItemReader.open(data.file())) {
            summary = keyspaces.importFile(target, reader, ImportOptions.defaults(), ProgressListener.NONE);
        }
        counter.items += summary.counts().things();
        cpu.stop(cpuStart, summary.counts().things());
    }

    @Benchmark
    public void exportKeyspace(ItemCounter counter, CpuClock cpu) throws IOException {
        long cpuStart = cpu.start();
        ExportSummary summary;
        try (ItemWriter writer = ItemWriter.create(exportFile)) {
            summary = keyspaces.export("source", ItemSinks.to(writer), ProgressListener.NONE);
        }
        counter.items += summary.counts().things();
        cpu.stop(cpuStart, summary.counts().things());
    }

    /**
     * The export's baseline in the same run: the same export through a sink that takes items only, so
     * the readers build protobuf items and the writer thread encodes them.
     */
    @Benchmark
    public void exportKeyspaceThroughItems(ItemCounter counter, CpuClock cpu) throws IOException {
        long cpuStart = cpu.start();
        ExportSummary summary;
        try (ItemWriter writer = ItemWriter.create(exportFile)) {
            var sink = ItemSinks.to(writer);
            summary = keyspaces.export("source", item -> sink.accept(item), ProgressListener.NONE);
        }
        counter.items += summary.counts().things();
        cpu.stop(cpuStart, summary.counts().things());
    }
}
