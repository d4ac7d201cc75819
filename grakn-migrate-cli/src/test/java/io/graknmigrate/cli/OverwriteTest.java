package io.graknmigrate.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.graknmigrate.cli.SocialBackup.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No command writes over an existing file unless --force is given, and none ever writes over a
 * keyspace file (or another database file), by any spelling of its path.
 */
class OverwriteTest {

    @TempDir
    Path dir;
    private Cli cli;
    private Path data;

    @BeforeEach
    void twoKeyspaces() throws IOException {
        cli = new Cli(dir);
        data = dir.resolve("grakn-data");
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Files.write(dir.resolve("in.grakn"), SocialBackup.backup("test", "src", "person"));
        for (String ks : List.of("social", "other")) {
            ok(cli.run("import", ks, "in.grakn", "--schema", "s.gql"));
        }
    }

    private static Cli.Result ok(Cli.Result r) {
        assertThat(r.code()).as("%s", r).isZero();
        return r;
    }

    private static String refused(Cli.Result r) {
        assertThat(r.code()).as("%s", r).isEqualTo(1);
        List<String> lines = r.stderr().lines().toList();
        assertThat(lines).as("%s", r).hasSize(1);
        assertThat(lines.get(0)).startsWith("error: ");
        assertThat(r.out()).as("no success line").doesNotContain("exported").doesNotContain("converted");
        return lines.get(0);
    }

    @Test
    void exportKeepsAnExistingFileUnlessForced() throws IOException {
        Path schema = dir.resolve("s.gql");
        String line = refused(cli.run("export", "social", "s.gql"));
        assertThat(line).contains("s.gql").contains("already exists").contains("--force");
        assertThat(Files.readString(schema)).isEqualTo(SCHEMA);

        Path original = dir.resolve("in.grakn");
        byte[] before = Files.readAllBytes(original);
        refused(cli.run("export", "social", "in.grakn"));
        assertThat(Files.readAllBytes(original)).isEqualTo(before);

        ok(cli.run("export", "social", "in.grakn", "--force"));
        ok(cli.run("verify", "in.grakn"));
        ok(cli.run("export", "social", "in.grakn", "-f"));
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).as("no temporary file left").noneMatch(n -> n.contains(".tmp-"));
    }

    @Test
    void convertKeepsAnExistingFileUnlessForced() throws IOException {
        Files.writeString(dir.resolve("keep.jsonl"), "{}\n");
        assertThat(refused(cli.run("convert", "in.grakn", "keep.jsonl"))).contains("--force");
        assertThat(Files.readString(dir.resolve("keep.jsonl"))).isEqualTo("{}\n");
        ok(cli.run("convert", "in.grakn", "keep.jsonl", "--force"));
        assertThat(Files.readString(dir.resolve("keep.jsonl"))).startsWith("{").contains("\"header\"");
    }

    @Test
    void noSpellingOfAKeyspaceFileIsEverWrittenOver() throws Exception {
        Files.createSymbolicLink(dir.resolve("link.grakn"), data.resolve("other.sqlite"));
        Files.createLink(dir.resolve("hard.grakn"), data.resolve("other.sqlite"));
        TreeMap<String, String> before = snapshot(data);
        List<String> spellings = List.of(
                "grakn-data/other.sqlite",
                data.resolve("other.sqlite").toString(),
                "grakn-data/../grakn-data/other.sqlite",
                "./grakn-data//other.sqlite",
                "grakn-data/OTHER.SQLITE",
                "grakn-data/Other.Sqlite",
                "grakn-data/other.sqlite-wal",
                "grakn-data/other.sqlite-shm",
                "grakn-data/other.sqlite-journal",
                "grakn-data/new.sqlite",
                "link.grakn",
                "hard.grakn");
        for (String target : spellings) {
            for (String force : List.of("--force", "--quiet")) {
                assertThat(refused(cli.run("export", "social", target, force))).as(target).contains("database file");
                assertThat(refused(cli.run("convert", "in.grakn", target, "--to", "grakn", force))).as(target).contains("database file");
            }
        }
        assertThat(snapshot(data)).as("every keyspace file byte-identical").isEqualTo(before);
        assertThat(ok(cli.run("keyspaces")).out()).contains("other").doesNotContain("unreadable");
        ok(cli.run("export", "other", "-"));
    }

    @Test
    void exportTakesTheFormatFromTheName() throws IOException {
        ok(cli.run("export", "social", "out.jsonl"));
        String text = Files.readString(dir.resolve("out.jsonl"), StandardCharsets.UTF_8);
        assertThat(text).startsWith("{").contains("\"header\"").contains("\"checksums\"");
        ok(cli.run("export", "social", "out.jsonl.gz"));
        byte[] gz = Files.readAllBytes(dir.resolve("out.jsonl.gz"));
        assertThat(gz[0] & 0xff).isEqualTo(0x1f);
        assertThat(gz[1] & 0xff).isEqualTo(0x8b);
        ok(cli.run("export", "social", "out.grakn.zst"));
        byte[] zst = Files.readAllBytes(dir.resolve("out.grakn.zst"));
        assertThat(zst[0] & 0xff).isEqualTo(0x28);
        // Each reads back to the same items.
        ok(cli.run("convert", "out.jsonl", "back.grakn"));
        ok(cli.run("convert", "out.jsonl.gz", "back2.grakn"));
        ok(cli.run("verify", "back.grakn"));
        ok(cli.run("verify", "out.grakn.zst"));
        assertThat(Files.readAllBytes(dir.resolve("back.grakn"))).isEqualTo(Files.readAllBytes(dir.resolve("back2.grakn")));
        ok(cli.run("export", "social", "plain.grakn"));
        assertThat(Files.readAllBytes(dir.resolve("back.grakn"))).isEqualTo(Files.readAllBytes(dir.resolve("plain.grakn")));
    }

    static TreeMap<String, String> snapshot(Path dir) throws Exception {
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(dir.relativize(p).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                }
            }
        }
        return files;
    }
}
