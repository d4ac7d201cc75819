package io.graknmigrate.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class PerformanceReportTest {

    private static final List<String> CSV = List.of(
            "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\",\"Param: dataset\",\"Param: items\"",
            "\"io.graknmigrate.benchmarks.ReadBenchmark.graknStyle\",\"thrpt\",1,2,1.5,NaN,\"ops/s\",synthetic-1m,",
            "\"io.graknmigrate.benchmarks.ReadBenchmark.graknStyle:items\",\"thrpt\",1,2,2000000.0,NaN,\"ops/s\",synthetic-1m,",
            "\"io.graknmigrate.benchmarks.ReadBenchmark.rawRead:items\",\"thrpt\",1,2,100000000.0,5.0,\"ops/s\",synthetic-1m,",
            "\"io.graknmigrate.benchmarks.ReadBenchmark.scan:items\",\"thrpt\",1,2,12000000.0,NaN,\"ops/s\",synthetic-1m,",
            "\"io.graknmigrate.benchmarks.ReadBenchmark.decode:items\",\"thrpt\",1,2,2000000.0,NaN,\"ops/s\",synthetic-1m,",
            "\"io.graknmigrate.benchmarks.WriteBenchmark.itemWriter:items\",\"thrpt\",1,2,3000000.0,NaN,\"ops/s\",,1m",
            "\"io.graknmigrate.benchmarks.WriteBenchmark.itemWriter:cpuItems\",\"thrpt\",1,2,3000000.0,NaN,\"#\",,1m",
            "\"io.graknmigrate.benchmarks.WriteBenchmark.itemWriter:cpuNanos\",\"thrpt\",1,2,2000000000.0,NaN,\"#\",,1m");

    @Test
    void keepsItemRowsAndJudgesTargetsOnTheSameRun() {
        List<PerformanceReport.Result> results = PerformanceReport.parseCsv(CSV);
        assertThat(results).extracting(PerformanceReport.Result::benchmark).containsExactly(
                "ReadBenchmark.graknStyle", "ReadBenchmark.rawRead", "ReadBenchmark.scan", "ReadBenchmark.decode",
                "WriteBenchmark.itemWriter");
        assertThat(results.get(4).dataset()).isEqualTo("1m");

        String table = PerformanceReport.table(results);
        assertThat(table).contains("| 1 | read: wire scan behind inspect/verify | synthetic-1m | 12.00M | 6.00× | 0.12× | 12.00M | — |");

        String targets = PerformanceReport.targets(results, new Properties());
        assertThat(targets).contains("scanner alone | 6.00× (12.00M vs 2.00M items per CPU-s) | met")
                .contains("`inspect` (Summary) | not measured in this run")
                .contains("decode ≥ 1.5× Grakn-style | 1.00× (2.00M vs 2.00M items per CPU-s) | **missed** by 33% (0.67 of the target)")
                .contains("write ≥ 2M items/s | 1.50M per CPU-s (wall: 3.00M/s) | **missed** by 25%")
                .contains("import ≥ 200k things/s (1M dataset) | not measured in this run");
    }

    @Test
    void ratiosNeverMixRuns() {
        List<PerformanceReport.Result> results = new java.util.ArrayList<>(PerformanceReport.parseCsv(CSV, 0));
        results.addAll(PerformanceReport.parseCsv(List.of(CSV.get(0),
                "\"x.ReadBenchmark.graknStyle:items\",\"thrpt\",1,2,1000000.0,NaN,\"ops/s\",synthetic-1m,",
                "\"x.ReadBenchmark.jsonLines:items\",\"thrpt\",1,2,500000.0,NaN,\"ops/s\",synthetic-1m,"), 1));
        assertThat(PerformanceReport.table(results))
                .contains("| 2 | read: JSON Lines conversion (to a null sink) | synthetic-1m | 500.0k | 0.50× | — | 500.0k | — |");
    }

    @Test
    void replacesOnlyTheGeneratedSection() {
        String doc = "# P\n\nmethod\n\n" + PerformanceReport.BEGIN + "\nold\n" + PerformanceReport.END + "\n\n## Why\ntext\n";
        String updated = PerformanceReport.splice(doc, PerformanceReport.BEGIN, PerformanceReport.END, "new table\n");
        assertThat(updated).isEqualTo("# P\n\nmethod\n\n" + PerformanceReport.BEGIN + "\nnew table\n"
                + PerformanceReport.END + "\n\n## Why\ntext\n");
        assertThat(PerformanceReport.splice("# P\n", "<a>", "<b>", "x")).isEqualTo("# P\n\n<a>\nx\n<b>\n");
    }
}
