package io.graknmigrate.cli;

import io.graknmigrate.format.proto.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.graknmigrate.cli.SocialBackup.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

class KeyspaceCommandsTest {

    @TempDir
    Path dir;

    private static byte[] backup(String personLabel) {
        return SocialBackup.backup("test", "src", personLabel);
    }

    @Test
    void defineSchemaKeyspacesExportImportFromStdinAndDelete() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Cli cli = new Cli(dir);
        Cli.Result r = cli.run("define", "social", "s.gql");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("defined s.gql in keyspace social");

        r = cli.run("schema", "social");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("define").contains("person sub entity");

        r = cli.runWithInput(backup("person"), "import", "social", "-");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("imported 2 entities, 3 attributes, 1 relation, 2 role players, 3 ownerships into social").contains("checksums match");

        r = cli.run("keyspaces");
        assertThat(r.out()).contains("social").containsPattern("social\\s+6\\s+2\\s+3\\s+1");

        r = cli.run("export", "social", "out.grakn");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("exported 2 entities").contains("to out.grakn");
        assertThat(Files.size(dir.resolve("out.grakn"))).isPositive();

        r = cli.run("export", "social", "-");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.stderr()).contains("exported 2 entities");
        Cli.Result copy = cli.runWithInput(r.stdout(), "import", "copy", "-", "--schema", "s.gql");
        assertThat(copy.code()).as(copy.toString()).isZero();
        assertThat(things(cli.run("export", "copy", "-").stdout())).isEqualTo(things(r.stdout()));

        r = cli.run("delete", "social");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.stderr()).contains("add --yes");
        r = cli.run("delete", "social", "--yes");
        assertThat(r.code()).as(r.toString()).isZero();
        r = cli.run("schema", "social");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: keyspace social not found");
    }

    @Test
    void deleteRemovesADamagedKeyspaceAfterConfirmation() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Cli cli = new Cli(dir);
        for (String ks : java.util.List.of("text", "garbled", "kept")) {
            Cli.Result r = cli.runWithInput(backup("person"), "import", ks, "-", "--schema", "s.gql");
            assertThat(r.code()).as(r.toString()).isZero();
        }
        Path data = dir.resolve("grakn-data");
        Files.writeString(data.resolve("text.sqlite"), "not a database at all\n");
        byte[] bytes = Files.readAllBytes(data.resolve("garbled.sqlite"));
        java.util.Arrays.fill(bytes, 0, Math.min(bytes.length, 100), (byte) 0x5a); // the header is gone
        Files.write(data.resolve("garbled.sqlite"), bytes);
        for (String ks : java.util.List.of("text", "garbled")) {
            Cli.Result r = cli.run("schema", ks);
            assertThat(r.code()).as(r.toString()).isEqualTo(1);
            assertThat(cli.run("delete", ks).code()).as("still asks for --yes").isEqualTo(2);
            assertThat(data.resolve(ks + ".sqlite")).exists();
            r = cli.run("delete", ks, "--yes");
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).contains("deleted keyspace " + ks);
            assertThat(data.resolve(ks + ".sqlite")).doesNotExist();
        }
        Cli.Result list = cli.run("keyspaces");
        assertThat(list.out()).contains("kept").doesNotContain("text").doesNotContain("garbled");
        assertThat(list.stderr()).isEmpty();
    }

    @Test
    void deleteRefusesAnotherProgramsDatabase() throws Exception {
        Path data = Files.createDirectories(dir.resolve("grakn-data"));
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("notes.sqlite"));
             var s = c.createStatement()) {
            s.execute("CREATE TABLE notes(text TEXT)");
        }
        byte[] before = Files.readAllBytes(data.resolve("notes.sqlite"));
        Cli.Result r = new Cli(dir).run("delete", "notes", "--yes");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(Files.readAllBytes(data.resolve("notes.sqlite"))).isEqualTo(before);
    }

    private static java.util.List<Item> things(byte[] bytes) {
        java.util.List<Item> items = new java.util.ArrayList<>();
        try (var r = io.graknmigrate.format.ItemReader.open(new java.io.ByteArrayInputStream(bytes), "export")) {
            r.forEachRemaining(i -> { if (!i.hasHeader()) items.add(i); });
        }
        assertThat(items).hasSizeGreaterThan(5);
        return items;
    }

    @Test
    void mismatchesAreListedWithARemapSuggestionAndRemapFixesThem() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Files.write(dir.resolve("old.grakn"), backup("persn"));
        Cli cli = new Cli(dir);
        assertThat(cli.run("define", "social", "s.gql").code()).isZero();
        Cli.Result r = cli.run("import", "social", "old.grakn");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: import of old.grakn into keyspace social failed, nothing was changed")
                .contains("unknown type 'persn': 2 entities").contains("did you mean persn=person?")
                .doesNotContain("\tat ");
        r = cli.run("import", "social", "old.grakn", "persn=person");
        assertThat(r.code()).as(r.toString()).isZero();
    }

    @Test
    void usageErrors() throws Exception {
        Cli cli = new Cli(dir);
        assertThat(cli.run("import", "social").code()).isEqualTo(2);
        assertThat(cli.run("import", "social", "x.grakn", "oops").stderr()).contains("write old=new");
        assertThat(cli.run("export", "social").code()).isEqualTo(2);
        Cli.Result r = cli.run("define", "Bad-Name", "x.gql");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).contains("invalid keyspace name 'Bad-Name'");
        r = cli.run("export", "missing", "out.grakn");
        assertThat(r.code()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("out.grakn"))).isFalse();
        assertThat(cli.run("keyspaces").stderr()).contains("no keyspaces");
    }

    @Test
    void aDamagedKeyspaceFileDoesNotHideTheOthers() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Cli cli = new Cli(dir);
        assertThat(cli.run("define", "good", "s.gql").code()).isZero();
        Files.writeString(dir.resolve("grakn-data/broken.sqlite"), "this is not a database, just text that is long enough to fill a header".repeat(20));
        Cli.Result r = cli.run("keyspaces");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("good").containsPattern("broken\\s+unreadable");
        r = cli.run("schema", "broken");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: ").contains("is not a readable keyspace database").doesNotContain("\tat ");
    }

    /** An export reads the things from the file's pages; a broken record there is the same one-line error as SQLite's. */
    @Test
    void aBrokenThingRecordEndsThePageExportInTheOneLineError() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Cli cli = new Cli(dir);
        assertThat(cli.run("define", "social", "s.gql").code()).isZero();
        assertThat(cli.runWithInput(backup("person"), "import", "social", "-").code()).isZero();
        Path file = dir.resolve("grakn-data/social.sqlite");
        Path wal = dir.resolve("grakn-data/social.sqlite-wal");
        assertThat(!Files.exists(wal) || Files.size(wal) == 0).as("the keyspace file holds every commit").isTrue();
        long root;
        int pageSize;
        try (io.graknmigrate.store.pages.DatabaseFile f = io.graknmigrate.store.pages.DatabaseFile.open(file)) {
            root = f.schema().stream().filter(e -> "thing".equals(e.name())).findFirst().orElseThrow().rootPage();
            pageSize = f.pageSize();
        }
        // the first thing's record: its type column's serial type made a reserved one (10), which SQLite's
        // own reads of the table (counting its cells) do not decode and the page reader refuses
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            long page = (root - 1) * pageSize;
            raf.seek(page);
            assertThat(raf.read()).as("the things fit one leaf page").isEqualTo(13);
            raf.seek(page + 8);
            int cell = raf.readUnsignedShort();
            long at = page + cell;
            for (int varints = 0; varints < 2; varints++) {
                raf.seek(at);
                while ((raf.read() & 0x80) != 0) at++;
                at++;
            }
            raf.seek(at + 2);
            raf.write(10);
        }
        Cli.Result r = cli.run("export", "social", "out.grakn");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: ").contains("social.sqlite is not a readable keyspace database (")
                .contains("reserved serial type 10").contains("restore it from a backup or delete the keyspace").doesNotContain("\tat ");
        assertThat(r.stderr().strip().lines().filter(l -> l.startsWith("error: ")).count()).isEqualTo(1);
        assertThat(dir.resolve("out.grakn")).doesNotExist();
        r = cli.run("export", "social", "out.grakn", "-v");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).contains("\tat ");
    }

    @Test
    void dataDirectoryComesFromOptionOrEnvironment() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        assertThat(new Cli(dir).run("define", "one", "s.gql", "--data", "elsewhere").code()).isZero();
        assertThat(Files.exists(dir.resolve("elsewhere/one.sqlite"))).isTrue();
        Cli env = new Cli(dir, java.util.Map.of("GRAKN_MIGRATE_DATA", dir.resolve("fromenv").toString()));
        assertThat(env.run("define", "two", "s.gql").code()).isZero();
        assertThat(Files.exists(dir.resolve("fromenv/two.sqlite"))).isTrue();
    }

    @Test
    void theDefaultDataDirectoryIsPerUserAndNamedInListingsAndNotFoundMessages() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Path elsewhere = Files.createDirectories(dir.resolve("some/other/dir"));
        Cli xdg = new Cli(dir, java.util.Map.of("XDG_DATA_HOME", dir.resolve("xdg").toString()));
        assertThat(xdg.run("define", "one", "s.gql").code()).isZero();
        assertThat(dir.resolve("xdg/grakn-migrate/one.sqlite")).exists();
        Cli home = new Cli(dir, java.util.Map.of("HOME", dir.resolve("me").toString()));
        assertThat(home.run("define", "two", "s.gql").code()).isZero();
        assertThat(dir.resolve("me/.local/share/grakn-migrate/two.sqlite")).exists();
        Cli fromElsewhere = new Cli(elsewhere, java.util.Map.of("HOME", dir.resolve("me").toString()));
        Cli.Result r = fromElsewhere.run("keyspaces");
        assertThat(r.out()).as("the same keyspaces from another directory").startsWith("keyspaces in " + dir.resolve("me/.local/share/grakn-migrate") + ":")
                .contains("two");
        r = fromElsewhere.run("schema", "nosuch");
        assertThat(r.stderr()).startsWith("error: keyspace nosuch not found in " + dir.resolve("me/.local/share/grakn-migrate"));
        Cli relative = new Cli(dir, java.util.Map.of("XDG_DATA_HOME", "relative", "HOME", dir.resolve("me").toString()));
        assertThat(relative.run("keyspaces").out()).as("a relative XDG_DATA_HOME is ignored").contains("two");
    }

    @Test
    void aDataDirectoryThatIsAFileIsAnError() throws Exception {
        Files.writeString(dir.resolve("file"), "x");
        Cli.Result r = new Cli(dir).run("keyspaces", "--data", "file");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: " + dir.resolve("file") + ": not a directory");
    }
}
