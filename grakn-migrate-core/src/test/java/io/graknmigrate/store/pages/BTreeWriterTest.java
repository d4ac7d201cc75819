package io.graknmigrate.store.pages;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The b-tree writer against SQLite itself: a scratch file SQLite created with the import's schema is
 * filled by the writer (every tree at once, fed interleaved, entries in the order SQLite gives a
 * normally filled reference database), then SQLite must find it intact ({@code integrity_check}),
 * return the reference's rows through every table and index, keep it intact under further writes, and
 * copy it into another database with {@code INSERT INTO ... SELECT *}.
 */
class BTreeWriterTest {

    @TempDir
    Path dir;

    /** One b-tree of a schema: for a rowid table the query's first column is the rowid, the rest the record. */
    record Tree(String name, boolean rowid, String entries) { }

    /** A statement and its parameters. */
    record Sql(String sql, Object... params) { }

    /** DDL, the trees it makes (every one with a root page), queries whose results must match the reference, and the tables to copy. */
    record Schema(List<String> ddl, List<Tree> trees, List<String> checks, List<String> tables) { }

    /** What a run wrote: the file's pages before and after, each tree's depth and the record header sizes the builder produced. */
    record Result(long pagesBefore, long pagesAfter, Map<String, Integer> depths, Set<Integer> headerSizes) { }

    static final Schema IMPORT = new Schema(
            List.of(
                    "CREATE TABLE thing(id INTEGER PRIMARY KEY, type INTEGER NOT NULL, value)",
                    "CREATE UNIQUE INDEX thing_attribute_value ON thing(type, value) WHERE value IS NOT NULL",
                    "CREATE INDEX thing_by_type ON thing(type) WHERE value IS NULL",
                    "CREATE TABLE ownership(owner INTEGER NOT NULL, attribute INTEGER NOT NULL, PRIMARY KEY(owner, attribute)) WITHOUT ROWID",
                    "CREATE INDEX ownership_by_attribute ON ownership(attribute, owner)",
                    "CREATE TABLE role_player(relation INTEGER NOT NULL, role INTEGER NOT NULL, player INTEGER NOT NULL, PRIMARY KEY(relation, role, player)) WITHOUT ROWID",
                    "CREATE INDEX role_player_by_player ON role_player(player)"),
            List.of(
                    new Tree("thing", true, "SELECT id, NULL, type, value FROM thing ORDER BY id"),
                    new Tree("thing_attribute_value", false, "SELECT type, value, id FROM thing WHERE value IS NOT NULL ORDER BY type, value, id"),
                    new Tree("thing_by_type", false, "SELECT type, id FROM thing WHERE value IS NULL ORDER BY type, id"),
                    new Tree("ownership", false, "SELECT owner, attribute FROM ownership ORDER BY owner, attribute"),
                    new Tree("ownership_by_attribute", false, "SELECT attribute, owner FROM ownership ORDER BY attribute, owner"),
                    new Tree("role_player", false, "SELECT relation, role, player FROM role_player ORDER BY relation, role, player"),
                    new Tree("role_player_by_player", false, "SELECT player, relation, role FROM role_player ORDER BY player, relation, role")),
            List.of(
                    "SELECT id, type, value, typeof(value) FROM thing ORDER BY id",
                    "SELECT type, value, id, typeof(value) FROM thing INDEXED BY thing_attribute_value WHERE value IS NOT NULL ORDER BY type, value, id",
                    "SELECT type, id FROM thing INDEXED BY thing_by_type WHERE value IS NULL ORDER BY type, id",
                    "SELECT owner, attribute FROM ownership ORDER BY owner, attribute",
                    "SELECT attribute, owner FROM ownership INDEXED BY ownership_by_attribute ORDER BY attribute, owner",
                    "SELECT relation, role, player FROM role_player ORDER BY relation, role, player",
                    "SELECT player, relation, role FROM role_player INDEXED BY role_player_by_player ORDER BY player, relation, role",
                    "SELECT count(*), sum(length(value)), total(type), max(id), min(id) FROM thing"),
            List.of("thing", "ownership", "role_player"));

    // ---------------------------------------------------------------------------------------------
    // The import's schema, randomised

    /** How a run's data looks: sizes, the mix of value kinds (percentages, text the rest), text lengths, and the depths it must reach. */
    record Shape(int pageSize, int reserved, int things, int links, int nullPct, int intPct, int realPct,
                 int shortMax, double longShare, int longMin, int longMax, int tableDepth, int indexDepth) {

        static Shape of(int pageSize, int things, int links) {
            return new Shape(pageSize, 0, things, links, 20, 25, 15, 60, 0, 0, 0, 1, 1);
        }

        Shape texts(int shortMax, double longShare, int longMin, int longMax) {
            return new Shape(pageSize, reserved, things, links, nullPct, intPct, realPct, shortMax, longShare, longMin, longMax, tableDepth, indexDepth);
        }

        Shape kinds(int nullPct, int intPct, int realPct) {
            return new Shape(pageSize, reserved, things, links, nullPct, intPct, realPct, shortMax, longShare, longMin, longMax, tableDepth, indexDepth);
        }

        Shape depths(int tableDepth, int indexDepth) {
            return new Shape(pageSize, reserved, things, links, nullPct, intPct, realPct, shortMax, longShare, longMin, longMax, tableDepth, indexDepth);
        }

        Shape reserved(int bytes) {
            return new Shape(pageSize, bytes, things, links, nullPct, intPct, realPct, shortMax, longShare, longMin, longMax, tableDepth, indexDepth);
        }
    }

    /** Rows of the import's schema: thing ids ascend with gaps, (type, value) pairs are distinct, and so are links. */
    static final class Things {
        final Random r;
        final Shape shape;
        final TreeMap<Long, Object[]> things = new TreeMap<>();
        final Set<String> values = new HashSet<>();
        final Set<List<Long>> ownership = new HashSet<>();
        final Set<List<Long>> rolePlayers = new HashSet<>();

        Things(long seed, Shape shape) {
            this.r = new Random(seed);
            this.shape = shape;
            long id = r.nextInt(3) == 0 ? -r.nextInt(1 << 20) : r.nextInt(100);
            for (int i = 0; i < shape.things(); i++) {
                id += 1 + (r.nextInt(50) == 0 ? r.nextLong() >>> (24 + r.nextInt(16)) : r.nextInt(3));
                long type = type();
                things.put(id, new Object[] {id, type, uniqueValue(type)});
            }
            for (int i = 0; i < shape.links(); i++) {
                ownership.add(List.of(player(), player()));
                rolePlayers.add(List.of(player(), (long) r.nextInt(6), player()));
            }
        }

        long type() {
            return r.nextInt(10) == 0 ? r.nextLong() >> r.nextInt(64) : r.nextInt(12);
        }

        /** A thing id most of the time, so joins have something to find; otherwise any integer. */
        long player() {
            if (!things.isEmpty() && r.nextInt(4) != 0) {
                Long k = things.ceilingKey(things.firstKey() + (long) (r.nextDouble() * (things.lastKey() - (double) things.firstKey())));
                return k == null ? things.lastKey() : k;
            }
            return r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(1000) - 500;
        }

        /** A value not yet used with this type: NULL, or an integer, float or text no other thing of the type has. */
        Object uniqueValue(long type) {
            while (true) {
                Object v = value();
                if (v == null) return null;
                // floats all have a fraction, so no float equals an integer and kinds never collide
                String key = type + "|" + v.getClass().getSimpleName() + "|" + v;
                if (values.add(key)) return v;
            }
        }

        Object value() {
            int k = r.nextInt(100);
            if (k < shape.nullPct()) return null;
            k -= shape.nullPct();
            if (k < shape.intPct()) {
                return switch (r.nextInt(9)) {
                    case 0 -> (long) r.nextInt(2);
                    case 1 -> (long) (r.nextInt(256) - 128);
                    case 2 -> (long) (r.nextInt(1 << 17) - (1 << 16));
                    case 3 -> (long) (r.nextInt(1 << 25) - (1 << 24));
                    case 4 -> (long) r.nextInt();
                    case 5 -> r.nextLong() >> (16 + r.nextInt(16));
                    case 6 -> r.nextBoolean() ? Long.MAX_VALUE - r.nextInt(3) : Long.MIN_VALUE + r.nextInt(3);
                    default -> r.nextLong() >> r.nextInt(64);
                };
            }
            k -= shape.intPct();
            if (k < shape.realPct()) {
                return switch (r.nextInt(5)) {
                    case 0 -> (r.nextInt(2000001) - 1000000) + (r.nextBoolean() ? 0.25 : 0.75);
                    case 1 -> Math.scalb(r.nextInt(1 << 20) * 2 + 1.0, -r.nextInt(60) - 1) * (r.nextBoolean() ? 1 : -1);
                    case 2 -> (r.nextBoolean() ? 1 : -1) * (1e-300 * (1 + r.nextInt(1000)) + 0.5);
                    case 3 -> Math.floor(r.nextGaussian() * 1e12) + 0.5;
                    default -> r.nextDouble() - 0.5 == 0 ? 0.125 : r.nextDouble() + 1e-9;
                };
            }
            int length = r.nextDouble() < shape.longShare()
                    ? shape.longMin() + r.nextInt(shape.longMax() - shape.longMin() + 1)
                    : r.nextInt(shape.shortMax() + 1);
            return text(r, length);
        }

        void insert(Connection c) throws SQLException {
            try (PreparedStatement t = c.prepareStatement("INSERT INTO thing(id, type, value) VALUES (?, ?, ?)");
                 PreparedStatement o = c.prepareStatement("INSERT INTO ownership(owner, attribute) VALUES (?, ?)");
                 PreparedStatement p = c.prepareStatement("INSERT INTO role_player(relation, role, player) VALUES (?, ?, ?)")) {
                for (Object[] row : things.values()) execute(t, row);
                for (List<Long> link : ownership) execute(o, link.toArray());
                for (List<Long> link : rolePlayers) execute(p, link.toArray());
            }
        }

        /** Lookups through every tree, for things and links that exist and some that do not. */
        List<Sql> lookups() {
            List<Sql> out = new ArrayList<>();
            List<Object[]> rows = new ArrayList<>(things.values());
            List<List<Long>> owns = new ArrayList<>(ownership);
            List<List<Long>> plays = new ArrayList<>(rolePlayers);
            for (int i = 0; i < 120; i++) {
                Object[] t = rows.isEmpty() || i % 10 == 9 ? new Object[] {r.nextLong(), type(), value()} : rows.get(r.nextInt(rows.size()));
                out.add(new Sql("SELECT type, value, typeof(value) FROM thing WHERE id = ?", t[0]));
                if (t[2] != null) {
                    out.add(new Sql("SELECT id FROM thing INDEXED BY thing_attribute_value WHERE type = ? AND value = ?", t[1], t[2]));
                    out.add(new Sql("SELECT id FROM thing WHERE type = ? AND value = ?", t[1], t[2]));
                } else {
                    out.add(new Sql("SELECT id FROM thing INDEXED BY thing_by_type WHERE type = ? AND value IS NULL ORDER BY id", t[1]));
                }
                List<Long> o = owns.isEmpty() || i % 10 == 9 ? List.of(player(), player()) : owns.get(r.nextInt(owns.size()));
                out.add(new Sql("SELECT attribute FROM ownership WHERE owner = ? ORDER BY attribute", o.get(0)));
                out.add(new Sql("SELECT owner FROM ownership INDEXED BY ownership_by_attribute WHERE attribute = ? ORDER BY owner", o.get(1)));
                out.add(new Sql("SELECT count(*) FROM ownership WHERE owner = ? AND attribute = ?", o.get(0), o.get(1)));
                List<Long> p = plays.isEmpty() || i % 10 == 9 ? List.of(player(), 1L, player()) : plays.get(r.nextInt(plays.size()));
                out.add(new Sql("SELECT role, player FROM role_player WHERE relation = ? ORDER BY role, player", p.get(0)));
                out.add(new Sql("SELECT relation, role FROM role_player INDEXED BY role_player_by_player WHERE player = ? ORDER BY relation, role", p.get(2)));
            }
            return out;
        }

        /** Inserts (new ids between and after the old ones), updates and deletes, the same on both databases. */
        List<Sql> mutations() {
            List<Sql> out = new ArrayList<>();
            List<Long> ids = new ArrayList<>(things.keySet());
            // the rows stay as they are: the reference is filled from them after this is called
            Set<Long> added = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                long id = ids.isEmpty() || r.nextBoolean() ? r.nextLong() >> r.nextInt(40) : ids.get(r.nextInt(ids.size())) + 1 + r.nextInt(2);
                if (things.containsKey(id) || !added.add(id)) continue;
                long type = type();
                Object[] row = {id, type, uniqueValue(type)};
                out.add(new Sql("INSERT INTO thing(id, type, value) VALUES (?, ?, ?)", row));
            }
            for (int i = 0; i < 60 && !ids.isEmpty(); i++) {
                long id = ids.get(r.nextInt(ids.size()));
                if (r.nextBoolean()) {
                    out.add(new Sql("DELETE FROM thing WHERE id = ?", id));
                } else {
                    long type = type();
                    out.add(new Sql("UPDATE thing SET type = ?, value = ? WHERE id = ?", type, uniqueValue(type), id));
                }
            }
            for (int i = 0; i < 300; i++) {
                out.add(new Sql("INSERT OR IGNORE INTO ownership(owner, attribute) VALUES (?, ?)", player(), player()));
                out.add(new Sql("INSERT OR IGNORE INTO role_player(relation, role, player) VALUES (?, ?, ?)", player(), (long) r.nextInt(6), player()));
            }
            for (int i = 0; i < 40; i++) {
                out.add(new Sql("DELETE FROM ownership WHERE owner = ?", player()));
                out.add(new Sql("DELETE FROM role_player WHERE player = ?", player()));
            }
            return out;
        }
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(Named.of("empty, 4096", Shape.of(4096, 0, 0))),
                Arguments.of(Named.of("empty, 65536", Shape.of(65536, 0, 0))),
                Arguments.of(Named.of("one row, 512", Shape.of(512, 1, 1))),
                Arguments.of(Named.of("one row, 4096", Shape.of(4096, 1, 1))),
                Arguments.of(Named.of("one row, 65536", Shape.of(65536, 1, 1))),
                Arguments.of(Named.of("a few rows, 4096", Shape.of(4096, 40, 40))),
                Arguments.of(Named.of("3+ levels, 512, overflowing texts up to 200 KB",
                        Shape.of(512, 4000, 4000).texts(80, 0.01, 1000, 200_000).depths(3, 3))),
                Arguments.of(Named.of("3+ levels, 4096",
                        Shape.of(4096, 40_000, 30_000).texts(120, 0.0005, 1000, 100_000).depths(3, 3))),
                Arguments.of(Named.of("2 levels, 65536, overflowing texts",
                        Shape.of(65536, 3000, 3000).texts(60, 0.03, 1000, 200_000).depths(2, 1))),
                Arguments.of(Named.of("3+ levels of index, 65536, only texts of 17-200 KB",
                        Shape.of(65536, 160, 10).kinds(0, 0, 0).texts(0, 1, 17_000, 200_000).depths(2, 3))),
                Arguments.of(Named.of("3+ levels, 1024 with 40 reserved bytes",
                        Shape.of(1024, 4000, 4000).texts(100, 0.01, 1000, 20_000).depths(3, 3).reserved(40))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void sqliteReadsWhatTheWriterWrote(Shape shape) throws Exception {
        Things data = new Things(shape.hashCode() * 31L + 7, shape);
        Result result = run(IMPORT, shape.pageSize(), shape.reserved(), 11, data::insert, data.lookups(), data.mutations());
        assertThat(result.depths().get("thing")).isGreaterThanOrEqualTo(shape.tableDepth());
        assertThat(result.depths().get("thing_attribute_value")).isGreaterThanOrEqualTo(shape.indexDepth());
        assertThat(result.depths().get("ownership")).isGreaterThanOrEqualTo(shape.indexDepth() > 1 && shape.links() > 1000 ? 2 : 1);
        if (shape.things() == 0) assertThat(result.pagesAfter()).isEqualTo(result.pagesBefore());
    }

    /** 56 bytes a row with its cell pointer, in the table and in thing_attribute_value alike (see the test). */
    private static Things fixedCells(int rows) {
        Things data = new Things(1, Shape.of(512, 0, 0));
        for (int i = 0; i < rows; i++) {
            // ids 2..127: one-byte varints and a one-byte integer (type 1) in the index record
            long id = 2 + i;
            data.things.put(id, new Object[] {id, 2L, String.format("%047d", i)});
        }
        return data;
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void rowsThatExactlyFillOnePageStayInTheRootAndOneMoreSplitsIt(int pageSize) throws Exception {
        // table cell: payload size, rowid, record [4: 0, 1, 107 | 2, 47 bytes] = 1 + 1 + 52; index cell:
        // payload size, record [4: 1, 107, 1 | 2, 47 bytes, id] = 1 + 53; each with a 2-byte pointer
        RecordBuilder b = new RecordBuilder().addNull().addInteger(2).addText(String.format("%047d", 0));
        assertThat(b.length()).isEqualTo(52);
        assertThat(b.clear().addInteger(2).addText(String.format("%047d", 0)).addInteger(2).length()).isEqualTo(53);
        assertThat((pageSize - 8) % 56).isZero();
        int perPage = (pageSize - 8) / 56;

        Things full = fixedCells(perPage);
        Result one = run(IMPORT, pageSize, 0, 3, full::insert, full.lookups(), full.mutations());
        assertThat(one.pagesAfter()).isEqualTo(one.pagesBefore());
        assertThat(one.depths().get("thing")).isEqualTo(1);
        assertThat(one.depths().get("thing_attribute_value")).isEqualTo(1);

        Things more = fixedCells(perPage + 1);
        Result two = run(IMPORT, pageSize, 0, 3, more::insert, more.lookups(), more.mutations());
        // two leaves under the root, for the table and for the index
        assertThat(two.pagesAfter()).isEqualTo(two.pagesBefore() + 4);
        assertThat(two.depths().get("thing")).isEqualTo(2);
        assertThat(two.depths().get("thing_attribute_value")).isEqualTo(2);
    }

    /**
     * Trees of every size from 1 to {@link #SIZES} entries, with cells of one size each: every way a
     * level can end (its last page closed by the last child, one child after a close, ...) comes up,
     * up to four levels of index (4 interior cells, 5 leaf cells a page) and three of table.
     */
    static final int SIZES = 300;

    @Test
    void treesOfEverySizeFromOneEntryUp() throws Exception {
        Path file = dir.resolve("sizes.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA page_size = 512");
            c.setAutoCommit(false);
            for (int n = 1; n <= SIZES; n++) {
                s.execute("CREATE TABLE t" + n + "(id INTEGER PRIMARY KEY, v)");
                s.execute("CREATE TABLE w" + n + "(k TEXT PRIMARY KEY) WITHOUT ROWID");
            }
            c.commit();
        }
        Map<String, Integer> roots = roots(file);
        RecordBuilder b = new RecordBuilder();
        try (BTreeFileWriter w = BTreeFileWriter.open(file)) {
            for (int n = 1; n <= SIZES; n++) {
                TableTreeWriter t = w.table(roots.get("t" + n));
                IndexTreeWriter x = w.index(roots.get("w" + n));
                for (int i = 0; i < n; i++) {
                    b.clear().addNull().addText(String.format("%0150d", i));
                    t.add(i * 3L + 1, b.buffer(), 0, b.length());
                    b.clear().addText(String.format("%095d", i));
                    x.add(b.buffer(), 0, b.length());
                }
                t.finish();
                x.finish();
            }
            w.finish();
        }
        assertThat(depth(file, 512, roots.get("t" + SIZES))).isEqualTo(3);
        assertThat(depth(file, 512, roots.get("w" + SIZES))).isEqualTo(4);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(rows(c, new Sql("PRAGMA integrity_check"))).containsExactly(List.of("ok"));
            for (int n = 1; n <= SIZES; n++) {
                String last = String.format("%095d", n - 1);
                assertThat(rows(c, new Sql("SELECT count(*), min(id), max(id), sum(CAST(v AS INTEGER)) FROM t" + n)))
                        .containsExactly(List.of((long) n, 1L, (n - 1) * 3L + 1, (long) n * (n - 1) / 2));
                assertThat(rows(c, new Sql("SELECT count(*), max(k), sum(CAST(k AS INTEGER)) FROM w" + n)))
                        .containsExactly(List.of((long) n, last, (long) n * (n - 1) / 2));
                assertThat(rows(c, new Sql("SELECT k FROM w" + n + " WHERE k = ?", String.format("%095d", n / 2))))
                        .containsExactly(List.of(String.format("%095d", n / 2)));
                assertThat(rows(c, new Sql("SELECT v FROM t" + n + " WHERE id = ?", (n / 2) * 3L + 1)))
                        .containsExactly(List.of(String.format("%0150d", n / 2)));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Records with two-byte headers, and cells smaller than four bytes

    static final int WIDE = 70;
    static final String WIDE_COLUMNS = IntStream.rangeClosed(1, WIDE).mapToObj(i -> "c" + i).collect(Collectors.joining(", "));
    static final Schema WIDE_SCHEMA = new Schema(
            List.of("CREATE TABLE wide(id INTEGER PRIMARY KEY, " + WIDE_COLUMNS + ")",
                    "CREATE INDEX wide_all ON wide(" + WIDE_COLUMNS + ")",
                    "CREATE TABLE tiny(a INTEGER PRIMARY KEY) WITHOUT ROWID"),
            List.of(new Tree("wide", true, "SELECT id, NULL, " + WIDE_COLUMNS + " FROM wide ORDER BY id"),
                    new Tree("wide_all", false, "SELECT " + WIDE_COLUMNS + ", id FROM wide ORDER BY " + WIDE_COLUMNS + ", id"),
                    new Tree("tiny", false, "SELECT a FROM tiny ORDER BY a")),
            List.of("SELECT * FROM wide ORDER BY id",
                    "SELECT " + WIDE_COLUMNS + ", id FROM wide INDEXED BY wide_all ORDER BY " + WIDE_COLUMNS + ", id",
                    "SELECT a, typeof(a) FROM tiny ORDER BY a"),
            List.of("wide", "tiny"));

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void recordsWithTwoByteHeadersAndCellsSmallerThanFourBytes(int pageSize) throws Exception {
        Random r = new Random(pageSize);
        List<Object[]> rows = new ArrayList<>();
        // row k: k texts of 60 bytes (two-byte serial types) and small integers, so the headers pass 127 bytes
        for (int k = 0; k <= WIDE; k++) {
            Object[] row = new Object[WIDE + 1];
            row[0] = (long) (k * 3 + 5);
            for (int c = 1; c <= WIDE; c++) row[c] = c <= k ? text(r, 60) : (long) r.nextInt(100);
            rows.add(row);
        }
        for (int i = 0; i < 300; i++) {
            Object[] row = new Object[WIDE + 1];
            row[0] = 1000L + i * 7L;
            for (int c = 1; c <= WIDE; c++) {
                row[c] = switch (r.nextInt(5)) {
                    case 0 -> null;
                    case 1 -> r.nextLong() >> r.nextInt(64);
                    case 2 -> r.nextInt(3) == 0 ? 0.5 : r.nextDouble();
                    default -> text(r, r.nextInt(90));
                };
            }
            rows.add(row);
        }
        String insert = "INSERT INTO wide(id, " + WIDE_COLUMNS + ") VALUES (" + "?, ".repeat(WIDE) + "?)";
        List<Sql> lookups = new ArrayList<>();
        for (Object[] row : rows) {
            lookups.add(new Sql("SELECT id FROM wide INDEXED BY wide_all WHERE c1 IS ? AND c2 IS ? AND c3 IS ? ORDER BY id", row[1], row[2], row[3]));
            lookups.add(new Sql("SELECT * FROM wide WHERE id = ?", row[0]));
        }
        for (long a = -3; a < 300; a += 7) lookups.add(new Sql("SELECT a FROM tiny WHERE a = ?", a));
        List<Sql> mutations = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Object[] row = rows.get(r.nextInt(rows.size())).clone();
            row[0] = 100_000L + i;
            mutations.add(new Sql(insert, row));
            mutations.add(new Sql("INSERT OR IGNORE INTO tiny(a) VALUES (?)", (long) r.nextInt(1000)));
        }
        Result result = run(WIDE_SCHEMA, pageSize, 0, 5, c -> {
            try (PreparedStatement w = c.prepareStatement(insert); PreparedStatement t = c.prepareStatement("INSERT INTO tiny(a) VALUES (?)")) {
                for (Object[] row : rows) execute(w, row);
                // 0 and 1 take no body bytes: the record is 2 bytes and the cell 3, padded to 4
                for (long a = 0; a < 300; a += 1 + a / 20) execute(t, a);
            }
        }, lookups, mutations);
        assertThat(result.headerSizes()).contains(126, 127, 129, 130);
        assertThat(result.headerSizes()).doesNotContain(128);
    }

    // ---------------------------------------------------------------------------------------------
    // The records themselves

    @Test
    void recordsEncodeValuesAsSqliteDoes() throws Exception {
        List<Object> values = new ArrayList<>(List.of(0L, 1L, -1L, 2L, 127L, 128L, -128L, -129L, 32767L, 32768L, -32768L, -32769L,
                8388607L, 8388608L, -8388608L, -8388609L, 2147483647L, 2147483648L, -2147483648L, -2147483649L,
                (1L << 47) - 1, 1L << 47, -(1L << 47), -(1L << 47) - 1, Long.MAX_VALUE, Long.MIN_VALUE,
                0.5, -0.5, 1e300, -1e-300, Math.PI, Double.MAX_VALUE, Double.MIN_VALUE,
                "", "a", "é中😀", "x".repeat(57), "x".repeat(58), "y".repeat(5000)));
        values.add(null);
        Path file = dir.resolve("values.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t(v)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO t(v) VALUES (?)")) {
                for (Object v : values) execute(p, v);
            }
        }
        RecordBuilder b = new RecordBuilder();
        try (DatabaseFile f = DatabaseFile.open(file)) {
            long root = f.schema().stream().filter(e -> "t".equals(e.name())).findFirst().orElseThrow().rootPage();
            BTreeCursor cursor = f.table(root);
            int i = 0;
            for (boolean more = cursor.first(); more; more = cursor.next(), i++) {
                Object v = values.get(i);
                Record sqlite = cursor.record();
                build(b.clear(), v);
                Record ours = new Record();
                ours.parse(b.buffer(), 0, b.length(), "ours");
                assertThat(ours.columns()).isEqualTo(1);
                assertThat(ours.serialType(0)).as("serial type of %s", v).isEqualTo(sqlite.serialType(0));
                if (v instanceof Long) assertThat(ours.integer(0)).isEqualTo(v);
                if (v instanceof Double) assertThat(ours.real(0)).isEqualTo(v);
                if (v instanceof String) assertThat(ours.text(0)).isEqualTo(v);
                // header size, serial type, body: the record SQLite stores, byte for byte in length
                assertThat(b.length()).isEqualTo(1 + Varint.size(sqlite.serialType(0)) + bodySize(sqlite.serialType(0)));
            }
            assertThat(i).isEqualTo(values.size());
        }
    }

    @Test
    void varintsRoundTrip() {
        Random r = new Random(5);
        Varint v = new Varint();
        byte[] b = new byte[9];
        for (int i = 0; i < 100_000; i++) {
            long x = switch (i) {
                case 0 -> 0;
                case 1 -> -1;
                case 2 -> Long.MIN_VALUE;
                case 3 -> Long.MAX_VALUE;
                case 4 -> 1L << 56;
                case 5 -> (1L << 56) - 1;
                default -> r.nextLong() >>> r.nextInt(64);
            };
            int end = Varint.write(b, 0, x);
            assertThat(end).isEqualTo(Varint.size(x));
            assertThat(v.read(b, 0, end, "test")).isEqualTo(x);
            assertThat(v.end).isEqualTo(end);
        }
        assertThat(Varint.size(127)).isEqualTo(1);
        assertThat(Varint.size(128)).isEqualTo(2);
        assertThat(Varint.size((1L << 56) - 1)).isEqualTo(8);
        assertThat(Varint.size(1L << 56)).isEqualTo(9);
        assertThat(Varint.size(-1)).isEqualTo(9);
    }

    // ---------------------------------------------------------------------------------------------
    // Refusals

    private Path importFile(String name, String... pragmas) throws SQLException {
        Path file = dir.resolve(name);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            for (String p : pragmas) s.execute(p);
            for (String d : IMPORT.ddl()) s.execute(d);
        }
        return file;
    }

    @Test
    void refusesAFileInWalMode() throws Exception {
        Path file = importFile("wal.db", "PRAGMA journal_mode = WAL");
        assertThat(Files.exists(dir.resolve("wal.db-wal"))).isFalse();
        assertThatThrownBy(() -> BTreeFileWriter.open(file)).isInstanceOf(PageFormatException.class).hasMessageContaining("WAL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-journal", "-wal"})
    void refusesAFileWithAJournalBesideIt(String suffix) throws Exception {
        Path file = importFile("journal.db", "PRAGMA journal_mode = DELETE");
        try (BTreeFileWriter w = BTreeFileWriter.open(file)) {
            assertThat(w).isNotNull();
        }
        Files.write(dir.resolve("journal.db" + suffix), new byte[512]);
        assertThatThrownBy(() -> BTreeFileWriter.open(file)).isInstanceOf(PageFormatException.class).hasMessageContaining(suffix);
    }

    @Test
    void refusesAFileWithFreePages() throws Exception {
        Path file = importFile("free.db", "PRAGMA page_size = 512");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) INSERT INTO thing(type, value) SELECT i, randomblob(2000) FROM n");
            s.execute("DELETE FROM thing");
        }
        assertThatThrownBy(() -> BTreeFileWriter.open(file)).isInstanceOf(PageFormatException.class).hasMessageContaining("freelist");
    }

    @Test
    void refusesAnAutoVacuumFile() throws Exception {
        Path file = importFile("vacuum.db", "PRAGMA auto_vacuum = FULL");
        assertThatThrownBy(() -> BTreeFileWriter.open(file)).isInstanceOf(PageFormatException.class).hasMessageContaining("auto-vacuum");
    }

    @Test
    void refusesRootPagesThatAreNotEmptyLeavesOfTheirKind() throws Exception {
        Path file = importFile("roots.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO thing(id, type, value) VALUES (1, 2, 'x')");
        }
        Map<String, Integer> roots = roots(file);
        try (BTreeFileWriter w = BTreeFileWriter.open(file)) {
            assertThatThrownBy(() -> w.table(roots.get("thing"))).isInstanceOf(PageFormatException.class).hasMessageContaining("cells");
            assertThatThrownBy(() -> w.index(roots.get("thing_attribute_value"))).isInstanceOf(PageFormatException.class).hasMessageContaining("cells");
            assertThatThrownBy(() -> w.table(roots.get("ownership"))).isInstanceOf(PageFormatException.class).hasMessageContaining("page type 10");
            assertThatThrownBy(() -> w.index(roots.get("thing"))).isInstanceOf(PageFormatException.class).hasMessageContaining("page type 13");
            assertThatThrownBy(() -> w.table(1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> w.table(roots.size() + 2)).isInstanceOf(IllegalArgumentException.class);
            w.index(roots.get("thing_by_type"));
            assertThatThrownBy(() -> w.index(roots.get("thing_by_type"))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void refusesRowidsThatDoNotAscendAndAFinishBeforeTheTreesAre() throws Exception {
        Path file = importFile("order.db");
        Map<String, Integer> roots = roots(file);
        RecordBuilder b = new RecordBuilder().addNull().addInteger(3).addNull();
        try (BTreeFileWriter w = BTreeFileWriter.open(file)) {
            TableTreeWriter t = w.table(roots.get("thing"));
            t.add(5, b.buffer(), 0, b.length());
            assertThatThrownBy(() -> t.add(5, b.buffer(), 0, b.length())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> t.add(-7, b.buffer(), 0, b.length())).isInstanceOf(IllegalArgumentException.class);
            t.add(6, b.buffer(), 0, b.length());
            assertThat(t.rows()).isEqualTo(2);
            assertThatThrownBy(w::finish).isInstanceOf(IllegalStateException.class);
            t.finish();
            assertThatThrownBy(() -> t.add(7, b.buffer(), 0, b.length())).isInstanceOf(IllegalStateException.class);
            w.finish();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(rows(c, new Sql("SELECT id, type FROM thing ORDER BY id"))).containsExactly(List.of(5L, 3L), List.of(6L, 3L));
            // the partial index on value IS NULL has no entries: the check must say so
            assertThat(rows(c, new Sql("PRAGMA integrity_check")).toString()).contains("thing_by_type");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The run: reference, scratch, writer, checks

    interface Populate {
        void into(Connection c) throws SQLException;
    }

    /**
     * Fills a reference database the normal way, writes the same trees into an empty scratch file
     * with the writer (entries read from the reference in each tree's order, all trees fed at once,
     * interleaved), and checks the scratch file: intact, the same results for every check and lookup,
     * the same after a copy into a third database and after further writes by SQLite.
     */
    private Result run(Schema schema, int pageSize, int reserved, long seed, Populate populate, List<Sql> lookups, List<Sql> mutations) throws Exception {
        String tag = "p" + pageSize + "-" + System.nanoTime();
        Path reference = dir.resolve(tag + "-reference.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + reference);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA page_size = " + pageSize);
            for (String d : schema.ddl()) s.execute(d);
            c.setAutoCommit(false);
            populate.into(c);
            c.commit();
        }

        Path scratch = dir.resolve(tag + "-scratch.db");
        if (reserved > 0) emptyDatabase(scratch, pageSize, reserved);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + scratch);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA page_size = " + pageSize);
            s.execute("PRAGMA journal_mode = DELETE");
            for (String d : schema.ddl()) s.execute(d);
        }
        Map<String, Integer> roots = roots(scratch);
        assertThat(roots.keySet()).containsExactlyInAnyOrderElementsOf(schema.trees().stream().map(Tree::name).toList());
        assertThat(header(scratch, 16) >> 16).isEqualTo(pageSize == 65536 ? 1 : pageSize);
        assertThat(header(scratch, 20) >>> 24).isEqualTo(reserved);
        long pagesBefore = header(scratch, 28);

        // every tree's entries, in order, as the writer will get them
        Map<String, List<byte[]>> records = new LinkedHashMap<>();
        Map<String, List<Long>> rowids = new HashMap<>();
        Set<Integer> headerSizes = new HashSet<>();
        RecordBuilder b = new RecordBuilder();
        Varint varint = new Varint();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + reference)) {
            for (Tree tree : schema.trees()) {
                List<byte[]> recs = new ArrayList<>();
                List<Long> ids = new ArrayList<>();
                for (List<Object> row : rows(c, new Sql(tree.entries()))) {
                    b.clear();
                    int first = 0;
                    if (tree.rowid()) {
                        ids.add((Long) row.get(0));
                        first = 1;
                    }
                    for (int i = first; i < row.size(); i++) build(b, row.get(i));
                    recs.add(Arrays.copyOf(b.buffer(), b.length()));
                    headerSizes.add((int) varint.read(b.buffer(), 0, b.length(), "record"));
                }
                records.put(tree.name(), recs);
                rowids.put(tree.name(), ids);
            }
        }

        Random r = new Random(seed);
        try (BTreeFileWriter w = BTreeFileWriter.open(scratch)) {
            Map<String, TableTreeWriter> tables = new HashMap<>();
            Map<String, IndexTreeWriter> indexes = new HashMap<>();
            for (Tree tree : schema.trees()) {
                if (tree.rowid()) tables.put(tree.name(), w.table(roots.get(tree.name())));
                else indexes.put(tree.name(), w.index(roots.get(tree.name())));
            }
            Map<String, Integer> fed = new HashMap<>();
            List<String> open = new ArrayList<>(records.keySet());
            while (!open.isEmpty()) {
                String name = open.get(r.nextInt(open.size()));
                List<byte[]> recs = records.get(name);
                int from = fed.getOrDefault(name, 0);
                int to = Math.min(recs.size(), from + 1 + r.nextInt(r.nextBoolean() ? 5 : 300));
                for (int i = from; i < to; i++) {
                    // the record sits inside a larger buffer, as a caller's reused one would
                    byte[] rec = recs.get(i);
                    byte[] padded = new byte[rec.length + 7];
                    System.arraycopy(rec, 0, padded, 3, rec.length);
                    if (tables.containsKey(name)) tables.get(name).add(rowids.get(name).get(i), padded, 3, rec.length);
                    else indexes.get(name).add(padded, 3, rec.length);
                }
                fed.put(name, to);
                if (to == recs.size()) {
                    open.remove(name);
                    if (tables.containsKey(name)) {
                        tables.get(name).finish();
                        assertThat(tables.get(name).rows()).isEqualTo(recs.size());
                    } else {
                        indexes.get(name).finish();
                        assertThat(indexes.get(name).entries()).isEqualTo(recs.size());
                    }
                }
            }
            w.finish();
        }
        long pagesAfter = header(scratch, 28);
        assertThat(Files.size(scratch)).isEqualTo(pagesAfter * pageSize);
        assertThat(header(scratch, 24)).isEqualTo(header(scratch, 92));
        Map<String, Integer> depths = new HashMap<>();
        for (Map.Entry<String, Integer> e : roots.entrySet()) depths.put(e.getKey(), depth(scratch, pageSize, e.getValue()));

        compare(schema, scratch, reference, lookups);

        // the import's last step: SQLite copies the tables into the real database
        Path target = dir.resolve(tag + "-target.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target);
             Statement s = c.createStatement()) {
            for (String d : schema.ddl()) s.execute(d);
            s.execute("ATTACH DATABASE '" + scratch + "' AS s");
            c.setAutoCommit(false);
            for (String t : schema.tables()) s.execute("INSERT INTO main." + t + " SELECT * FROM s." + t);
            c.commit();
            c.setAutoCommit(true);
            s.execute("DETACH DATABASE s");
        }
        compare(schema, target, reference, lookups);

        // SQLite goes on writing into the trees the writer built (splitting its full pages)
        for (Path db : List.of(scratch, reference)) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                c.setAutoCommit(false);
                for (Sql m : mutations) {
                    try (PreparedStatement p = c.prepareStatement(m.sql())) {
                        execute(p, m.params());
                    }
                }
                c.commit();
            }
        }
        compare(schema, scratch, reference, lookups);
        return new Result(pagesBefore, pagesAfter, depths, headerSizes);
    }

    /** The file is intact and answers every check and lookup as the reference does. */
    private void compare(Schema schema, Path file, Path reference, List<Sql> lookups) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Connection ref = DriverManager.getConnection("jdbc:sqlite:" + reference)) {
            assertThat(rows(c, new Sql("PRAGMA integrity_check"))).containsExactly(List.of("ok"));
            for (String check : schema.checks()) {
                assertThat(rows(c, new Sql(check))).as(check).isEqualTo(rows(ref, new Sql(check)));
            }
            for (Sql lookup : lookups) {
                assertThat(rows(c, lookup)).as("%s %s", lookup.sql(), Arrays.asList(lookup.params())).isEqualTo(rows(ref, lookup));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    static List<List<Object>> rows(Connection c, Sql q) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(q.sql())) {
            for (int i = 0; i < q.params().length; i++) p.setObject(i + 1, q.params()[i]);
            try (ResultSet rs = p.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                List<List<Object>> out = new ArrayList<>();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        Object v = rs.getObject(i);
                        row.add(v instanceof Integer x ? Long.valueOf(x) : v);
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    static void execute(PreparedStatement p, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) p.setObject(i + 1, params[i]);
        p.executeUpdate();
    }

    static void build(RecordBuilder b, Object v) {
        if (v == null) b.addNull();
        else if (v instanceof Long x) b.addInteger(x);
        else if (v instanceof Double x) b.addReal(x);
        else if (v instanceof String x) b.addText(x);
        else throw new IllegalArgumentException("no record column for " + v.getClass());
    }

    static int bodySize(long serialType) {
        if (serialType >= 12) return (int) ((serialType - 12) / 2);
        return new int[] {0, 1, 2, 3, 4, 6, 8, 8, 0, 0}[(int) serialType];
    }

    /** Text of {@code length} characters, mostly ASCII, some of two, three and four UTF-8 bytes. */
    static String text(Random r, int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            int k = r.nextInt(40);
            if (k < 34) sb.append((char) ('a' + r.nextInt(26)));
            else if (k < 36) sb.append(r.nextBoolean() ? 'é' : 'ß');
            else if (k < 38) sb.append((char) (0x4e00 + r.nextInt(1000)));
            else if (sb.length() + 2 <= length) sb.appendCodePoint(0x1F600 + r.nextInt(50));
        }
        return sb.toString();
    }

    static Map<String, Integer> roots(Path file) throws SQLException {
        Map<String, Integer> roots = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            for (List<Object> row : rows(c, new Sql("SELECT name, rootpage FROM sqlite_schema WHERE rootpage > 0"))) {
                roots.put((String) row.get(0), ((Long) row.get(1)).intValue());
            }
        }
        return roots;
    }

    /** The big-endian 4-byte field at {@code offset} of the database header. */
    static long header(Path file, int offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(offset);
            return f.readInt() & 0xFFFFFFFFL;
        }
    }

    /** Levels from the root down its right-most path (every leaf is at this depth, which integrity_check checks). */
    static int depth(Path file, int pageSize, long root) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long page = root;
            for (int depth = 1; depth < 64; depth++) {
                f.seek((page - 1) * pageSize);
                int type = f.readUnsignedByte();
                if (type == 10 || type == 13) return depth;
                f.seek((page - 1) * pageSize + 8);
                page = f.readInt() & 0xFFFFFFFFL;
            }
        }
        throw new AssertionError("no leaf under page " + root);
    }

    /**
     * An empty database file with reserved bytes at the end of each page, which SQLite keeps when it
     * adds the schema (it cannot make one itself without a file-control call JDBC does not offer).
     */
    static void emptyDatabase(Path file, int pageSize, int reserved) throws IOException {
        byte[] p = new byte[pageSize];
        byte[] magic = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, p, 0, magic.length);
        p[16] = (byte) (pageSize >> 8);
        p[17] = (byte) pageSize;
        p[18] = 1;
        p[19] = 1;
        p[20] = (byte) reserved;
        p[21] = 64;
        p[22] = 32;
        p[23] = 32;
        BTreeFileWriter.putU32(p, 24, 1);
        BTreeFileWriter.putU32(p, 28, 1);
        BTreeFileWriter.putU32(p, 44, 4);
        BTreeFileWriter.putU32(p, 56, 1);
        BTreeFileWriter.putU32(p, 92, 1);
        BTreeFileWriter.putU32(p, 96, 3046001);
        // page 1's b-tree: an empty table leaf whose content area starts at the usable end
        int usable = pageSize - reserved;
        p[100] = 13;
        p[105] = (byte) (usable >> 8);
        p[106] = (byte) usable;
        Files.write(file, p);
    }
}
