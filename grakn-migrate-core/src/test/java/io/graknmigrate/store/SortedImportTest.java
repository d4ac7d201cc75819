package io.graknmigrate.store;

import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.Relabel;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.migrate.ImportException;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.migrate.ImportSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.graknmigrate.store.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A file into an empty keyspace by {@link SortedLoad}: exactly the rows the general way writes (the
 * same store ids, values of the same storage class), valid b-trees that SQLite's own integrity check
 * accepts, and, for every file the general way would refuse, merge or count something in, the general
 * way taken instead, with its messages and nothing left behind.
 */
class SortedImportTest {

    @TempDir
    Path dir;

    EmbeddedKeyspaces keyspaces;

    @BeforeEach
    void setUp() throws Exception {
        keyspaces = new EmbeddedKeyspaces(dir.resolve("data"), "grakn-migrate test");
        keyspaces.define("ks", schema(), w -> { });
        keyspaces.define("general", schema(), w -> { });
    }

    private ImportSummary importFile(String keyspace, Path file, ImportOptions options) throws Exception {
        return importPath(keyspaces, keyspace, file, options, ProgressListener.NONE);
    }

    private ImportSummary importFile(String keyspace, Path file) throws Exception {
        return importFile(keyspace, file, ImportOptions.defaults());
    }

    /** The general way: the same file, with the same pre-check, the sorted way turned off. */
    private ImportSummary importGeneral(String keyspace, Path file, ImportOptions options) throws Exception {
        SortedLoad.taken = false;
        try {
            return importFile(keyspace, file, options);
        } finally {
            SortedLoad.taken = true;
        }
    }

    /** Every row of the three data tables, values with their storage class, in key order. */
    private List<String> rows(String keyspace) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + keyspaces.store().file(keyspace)); Statement s = c.createStatement()) {
            for (String q : new String[] {
                "SELECT 'thing', id, type, typeof(value), quote(value) FROM thing ORDER BY id",
                "SELECT 'ownership', owner, attribute FROM ownership ORDER BY owner, attribute",
                "SELECT 'role_player', relation, role, player FROM role_player ORDER BY relation, role, player"}) {
                try (ResultSet rs = s.executeQuery(q)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder b = new StringBuilder();
                        for (int i = 1; i <= n; i++) b.append(rs.getString(i)).append('|');
                        rows.add(b.toString());
                    }
                }
            }
        }
        return rows;
    }

    /** SQLite's own check of every b-tree and index of the file, and of each index against its table. */
    private String integrity(String keyspace) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + keyspaces.store().file(keyspace));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            StringBuilder b = new StringBuilder();
            while (rs.next()) b.append(rs.getString(1)).append('\n');
            return b.toString().trim();
        }
    }

    /** Files the import left in the data directory besides the keyspaces and their WAL files. */
    private List<String> leftovers() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("data"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("ks.") && !n.startsWith("general.")).sorted().toList();
        }
    }

    private void assertSameAsGeneral(Path file) throws Exception {
        long before = SortedLoad.loads();
        ImportSummary sorted = importFile("ks", file);
        assertThat(SortedLoad.loads()).as("the sorted way was taken").isEqualTo(before + 1);
        ImportSummary general = importGeneral("general", file, ImportOptions.defaults());
        assertThat(sorted.counts()).isEqualTo(general.counts());
        assertThat(sorted.attributesReused()).isEqualTo(general.attributesReused());
        assertThat(rows("ks")).isEqualTo(rows("general")).isNotEmpty();
        assertThat(integrity("ks")).isEqualTo("ok");
        assertThat(canonical(read(exportBytes(keyspaces, "ks")))).isEqualTo(canonical(read(exportBytes(keyspaces, "general"))));
        assertThat(leftovers()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void aBackupGivesTheRowsOfTheGeneralWay(long seed) throws Exception {
        assertSameAsGeneral(write(dir.resolve("b.grakn"), backup(seed, 300), null));
    }

    @Test
    void treesOfSeveralLevelsAndSpilledSortsGiveTheRowsOfTheGeneralWay() throws Exception {
        // ~120k items: every tree has interior pages, and the sorts spill runs to disk
        assertSameAsGeneral(write(dir.resolve("big.grakn"), backup(11, 24_000), null));
    }

    @Test
    void valuesAtTheEdgesKeepTheirStorageClassAndOrder() throws Exception {
        List<Item> items = new ArrayList<>();
        String[] names = {"", "a", "ab", "abc\u0000d", "\u00fc\u20ac\ud83d\ude00", "person name #12", "person name #13", "person name #1",
            "x".repeat(5_000), "y".repeat(120_000), "Z"};
        for (int i = 0; i < names.length; i++) items.add(attribute("n" + i, "name", str(names[i])));
        long[] ages = {Long.MIN_VALUE, Long.MAX_VALUE, 0, 1, -1, 127, 128, -129, 1L << 40, -(1L << 47)};
        for (int i = 0; i < ages.length; i++) items.add(attribute("a" + i, "age", lng(ages[i])));
        double[] scores = {-0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MAX_VALUE, 1.0, 1.5, -2.25};
        for (int i = 0; i < scores.length; i++) items.add(attribute("s" + i, "score", dbl(scores[i])));
        items.add(attribute("t", "active", bool(true)));
        items.add(attribute("f", "active", bool(false)));
        items.add(attribute("d0", "born", date(-62_135_596_800_000L)));
        items.add(attribute("d1", "born", date(0)));
        items.add(attribute("e0", "email", str("one@example.com")));
        items.add(entity("p0", "person", "e0", "n0", "n9", "a0", "a1", "s0", "s1", "t", "d0"));
        items.add(attribute("k0", "nickname", str("ace"), "n3", "n4"));
        assertSameAsGeneral(write(dir.resolve("edges.grakn"), items, null));
    }

    @Test
    void anAttributeTwiceIsMergedTheGeneralWay() throws Exception {
        List<Item> items = new ArrayList<>(backup(5, 40));
        items.add(attribute("again", "name", str("name 0")));
        items.add(attribute("zero", "score", dbl(0.0)));
        items.add(attribute("minus-zero", "score", dbl(-0.0)));
        items.add(attribute("e-extra", "email", str("extra@example.com")));
        items.add(entity("extra", "person", "e-extra", "again", "minus-zero"));
        Path file = write(dir.resolve("copies.grakn"), items, null);
        long before = SortedLoad.loads();
        ImportSummary sorted = importFile("ks", file);
        assertThat(SortedLoad.loads()).as("the general way merged the copies").isEqualTo(before);
        ImportSummary general = importGeneral("general", file, ImportOptions.defaults());
        assertThat(sorted.attributesReused()).isEqualTo(general.attributesReused()).isEqualTo(2);
        assertThat(rows("ks")).isEqualTo(rows("general"));
        assertThat(leftovers()).isEmpty();
    }

    /** Files the general way refuses: each is refused with the general way's words, and nothing is kept. */
    @ParameterizedTest
    @ValueSource(strings = {"missing key", "shared key", "ownership not allowed", "player not allowed", "owner not an attribute"})
    void aFileTheRulesRefuseIsRefusedWithTheGeneralWaysMessage(String broken) throws Exception {
        List<Item> items = new ArrayList<>(backup(9, 30));
        switch (broken) {
            case "missing key" -> items.add(entity("keyless", "person"));
            case "shared key" -> items.add(entity("twin", "person", "e0"));
            case "ownership not allowed" -> items.add(entity("c9", "company", "age0", "e1"));
            case "player not allowed" -> items.add(relation("w99", "employment", List.of(), "employee", "c0", "employer", "c1"));
            case "owner not an attribute" -> items.add(entity("c8", "company", "p0"));
            default -> throw new IllegalArgumentException(broken);
        }
        items.add(attribute("age0", "age", lng(-5)));
        Path file = write(dir.resolve("broken.grakn"), items, null);
        long before = SortedLoad.loads();
        Throwable sorted = org.assertj.core.api.Assertions.catchThrowable(() -> importFile("ks", file));
        Throwable general = org.assertj.core.api.Assertions.catchThrowable(() -> importGeneral("general", file, ImportOptions.defaults()));
        assertThat(sorted).isInstanceOf(ImportException.class);
        assertThat(general).isInstanceOf(ImportException.class);
        assertThat(((ImportException) sorted).problems()).isEqualTo(((ImportException) general).problems()).isNotEmpty();
        assertThat(SortedLoad.loads()).isEqualTo(before);
        assertThat(rows("ks")).isEmpty();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void withValidationSkippedABrokenFileIsKeptAsTheGeneralWayKeepsIt() throws Exception {
        List<Item> items = new ArrayList<>(backup(12, 30));
        items.add(entity("keyless", "person"));
        Path file = write(dir.resolve("skip.grakn"), items, null);
        ImportOptions skip = new ImportOptions(Relabel.none(), false, true, List.of());
        ImportSummary sorted = importFile("ks", file, skip);
        ImportSummary general = importGeneral("general", file, skip);
        assertThat(sorted.violationsSkipped()).isEqualTo(general.violationsSkipped()).isPositive();
        assertThat(rows("ks")).isEqualTo(rows("general"));
    }

    @Test
    void aDryRunKeepsNothing() throws Exception {
        Path file = write(dir.resolve("dry.grakn"), backup(13, 50), null);
        keyspaces.importFile("ks", file, "dry.grakn", ImportOptions.defaults().withDryRun(true), w -> { }, ProgressListener.NONE);
        assertThat(rows("ks")).isEmpty();
        assertThat(leftovers()).isEmpty();
    }

    private List<Long> storeIds(String keyspace) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + keyspaces.store().file(keyspace));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM thing ORDER BY id")) {
            while (rs.next()) ids.add(rs.getLong(1));
        }
        return ids;
    }

    @Test
    void vIdsThatFitAreKeptAsStoreIds() throws Exception {
        List<Item> items = DirectIdImportTest.withVIds(backup(15, 200), 15);
        assertSameAsGeneral(write(dir.resolve("v.grakn"), items, null));
        assertThat(storeIds("ks")).isEqualTo(items.stream().map(TestData::idOf).map(id -> Long.parseLong(id.substring(1))).sorted().toList());
    }

    @Test
    void anIdThatDoesNotFitAfterKeptOnesMakesTheSortedWayCountIdsUp() throws Exception {
        List<Item> items = new ArrayList<>(DirectIdImportTest.withVIds(backup(16, 200), 16));
        items.add(attribute("V" + (1L << 41), "name", str("far away")));
        assertSameAsGeneral(write(dir.resolve("late.grakn"), items, null));
        assertThat(storeIds("ks").get(storeIds("ks").size() - 1)).isEqualTo(items.size());
    }

    @Test
    void aKeyspaceWithThingsTakesTheGeneralWay() throws Exception {
        importFile("ks", write(dir.resolve("first.grakn"), backup(14, 20), null));
        long before = SortedLoad.loads();
        importFile("ks", write(dir.resolve("second.grakn"), List.of(attribute("x5", "email", str("new@example.com")), entity("x6", "person", "x5")), null));
        assertThat(SortedLoad.loads()).isEqualTo(before);
        assertThat(integrity("ks")).isEqualTo("ok");
    }
}
