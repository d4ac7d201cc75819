package io.graknmigrate.cli;

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
        assertThat(j.out()).startsWith("{").endsWith("}\n");
        com.google.gson.JsonObject report = com.google.gson.JsonParser.parseString(j.out()).getAsJsonObject();
        assertThat(report.get("valid").getAsBoolean()).isTrue();
        assertThat(report.toString()).contains("\"role_count\":2");
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
        assertThat(Files.readString(dir.resolve("out/report.md"))).contains("embedded keyspace 'social'", "| entities written | 2 |");
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
}
