package io.graknmigrate.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.graknmigrate.cli.SocialBackup.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

/** The outputs scripts and people rely on: JSON that always parses, damaged files, terminals. */
class OutputsTest {

    @TempDir
    Path dir;

    private static JsonObject json(Cli.Result r) {
        assertThat(r.out()).as(r.toString()).endsWith("}\n").doesNotContain("\n{");
        return JsonParser.parseString(r.out()).getAsJsonObject();
    }

    private Path truncated() throws Exception {
        byte[] whole = SocialBackup.backup("test", "src", "person");
        return Files.write(dir.resolve("cut.grakn"), Arrays.copyOf(whole, whole.length - 20));
    }

    @Test
    void inspectShowsWhatIsThereUpToTheDamageThenTheError() throws Exception {
        truncated();
        Cli.Result r = new Cli(dir).run("inspect", "cut.grakn");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("attribute").containsPattern("entity\\s+2").contains("damaged    the counts stop at the damage");
        assertThat(r.stderr()).startsWith("error: cut.grakn").hasLineCount(1);
        r = new Cli(dir).run("inspect", "cut.grakn", "--json");
        assertThat(r.code()).isEqualTo(1);
        JsonObject o = json(r);
        assertThat(o.getAsJsonObject("counts").get("entity").getAsLong()).isEqualTo(2);
        assertThat(o.getAsJsonObject("damage").get("message").getAsString()).startsWith("cut.grakn");
        assertThat(json(new Cli(dir).runWithInput(SocialBackup.backup("t", "s", "person"), "inspect", "-", "--json")).get("damage").isJsonNull()).isTrue();
    }

    @Test
    void verifyJsonAlwaysPrintsTheObjectWithOkFalseAndTheProblem() throws Exception {
        Path cut = truncated();
        Cli.Result r = new Cli(dir).run("verify", "cut.grakn", "--json");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        JsonObject o = json(r);
        assertThat(o.get("ok").getAsBoolean()).isFalse();
        assertThat(o.getAsJsonArray("problems").get(0).getAsJsonObject().get("kind").getAsString()).isEqualTo("damaged");
        assertThat(o.getAsJsonObject("counts").get("entity").getAsLong()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: cut.grakn").hasLineCount(1);
        r = new Cli(dir).runWithInput(Files.readAllBytes(cut), "verify", "-", "--json");
        assertThat(json(r).get("ok").getAsBoolean()).isFalse();
        r = new Cli(dir).run("verify", "cut.grakn");
        assertThat(r.out()).contains("damaged");
        Files.write(dir.resolve("random.grakn"), new java.util.Random(7).ints(4096, 0, 256).collect(
                java.io.ByteArrayOutputStream::new, (b, i) -> b.write(i), (a, b) -> { }).toByteArray());
        r = new Cli(dir).run("verify", "random.grakn", "--json");
        assertThat(r.code()).isEqualTo(1);
        assertThat(json(r).get("ok").getAsBoolean()).isFalse();
    }

    @Test
    void keyspacesJsonNamesTheDataDirectoryAndEachKeyspace() throws Exception {
        Cli cli = new Cli(dir);
        JsonObject empty = json(cli.run("keyspaces", "--json"));
        assertThat(empty.get("dataDirectory").getAsString()).isEqualTo(dir.resolve("grakn-data").toString());
        assertThat(empty.getAsJsonArray("keyspaces")).isEmpty();
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Files.write(dir.resolve("b.grakn"), SocialBackup.backup("test", "src", "person"));
        assertThat(cli.run("import", "social", "b.grakn", "--schema", "s.gql").code()).isZero();
        Files.writeString(dir.resolve("grakn-data/broken.sqlite"), "not a database ".repeat(100));
        JsonObject o = json(cli.run("keyspaces", "--json"));
        var list = o.getAsJsonArray("keyspaces");
        assertThat(list).hasSize(2);
        var all = java.util.stream.StreamSupport.stream(list.spliterator(), false).map(e -> e.getAsJsonObject()).toList();
        JsonObject social = all.stream()
                .filter(k -> k.get("name").getAsString().equals("social")).findFirst().orElseThrow();
        assertThat(social.get("status").getAsString()).isEqualTo("ok");
        assertThat(social.get("things").getAsLong()).isEqualTo(6);
        assertThat(all.stream().map(k -> k.get("status").getAsString())).contains("unreadable");
    }

    @Test
    void typedb3JsonParses() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Files.write(dir.resolve("b.grakn"), SocialBackup.backup("test", "src", "person"));
        Cli.Result r = new Cli(dir).run("typedb3", "--schema", "s.gql", "--data-file", "b.grakn", "--json", "out");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonObject o = json(r);
        assertThat(o.get("valid").getAsBoolean()).isTrue();
        assertThat(o.getAsJsonObject("input")).isNotNull();
        assertThat(o.getAsJsonObject("items")).isNotNull();
    }

    @Test
    void onATerminalStdinSaysItWaitsAndBinaryIsNotWrittenToTheScreen() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Files.write(dir.resolve("b.grakn"), SocialBackup.backup("test", "src", "person"));
        Cli terminal = new Cli(dir).onTerminals(new CommandContext.Terminals(true, true, false));
        Cli.Result r = terminal.runWithInput(SocialBackup.backup("t", "s", "person"), "inspect", "-");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.stderr()).startsWith("reading from stdin...");
        assertThat(new Cli(dir).runWithInput(SocialBackup.backup("t", "s", "person"), "inspect", "-").stderr()).isEmpty();

        assertThat(terminal.run("import", "social", "b.grakn", "--schema", "s.gql").code()).isZero();
        r = terminal.run("export", "social", "-");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).startsWith("error: stdout is a terminal: refusing to write the export of social (binary)")
                .contains("use a file name or a pipe");
        r = terminal.run("convert", "b.grakn", "-", "--to", "grakn");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.stdout()).isEmpty();
        assertThat(terminal.run("convert", "b.grakn", "-", "--to", "jsonl").code()).as("text is fine on a screen").isZero();
        assertThat(new Cli(dir).run("export", "social", "-").code()).as("a pipe is fine").isZero();
    }

    @Test
    void importDryRunChecksEverythingAndChangesNothing() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Files.write(dir.resolve("b.grakn"), SocialBackup.backup("test", "src", "person"));
        Files.write(dir.resolve("wrong.grakn"), SocialBackup.backup("test", "src", "human"));
        Cli cli = new Cli(dir);
        Cli.Result r = cli.run("import", "social", "b.grakn", "--schema", "s.gql", "--dry-run");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("dry run, nothing was changed: would import 2 entities");
        assertThat(dir.resolve("grakn-data/social.sqlite")).as("a dry run creates no keyspace").doesNotExist();
        assertThat(cli.run("define", "social", "s.gql").code()).isZero();
        r = cli.run("import", "social", "b.grakn", "--dry-run");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(json(cli.run("keyspaces", "--json")).getAsJsonArray("keyspaces").get(0).getAsJsonObject().get("things").getAsLong())
                .as("nothing imported").isZero();
        r = cli.run("import", "social", "wrong.grakn", "--dry-run");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).contains("unknown type 'human'");
        assertThat(cli.run("import", "social", "b.grakn", "--dry-run", "--server", "localhost:1").stderr())
                .startsWith("error: --dry-run is not available with --server");
    }

    @Test
    void verifyAgainstASchemaWithoutAKeyspace() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Files.write(dir.resolve("b.grakn"), SocialBackup.backup("test", "src", "person"));
        Files.write(dir.resolve("wrong.grakn"), SocialBackup.backup("test", "src", "human"));
        Cli cli = new Cli(dir);
        Cli.Result r = cli.run("verify", "b.grakn", "--schema", "s.gql");
        assertThat(r.code()).as(r.toString()).isZero();
        r = cli.run("verify", "wrong.grakn", "--schema=s.gql");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("schema-mismatch").contains("human");
        JsonObject o = json(cli.run("verify", "wrong.grakn", "--schema", "s.gql", "--json"));
        assertThat(o.get("ok").getAsBoolean()).isFalse();
        assertThat(o.getAsJsonArray("problems").get(0).getAsJsonObject().get("kind").getAsString()).isEqualTo("schema-mismatch");
        assertThat(dir.resolve("grakn-data")).as("no keyspace was made").doesNotExist();
        assertThat(cli.run("verify", "-", "--schema", "s.gql").code()).isEqualTo(2);
    }

    @Test
    void summariesFitOneHundredColumnsOnATerminalBreakingBetweenFieldsAndStayOneLineInAPipe() throws Exception {
        Path example = Path.of("..", "examples", "social").toAbsolutePath().normalize();
        Cli terminal = new Cli(dir).onTerminals(new CommandContext.Terminals(false, true, false));
        Cli.Result r = terminal.run("import", "social", example.resolve("social.grakn").toString(), "--schema",
                example.resolve("schema.gql").toString());
        assertThat(r.code()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSizeGreaterThan(1).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
        assertThat(lines.get(0)).startsWith("imported 693 entities, 2,748 attributes,");
        for (String l : lines) assertThat(l).doesNotMatch(".*\\d,$").doesNotMatch("^\\s*,?\\d{3}\\b.*");
        Cli.Result piped = new Cli(dir).run("import", "social", example.resolve("social.grakn").toString(), "--clean");
        assertThat(piped.out().lines().count()).as("one line into a pipe").isEqualTo(1);
        assertThat(String.join(" ", lines).replaceAll("\\s+", " ")).isEqualTo(r.out().replaceAll("\\s+", " ").strip());
    }
}
