package io.graknmigrate.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.graknmigrate.cli.SocialBackup.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

class Typedb3CommandTest {

    @TempDir
    Path dir;

    private static byte[] backup(String personLabel) {
        return SocialBackup.backup("1.8.4", "social", personLabel);
    }

    @Test
    void fileFormWritesThreeFilesAndPrintsTheConsoleCommand() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Files.write(dir.resolve("social.grakn"), backup("human"));
        Cli.Result r = new Cli(dir).run("typedb3", "--schema", "s.gql", "--data-file", "social.grakn", "human=person", "out");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(dir.resolve("out/schema.tql")).exists();
        assertThat(dir.resolve("out/data.typedb")).exists();
        assertThat(Files.readString(dir.resolve("out/report.md"))).contains("human=person");
        assertThat(r.out()).contains("converted 3 attributes, 2 entities, 1 relation")
                .contains("--command \"database import social " + dir.resolve("out/schema.tql") + " " + dir.resolve("out/data.typedb") + "\"");
        assertThat(Files.readString(dir.resolve("out/schema.tql"))).contains("relates friend @card(0..)", "plays friendship:friend");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("s.gql", "social.grakn", "out");
        }
    }

    @Test
    void anOutDirWithEarlierOutputIsKeptUnlessForced() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Files.write(dir.resolve("social.grakn"), backup("person"));
        Cli cli = new Cli(dir);
        assertThat(cli.run("typedb3", "--schema", "s.gql", "--data-file", "social.grakn", "out").code()).isZero();
        Files.writeString(dir.resolve("out/schema.tql"), "my edits\n");
        Cli.Result again = cli.run("typedb3", "--schema", "s.gql", "--data-file", "social.grakn", "out");
        assertThat(again.code()).as(again.toString()).isEqualTo(1);
        assertThat(again.stderr()).startsWith("error: ").contains("schema.tql").contains("--force");
        assertThat(Files.readString(dir.resolve("out/schema.tql"))).isEqualTo("my edits\n");
        Cli.Result forced = cli.run("typedb3", "--schema", "s.gql", "--data-file", "social.grakn", "out", "--force");
        assertThat(forced.code()).as(forced.toString()).isZero();
        assertThat(Files.readString(dir.resolve("out/schema.tql"))).contains("define");
        try (var s = Files.list(dir.resolve("out"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("schema.tql", "data.typedb", "report.md");
        }
    }

    @Test
    void dataOptionIsTheExportInTheFileFormAndStdinWorks() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Files.write(dir.resolve("b.grakn"), backup("person"));
        Cli.Result r = new Cli(dir).run("typedb3", "--schema", "s.gql", "--data", "b.grakn", "--database", "mydb", "out");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("database import mydb ");
        Cli.Result j = new Cli(dir).runWithInput(backup("person"), "typedb3", "--schema", "s.gql", "--data-file", "-", "--json", "out2");
        assertThat(j.code()).as(j.toString()).isZero();
        JsonObject json = JsonParser.parseString(j.out()).getAsJsonObject();
        assertThat(json.get("valid").getAsBoolean()).isTrue();
        assertThat(json.get("complete").getAsBoolean()).isTrue();
        assertThat(json.getAsJsonObject("checksums").get("rolePlayers").getAsLong()).isEqualTo(2);
        assertThat(json.getAsJsonObject("items").getAsJsonObject("entities").get("written").getAsLong()).isEqualTo(2);
        assertThat(json.getAsJsonObject("dropped").get("items").getAsLong()).isZero();
        assertThat(json.getAsJsonObject("input").get("source").getAsString()).isEqualTo("stdin");
        assertThat(j.stderr()).contains("database import grakn ");
    }

    @Test
    void keyspaceFormConvertsAnEmbeddedKeyspace() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Files.write(dir.resolve("b.grakn"), backup("person"));
        Cli cli = new Cli(dir);
        assertThat(cli.run("define", "social", "s.gql").code()).isZero();
        Cli.Result imp = cli.run("import", "social", "b.grakn");
        assertThat(imp.code()).as(imp.toString()).isZero();
        Cli.Result r = cli.run("typedb3", "social", "out");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readString(dir.resolve("out/report.md"))).contains("embedded keyspace 'social'", "| entities | 2 | 2 | 0 |");
        assertThat(Files.readString(dir.resolve("out/schema.tql"))).contains("owns email @key");
    }

    @Test
    void usageErrorsExitTwoAndBadInputExitsOneWithoutOutput() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Cli cli = new Cli(dir);
        assertThat(cli.run("typedb3", "--schema", "s.gql", "out").code()).isEqualTo(2);
        assertThat(cli.run("typedb3", "--schema", "s.gql", "--data-file", "x.grakn", "a", "b").code()).isEqualTo(2);
        assertThat(cli.run("typedb3", "--data-file", "x.grakn", "out").code()).isEqualTo(2);
        assertThat(cli.run("typedb3", "--schema", "s.gql", "--data-file", "x.grakn", "--attribute-owners", "keep", "out").code()).isEqualTo(2);
        assertThat(cli.run("typedb3", "--schema", "s.gql", "--data-file", "x.grakn", "--on-bad-value", "keep", "out").code()).isEqualTo(2);
        Files.write(dir.resolve("bad.grakn"), new byte[]{(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f, 1, 2});
        Cli.Result r = cli.run("typedb3", "--schema", "s.gql", "--data-file", "bad.grakn", "out");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: ").doesNotContain("\tat ");
        assertThat(dir.resolve("out")).doesNotExist();
        Cli.Result missing = cli.run("typedb3", "--schema", "s.gql", "--data-file", "nope.grakn", "out");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.stderr()).contains("nope.grakn");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("s.gql", "bad.grakn");
        }
    }

    @Test
    void aSchemaThatDoesNotFitTheDataIsRefusedWithSuggestionsUnlessDropsAreAllowed() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Files.write(dir.resolve("social.grakn"), backup("persn"));
        Cli cli = new Cli(dir);
        Cli.Result r = cli.run("typedb3", "--schema", "s.gql", "--data-file", "social.grakn", "out");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: typedb3 refused, nothing was written: ")
                .contains("did you mean persn=person?", "2 items whose type is not in the schema: type 'persn', e.g. p1 (persn); p2 (persn)")
                .doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
        assertThat(dir.resolve("out")).doesNotExist();

        Cli.Result allowed = cli.run("typedb3", "--schema", "s.gql", "--data-file", "social.grakn", "--allow-drops", "--json", "out");
        assertThat(allowed.code()).as(allowed.toString()).isZero();
        JsonObject json = JsonParser.parseString(allowed.out()).getAsJsonObject();
        assertThat(json.get("valid").getAsBoolean()).isTrue();
        assertThat(json.get("complete").getAsBoolean()).isFalse();
        assertThat(json.getAsJsonObject("dropped").get("items").getAsLong()).isEqualTo(2);
        assertThat(json.getAsJsonObject("items").getAsJsonObject("entities").get("dropped").getAsLong()).isEqualTo(2);
        JsonArray losses = json.getAsJsonArray("losses");
        JsonObject unknown = losses.get(0).getAsJsonObject();
        assertThat(unknown.get("reason").getAsString()).isEqualTo("unknown-type");
        assertThat(unknown.get("policy").getAsString()).isEqualTo("mismatch");
        assertThat(unknown.get("type").getAsString()).isEqualTo("persn");
        assertThat(unknown.get("count").getAsLong()).isEqualTo(2);
        assertThat(unknown.getAsJsonArray("examples").get(0).getAsJsonObject().get("id").getAsString()).isEqualTo("p1");
        String report = Files.readString(dir.resolve("out/report.md"));
        assertThat(report).doesNotContain("passed").contains("2 items, ").contains("were dropped");
        Cli.Result summary = cli.run("typedb3", "--schema", "s.gql", "--data-file", "social.grakn", "--allow-drops", "out", "--force");
        assertThat(summary.out()).contains("dropped 2 items, ");
    }

    @Test
    void theKeyspaceFormAndTheFileFormWriteTheSameFiles() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Files.write(dir.resolve("social.grakn"), backup("person"));
        Cli cli = new Cli(dir);
        assertThat(cli.run("define", "social", "s.gql").code()).isZero();
        assertThat(cli.run("import", "social", "social.grakn").code()).isZero();
        // the same data: what the keyspace holds, exported (the keyspace gives its things its own ids)
        assertThat(cli.run("export", "social", "exported.grakn").code()).isZero();
        Cli.Result fromKeyspace = cli.run("typedb3", "social", "a");
        Cli.Result fromFiles = cli.run("typedb3", "--schema", "s.gql", "--data-file", "exported.grakn", "--database", "social", "b");
        assertThat(fromKeyspace.code()).as(fromKeyspace.toString()).isZero();
        assertThat(fromFiles.code()).as(fromFiles.toString()).isZero();
        assertThat(Files.readString(dir.resolve("a/schema.tql"))).isEqualTo(Files.readString(dir.resolve("b/schema.tql")));
        assertThat(Files.readAllBytes(dir.resolve("a/data.typedb"))).isEqualTo(Files.readAllBytes(dir.resolve("b/data.typedb")));
    }

    @Test
    void aSecondRunReplacesTheWholeOutDirAndAForeignDirectoryIsRefused() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Files.write(dir.resolve("social.grakn"), backup("person"));
        Cli cli = new Cli(dir);
        assertThat(cli.run("typedb3", "--schema", "s.gql", "--data-file", "social.grakn", "out").code()).isZero();
        String first = Files.readString(dir.resolve("out/report.md"));
        assertThat(cli.run("typedb3", "--schema", "s.gql", "--data-file", "social.grakn", "--database", "other", "out", "--force").code()).isZero();
        assertThat(Files.readString(dir.resolve("out/report.md"))).isEqualTo(first);
        byte[] data = Files.readAllBytes(dir.resolve("out/data.typedb"));
        // a run that fails leaves the earlier out-dir exactly as it was, and nothing beside it
        Files.write(dir.resolve("other.grakn"), backup("persn"));
        assertThat(cli.run("typedb3", "--schema", "s.gql", "--data-file", "other.grakn", "out", "--force").code()).isEqualTo(1);
        Files.delete(dir.resolve("other.grakn"));
        assertThat(Files.readString(dir.resolve("out/report.md"))).isEqualTo(first);
        assertThat(Files.readAllBytes(dir.resolve("out/data.typedb"))).isEqualTo(data);
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("s.gql", "social.grakn", "out");
        }
        Files.createDirectories(dir.resolve("mine"));
        Files.writeString(dir.resolve("mine/notes.txt"), "keep");
        Cli.Result r = cli.run("typedb3", "--schema", "s.gql", "--data-file", "social.grakn", "mine");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: ").contains("notes.txt");
        try (var s = Files.list(dir.resolve("mine"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
        }
    }
}
