package io.graknmigrate.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code schema --format dot|mermaid|svg} on the bundled example, the DOT checked by Graphviz's own dot. */
class SchemaPictureTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "social", "schema.gql").toAbsolutePath().normalize();
    private static final List<String> TYPES = List.of("person", "organisation", "post", "party", "friendship", "parenthood",
            "kinship", "employment", "endorsement", "membership", "authorship", "email", "nickname", "since");

    @TempDir
    Path dir;

    private Cli defined() {
        Cli cli = new Cli(dir);
        Cli.Result r = cli.run("define", "social", EXAMPLE.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        return cli;
    }

    private static boolean dotInstalled() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(File.pathSeparator)) if (!d.isEmpty() && Files.isExecutable(Path.of(d, "dot"))) return true;
        return false;
    }

    @Test
    void mermaidShowsTypesHierarchyOwnershipsAndRolesAndIsTheDiagramInTheDocs() throws Exception {
        Cli.Result r = defined().run("schema", "social", "--format", "mermaid");
        assertThat(r.code()).as(r.toString()).isZero();
        String m = r.out();
        assertThat(m).startsWith("flowchart BT\n");
        for (String t : TYPES) assertThat(m).contains("\"" + t);
        assertThat(m).contains("([\"email: string\"])").contains("{\"friendship\"}").contains("[\"party (abstract)\"]")
                .contains("==>|sub|").contains("-.->|key|").contains("-->|child (as relative)|");
        assertThat(Files.readString(Path.of("..", "docs", "cli.md"))).as("docs/cli.md shows the example as the command draws it")
                .contains("```mermaid\n" + m + "```");
    }

    @Test
    void theDotIsAGraphGraphvizDraws() throws Exception {
        Cli.Result r = defined().run("schema", "social", "--format=dot");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("digraph schema {").contains("\"person\" -> \"party\" [arrowhead=empty")
                .contains("\"parenthood\" -> \"person\" [label=\"parent (as relative)\"]");
        Assumptions.assumeTrue(dotInstalled(), "Graphviz's dot is not installed: the DOT is not drawn (.ci/run installs it)");
        Path dot = Files.writeString(dir.resolve("social.dot"), r.out());
        Process p = new ProcessBuilder("dot", "-Tsvg", dot.toString()).redirectErrorStream(true).start();
        String svg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(svg).isZero();
        assertThat(svg).contains("<svg").doesNotContain("Warning").doesNotContain("Error");
        for (String t : TYPES) assertThat(svg).contains(">" + t);
    }

    @Test
    void svgIsDrawnByDotWhenItIsInstalled() {
        Assumptions.assumeTrue(dotInstalled(), "Graphviz's dot is not installed: --format svg not tried (.ci/run installs it)");
        Cli.Result r = defined().run("schema", "social", "--format", "svg");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("<?xml").contains("<svg").contains(">person<");
    }

    @Test
    void anUnknownFormatListsTheFormats() {
        Cli.Result r = defined().run("schema", "social", "--format", "png");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: --format is 'png', give graql, dot, mermaid or svg\n");
    }
}
