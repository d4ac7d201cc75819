package io.graknmigrate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import static io.graknmigrate.cli.SocialBackup.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Messages that must say what really happened, each from a case a user met. */
class MessagesTest {

    @TempDir
    Path dir;

    @Test
    void defineOfABackupPointsToImport() throws Exception {
        Files.write(dir.resolve("social.grakn"), SocialBackup.backup("test", "src", "person"));
        Cli.Result r = new Cli(dir).run("define", "ks", "social.grakn");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: social.grakn: is a .grakn backup, not a Graql file; load it with `grakn-migrate import")
                .doesNotContain("UTF-8");
    }

    @Test
    void defineOfAnEmptyFileSaysItHeldNoQueriesAndCreatesNothing() throws Exception {
        Files.writeString(dir.resolve("empty.gql"), "\n# only a comment\n   \n");
        Cli.Result r = new Cli(dir).run("define", "ks", "empty.gql");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: empty.gql: the file holds no Graql queries");
        assertThat(dir.resolve("grakn-data/ks.sqlite")).doesNotExist();
    }

    /** Common slips in a Graql file, each with the hint it must get from both define and load. */
    static Stream<Arguments> slips() {
        return Stream.of(
                arguments("define\nname sub attribute, value string;\nperson sub entity has name;\n", "3:19",
                        "a ',' is missing between properties, add it before 'has'"),
                arguments("define\nname sub attribute, value string;\nfriendship sub relation, relates friend;\n"
                        + "person sub entity,\n  plays friend\n  has name;\n", "6:3", "a ',' is missing between properties, add it before 'has'"),
                arguments("define\nname sub attribute, value string\nperson sub entity;\n", "3:1", "end the statement before it with ';'"),
                arguments("define\nname sub attribute, value string;\nperson entity, has name;\n", "3:8",
                        "a 'sub' is missing, write 'person sub entity'"),
                arguments("define\nname sub attribute, value string, regex \"^[a-z]*;\n", "2:41", "unterminated string"),
                arguments("define\nr sub rule, when { $x isa entity; }, then { $x isa entity };\n", "2:59",
                        "end the statement before '}' with ';'"),
                arguments("define\nperson sub entity", "2:18", "end the statement with ';'"));
    }

    @ParameterizedTest
    @MethodSource("slips")
    void aSlipInAGraqlFileGetsTheHintForThatSlipFromDefineAndLoad(String text, String lineColumn, String hint) throws Exception {
        Files.writeString(dir.resolve("slip.gql"), text);
        Cli cli = new Cli(dir);
        for (String command : new String[] {"define", "load"}) {
            Cli.Result r = cli.run(command, "ks", "slip.gql");
            assertThat(r.code()).as(r.toString()).isEqualTo(1);
            assertThat(r.stderr()).as(command).startsWith("error: slip.gql:" + lineColumn + ": ").contains(hint);
            if (!hint.contains("';'")) assertThat(r.stderr()).as(command).doesNotContain("with ';'");
            assertThat(r.stderr().lines().findFirst().orElseThrow().length()).isLessThan(400);
        }
        assertThat(dir.resolve("grakn-data/ks.sqlite")).as("nothing was created").doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomBytesAreNotADotGraknFileRatherThanATruncatedOne(long seed) throws Exception {
        byte[] bytes = new byte[4096];
        new Random(seed).nextBytes(bytes);
        bytes[0] = (byte) 0xff; // a first length prefix of several bytes, as random data mostly has
        bytes[1] = (byte) 0xff;
        bytes[2] = (byte) 0x7f;
        Files.write(dir.resolve("random.grakn"), bytes);
        Cli.Result r = new Cli(dir).run("inspect", "random.grakn");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).contains("not a .grakn file").doesNotContain("export it again");
    }

    @Test
    void exportIntoAMissingDirectoryNamesTheDirectory() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Cli cli = new Cli(dir);
        assertThat(cli.run("define", "ks", "s.gql").code()).isZero();
        Cli.Result r = cli.run("export", "ks", "nodir/x.grakn");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: nodir/x.grakn: the directory " + dir.resolve("nodir") + " does not exist")
                .doesNotContain(".tmp");
    }

    @Test
    void aFileOfAnotherSchemaSaysTheKeyspaceLooksWrongInsteadOfSuggestingRemaps() throws Exception {
        Files.writeString(dir.resolve("other.gql"), """
                define
                title sub attribute, value string;
                book sub entity, has title, plays written;
                authorship sub relation, relates written, relates writer;
                """);
        Files.write(dir.resolve("social.grakn"), SocialBackup.backup("test", "src", "person"));
        Cli cli = new Cli(dir);
        assertThat(cli.run("define", "library", "other.gql").code()).isZero();
        Cli.Result r = cli.run("import", "library", "social.grakn");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: ").contains("the keyspace looks like the wrong one for this file")
                .doesNotContain("did you mean");
        assertThat(r.stderr().lines().count()).isLessThanOrEqualTo(7);
    }

    @Test
    void neverSuggestsTwoLabelsOntoOne() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Cli cli = new Cli(dir);
        assertThat(cli.run("define", "social", "s.gql").code()).isZero();
        byte[] a = SocialBackup.backup("test", "src", "persons");
        Files.write(dir.resolve("a.grakn"), a);
        Cli.Result r = cli.run("import", "social", "a.grakn");
        assertThat(r.stderr()).contains("did you mean persons=person?");
        // Two unknown labels both close to 'person': no suggestion for either.
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (var w = io.graknmigrate.format.ItemWriter.to(out, "t")) {
            w.header("t", "s");
            w.write(io.graknmigrate.format.proto.Item.newBuilder().setEntity(io.graknmigrate.format.proto.Item.Entity.newBuilder()
                    .setId("1").setLabel("persons")).build());
            w.write(io.graknmigrate.format.proto.Item.newBuilder().setEntity(io.graknmigrate.format.proto.Item.Entity.newBuilder()
                    .setId("2").setLabel("persson")).build());
            w.finish();
        }
        Files.write(dir.resolve("two.grakn"), out.toByteArray());
        r = cli.run("import", "social", "two.grakn");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).doesNotContain("=person?");
    }

    @Test
    void remapsThatMatchNothingAreReported() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Files.write(dir.resolve("b.grakn"), SocialBackup.backup("test", "src", "person"));
        Cli cli = new Cli(dir);
        Cli.Result r = cli.run("convert", "b.grakn", "b.jsonl", "persn=person");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.stderr()).contains("warning: persn=person matched nothing").doesNotContain("relabelled");
        r = cli.run("convert", "b.grakn", "c.jsonl", "person=human", "persn=person");
        assertThat(r.stderr()).contains("relabelled person=human").doesNotContain("relabelled person=human persn");
        r = cli.run("import", "social", "b.grakn", "--schema", "s.gql", "persn=person");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("remaps that matched nothing: persn=person");
    }
}
