package io.graknmigrate.cli;

import io.graknmigrate.format.Counts;
import io.graknmigrate.load.LoadSummary;
import io.graknmigrate.migrate.ExportSummary;
import io.graknmigrate.migrate.ImportSummary;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command's summary line, with the numbers of a large graph, fits {@link Usage#WIDTH} columns on
 * a terminal: broken between fields, never inside a number, in the one number format, nouns singular
 * for exactly one.
 */
class SummaryWidthTest {

    @TempDir
    Path dir;

    private static final Counts BIG = new Counts(123_456_789, 987_654_321, 55_555_555, 222_222_222, 1_234_567_890);
    private static final String KEYSPACE = "production_knowledge_graph";
    private static final Pattern NUMBER = Pattern.compile("\\d[\\d,.]*\\d|\\d");

    static Stream<String> summaries() {
        return Stream.of(
                new ImportSummary(KEYSPACE, BIG, 12_345_678, 1_234, true, true, 123L << 30, 12_345.67,
                        List.of("persn=person", "cmpany=company")).line(),
                new ImportSummary(KEYSPACE, BIG, 0, 0, false, false, 987_654_321_000L, 9_876.5, List.of()).line(),
                new ExportSummary(KEYSPACE, BIG, 321L << 30, 54_321.1).line() + " to /data/backups/" + KEYSPACE + "-backup.grakn",
                new LoadSummary("/data/graql/production-knowledge-graph-data.gql", KEYSPACE, 41_688_000, 12_345_678, 9_876_543,
                        3_456_789, 98_765_432, 87_654_321, 1_234_567, 1_234, 50L << 30, 3_600.25, true).line(),
                Typedb3Command.summaryLine(987_654_321, 123_456_789, 55_555_555, "/data/typedb3/" + KEYSPACE, 1_234_567, 7_654_321,
                        2_345_678, 1_234, 5_678),
                ConvertCommand.summaryLine(1_234_567_890, "/data/backups/" + KEYSPACE + ".grakn", ".grakn",
                        "/data/backups/" + KEYSPACE + ".jsonl.zst", "JSON Lines, zstd", "persn=person cmpany=company"));
    }

    @ParameterizedTest
    @MethodSource("summaries")
    void aLargeSummaryFitsOneHundredColumnsAndNoNumberIsBroken(String line) {
        assertThat(line.length()).as("the test's line is long enough to need wrapping").isGreaterThan(Usage.WIDTH);
        List<String> lines = CommandContext.fit(line, Usage.WIDTH).lines().toList();
        assertThat(lines).hasSizeGreaterThan(1).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(Usage.WIDTH));
        assertThat(String.join(" ", lines).replaceAll("\\s+", " ")).isEqualTo(line);
        for (String number : numbers(line)) {
            assertThat(lines).as("%s stays on one line", number).anySatisfy(l -> assertThat(numbers(l)).contains(number));
        }
        assertThat(line).doesNotContainPattern("\\d{4}").as("thousands separated");
        assertThat(line).doesNotContainPattern("\\b1 [a-z]+s\\b");
    }

    @Test
    void smallCountsTakeTheSingular() {
        String line = Typedb3Command.summaryLine(1, 1, 1, "out", 1, 1, 1, 1, 1);
        assertThat(line).isEqualTo("converted 1 attribute, 1 entity, 1 relation to out; dropped 1 item, 1 ownership, 1 role player"
                + " (1 decision, 1 loss: see report.md)");
        assertThat(ConvertCommand.summaryLine(1, "a.grakn", ".grakn", "b.jsonl", "JSON Lines", "")).startsWith("converted 1 item from");
        assertThat(new LoadSummary("f.gql", "ks", 1, 1, 0, 0, 1, 0, 1, 1, 10, 0.5, false).line())
                .isEqualTo("loaded f.gql into ks: 1 query, 1 thing inserted (1 entity, 0 relations, 0 attributes; 1 ownership,"
                        + " 0 role players), 1 deleted, 1 schema change in 0.50 s");
    }

    @Test
    void theCommandsPrintTheirSummariesThroughTheTerminalFit() throws Exception {
        Path example = Path.of("..", "examples", "social").toAbsolutePath().normalize();
        Path longName = Files.createDirectories(dir.resolve("a-directory-with-a-rather-long-name-for-the-conversion-output"));
        Cli terminal = new Cli(dir).onTerminals(new CommandContext.Terminals(false, true, false));
        List<Cli.Result> runs = new ArrayList<>();
        runs.add(terminal.run("define", "social_knowledge_graph_with_a_long_name", example.resolve("schema.gql").toString()));
        runs.add(terminal.run("import", "social_knowledge_graph_with_a_long_name", example.resolve("social.grakn").toString()));
        runs.add(terminal.run("export", "social_knowledge_graph_with_a_long_name", longName.resolve("social.grakn").toString()));
        runs.add(terminal.run("typedb3", "social_knowledge_graph_with_a_long_name", longName.resolve("typedb3-output").toString()));
        runs.add(terminal.run("keyspaces"));
        for (Cli.Result r : runs) {
            assertThat(r.code()).as(r.toString()).isZero();
            // a pasted command, or a path longer than the terminal, cannot be broken; every other line fits
            r.out().lines().filter(l -> !l.startsWith("    --command ") && l.strip().contains(" "))
                    .forEach(l -> assertThat(l.length()).as(r.toString()).isLessThanOrEqualTo(Usage.WIDTH));
        }
        assertThat(runs.get(3).out()).contains("converted 2,748 attributes, 693 entities,").contains("import with TypeDB Console 3.4+:\n");
        assertThat(runs.get(4).out()).contains("2,748");
    }

    private static List<String> numbers(String s) {
        List<String> found = new ArrayList<>();
        Matcher m = NUMBER.matcher(s);
        while (m.find()) found.add(m.group());
        return found;
    }
}
