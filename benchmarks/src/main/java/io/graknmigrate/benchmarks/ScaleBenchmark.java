package io.graknmigrate.benchmarks;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Whole-process jobs on the real-shaped scaled backup ({@link ScaledSimulation}: Grakn's
 * {@code simulation.grakn} copied {@code copies} times): each invocation runs one
 * {@code java -Xmx512m -jar <jar> ...} child process and times it from start to exit, while a poller
 * reads the child's peak resident set ({@code VmHWM} in {@code /proc/<pid>/status}). The JMH score is
 * the wall time; every invocation also appends a line (job, jar, copies, things, exit, seconds, peak
 * RSS) to {@code scale-results.tsv} in the scratch directory, which {@link ScaleReport} turns into the
 * table of ratios.
 *
 * <p>Jobs: {@code import} (fresh keyspace defined from the schema without its regexes, not timed),
 * {@code import-non-V-ids} (the same with UUID-like ids), {@code export} (of a keyspace holding the
 * scaled file, built by an untimed import with the same jar), {@code verify}, and {@code doomed-import}
 * (into a keyspace defined with the regexes intact, so the import must fail, exit 1), and for the
 * diff's target (within 3× of {@code verify} of the larger file) {@code diff-shuffled} ({@code diff}
 * of the scaled file against its text-id copy with the items shuffled, {@link ShuffledCopy} seed
 * {@value #SHUFFLE_SEED}: one graph as two servers that number and list things differently would
 * export it; must say equal) and {@code verify-shuffled} ({@code verify} of that copy, the larger
 * file) with the same jar. Jars:
 * {@code current} ({@code $GRAKN_MIGRATE_SCALE_CURRENT_JAR}) and {@code baseline}
 * ({@code $GRAKN_MIGRATE_SCALE_BASELINE_JAR}, the previous release); for {@code verify} the baseline is
 * Grakn's own way of reading the file ({@link GraknStyleRead}) in a child process alike; and
 * {@code launcher}, the current jar run with the JVM options the {@code grakn-migrate} launcher adds
 * ({@link LauncherOptions}), as users of the launcher run it.
 * {@code benchmarks/run --scale} builds both jars and the data and runs this; it never runs in
 * {@code mvn verify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class ScaleBenchmark {

    @Param({"import", "import-non-V-ids", "export", "verify", "doomed-import", "diff-shuffled", "verify-shuffled"})
    public String job;

    /** The seed of the shuffled copy the diff jobs read, as {@code benchmarks/run --diff-scale} makes it. */
    static final long SHUFFLE_SEED = 42;

    @Param({"baseline", "current", "launcher"})
    public String jar;

    /** Copies of simulation.grakn: 330 gives 10,083,480 things, 33 about 1M. */
    @Param({"330"})
    public int copies;

    static final String HEAP = "-Xmx512m";

    private Path scratch;
    private Path data;
    /** The shuffled text-id copy of {@link #data}, for the diff jobs. */
    private Path shuffled;
    private Path schemas;
    private Path jarFile;
    private Path work;
    private long things;
    private int runs;
    private List<String> command;
    private int expectedExit;
    /** JVM options before {@code -jar}: the launcher's for {@code launcher}, else none. */
    private List<String> jvmOptions = List.of();

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        scratch = Datasets.scratch();
        Path source = Datasets.simulationFile();
        if (!Files.isRegularFile(source)) {
            throw new Datasets.SkipException("skipped: " + source + " not found (../shared is absent)");
        }
        ScaledSimulation.IdStyle ids = job.equals("import-non-V-ids") ? ScaledSimulation.IdStyle.TEXT : ScaledSimulation.IdStyle.GRAKN;
        Path scaledDir = scratch.resolve("scaled");
        data = ScaledSimulation.ensure(source, scaledDir, copies, ids);
        schemas = scaledDir;
        things = ScaledSimulation.of(source).things(copies);
        if (job.endsWith("-shuffled")) {
            Path textIds = ScaledSimulation.ensure(source, scaledDir, copies, ScaledSimulation.IdStyle.TEXT);
            shuffled = scaledDir.resolve(shuffledName(copies));
            if (!Files.isRegularFile(shuffled)) ShuffledCopy.write(textIds, shuffled, SHUFFLE_SEED);
        }
        String variable = jar.equals("baseline") ? "GRAKN_MIGRATE_SCALE_BASELINE_JAR" : "GRAKN_MIGRATE_SCALE_CURRENT_JAR";
        String path = System.getenv(variable);
        if (path == null || path.isBlank() || !Files.isRegularFile(Path.of(path))) {
            throw new Datasets.SkipException("skipped: $" + variable + " does not name a jar (benchmarks/run --scale sets it)");
        }
        jarFile = Path.of(path);
        if (jar.equals("launcher")) jvmOptions = LauncherOptions.of(LauncherOptions.launcher());
        work = Files.createTempDirectory(scratch, "scale-" + job + "-" + jar + "-");
        if (job.equals("export")) {
            // the keyspace to export, built by the jar under test (its own storage layout), not timed
            defineKeyspace("scaled", false);
            run(cli("import", "--data", work.resolve("data").toString(), "scaled", data.toString(), "-q"), 0, "import for export");
        }
    }

    @Setup(Level.Invocation)
    public void prepare() throws IOException, InterruptedException {
        runs++;
        switch (job) {
            case "import", "import-non-V-ids" -> {
                Datasets.deleteTree(work.resolve("data"));
                defineKeyspace("scaled", false);
                command = cli("import", "--data", work.resolve("data").toString(), "scaled", data.toString(), "-q");
                expectedExit = 0;
            }
            case "doomed-import" -> {
                Datasets.deleteTree(work.resolve("data"));
                defineKeyspace("scaled", true);
                command = cli("import", "--data", work.resolve("data").toString(), "scaled", data.toString(), "-q");
                expectedExit = 1;
            }
            case "export" -> {
                Path out = work.resolve("export-" + runs + ".grakn");
                Files.deleteIfExists(out);
                command = cli("export", "--data", work.resolve("data").toString(), "scaled", out.toString(), "-q");
                expectedExit = 0;
            }
            case "verify" -> {
                command = jar.equals("baseline")
                        ? List.of(java(), HEAP, "-cp", System.getProperty("java.class.path"),
                                GraknStyleRead.class.getName(), data.toString())
                        : cli("verify", data.toString(), "-q");
                expectedExit = 0;
            }
            case "diff-shuffled" -> {
                command = cli("diff", data.toString(), shuffled.toString(), "-q");
                expectedExit = 0;
            }
            case "verify-shuffled" -> {
                command = cli("verify", shuffled.toString(), "-q");
                expectedExit = 0;
            }
            default -> throw new IllegalArgumentException("unknown job '" + job
                    + "', use import, import-non-V-ids, export, verify, doomed-import, diff-shuffled or verify-shuffled");
        }
    }

    @Benchmark
    public long job() throws IOException, InterruptedException {
        Outcome o = run(command, expectedExit, job);
        record(o);
        return o.exit();
    }

    @TearDown(Level.Invocation)
    public void cleanInvocation() throws IOException {
        if (job.equals("export")) {
            try (Stream<Path> files = Files.list(work)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    if (p.getFileName().toString().startsWith("export-")) Files.deleteIfExists(p);
                }
            }
        } else if (job.contains("import")) {
            Datasets.deleteTree(work.resolve("data")); // a 10M keyspace takes GBs
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (work != null) Datasets.deleteTree(work);
    }

    /** The shuffled text-id copy's name, beside the scaled files. */
    static String shuffledName(int copies) {
        return ScaledSimulation.fileName(copies, ScaledSimulation.IdStyle.TEXT).replace(".grakn", "-shuffled.grakn");
    }

    private void defineKeyspace(String keyspace, boolean withRegexes) throws IOException, InterruptedException {
        Path one = schemas.resolve(withRegexes ? "schema.gql" : "schema-no-regex.gql");
        Path two = schemas.resolve(withRegexes ? "schema-pt2.gql" : "schema-pt2-no-regex.gql");
        run(cli("define", "--data", work.resolve("data").toString(), keyspace, one.toString(), two.toString(), "-q"), 0, "define");
    }

    private List<String> cli(String... args) {
        List<String> c = new ArrayList<>(List.of(java(), HEAP));
        c.addAll(jvmOptions);
        c.addAll(List.of("-jar", jarFile.toString()));
        c.addAll(List.of(args));
        return c;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A finished child process: its exit code, wall time and peak resident set. */
    record Outcome(int exit, double seconds, long peakRssKiB) {
    }

    /** Stops a child after this long (seconds): {@code $GRAKN_MIGRATE_SCALE_TIMEOUT}, default 30 minutes. */
    static long timeoutSeconds() {
        String t = System.getenv("GRAKN_MIGRATE_SCALE_TIMEOUT");
        return t == null || t.isBlank() ? 1800 : Long.parseLong(t.trim());
    }

    private Outcome run(List<String> cmd, int expected, String what) throws IOException, InterruptedException {
        Path log = work.resolve("child-" + runs + ".log");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long peak = 0;
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds());
        while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, vmHwm(status));
            if (System.nanoTime() > deadline) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException(what + " stopped after " + timeoutSeconds() + " s: " + String.join(" ", cmd));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int exit = p.exitValue();
        if (exit != expected) {
            String out = Files.readString(log, StandardCharsets.UTF_8);
            throw new IllegalStateException(what + " exited " + exit + " (expected " + expected + "): "
                    + String.join(" ", cmd) + "\n" + out.substring(Math.max(0, out.length() - 2000)));
        }
        Files.deleteIfExists(log);
        return new Outcome(exit, seconds, peak);
    }

    /** {@code VmHWM} (peak RSS, KiB) of a running process, 0 once it is gone. */
    static long vmHwm(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has just exited: its last reading stands
        }
        return 0;
    }

    private void record(Outcome o) throws IOException {
        String line = String.join("\t", job, jar, Integer.toString(copies), Long.toString(things),
                Integer.toString(o.exit()), String.format(Locale.ROOT, "%.2f", o.seconds()),
                Long.toString(o.peakRssKiB())) + "\n";
        Files.writeString(scratch.resolve("scale-results.tsv"), line, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
