package io.graknmigrate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @TempDir
    Path dir;

    @Test
    void versionPrintsTheProjectVersion() {
        Cli.Result r = new Cli(dir).run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("grakn-migrate ").doesNotContain("${").doesNotContain("unknown");
        if (Files.exists(Path.of("..", ".git"))) {
            assertThat(r.out()).as("built in a git checkout: the commit is named").matches("grakn-migrate \\S+ \\(commit \\S+\\)\\n");
        }
        assertThat(new Cli(dir).run("version").out()).isEqualTo(r.out());
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result r = new Cli(dir).run();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: no command given");
    }

    @Test
    void unknownCommandIsAUsageError() {
        Cli.Result r = new Cli(dir).run("frobnicate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.stderr().lines().findFirst().orElseThrow()).startsWith("error: ");
    }

    @Test
    void unknownOptionIsAUsageErrorWithoutStackTrace() {
        Cli.Result r = new Cli(dir).run("version", "--frobnicate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: ").doesNotContain("\tat ");
    }
}
