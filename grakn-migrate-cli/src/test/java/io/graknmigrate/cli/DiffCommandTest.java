package io.graknmigrate.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.graknmigrate.format.proto.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.graknmigrate.cli.SocialBackup.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code grakn-migrate diff} as a user runs it: files, stdin, keyspaces, relabelling, JSON, errors. */
class DiffCommandTest {

    @TempDir
    Path dir;

    private Cli cli() {
        return new Cli(dir);
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private void socialKeyspace() throws IOException {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        assertThat(cli().run("define", "social", "s.gql").code()).isZero();
        Cli.Result r = cli().runWithInput(SocialBackup.backup("1.8.4", "social", "person"), "import", "social", "-");
        assertThat(r.code()).as(r.toString()).isZero();
    }

    @Test
    void aFileEqualsItsImportedKeyspaceAndStdinWorksOnEitherSide() throws IOException {
        socialKeyspace();
        file("a.grakn", SocialBackup.backup("1.8.4", "social", "person"));
        Cli.Result r = cli().run("diff", "a.grakn", "keyspace:social");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("equal: a.grakn and keyspace:social hold the same graph (2 entities, 3 attributes, 1 relation, 2 role players, 3 ownerships compared, 0 refinement rounds)\n");
        r = cli().runWithInput(SocialBackup.backup("1.8.4", "social", "person"), "diff", "keyspace:social", "-");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("equal: keyspace:social and <stdin> hold the same graph");
    }

    @Test
    void aRelabelledFileEqualsTheKeyspaceOnlyWithTheMapping() throws IOException {
        socialKeyspace();
        file("old.grakn", SocialBackup.backup("1.8.4", "social", "persn"));
        Cli.Result r = cli().run("diff", "old.grakn", "keyspace:social");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).startsWith("different: old.grakn and keyspace:social hold different graphs: 2 things only in a, 2 things only in b")
                .contains("only in a (old.grakn), 2 of 2 shown:")
                .contains("  persn p1 {email \"a@x\", name \"Ann\"}");
        assertThat(r.stderr()).isEmpty();
        r = cli().run("diff", "old.grakn", "keyspace:social", "persn=person");
        assertThat(r.code()).as(r.toString()).isZero();
    }

    @Test
    void jsonAndLimit() throws IOException {
        file("a.grakn", SocialBackup.backup("1.8.4", "social", "person"));
        file("b.grakn", SocialBackup.backup("1.8.4", "social", "human"));
        Cli.Result r = cli().run("diff", "a.grakn", "b.grakn", "--json", "--limit", "1");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(json.get("equal").getAsBoolean()).isFalse();
        assertThat(json.get("onlyInATotal").getAsLong()).isEqualTo(2);
        assertThat(json.getAsJsonArray("onlyInA")).hasSize(1);
        assertThat(json.getAsJsonArray("onlyInB").get(0).getAsJsonObject().get("label").getAsString()).isEqualTo("human");
        r = cli().run("diff", "a.grakn", "b.grakn", "--limit", "0");
        assertThat(r.out()).contains("only in a (a.grakn), 0 of 2 shown:");
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        file("a.grakn", SocialBackup.backup("1.8.4", "social", "person"));
        for (String[] args : new String[][] {{"diff", "a.grakn"}, {"diff", "-", "-"}, {"diff", "a.grakn", "a.grakn", "--limit", "-1"},
                {"diff", "a.grakn", "a.grakn", "oops"}}) {
            Cli.Result r = cli().run(args);
            assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isEqualTo(2);
            assertThat(r.stderr()).startsWith("error: ");
        }
    }

    @Test
    void aDamagedSideOrAMissingOneIsOneErrorLine() throws IOException {
        file("a.grakn", SocialBackup.backup("1.8.4", "social", "person"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Item.newBuilder().setEntity(Item.Entity.newBuilder().setId("p").setLabel("person")
                .addAttribute(Item.OwnedAttribute.newBuilder().setId("nowhere"))).build().writeDelimitedTo(out);
        file("dangling.grakn", out.toByteArray());
        Cli.Result r = cli().run("diff", "a.grakn", "dangling.grakn");
        FileToolsTest.assertOneErrorLine(r);
        assertThat(r.stderr()).startsWith("error: dangling.grakn: entity p (person) owns");
        r = cli().run("diff", "a.grakn", "keyspace:absent");
        FileToolsTest.assertOneErrorLine(r);
        FileToolsTest.assertOneErrorLine(cli().run("diff", "a.grakn", "keyspace:Bad-Name"));
        r = cli().run("diff", "a.grakn", "missing.grakn");
        FileToolsTest.assertOneErrorLine(r);
        file("text.grakn", "hello, not a graph\n".getBytes());
        FileToolsTest.assertOneErrorLine(cli().run("diff", "text.grakn", "a.grakn"));
    }
}
