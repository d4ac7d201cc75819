package io.graknmigrate.store;

import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.load.GraqlLoader;
import io.graknmigrate.load.LoadInput;
import io.graknmigrate.load.MatchQueryExecution;
import io.graknmigrate.migrate.Exporter;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.migrate.ItemSinks;
import io.graknmigrate.migrate.MigrationException;
import io.graknmigrate.schema.TypeKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static io.graknmigrate.store.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Exports that read the keyspace file's pages ({@link KeyspaceStore#readForExport}) write exactly the
 * bytes of the export read through SQL, on real keyspace files: seeded random graphs (every value
 * kind, text long enough to overflow pages of 4 KiB and to need chains past 64 KiB, attributes owning
 * attributes, relations playing roles, sparse huge ids, kinds shuffled and in long runs), the hard values, an empty keyspace, a keyspace
 * with free pages after a match-delete, values stored other than their type stores them. And the
 * snapshot holds: when another connection holds the write lock or an older snapshot the export reads
 * through SQL, and a commit after the snapshot started is not seen.
 */
class PageExportTest {

    static final String TOOL = "grakn-migrate test";

    @TempDir
    Path dir;

    private static byte[] export(ReadSnapshot s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ItemWriter w = ItemWriter.to(out, "test")) {
            Exporter.export(s, ItemSinks.to(w), TOOL, ProgressListener.NONE);
        }
        return out.toByteArray();
    }

    private static byte[] exportAsItems(ReadSnapshot s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ItemWriter w = ItemWriter.to(out, "test")) {
            io.graknmigrate.migrate.ItemSink items = ItemSinks.to(w);
            Exporter.export(s, items::accept, TOOL, ProgressListener.NONE);
        }
        return out.toByteArray();
    }

    /** The SQL export, checked equal byte for byte to the page exports with one and two readers; returns it. */
    private static byte[] assertPagesExportAsSql(KeyspaceStore store, String keyspace) throws Exception {
        byte[] sql;
        try (ReadSnapshot s = store.read(keyspace, 2)) {
            assertThat(s.readsPages()).isFalse();
            sql = export(s);
        }
        for (int readers : new int[] {1, 2}) {
            try (ReadSnapshot s = store.readForExport(keyspace, readers)) {
                assertThat(s.readsPages()).as("reads pages (%s)", s.sqlBecause()).isTrue();
                byte[] pages = export(s);
                assertThat(Arrays.mismatch(pages, sql)).as("first differing byte of %d, %d readers", sql.length, readers).isEqualTo(-1);
                // a sink of items (the server's): the page reader hands out records, the writer encodes them
                assertThat(Arrays.mismatch(exportAsItems(s), sql)).as("items, %d readers", readers).isEqualTo(-1);
            }
        }
        return sql;
    }

    private EmbeddedKeyspaces keyspace(String name, List<Item> things) throws Exception {
        EmbeddedKeyspaces ks = new EmbeddedKeyspaces(dir.resolve("data"), TOOL);
        ks.define(name, schema(), w -> { });
        if (!things.isEmpty()) {
            // the file import (not a stream's): it keeps V<digits> ids as the store's ids
            Path file = write(dir.resolve(name + ".grakn"), things, null);
            ks.importFile(name, file, file.toString(), ImportOptions.defaults(), w -> { }, ProgressListener.NONE);
        }
        return ks;
    }

    /** Long names owned by a company: beyond a 4 KiB page, and beyond 64 KiB, ASCII and not. */
    private static List<Item> withLongText(List<Item> things, Random r) {
        List<Item> out = new ArrayList<>(things);
        List<String> owned = new ArrayList<>();
        int[] lengths = {4_000, 4_100, 5_000, 9_000, 65_000, 66_000, 70_000 + r.nextInt(10_000), 200_000};
        for (int i = 0; i < lengths.length; i++) {
            String unit = i % 2 == 0 ? "x" : "é\uD83D\uDE00";
            out.add(attribute("long" + i, "name", str(unit.repeat(lengths[i] / unit.length()) + i)));
            owned.add("long" + i);
        }
        out.add(entity("c-long", "company", owned.toArray(new String[0])));
        return out;
    }

    /** The same graph with every id replaced (references too). */
    private static List<Item> renamed(List<Item> things, Function<String, String> rename) {
        List<Item> out = new ArrayList<>();
        for (Item t : things) {
            if (t.hasAttribute()) {
                Item.Attribute.Builder a = t.getAttribute().toBuilder().setId(rename.apply(t.getAttribute().getId()));
                for (int i = 0; i < a.getAttributeCount(); i++) a.setAttribute(i, a.getAttribute(i).toBuilder().setId(rename.apply(a.getAttribute(i).getId())));
                out.add(Item.newBuilder().setAttribute(a).build());
            } else if (t.hasEntity()) {
                Item.Entity.Builder e = t.getEntity().toBuilder().setId(rename.apply(t.getEntity().getId()));
                for (int i = 0; i < e.getAttributeCount(); i++) e.setAttribute(i, e.getAttribute(i).toBuilder().setId(rename.apply(e.getAttribute(i).getId())));
                out.add(Item.newBuilder().setEntity(e).build());
            } else {
                Item.Relation.Builder r = t.getRelation().toBuilder().setId(rename.apply(t.getRelation().getId()));
                for (int i = 0; i < r.getAttributeCount(); i++) r.setAttribute(i, r.getAttribute(i).toBuilder().setId(rename.apply(r.getAttribute(i).getId())));
                for (Item.Relation.Role.Builder role : r.getRoleBuilderList()) {
                    for (Item.Relation.Role.Player.Builder p : role.getPlayerBuilderList()) p.setId(rename.apply(p.getId()));
                }
                out.add(Item.newBuilder().setRelation(r).build());
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void seededRandomKeyspacesExportAsThroughSql(long seed) throws Exception {
        Random r = new Random(seed);
        List<Item> things = withLongText(backup(seed, 1_500 + r.nextInt(3_000)), r);
        boolean sparse = seed % 2 == 0;
        if (seed >= 3) {
            // the kinds in runs of hundreds, as Grakn's exports write them: the page reader seeks over the other kinds' runs
            List<Item> runs = new ArrayList<>();
            for (int from = 0; from < things.size(); from += 2_000) {
                List<Item> chunk = new ArrayList<>(things.subList(from, Math.min(things.size(), from + 2_000)));
                chunk.sort(java.util.Comparator.comparingInt(i -> i.getItemCase().getNumber()));
                runs.addAll(chunk);
            }
            things = runs;
        }
        if (sparse) {
            // Grakn-shaped ids far apart: the import keeps them as the store's ids (up to an eighth of the file's size)
            long room = java.nio.file.Files.size(write(dir.resolve("size.grakn"), things, null)) / 8 * 9 / 10;
            int spacing = (int) Math.max(2, room / things.size());
            // in the file's order, so the kinds' runs in the file are runs of ids
            Map<String, String> ids = new HashMap<>();
            long next = 0;
            for (Item t : things) ids.put(idOf(t), "V" + (next += 1 + r.nextInt(spacing)));
            things = renamed(things, ids::get);
        }
        EmbeddedKeyspaces ks = keyspace("k" + seed, things);
        byte[] sql = assertPagesExportAsSql(ks.store(), "k" + seed);
        List<Item> exported = read(sql);
        assertThat(canonical(exported.subList(1, exported.size() - 1))).isEqualTo(canonical(things));
        if (sparse) {
            long most = exported.stream().filter(Item::hasEntity).mapToLong(i -> Long.parseLong(i.getEntity().getId().substring(1))).max().orElseThrow();
            assertThat(most).as("ids kept, sparse").isGreaterThan(2L * things.size());
        }
    }

    @Test
    void theHardValuesExportAsThroughSql() throws Exception {
        EmbeddedKeyspaces ks = keyspace("hard", ExportHardValuesTest.hardThings());
        try (ReadSnapshot s = ks.store().readForExport("hard", 2)) {
            assertThat(s.slices(TypeKind.ATTRIBUTE)).isGreaterThan(2);
        }
        assertPagesExportAsSql(ks.store(), "hard");
    }

    @Test
    void anEmptyKeyspaceAndOneOfOneKindExportAsThroughSql() throws Exception {
        EmbeddedKeyspaces ks = keyspace("empty", List.of());
        assertPagesExportAsSql(ks.store(), "empty");
        ks.define("one", schema(), w -> { });
        importFile(ks, "one", write(dir.resolve("one.grakn"), List.of(entity("c", "company")), null), ImportOptions.defaults());
        assertPagesExportAsSql(ks.store(), "one");
    }

    @Test
    void aKeyspaceWithFreePagesAfterAMatchDeleteExportsAsThroughSql() throws Exception {
        EmbeddedKeyspaces ks = keyspace("del", withLongText(backup(9, 4_000), new Random(9)));
        new GraqlLoader(ks.store(), new MatchQueryExecution(w -> { }, null)).load("del", List.of(LoadInput.text("q.gql",
                "match $r isa employment; delete $r isa employment;\nmatch $c isa company; delete $c isa company;\n")),
                false, w -> { }, ProgressListener.NONE, s -> { });
        try (Connection c = Sqlite.open(ks.store().file("del"), false)) {
            Sqlite.exec(c, "PRAGMA wal_checkpoint(PASSIVE)");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA freelist_count")) {
                rs.next();
                assertThat(rs.getLong(1)).as("free pages").isPositive();
            }
        }
        byte[] sql = assertPagesExportAsSql(ks.store(), "del");
        assertThat(read(sql).stream().filter(i -> i.hasEntity() && i.getEntity().getLabel().equals("company"))).isEmpty();
    }

    @Test
    void valuesStoredOtherThanTheirTypeStoresThemExportAsThroughSql() throws Exception {
        EmbeddedKeyspaces ks = keyspace("odd", List.of(attribute("a", "age", lng(1)), attribute("b", "score", dbl(2.5)),
                attribute("c", "name", str("c")), attribute("d", "active", bool(true)), attribute("e", "born", date(5)),
                attribute("f", "name", str("f")), attribute("g", "age", lng(7)), attribute("h", "score", dbl(8.5)), entity("x", "company", "c")));
        try (Connection c = Sqlite.open(ks.store().file("odd"), true)) {
            String[] updates = {"'12abc'", "7", "2.25", "'yes'", "'-3'", "'x'"};
            String[] values = {"1", "2.5", "c", "1", "7", "8.5"};
            for (int i = 0; i < updates.length; i++) {
                Sqlite.exec(c, "UPDATE thing SET value = " + updates[i] + " WHERE id = (SELECT min(id) FROM thing WHERE CAST(value AS TEXT) = '" + values[i] + "')");
            }
        }
        assertPagesExportAsSql(ks.store(), "odd");
    }

    private int commits;

    /** Commits one import: a new person owning a new email. */
    private void commitOnePerson(EmbeddedKeyspaces ks, String keyspace) throws Exception {
        int i = commits++;
        importFile(ks, keyspace, write(dir.resolve("one-" + i + ".grakn"), List.of(
                attribute("m" + i, "email", str("added-" + i + "@example.com")), entity("q" + i, "person", "m" + i)), null),
                ImportOptions.defaults());
    }

    private static long people(byte[] export) {
        return read(export).stream().filter(i -> i.hasEntity() && i.getEntity().getLabel().equals("person")).count();
    }

    @Test
    void anotherWriterHoldingTheLockSendsTheExportThroughSql() throws Exception {
        EmbeddedKeyspaces ks = keyspace("locked", backup(5, 500));
        byte[] sql;
        try (ReadSnapshot s = ks.store().read("locked", 2)) {
            sql = export(s);
        }
        try (Connection writer = Sqlite.open(ks.store().file("locked"), true)) {
            Sqlite.exec(writer, "BEGIN IMMEDIATE");
            Sqlite.exec(writer, "DELETE FROM ownership");
            try (ReadSnapshot s = ks.store().readForExport("locked", 2)) {
                assertThat(s.readsPages()).isFalse();
                assertThat(s.sqlBecause()).contains("write lock");
                assertThat(export(s)).isEqualTo(sql);
            }
            Sqlite.exec(writer, "ROLLBACK");
        }
        assertPagesExportAsSql(ks.store(), "locked");
    }

    @Test
    void anOlderSnapshotHoldingTheWalBackSendsTheExportThroughSql() throws Exception {
        EmbeddedKeyspaces ks = keyspace("old", backup(6, 500));
        long before;
        try (ReadSnapshot s = ks.store().read("old", 1)) {
            before = people(export(s));
        }
        try (Connection old = Sqlite.open(ks.store().file("old"), false)) {
            Sqlite.exec(old, "BEGIN");
            try (Statement st = old.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM thing")) {
                rs.next();
            }
            commitOnePerson(ks, "old");
            try (ReadSnapshot s = ks.store().readForExport("old", 2)) {
                assertThat(s.readsPages()).isFalse();
                assertThat(s.sqlBecause()).contains("checkpoint");
                assertThat(people(export(s))).isEqualTo(before + 1);
            }
            Sqlite.exec(old, "ROLLBACK");
        }
        assertPagesExportAsSql(ks.store(), "old");
    }

    @Test
    void commitsAndCheckpointsAfterThePageSnapshotStartedAreNotSeen() throws Exception {
        EmbeddedKeyspaces ks = keyspace("live", backup(7, 2_000));
        byte[] before;
        try (ReadSnapshot s = ks.store().read("live", 2)) {
            before = export(s);
        }
        try (ReadSnapshot s = ks.store().readForExport("live", 2)) {
            assertThat(s.readsPages()).as("%s", s.sqlBecause()).isTrue();
            for (int i = 0; i < 5; i++) commitOnePerson(ks, "live");
            // a big commit too, past the WAL's auto-checkpoint size: a copy of every attribute
            try (Connection c = Sqlite.open(ks.store().file("live"), true)) {
                Sqlite.exec(c, "INSERT INTO thing(type, value) SELECT type, value || ' copy' FROM thing WHERE value IS NOT NULL");
            }
            try (Connection c = Sqlite.open(ks.store().file("live"), false)) {
                Sqlite.exec(c, "PRAGMA busy_timeout = 0");
                for (String mode : new String[] {"PASSIVE", "RESTART", "TRUNCATE"}) {
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
                        rs.next();
                    }
                }
            }
            assertThat(Arrays.mismatch(export(s), before)).isEqualTo(-1);
        }
        byte[] after = assertPagesExportAsSql(ks.store(), "live");
        assertThat(people(after)).isEqualTo(people(before) + 5);
        assertThat(read(after).size()).isGreaterThan(read(before).size() * 3 / 2);
    }

    @Test
    void aKeyspaceFileCorruptBeyondItsSchemaFailsTheExportWithOneLine() throws Exception {
        EmbeddedKeyspaces ks = keyspace("bad", backup(10, 3_000));
        Path file = ks.store().file("bad");
        try (Connection c = Sqlite.open(file, false)) {
            Sqlite.exec(c, "PRAGMA wal_checkpoint(TRUNCATE)");
        }
        long leaf;
        int pageSize;
        try (var f = io.graknmigrate.store.pages.DatabaseFile.open(file)) {
            pageSize = f.pageSize();
            long root = f.schema().stream().filter(e -> e.name().equals("thing")).findFirst().orElseThrow().rootPage();
            // the root's right-most child: a page the export reads and the split does not
            byte[] b = new byte[pageSize];
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                raf.seek((root - 1) * pageSize);
                raf.readFully(b);
            }
            assertThat(b[0]).isEqualTo((byte) 5);
            leaf = ((b[8] & 0xffL) << 24) | (b[9] & 0xff) << 16 | (b[10] & 0xff) << 8 | (b[11] & 0xff);
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek((leaf - 1) * pageSize);
            raf.write(7);
        }
        try (ReadSnapshot s = ks.store().readForExport("bad", 2)) {
            assertThat(s.readsPages()).isTrue();
            assertThatThrownBy(() -> export(s)).isInstanceOf(MigrationException.class)
                    .hasMessageContaining("is not a readable keyspace database").hasMessageContaining("page type 7");
        }
    }
}
