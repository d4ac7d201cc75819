package io.graknmigrate.cli.reliability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The child-process harness itself: it must run the real Main and report what it did. */
class CliProcessTest {

    @TempDir
    Path dir;

    @Test
    void runsTheRealCommandLineInAChildJvm() throws Exception {
        CliProcess.Result r = CliProcess.in(dir).run(Duration.ofSeconds(60), "--version");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.stdout()).startsWith("grakn-migrate ");
    }

    @Test
    void reportsUsageErrorsWithTheirExitCode() throws Exception {
        CliProcess.Result r = CliProcess.in(dir).run(Duration.ofSeconds(60), "frobnicate");
        assertThat(r.code()).as("%s", r).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: ");
    }
}
