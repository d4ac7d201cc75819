package io.graknmigrate.schema;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Grakn 1.8.4's own schema-export test, reproduced on its fixture files. */
class SchemaExportAcceptanceTest {

    private static final Path FIXTURES = Path.of("../../shared/fixtures/grakn-1.8");

    @BeforeEach
    void needsFixtures() {
        Assumptions.assumeTrue(Files.isDirectory(FIXTURES),
                "../shared not found: " + FIXTURES.toAbsolutePath().normalize() + " (the Grakn fixtures live outside the repo)");
    }

    private static GraqlSource source(String file) throws IOException {
        Path p = FIXTURES.resolve(file);
        return new GraqlSource(p.toString(), Files.readString(p));
    }

    static String trimEnd(String s) {
        return s.replaceAll("\\s+$", "");
    }

    static String withoutRegex(String printed) {
        // "regex" is our addition after "value X": drop the line and restore the ';' it moved
        String[] lines = printed.split("\n", -1);
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line.trim().startsWith("regex \"")) {
                if (line.trim().endsWith(";")) {
                    String prev = out.remove(out.size() - 1);
                    out.add(prev.substring(0, prev.length() - 1) + ";");
                }
                continue;
            }
            out.add(line);
        }
        return String.join("\n", out);
    }

    @Test
    void schemaAndPart2PrintAsGraknPrintsThem() throws Exception {
        List<String> warnings = new ArrayList<>();
        Schema schema = SchemaDefiner.define(new Schema(), List.of(source("schema.gql"), source("schema-pt2.gql")), warnings::add);
        String printed = SchemaPrinter.print(schema);
        String truth = Files.readString(FIXTURES.resolve("schema_export_truth.gql"));
        assertThat(trimEnd(withoutRegex(printed))).isEqualTo(trimEnd(truth));
        assertThat(warnings).isEmpty();
        assertThat(printed).contains("    regex \"^(USD|GBP|EUR|BRL|ZAR|RMB|AUD)$\"");
        assertThat(schema.type("language").orElseThrow().regex()).isEqualTo("^(English|German|Portugese|Afrikaans|Mandarin)$");
    }

    /** The statements of a define file, comments removed, split at top-level ';'. */
    static List<String> statements(String text) {
        String noComments = text.replaceAll("#[^\n]*", "").replaceFirst("\\s*define", "");
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < noComments.length(); i++) {
            char c = noComments.charAt(i);
            if (c == '{') depth++;
            else if (c == '}') depth--;
            else if (c == ';' && depth == 0) {
                out.add(noComments.substring(start, i + 1).trim());
                start = i + 1;
            }
        }
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void statementOrderInsideADefineDoesNotMatter(long seed) throws Exception {
        List<String> statements = statements(source("schema.gql").text());
        assertThat(statements).hasSizeGreaterThan(70);
        Collections.shuffle(statements, new Random(seed));
        GraqlSource shuffled = new GraqlSource("shuffled.gql", "define\n" + String.join("\n\n", statements));
        Schema schema = SchemaDefiner.define(new Schema(), List.of(shuffled, source("schema-pt2.gql")), w -> { });
        String truth = Files.readString(FIXTURES.resolve("schema_export_truth.gql"));
        assertThat(trimEnd(withoutRegex(SchemaPrinter.print(schema)))).isEqualTo(trimEnd(truth));
    }

    @Test
    void truthFileLoadsAndReprintsIdentically() throws Exception {
        String truth = Files.readString(FIXTURES.resolve("schema_export_truth.gql"));
        Schema schema = SchemaDefiner.define(new Schema(), List.of(source("schema_export_truth.gql")), w -> { });
        assertThat(trimEnd(SchemaPrinter.print(schema))).isEqualTo(trimEnd(truth));
    }

    @Test
    void printedSchemaReachesTheFixpoint() throws Exception {
        Schema schema = SchemaDefiner.define(new Schema(), List.of(source("schema.gql"), source("schema-pt2.gql")), w -> { });
        String once = SchemaPrinter.print(schema);
        Schema reloaded = SchemaDefiner.define(new Schema(), List.of(new GraqlSource("printed.gql", once)), w -> { });
        assertThat(SchemaPrinter.print(reloaded)).isEqualTo(once);
        assertThat(reloaded.rules()).hasSize(14);
        assertThat(reloaded.rules().stream().map(Rule::label).collect(Collectors.toList()))
                .isEqualTo(schema.rules().stream().map(Rule::label).collect(Collectors.toList()));
    }
}
