package io.graknmigrate.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScaleReportTest {

    private static ScaleReport.Row row(String job, String jar, double seconds) {
        return new ScaleReport.Row(job, jar, 330, 10_083_480, 0, seconds, 100 * 1024);
    }

    @Test
    void eachJarOfAJobHasItsRowAndTheRatioToTheBaseline() {
        String table = ScaleReport.table(List.of(
                row("verify", "baseline", 12.0), row("verify", "current", 4.0), row("verify", "launcher", 3.0),
                row("export", "baseline", 9.0), row("export", "current", 9.0)));
        assertThat(table).contains("| verify | 10,083,480 | baseline (Grakn-style read) | 0 | 12.0 s |")
                .contains("| verify | 10,083,480 | current | 0 | 4.0 s | 2.52M | 100 MiB | **3.00×** |")
                .contains("| verify | 10,083,480 | launcher | 0 | 3.0 s | 3.36M | 100 MiB | **4.00×** |")
                .contains("| export | 10,083,480 | current | 0 | 9.0 s | 1.12M | 100 MiB | **1.00×** |")
                .doesNotContain("| export | 10,083,480 | launcher");
    }

    @Test
    void eachJarsDiffIsSetAgainstItsVerifyOfTheLargerFile() {
        String table = ScaleReport.table(List.of(
                row("diff-shuffled", "baseline", 24.0), row("diff-shuffled", "current", 20.0), row("diff-shuffled", "launcher", 18.0),
                row("verify-shuffled", "baseline", 5.0), row("verify-shuffled", "current", 5.0), row("verify-shuffled", "launcher", 4.0)));
        assertThat(table).contains("| diff-shuffled | 10,083,480 | current | 0 | 20.0 s | 504k | 100 MiB | **1.20×** |")
                .contains("diff ÷ verify of the larger file (baseline, 10,083,480 things; target at most 3×): 24.0 s ÷ 5.0 s = **4.80×**")
                .contains("diff ÷ verify of the larger file (current, 10,083,480 things; target at most 3×): 20.0 s ÷ 5.0 s = **4.00×**")
                .contains("diff ÷ verify of the larger file (launcher, 10,083,480 things; target at most 3×): 18.0 s ÷ 4.0 s = **4.50×**");
    }

    @Test
    void aDiffWithoutItsVerifyHasNoRatio() {
        assertThat(ScaleReport.table(List.of(row("diff-shuffled", "current", 20.0), row("verify-shuffled", "launcher", 4.0))))
                .doesNotContain("diff ÷ verify");
    }
}
