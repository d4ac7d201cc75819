package io.graknmigrate.store;

import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.keyspace.InvalidKeyspaceNameException;
import io.graknmigrate.keyspace.KeyspaceBusyException;
import io.graknmigrate.keyspace.KeyspaceInfo;
import io.graknmigrate.keyspace.KeyspaceNotFoundException;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.schema.SchemaException;
import io.graknmigrate.embedded.EmbeddedKeyspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;

import static io.graknmigrate.store.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyspaceStoreTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"", "Upper", "1abc", "_x", "a-b", "../etc", "a/b", "a.b", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij", "é"})
    void invalidKeyspaceNamesAreRejectedBeforeTouchingTheDisk(String name) {
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(dir.resolve("data"));
        assertThatThrownBy(() -> keyspaces.define(name, schema(), w -> { })).isInstanceOf(InvalidKeyspaceNameException.class)
                .hasMessageContaining("lowercase letters");
        assertThat(Files.exists(dir.resolve("data"))).isFalse();
    }

    @Test
    void validNamesUpToFortyEightCharacters() throws Exception {
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(dir.resolve("data"));
        String name = "a" + "b1_".repeat(15) + "cd";
        assertThat(name).hasSize(48);
        keyspaces.define(name, schema(), w -> { });
        assertThat(keyspaces.list()).extracting(KeyspaceInfo::name).containsExactly(name);
    }

    @Test
    void schemaPersistsAcrossOpensAndIsReadableWithPlainSqlite() throws Exception {
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(dir.resolve("data"));
        keyspaces.define("ks", schema(), w -> { });
        keyspaces.define("ks", List.of(new GraqlSource("more.gql", "define pet sub entity, has name;")), w -> { });
        String text = new EmbeddedKeyspaces(dir.resolve("data")).schema("ks");
        assertThat(text).contains("pet sub entity").contains("person sub entity");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/ks.sqlite"));
             ResultSet rs = c.createStatement().executeQuery("SELECT kind, value_type FROM type WHERE label = 'age'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("attribute");
            assertThat(rs.getString(2)).isEqualTo("long");
        }
    }

    @Test
    void aKeyspaceOfANewerLayoutIsRefusedWithoutBeingChanged() throws Exception {
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(dir.resolve("data"));
        keyspaces.define("ks", schema(), w -> { });
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/ks.sqlite"))) {
            c.createStatement().executeUpdate("UPDATE meta SET value = '" + (Layout.VERSION + 1) + "' WHERE key = 'layout_version'");
        }
        String expected = "has storage layout " + (Layout.VERSION + 1) + ", but this grakn-migrate reads layout " + Layout.VERSION;
        assertThatThrownBy(() -> keyspaces.schema("ks")).isInstanceOf(io.graknmigrate.migrate.MigrationException.class)
                .hasMessageContaining(expected);
        assertThatThrownBy(() -> keyspaces.define("ks", List.of(new GraqlSource("more.gql", "define pet sub entity;")), w -> { }))
                .hasMessageContaining(expected);
        Path file = write(dir.resolve("b.grakn"), backup(1, 3), null);
        assertThatThrownBy(() -> importFile(keyspaces, "ks", file, ImportOptions.defaults())).hasMessageContaining(expected);
        assertThatThrownBy(() -> exportBytes(keyspaces, "ks")).hasMessageContaining(expected);
    }

    @Test
    void failedDefineChangesNothingAndDoesNotCreateTheKeyspace() throws Exception {
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(dir.resolve("data"));
        assertThatThrownBy(() -> keyspaces.define("fresh", List.of(new GraqlSource("bad.gql", "define x sub nothing;")), w -> { }))
                .isInstanceOf(SchemaException.class);
        assertThat(keyspaces.exists("fresh")).isFalse();
        keyspaces.define("ks", schema(), w -> { });
        String before = keyspaces.schema("ks");
        assertThatThrownBy(() -> keyspaces.define("ks", List.of(new GraqlSource("bad.gql", "define pet sub entity; age sub entity;")), w -> { }))
                .isInstanceOf(SchemaException.class);
        assertThat(keyspaces.schema("ks")).isEqualTo(before);
    }

    @Test
    void anotherProgramsDatabaseIsRefusedUnchangedByEveryOperation() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path file = data.resolve("people.sqlite");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            s.execute("CREATE TABLE notes(text TEXT)");
            s.execute("INSERT INTO notes VALUES ('theirs')");
        }
        byte[] before = Files.readAllBytes(file);
        Path backup = write(dir.resolve("b.grakn"), backup(1, 5), null);
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(data);
        List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> operations = List.of(
                () -> keyspaces.schema("people"),
                () -> keyspaces.define("people", schema(), w -> { }),
                () -> importFile(keyspaces, "people", backup, ImportOptions.defaults()),
                () -> importFile(keyspaces, "people", backup, ImportOptions.defaults().withSchema(schema())),
                () -> keyspaces.delete("people"));
        for (var operation : operations) {
            assertThatThrownBy(operation).hasMessageContaining("people.sqlite is not a grakn-migrate keyspace")
                    .hasMessageNotContaining("\n");
            assertThat(Files.readAllBytes(file)).as("someone else's database is never written to").isEqualTo(before);
        }
        assertThat(keyspaces.list()).singleElement().satisfies(k -> assertThat(k.isNotAKeyspace()).isTrue());
        try (var stream = Files.list(data)) {
            assertThat(stream).containsExactly(file);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aKeyspaceFileWithoutTablesIsAKeyspaceThatWasNeverCreated(boolean zeroLength) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path file = data.resolve("fresh.sqlite");
        if (zeroLength) {
            Files.createFile(file);
        } else {
            // What a killed define leaves: a WAL-mode file whose creating transaction never committed.
            try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
            }
        }
        Path backup = write(dir.resolve("b.grakn"), backup(1, 5), null);
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(data);
        assertThat(keyspaces.exists("fresh")).isFalse();
        assertThat(keyspaces.list()).isEmpty();
        assertThatThrownBy(() -> keyspaces.schema("fresh")).isInstanceOf(KeyspaceNotFoundException.class);
        assertThatThrownBy(() -> importFile(keyspaces, "fresh", backup, ImportOptions.defaults()))
                .isInstanceOf(KeyspaceNotFoundException.class);
        // A failed define removes the leftover; a good one creates the keyspace in it.
        assertThatThrownBy(() -> keyspaces.define("fresh", List.of(new GraqlSource("bad.gql", "define x sub nothing;")), w -> { }))
                .isInstanceOf(SchemaException.class);
        assertThat(file).doesNotExist();
        if (zeroLength) Files.createFile(file);
        keyspaces.define("fresh", schema(), w -> { });
        assertThat(keyspaces.list()).extracting(KeyspaceInfo::name).containsExactly("fresh");
    }

    @Test
    void secondWriterGetsBusyPromptlyAndReadersSeeTheLastCommittedSnapshot() throws Exception {
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(dir.resolve("data"));
        keyspaces.define("ks", schema(), w -> { });
        Path file = write(dir.resolve("b.grakn"), backup(3, 20), null);
        TestData.importFile(keyspaces, "ks", file, ImportOptions.defaults());
        byte[] committed = exportBytes(keyspaces, "ks");

        try (WriteTransaction tx = keyspaces.store().write("ks", false)) {
            tx.clean(); // uncommitted, holding the write lock
            long start = System.nanoTime();
            assertThatThrownBy(() -> TestData.importFile(keyspaces, "ks", file, ImportOptions.defaults()))
                    .isInstanceOf(KeyspaceBusyException.class)
                    .hasMessage("keyspace ks is busy (another import or define is running), wait for it to finish");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
            assertThatThrownBy(() -> keyspaces.define("ks", schema(), w -> { })).isInstanceOf(KeyspaceBusyException.class);
            assertThatThrownBy(() -> keyspaces.delete("ks")).isInstanceOf(KeyspaceBusyException.class);
            // An export meanwhile sees the committed state, not the uncommitted clean.
            assertThat(exportBytes(keyspaces, "ks")).isEqualTo(committed);
        }
        assertThat(exportBytes(keyspaces, "ks")).isEqualTo(committed);
    }

    @Test
    void snapshotStaysConsistentWhileAnImportCommits() throws Exception {
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(dir.resolve("data"));
        keyspaces.define("ks", schema(), w -> { });
        try (ReadSnapshot snapshot = keyspaces.store().read("ks")) {
            assertThat(snapshot.count(io.graknmigrate.schema.TypeKind.ENTITY)).isZero();
            TestData.importFile(keyspaces, "ks", write(dir.resolve("b.grakn"), backup(3, 20), null), ImportOptions.defaults());
            assertThat(snapshot.count(io.graknmigrate.schema.TypeKind.ENTITY)).isZero();
        }
        assertThat(keyspaces.list().get(0).entities()).isEqualTo(22);
    }

    @Test
    void deleteRemovesTheFilesAndMissingKeyspacesAreNotFound() throws Exception {
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(dir.resolve("data"));
        keyspaces.define("ks", schema(), w -> { });
        keyspaces.delete("ks");
        assertThat(keyspaces.exists("ks")).isFalse();
        try (var files = Files.list(dir.resolve("data"))) {
            assertThat(files).isEmpty();
        }
        assertThatThrownBy(() -> keyspaces.delete("ks")).isInstanceOf(KeyspaceNotFoundException.class);
        assertThatThrownBy(() -> keyspaces.schema("ks")).isInstanceOf(KeyspaceNotFoundException.class);
        assertThatThrownBy(() -> exportBytes(keyspaces, "ks")).isInstanceOf(KeyspaceNotFoundException.class);
    }

    @Test
    void interruptedImportRollsBack() throws Exception {
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(dir.resolve("data"));
        keyspaces.define("ks", schema(), w -> { });
        Path file = write(dir.resolve("b.grakn"), backup(3, 3000), null);
        Thread.currentThread().interrupt();
        try (ItemReader r = ItemReader.open(file)) {
            assertThatThrownBy(() -> keyspaces.importFile("ks", r, ImportOptions.defaults(), ProgressListener.NONE))
                    .isInstanceOf(java.util.concurrent.CancellationException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(read(exportBytes(keyspaces, "ks")).stream().filter(i -> !i.hasHeader() && !i.hasChecksums())).isEmpty();
    }

    @Test
    void unusedItemCasesAndTheHeaderAreIgnored() throws Exception {
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(dir.resolve("data"));
        keyspaces.define("ks", schema(), w -> { });
        Path file = write(dir.resolve("b.grakn"), List.of(Item.newBuilder().setAttribute(
                Item.Attribute.newBuilder().setId("x").setLabel("name").setValue(str(""))).build()), null);
        assertThat(TestData.importFile(keyspaces, "ks", file, ImportOptions.defaults()).counts().attributes()).isEqualTo(1);
    }
}
