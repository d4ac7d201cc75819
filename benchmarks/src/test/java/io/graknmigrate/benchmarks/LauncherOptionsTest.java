package io.graknmigrate.benchmarks;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LauncherOptionsTest {

    @Test
    void theCheckoutsLauncherGivesItsJvmOptions() throws Exception {
        Path launcher = Path.of("..", "grakn-migrate").toAbsolutePath().normalize();
        assertThat(LauncherOptions.of(launcher)).contains("-XX:FreqInlineSize=150").allMatch(o -> o.startsWith("-XX:"));
    }

    @Test
    void theOptionsLineIsReadAsTheShellWouldSplitIt() {
        assertThat(LauncherOptions.parse("#!/bin/bash\n# jvm_options=(in a comment)\njvm_options=(-XX:A=1  -Dx=y)\nexec java\n", "x"))
                .containsExactly("-XX:A=1", "-Dx=y");
        assertThat(LauncherOptions.parse("jvm_options=()\n", "x")).isEmpty();
    }

    @Test
    void aLauncherWithoutOneOptionsLineOrWithShellSyntaxInItIsRefused() {
        assertThatThrownBy(() -> LauncherOptions.parse("exec java -jar x\n", "x")).hasMessageContaining("found 0");
        assertThatThrownBy(() -> LauncherOptions.parse("jvm_options=(-a)\njvm_options=(-b)\n", "x")).hasMessageContaining("found 2");
        assertThatThrownBy(() -> LauncherOptions.parse("jvm_options=(\"$X\")\n", "x")).hasMessageContaining("cannot pass on");
    }
}
