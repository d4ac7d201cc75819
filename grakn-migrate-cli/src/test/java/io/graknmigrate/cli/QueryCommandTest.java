package io.graknmigrate.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.graknmigrate.cli.SocialBackup.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

class QueryCommandTest {

    @TempDir
    Path dir;

    Cli cli;

    @BeforeEach
    void social() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        cli = new Cli(dir);
        assertThat(cli.run("define", "social", "s.gql").code()).isZero();
        Cli.Result r = cli.runWithInput(SocialBackup.backup("test", "src", "person"), "import", "social", "-");
        assertThat(r.code()).as(r.toString()).isZero();
    }

    @Test
    void answersAggregatesAndJsonLines() {
        Cli.Result r = cli.run("query", "social", "match $p isa person; get; count;");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("2\n");

        r = cli.run("query", "social", "match $p isa person, has email $n; get; sort $n;");
        assertThat(r.code()).as(r.toString()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).matches("\\$p id V\\d+ isa person; \\$n id V\\d+ \"[^\"]+\" isa email;");

        // The printed id finds the thing again.
        String id = lines[0].split(" ")[2];
        r = cli.run("query", "social", "match $p id " + id + "; get;");
        assertThat(r.out()).isEqualTo("$p id " + id + " isa person;\n");

        r = cli.run("query", "social", "match $p isa person; get; count; match $f isa friendship; get; count;", "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("{\"value\":2}\n{\"value\":1}\n");
    }

    @Test
    void queriesFromStdin() {
        Cli.Result r = cli.runWithInput("match $x isa friendship; get; count;\n".getBytes(StandardCharsets.UTF_8), "query", "social", "-");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("1\n");
    }

    @Test
    void writeQueriesNeedWriteAndErrorsAreOneLine() {
        Cli.Result r = cli.run("query", "social", "insert $p isa person, has email \"z@x\";");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: query:1:1: this query writes to the keyspace, add --write").doesNotContain("\tat ");

        r = cli.run("query", "social", "match $p isa persn; get;");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("error: query:1:10: type persn is not in the schema\n");

        r = cli.run("query", "social", "match $p isa person get;");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: query:1:");

        r = cli.run("query", "nosuch", "match $p isa person; get;");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: keyspace nosuch not found");

        r = cli.run("query", "social");
        assertThat(r.code()).isEqualTo(2);
    }

    @Test
    void writeQueriesRunInOneTransactionAllOrNothing() {
        Cli.Result r = cli.run("query", "social", "insert $x isa person, has email \"new@x\";"
                + " match $p isa person, has email \"new@x\"; $q isa person; $p != $q; insert (friend: $p, friend: $q) isa friendship;"
                + " match $p isa person; get; count;", "--write");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("3\n");
        assertThat(r.stderr()).contains("ran query into social");
        assertThat(cli.run("query", "social", "match $f isa friendship; get; count;").out()).isEqualTo("3\n");

        // The last query fails: nothing of the earlier ones stays.
        r = cli.run("query", "social", "match $p isa person, has email \"new@x\"; delete $p isa person; match $x isa nosuch; get;", "--write");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: query:1:").contains("nosuch");
        assertThat(cli.run("query", "social", "match $p isa person; get; count;").out()).isEqualTo("3\n");

        r = cli.run("query", "social", "match $p isa person, has email \"new@x\"; delete $p isa person;", "--write");
        assertThat(r.code()).as(r.toString()).isZero();
        // Its two friendships keep their other player, so they stay (Grakn deletes only relations left with none).
        assertThat(cli.run("query", "social", "match $p isa person; get; count; match $f isa friendship; get; count;").out())
                .isEqualTo("2\n3\n");
    }
}
