package io.graknmigrate.cli;

import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class Typedb3CommandTest {

    static final String SCHEMA = """
            define
            name sub attribute, value string;
            email sub attribute, value string;
            person sub entity, key email, has name, plays friend;
            friendship sub relation, relates friend;
            """;

    @TempDir
    Path dir;

    private byte[] backup(String personLabel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ItemWriter w = ItemWriter.to(out, "test")) {
            w.header("1.8.4", "social");
            w.write(attr("e1", "email", "a@x"));
            w.write(attr("e2", "email", "b@x"));
            w.write(attr("n", "name", "Ann"));
            w.write(Item.newBuilder().setEntity(Item.Entity.newBuilder().setId("p1").setLabel(personLabel)
                    .addAttribute(Item.OwnedAttribute.newBuilder().setId("e1")).addAttribute(Item.OwnedAttribute.newBuilder().setId("n"))).build());
            w.write(Item.newBuilder().setEntity(Item.Entity.newBuilder().setId("p2").setLabel(personLabel)
                    .addAttribute(Item.OwnedAttribute.newBuilder().setId("e2"))).build());
            w.write(Item.newBuilder().setRelation(Item.Relation.newBuilder().setId("f").setLabel("friendship")
                    .addRole(Item.Relation.Role.newBuilder().setLabel("friend")
                            .addPlayer(Item.Relation.Role.Player.newBuilder().setId("p1"))
                            .addPlayer(Item.Relation.Role.Player.newBuilder().setId("p2")))).build());
            w.finish();
        }
        return out.toByteArray();
    }

    private static Item attr(String id, String label, String value) {
        return Item.newBuilder().setAttribute(Item.Attribute.newBuilder().setId(id).setLabel(label)
                .setValue(ValueObject.newBuilder().setString(value))).build();
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
        assertThat(r.out()).contains("converted 3 attributes, 2 entities, 1 relations")
                .contains("--command \"database import social " + dir.resolve("out/schema.tql") + " " + dir.resolve("out/data.typedb") + "\"");
        assertThat(Files.readString(dir.resolve("out/schema.tql"))).contains("relates friend @card(0..)", "plays friendship:friend");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("s.gql", "social.grakn", "out");
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
        assertThat(j.out()).startsWith("{").contains("\"valid\": true").contains("\"role_count\": 2");
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
