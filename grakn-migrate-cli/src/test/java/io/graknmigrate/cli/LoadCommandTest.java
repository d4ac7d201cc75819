package io.graknmigrate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LoadCommandTest {

    private static final String SCHEMA = """
            define
            name sub attribute, value string;
            person sub entity, has name, plays friend;
            friendship sub relation, relates friend;
            """;

    @TempDir
    Path dir;

    @Test
    void loadsFilesAndStdinOneSummaryLineEach() throws Exception {
        Files.writeString(dir.resolve("schema.gql"), SCHEMA);
        Files.writeString(dir.resolve("data.gql"), "insert $a isa person, has name \"Ann\"; $b isa person; (friend: $a, friend: $b) isa friendship;\n");
        Cli cli = new Cli(dir);
        Cli.Result r = cli.runWithInput("insert $c isa person, has name \"Ann\";".getBytes(StandardCharsets.UTF_8),
                "load", "social", "schema.gql", "data.gql", "-");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out().lines()).hasSize(3);
        assertThat(r.out()).contains("loaded schema.gql into social: 1 query, 0 things inserted")
                .contains("loaded data.gql into social: 1 query, 4 things inserted (2 entities, 1 relation, 1 attribute; 1 ownership, 2 role players)")
                .contains("loaded <stdin> into social: 1 query, 1 thing inserted");
        r = cli.run("keyspaces");
        assertThat(r.out()).containsPattern("social\\s+5\\s+3\\s+1\\s+1");
    }

    @Test
    void aFailureIsOneLineExitOneAndKeepsEarlierFiles() throws Exception {
        Files.writeString(dir.resolve("schema.gql"), SCHEMA);
        Files.writeString(dir.resolve("bad.gql"), "insert $a isa person;\ninsert $b isa persn;\n");
        Cli.Result r = new Cli(dir).run("load", "social", "schema.gql", "bad.gql");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: bad.gql:2:11: type persn is not in the schema")
                .contains("in the query 'insert $b isa persn;'")
                .contains("nothing of bad.gql was loaded (schema.gql stays loaded)");
        assertThat(r.stderr().lines()).hasSize(1);
        assertThat(new Cli(dir).run("schema", "social").out()).contains("person sub entity");
    }

    @Test
    void dryRunChangesNothingAndCreatesNoKeyspace() throws Exception {
        Files.writeString(dir.resolve("all.gql"), SCHEMA + "insert $a isa person;");
        Cli.Result r = new Cli(dir).run("load", "social", "all.gql", "--dry-run");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("checked all.gql into social: 2 queries, 1 thing inserted").contains("dry run");
        assertThat(new Cli(dir).run("keyspaces").out()).doesNotContain("social");
    }

    @Test
    void defineOfAFileWithDataPointsToLoad() throws Exception {
        Files.writeString(dir.resolve("all.gql"), SCHEMA + "insert $a isa person;");
        Cli.Result r = new Cli(dir).run("define", "social", "all.gql");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains("grakn-migrate load");
    }

    @Test
    void usageErrorsExitTwo() {
        Cli cli = new Cli(dir);
        assertThat(cli.run("load").code()).isEqualTo(2);
        assertThat(cli.run("load", "social").code()).isEqualTo(2);
        assertThat(cli.run("load", "social", "-", "-").code()).isEqualTo(2);
        Cli.Result r = cli.run("load", "social", "missing.gql");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).contains("missing.gql: no such file");
    }
}
