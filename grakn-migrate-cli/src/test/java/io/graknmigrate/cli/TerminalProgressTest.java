package io.graknmigrate.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The terminal's progress display, drawn into a buffer: a phase that reached its total ends at 100%. */
class TerminalProgressTest {

    @Test
    void aPhaseThatReachedItsTotalEndsAtOneHundredPercentUnderItsOwnName() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        TerminalProgress progress = new TerminalProgress(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        progress.start("writing data", 10L << 20, "bytes");
        progress.update(5L << 20);
        progress.update(10L << 20);
        progress.finish();
        progress.start("checking references", -1, "");
        progress.finish();
        String drawn = buffer.toString(StandardCharsets.UTF_8);
        String lastOfFirst = drawn.substring(0, drawn.indexOf("checking references"));
        assertThat(lastOfFirst).contains("writing data").contains("100%").doesNotContain("export");
        assertThat(drawn).contains("checking references");
        for (String line : drawn.split("[\r\n]")) assertThat(line.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "").length()).isLessThanOrEqualTo(100);
    }
}
