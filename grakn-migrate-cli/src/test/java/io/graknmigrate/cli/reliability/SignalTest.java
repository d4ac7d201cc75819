package io.graknmigrate.cli.reliability;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C (SIGINT) and SIGTERM sent to the real CLI in the middle of its work: the export's
 * temporary file is removed, the import rolls back, one line says so and the exit code is 130.
 */
class SignalTest {

    @TempDir
    static Path shared;
    private static Workspace base;
    private static Path big;

    @TempDir
    Path dir;

    @BeforeAll
    static void keyspaceWithData() throws Exception {
        base = Workspace.withImported(shared.resolve("base"), 5_000);
        big = base.backup(20_000);
    }

    private static void awaitCondition(CliProcess.Running running, BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(running.isAlive()).as("the command is still running when %s\n%s", what, running.stderrSoFar()).isTrue();
            assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    /** How far process {@code pid} has read {@code file}, from /proc (0 while it has not opened it). */
    private static long readPosition(long pid, Path file) {
        try {
            Path real = file.toRealPath();
            try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                for (Path fd : (Iterable<Path>) fds::iterator) {
                    try {
                        if (!Files.readSymbolicLink(fd).equals(real)) continue;
                        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "fdinfo", fd.getFileName().toString()))) {
                            if (line.startsWith("pos:")) return Long.parseLong(line.substring(4).trim());
                        }
                    } catch (java.io.IOException | NumberFormatException closedMeanwhile) {
                        // try the next descriptor
                    }
                }
            }
        } catch (java.io.IOException processGone) {
            return 0;
        }
        return 0;
    }

    private static List<String> names(Path d) {
        return Outcomes.listNames(d);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void anInterruptedExportLeavesNothingAndSaysSo(String signal) throws Exception {
        Workspace w = base.copyTo(dir.resolve("ws"));
        Path out = Files.createDirectories(dir.resolve("out"));
        CliProcess.Running running = w.start("export", Workspace.KEYSPACE, out.resolve("backup.grakn").toString());
        try (running) {
            running.stdin().close();
            // The temporary file exists: the export is under way.
            awaitCondition(running, () -> !names(out).isEmpty(), "the export's temporary file appears");
            running.send(signal);
            CliProcess.Result r = running.await(Duration.ofMinutes(1));
            assertThat(r.code()).as("%s", r).isEqualTo(130);
            assertThat(r.stderr().strip()).as("%s", r).isEqualTo("interrupted, nothing written");
            assertThat(r.stdout()).doesNotContain("exported");
        }
        assertThat(names(out)).as("no temporary and no final file").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void anInterruptedImportRollsBackAndSaysSo(String signal) throws Exception {
        Workspace w = base.copyTo(dir.resolve("ws"));
        Path before = w.export("before.grakn");
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fdinfo")), "no /proc here to see how far the import has read");
        long size = Files.size(big);
        CliProcess.Running running = w.start("import", Workspace.KEYSPACE, big.toString());
        try (running) {
            running.stdin().close();
            // A quarter of the backup read: the import is in its item loop, well before its commit.
            awaitCondition(running, () -> readPosition(running.pid(), big) > size / 4, "the import has read a quarter of the file");
            running.send(signal);
            CliProcess.Result r = running.await(Duration.ofMinutes(1));
            assertThat(r.code()).as("%s", r).isEqualTo(130);
            assertThat(r.stderr().strip()).as("%s", r).isEqualTo("interrupted, keyspace unchanged");
            assertThat(r.stdout()).doesNotContain("imported");
        }
        Path after = w.export("after.grakn");
        assertThat(Outcomes.sha256(after)).as("the keyspace is as before").isEqualTo(Outcomes.sha256(before));
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT"})
    void anInterruptedConvertLeavesNothing(String signal) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        CliProcess.Running running = base.cli().start("convert", big.toString(), out.resolve("big.jsonl").toString());
        try (running) {
            running.stdin().close();
            awaitCondition(running, () -> !names(out).isEmpty(), "the convert's temporary file appears");
            running.send(signal);
            CliProcess.Result r = running.await(Duration.ofMinutes(1));
            assertThat(r.code()).as("%s", r).isEqualTo(130);
            assertThat(r.stderr().strip()).as("%s", r).isEqualTo("interrupted, nothing written");
        }
        assertThat(names(out)).isEmpty();
    }
}
