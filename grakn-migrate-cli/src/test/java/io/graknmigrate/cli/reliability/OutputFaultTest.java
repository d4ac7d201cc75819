package io.graknmigrate.cli.reliability;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Standard output that cannot take the bytes: {@code /dev/full}, a file on a full disk, a pipe whose
 * reader went away. Each must end in exit 1 with one {@code error:} line and no success summary,
 * because a summary would tell the user that a truncated backup is fine.
 */
class OutputFaultTest {

    @TempDir
    static Path shared;
    private static Workspace base;
    private static Path backup;

    @TempDir
    Path dir;

    @BeforeAll
    static void keyspaceWithData() throws Exception {
        base = Workspace.withImported(shared.resolve("base"), 3_000);
        backup = base.backup(3_000);
    }

    private static final File DEV_FULL = new File("/dev/full");

    private static CliProcess.Result toDevFull(String... args) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(DEV_FULL.exists(), "no /dev/full on this machine");
        return base.cli().stdout(ProcessBuilder.Redirect.to(DEV_FULL)).run(Duration.ofMinutes(2), args);
    }

    @Test
    void exportToDevFullFailsWithoutASummary() throws Exception {
        String line = Outcomes.assertOneLineError(toDevFull(base.withData("export", Workspace.KEYSPACE, "-")));
        assertThat(line).contains("no space").doesNotContain("exported");
    }

    @Test
    void convertToDevFullFails() throws Exception {
        Outcomes.assertOneLineError(toDevFull("convert", backup.toString(), "-", "--to", "jsonl"));
        Outcomes.assertOneLineError(toDevFull("convert", backup.toString(), "-", "--to", "grakn"));
    }

    @Test
    void smallOutputsToDevFullFailToo() throws Exception {
        Outcomes.assertOneLineError(toDevFull("inspect", backup.toString()));
        Outcomes.assertOneLineError(toDevFull("inspect", "--json", backup.toString()));
        Outcomes.assertOneLineError(toDevFull(base.withData("schema", Workspace.KEYSPACE)));
        Outcomes.assertOneLineError(toDevFull(base.withData("keyspaces")));
        Outcomes.assertOneLineError(toDevFull("version"));
    }

    @Test
    void exportToAFileOnAFullDiskThroughStdoutFails() throws Exception {
        try (Faults.Mount small = Faults.tmpfs(dir, "256k")) {
            Path target = small.dir.resolve("backup.grakn");
            CliProcess.Result r = base.cli().stdout(ProcessBuilder.Redirect.to(target.toFile()))
                    .run(Duration.ofMinutes(2), base.withData("export", Workspace.KEYSPACE, "-"));
            assertThat(Outcomes.assertOneLineError(r)).contains("no space");
        }
    }

    @Test
    void exportIntoAPipeClosedEarlyFails() throws Exception {
        CliProcess.Running running = base.cli().stdout(ProcessBuilder.Redirect.PIPE)
                .start(base.withData("export", Workspace.KEYSPACE, "-"));
        try (running) {
            running.stdin().close();
            InputStream out = running.stdout();
            assertThat(out.readNBytes(100)).hasSize(100);
            out.close(); // like `| head -c 100`
            String line = Outcomes.assertOneLineError(running.await(Duration.ofMinutes(2)));
            assertThat(line).contains("broken pipe");
        }
    }

    @Test
    void convertIntoAPipeClosedEarlyFails() throws Exception {
        CliProcess.Running running = base.cli().stdout(ProcessBuilder.Redirect.PIPE)
                .start("convert", backup.toString(), "-", "--to", "jsonl");
        try (running) {
            running.stdin().close();
            InputStream out = running.stdout();
            assertThat(out.readNBytes(100)).hasSize(100);
            out.close();
            assertThat(Outcomes.assertOneLineError(running.await(Duration.ofMinutes(2)))).contains("broken pipe");
        }
    }

    @Test
    void aWorkingStdoutStillSucceeds() throws Exception {
        Path file = dir.resolve("out.grakn");
        CliProcess.Result r = base.cli().stdout(ProcessBuilder.Redirect.to(file.toFile()))
                .run(Duration.ofMinutes(2), base.withData("export", Workspace.KEYSPACE, "-"));
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.stderr()).contains("exported");
        assertThat(base.cli().run("verify", file.toString()).code()).isZero();
        assertThat(Files.size(file)).isGreaterThan(100_000);
    }
}
