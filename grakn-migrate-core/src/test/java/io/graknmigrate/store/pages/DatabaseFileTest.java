package io.graknmigrate.store.pages;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The page reader against SQLite itself: files written by SQLite (through JDBC) with every kind of
 * value, several page sizes, payloads that overflow into chains of pages, rowid and WITHOUT ROWID
 * tables and indexes; what the cursors read is what {@code SELECT} returns, in the same order. And
 * files broken on purpose end in a {@link PageFormatException}, never a loop or an out-of-memory.
 */
class DatabaseFileTest {

    @TempDir
    Path dir;

    /** A database of the page size, with a rowid table {@code t}, a WITHOUT ROWID table {@code w} and an index on {@code t}. */
    private Path database(String name, int pageSize, long seed, int rows) throws SQLException {
        Path file = dir.resolve(name);
        Random r = new Random(seed);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA page_size = " + pageSize);
                s.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, v)");
                s.execute("CREATE TABLE w(a INTEGER NOT NULL, b INTEGER NOT NULL, c, PRIMARY KEY(a, b)) WITHOUT ROWID");
                s.execute("CREATE INDEX t_by_kind ON t(kind, id)");
            }
            c.setAutoCommit(false);
            try (PreparedStatement t = c.prepareStatement("INSERT INTO t(id, kind, v) VALUES (?, ?, ?)");
                 PreparedStatement w = c.prepareStatement("INSERT OR IGNORE INTO w(a, b, c) VALUES (?, ?, ?)")) {
                long id = 0;
                for (int i = 0; i < rows; i++) {
                    // sparse ids, some huge, negative ones first
                    id += 1 + (r.nextInt(10) == 0 ? r.nextInt(1 << 30) : r.nextInt(3));
                    t.setLong(1, i == 0 ? Long.MIN_VALUE : i == rows - 1 ? Long.MAX_VALUE : id);
                    t.setLong(2, r.nextInt(5));
                    t.setObject(3, value(r));
                    t.executeUpdate();
                    w.setLong(1, r.nextInt(rows));
                    w.setLong(2, r.nextLong());
                    w.setObject(3, value(r));
                    w.executeUpdate();
                }
            }
            c.commit();
        }
        return file;
    }

    /** Any SQLite value: NULL, integers of every width, floats, text (ASCII, multi-byte, long), BLOBs (short, long). */
    static Object value(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> null;
            case 1 -> (long) r.nextInt(2);
            case 2 -> (long) (r.nextInt(256) - 128);
            case 3 -> (long) r.nextInt(1 << 20) - (1 << 19);
            case 4 -> r.nextLong() >> r.nextInt(64);
            case 5 -> r.nextDouble() * 1e6 - 5e5;
            case 6 -> "text " + r.nextInt();
            case 7 -> "é\uD83D\uDE00".repeat(1 + r.nextInt(50));
            case 8 -> "x".repeat(r.nextInt(12) == 0 ? 70_000 + r.nextInt(20_000) : 1 + r.nextInt(9_000));
            case 9 -> bytes(r, 1 + r.nextInt(40));
            case 10 -> bytes(r, 4_000 + r.nextInt(70_000));
            default -> (long) r.nextInt(1 << 16);
        };
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** A column's value as JDBC reads it, integers widened to long. */
    private static Object jdbc(ResultSet rs, int column) throws SQLException {
        Object v = rs.getObject(column);
        if (v instanceof Integer i) return (long) i;
        return v;
    }

    private static Object column(Record r, int column) {
        if (r.isNull(column)) return null;
        if (r.isInteger(column)) return r.integer(column);
        if (r.isReal(column)) return r.real(column);
        if (r.isText(column)) return r.text(column);
        if (r.isBlob(column)) return r.blob(column);
        throw new AssertionError("serial type " + r.serialType(column));
    }

    private static List<List<Object>> select(Path file, String sql, int columns) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) row.add(jdbc(rs, i));
                rows.add(row);
            }
        }
        return rows;
    }

    private static long root(DatabaseFile f, String name) {
        return f.schema().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().rootPage();
    }

    /** The table's rows through the cursor: rowid then its columns (the INTEGER PRIMARY KEY's NULL replaced by the rowid). */
    private static List<List<Object>> tableRows(BTreeCursor c, boolean more, long lastRowid) {
        List<List<Object>> rows = new ArrayList<>();
        for (; more && c.rowid() <= lastRowid; more = c.next()) {
            Record r = c.record();
            assertThat(r.isNull(0)).isTrue();
            rows.add(new ArrayList<>(Arrays.asList(c.rowid(), column(r, 1), column(r, 2))));
        }
        return rows;
    }

    private static List<List<Object>> indexRows(BTreeCursor c, int columns) {
        List<List<Object>> rows = new ArrayList<>();
        for (boolean more = c.first(); more; more = c.next()) {
            List<Object> row = new ArrayList<>();
            for (int i = 0; i < columns; i++) row.add(column(c.record(), i));
            rows.add(row);
        }
        return rows;
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 1024, 4096, 65536})
    void cursorsReadWhatSelectReadsInTheSameOrder(int pageSize) throws Exception {
        Path file = database("p" + pageSize + ".db", pageSize, pageSize, 3_000);
        try (DatabaseFile f = DatabaseFile.open(file)) {
            assertThat(f.pageSize()).isEqualTo(pageSize);
            List<List<Object>> expected = select(file, "SELECT id, kind, v FROM t ORDER BY id", 3);
            BTreeCursor t = f.table(root(f, "t"));
            assertThat(normalize(tableRows(t, t.first(), Long.MAX_VALUE))).isEqualTo(normalize(expected));
            assertThat(normalize(indexRows(f.index(root(f, "w")), 3))).isEqualTo(normalize(select(file, "SELECT a, b, c FROM w ORDER BY a, b", 3)));
            assertThat(indexRows(f.index(root(f, "t_by_kind")), 3)).isEqualTo(select(file, "SELECT kind, id, id FROM t ORDER BY kind, id", 3));
        }
    }

    /** byte[] compares by identity: as lists. */
    private static List<List<Object>> normalize(List<List<Object>> rows) {
        for (List<Object> row : rows) row.replaceAll(v -> v instanceof byte[] b ? toList(b) : v);
        return rows;
    }

    private static List<Byte> toList(byte[] b) {
        List<Byte> l = new ArrayList<>(b.length);
        for (byte x : b) l.add(x);
        return l;
    }

    @Test
    void theSchemaIsSqliteSchema() throws Exception {
        Path file = database("s.db", 4096, 1, 50);
        try (DatabaseFile f = DatabaseFile.open(file)) {
            List<List<Object>> rows = new ArrayList<>();
            for (SchemaEntry e : f.schema()) rows.add(Arrays.asList(e.type(), e.name(), e.table(), e.rootPage(), e.sql()));
            assertThat(rows).isEqualTo(select(file, "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema ORDER BY rowid", 5));
        }
    }

    @Test
    void seeksFindTheFirstKeyAtLeastTheGivenOne() throws Exception {
        Path file = database("k.db", 1024, 7, 4_000);
        Random r = new Random(3);
        try (DatabaseFile f = DatabaseFile.open(file); Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement rowid = c.prepareStatement("SELECT min(id) FROM t WHERE id >= ?");
             PreparedStatement key = c.prepareStatement("SELECT a, b FROM w WHERE a >= ? ORDER BY a, b LIMIT 1")) {
            BTreeCursor t = f.table(root(f, "t"));
            BTreeCursor w = f.index(root(f, "w"));
            long max = select(file, "SELECT max(id) FROM t WHERE id < 9223372036854775807", 1).get(0).get(0) instanceof Long l ? l : 0;
            for (int i = 0; i < 300; i++) {
                long k = i < 5 ? new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, max + 1}[i] : (long) (r.nextDouble() * max);
                rowid.setLong(1, k);
                try (ResultSet rs = rowid.executeQuery()) {
                    rs.next();
                    Object expected = rs.getObject(1);
                    boolean found = t.seek(k);
                    assertThat(found ? (Object) t.rowid() : null).as("seek %d", k).isEqualTo(expected == null ? null : ((Number) expected).longValue());
                }
                long a = k % 4_000;
                key.setLong(1, a);
                try (ResultSet rs = key.executeQuery()) {
                    boolean found = w.seek(a);
                    assertThat(found).isEqualTo(rs.next());
                    if (found) assertThat(List.of(w.record().integer(0), w.record().integer(1))).isEqualTo(List.of(rs.getLong(1), rs.getLong(2)));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 64, 1000})
    void splitKeysCutTheTableIntoRangesThatReadItWhole(int wanted) throws Exception {
        Path file = database("r.db", 512, 11, 5_000);
        try (DatabaseFile f = DatabaseFile.open(file)) {
            BTreeCursor t = f.table(root(f, "t"));
            long[] splits = t.splitKeys(wanted);
            assertThat(splits.length).isLessThanOrEqualTo(Math.max(0, wanted - 1));
            if (wanted >= 7) assertThat(splits.length).isGreaterThan(1);
            List<List<Object>> whole = tableRows(t, t.first(), Long.MAX_VALUE);
            List<List<Object>> pieced = new ArrayList<>();
            for (int i = 0; i <= splits.length; i++) {
                long from = i == 0 ? Long.MIN_VALUE : splits[i - 1] + 1;
                long last = i == splits.length ? Long.MAX_VALUE : splits[i];
                pieced.addAll(tableRows(t, t.seek(from), last));
            }
            assertThat(normalize(pieced)).isEqualTo(normalize(whole));
        }
    }

    @Test
    void anEmptyTableAndAOnePageTableRead() throws Exception {
        Path file = dir.resolve("e.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE e(x)");
            s.execute("CREATE TABLE o(x)");
            s.execute("INSERT INTO o VALUES (1), ('two'), (3.5)");
        }
        try (DatabaseFile f = DatabaseFile.open(file)) {
            BTreeCursor e = f.table(root(f, "e"));
            assertThat(e.first()).isFalse();
            assertThat(e.seek(5)).isFalse();
            assertThat(e.splitKeys(8)).isEmpty();
            BTreeCursor o = f.table(root(f, "o"));
            List<Object> xs = new ArrayList<>();
            for (boolean more = o.first(); more; more = o.next()) xs.add(column(o.record(), 0));
            assertThat(xs).containsExactly(1L, "two", 3.5);
        }
    }

    @Test
    void aTextEncodingOtherThanUtf8IsRefused() throws Exception {
        Path file = dir.resolve("utf16.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA encoding = 'UTF-16le'");
            s.execute("CREATE TABLE t(x)");
            s.execute("INSERT INTO t VALUES ('text')");
        }
        assertThatThrownBy(() -> DatabaseFile.open(file)).isInstanceOf(PageFormatException.class).hasMessageContaining("not UTF-8");
    }

    @Test
    void aFileThatIsNotADatabaseIsRefused() throws Exception {
        Path file = dir.resolve("not.db");
        Files.write(file, new byte[4096]);
        assertThatThrownBy(() -> DatabaseFile.open(file)).isInstanceOf(PageFormatException.class).hasMessageContaining("not an SQLite 3 database");
        Files.write(file, new byte[10]);
        assertThatThrownBy(() -> DatabaseFile.open(file)).isInstanceOf(PageFormatException.class);
    }

    /** The root page of {@code t}, an interior page with cells (the table spans many pages). */
    private record Root(long page, int pageSize, int firstCell, int cellPointers) { }

    private Root interiorRoot(Path file) throws IOException {
        try (DatabaseFile f = DatabaseFile.open(file)) {
            long root = root(f, "t");
            byte[] page = new byte[f.pageSize()];
            f.read(root, 1, page);
            assertThat(page[0]).as("root page type").isEqualTo((byte) 5);
            return new Root(root, f.pageSize(), DatabaseFile.u16(page, 12), 12);
        }
    }

    private static void patch(Path file, long offset, byte... bytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            raf.write(bytes);
        }
    }

    private static byte[] u32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** Reads the whole table, as an export would; must end in the typed failure, and soon. */
    private static void assertCorrupt(Path file, String message) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> {
            try (DatabaseFile f = DatabaseFile.open(file)) {
                BTreeCursor t = f.table(root(f, "t"));
                for (boolean more = t.first(); more; more = t.next()) t.record().columns();
            }
        }).isInstanceOf(PageFormatException.class).hasMessageContaining(message));
    }

    @Test
    void corruptFilesEndInThePageFormatException() throws Exception {
        Path good = database("good.db", 1024, 5, 2_000);
        Root root = interiorRoot(good);
        long rootAt = (root.page() - 1) * root.pageSize();
        assertThatCode(() -> {
            try (DatabaseFile f = DatabaseFile.open(good)) {
                BTreeCursor t = f.table(root(f, "t"));
                for (boolean more = t.first(); more; more = t.next()) t.record().columns();
            }
        }).doesNotThrowAnyException();

        Path cycle = Files.copy(good, dir.resolve("cycle.db"));
        patch(cycle, rootAt + root.firstCell(), u32(root.page()));
        assertCorrupt(cycle, "cycle");

        Path rightCycle = Files.copy(good, dir.resolve("right.db"));
        patch(rightCycle, rootAt + 8, u32(root.page()));
        assertCorrupt(rightCycle, "cycle");

        Path outOfRange = Files.copy(good, dir.resolve("range.db"));
        patch(outOfRange, rootAt + root.firstCell(), u32(0x7fffff00L));
        assertCorrupt(outOfRange, "out of range");

        Path pageType = Files.copy(good, dir.resolve("type.db"));
        patch(pageType, rootAt, (byte) 7);
        assertCorrupt(pageType, "page type 7");

        Path cellPointer = Files.copy(good, dir.resolve("cell.db"));
        patch(cellPointer, rootAt + root.cellPointers(), (byte) 0x03, (byte) 0xfe);
        assertCorrupt(cellPointer, "outside the cell content area");

        Path cells = Files.copy(good, dir.resolve("cells.db"));
        patch(cells, rootAt + 3, (byte) 0x7f, (byte) 0xff);
        assertCorrupt(cells, "do not fit the page");

        // the root's first cell: a 4-byte child, then its key varint made endless (nine bytes of 0xff and beyond the page)
        Path varint = Files.copy(good, dir.resolve("varint.db"));
        patch(varint, rootAt + 3, (byte) 0, (byte) 1, (byte) 0x03, (byte) 0xf8);
        patch(varint, rootAt + root.cellPointers(), (byte) 0x03, (byte) 0xf8);
        patch(varint, rootAt + 0x3f8 + 4, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff);
        assertCorrupt(varint, "varint");

        Path truncated = Files.copy(good, dir.resolve("short.db"));
        try (RandomAccessFile raf = new RandomAccessFile(truncated.toFile(), "rw")) {
            raf.setLength(raf.length() / 2 + 100);
        }
        assertCorrupt(truncated, "pages");
    }

    @Test
    void aHugePayloadLengthIsRefusedBeforeAnythingIsAllocated() throws Exception {
        Path file = database("huge.db", 1024, 9, 300);
        long leaf;
        int cell;
        try (DatabaseFile f = DatabaseFile.open(file)) {
            // the leftmost leaf: follow first children from the root
            long page = root(f, "t");
            byte[] b = new byte[f.pageSize()];
            while (true) {
                f.read(page, 1, b);
                if (b[0] == 13) break;
                page = DatabaseFile.u32(b, DatabaseFile.u16(b, 12));
            }
            leaf = page;
            cell = DatabaseFile.u16(b, 8);
        }
        // payload size: the largest 9-byte varint
        patch(file, (leaf - 1) * 1024 + cell, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f);
        assertCorrupt(file, "payload");
    }

    /** The bytes of a text in the file are kept as SQLite stores them; the reader decodes them as JDBC's getString does. */
    @Test
    void invalidUtf8TextReadsAsJdbcReadsIt() throws Exception {
        Path file = dir.resolve("utf8.db");
        String[] hex = {"80", "c0af", "eda080", "e282", "f4908080", "41ff42", "f09f9880", "c3a9"};
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
            for (int i = 0; i < hex.length; i++) s.execute("INSERT INTO t VALUES (" + i + ", CAST(x'" + hex[i] + "' AS TEXT))");
        }
        List<Object> jdbc = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT v FROM t ORDER BY id")) {
            while (rs.next()) jdbc.add(rs.getString(1));
        }
        List<Object> pages = new ArrayList<>();
        try (DatabaseFile f = DatabaseFile.open(file)) {
            BTreeCursor t = f.table(root(f, "t"));
            for (boolean more = t.first(); more; more = t.next()) {
                assertThat(t.record().isText(1)).isTrue();
                pages.add(t.record().text(1));
            }
        }
        assertThat(pages).hasSize(hex.length).isEqualTo(jdbc);
    }

    /** The first leaf of {@code t} and the offset of its first cell. */
    private static long[] firstLeafCell(Path file) throws IOException {
        try (DatabaseFile f = DatabaseFile.open(file)) {
            long page = root(f, "t");
            byte[] b = new byte[f.pageSize()];
            while (true) {
                f.read(page, 1, b);
                if (b[0] == 13) break;
                page = DatabaseFile.u32(b, DatabaseFile.u16(b, 12));
            }
            return new long[] {page, DatabaseFile.u16(b, 8), f.pageSize()};
        }
    }

    @Test
    void aNegativeSerialTypeIsRefused() throws Exception {
        Path file = dir.resolve("serial.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA page_size = 1024");
            s.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v)");
            s.execute("INSERT INTO t VALUES (1, x'" + "00".repeat(16) + "')");
        }
        long[] leaf = firstLeafCell(file);
        long at = (leaf[0] - 1) * leaf[2] + leaf[1];
        // the cell rewritten in its place: payload 12, rowid 1, then the record: header of 11 bytes (NULL
        // for id, a nine-byte serial type that is negative and whose low 32 bits are 1) and one byte
        byte[] cell = {12, 1, 11, 0, (byte) 0xff, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1, 42};
        patch(file, at, cell);
        assertCorrupt(file, "serial type");
    }

    @Test
    void splitKeysOverAPageListedThousandsOfTimesStopAtTheFirstRepeat() throws Exception {
        Path good = database("split.db", 1024, 3, 20_000);
        Root root = interiorRoot(good);
        long rootAt = (root.page() - 1) * root.pageSize();
        Path repeated = Files.copy(good, dir.resolve("repeated.db"));
        byte[] page = Files.readAllBytes(repeated);
        long firstChild = DatabaseFile.u32(page, (int) rootAt + root.firstCell());
        // every child of the root, the right-most too, made the first one
        int cells = DatabaseFile.u16(page, (int) rootAt + 3);
        for (int i = 0; i < cells; i++) {
            int cell = DatabaseFile.u16(page, (int) rootAt + root.cellPointers() + 2 * i);
            patch(repeated, rootAt + cell, u32(firstChild));
        }
        patch(repeated, rootAt + 8, u32(firstChild));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> {
            try (DatabaseFile f = DatabaseFile.open(repeated)) {
                f.table(root(f, "t")).splitKeys(1 << 20);
            }
        }).isInstanceOf(PageFormatException.class).hasMessageContaining("out of order"));
    }

    /** Rows whose values overflow through chains of pages: page size 512, a short chain and one past 64 pages. */
    @ParameterizedTest
    @ValueSource(ints = {3000, 60_000})
    void anOverflowChainThatComesBackToItsPageIsACycle(int bytes) throws Exception {
        Path file = dir.resolve("chain" + bytes + ".db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA page_size = 512");
            s.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v)");
            s.execute("INSERT INTO t VALUES (1, randomblob(" + bytes + "))");
        }
        assertThatCode(() -> {
            try (DatabaseFile f = DatabaseFile.open(file)) {
                BTreeCursor t = f.table(root(f, "t"));
                assertThat(t.first()).isTrue();
                assertThat(t.record().blob(1)).hasSize(bytes);
            }
        }).doesNotThrowAnyException();
        // walk the chain to its second-to-last page and point that one back at the chain's first page
        long first, last;
        try (DatabaseFile f = DatabaseFile.open(file)) {
            long[] leaf = firstLeafCell(file);
            byte[] b = new byte[512];
            f.read(leaf[0], 1, b);
            // the table's one cell runs to the page's end: its overflow pointer is the page's last 4 bytes
            first = DatabaseFile.u32(b, 508);
            long page = first;
            long previous = first;
            while (true) {
                f.read(page, 1, b);
                long next = DatabaseFile.u32(b, 0);
                if (next == 0) break;
                previous = page;
                page = next;
            }
            last = previous;
        }
        patch(file, (last - 1) * 512, u32(first));
        assertCorrupt(file, "cycle");
    }

    /** A chain of interior pages, each with only a right child, deeper than any real b-tree: refused, not recursed. */
    @Test
    void aTreeDeeperThanTheLimitIsRefused() throws Exception {
        Path file = dir.resolve("deep.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA page_size = 512");
            s.execute("CREATE TABLE t(id INTEGER PRIMARY KEY)");
        }
        int levels = BTreeCursor.MAX_DEPTH + 5;
        byte[] original = Files.readAllBytes(file);
        byte[] deep = Arrays.copyOf(original, 512 * (1 + levels + 1));
        for (int level = 0; level < levels; level++) {
            int at = 512 * (1 + level);
            Arrays.fill(deep, at, at + 512, (byte) 0);
            deep[at] = 5;
            System.arraycopy(u32(level + 3), 0, deep, at + 8, 4);
        }
        deep[512 * (1 + levels)] = 13;
        System.arraycopy(u32(levels + 2), 0, deep, 28, 4);
        Path written = Files.write(dir.resolve("deeper.db"), deep);
        try (DatabaseFile f = DatabaseFile.open(written)) {
            assertThat(f.pageCount()).isEqualTo(levels + 2);
            assertThatThrownBy(() -> f.table(2).first()).isInstanceOf(PageFormatException.class).hasMessageContaining("deeper than");
            assertThatThrownBy(() -> f.table(2).splitKeys(4)).isInstanceOf(PageFormatException.class).hasMessageContaining("deeper than");
            assertThat(f.table(levels).first()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 65536})
    void theSmallestAndLargestPageSizesRead(int pageSize) throws Exception {
        Path file = database("size" + pageSize + ".db", pageSize, 4, 50);
        byte[] header = Files.readAllBytes(file);
        assertThat(DatabaseFile.u16(header, 16)).isEqualTo(pageSize == 65536 ? 1 : pageSize);
        try (DatabaseFile f = DatabaseFile.open(file)) {
            assertThat(f.pageSize()).isEqualTo(pageSize);
            BTreeCursor t = f.table(root(f, "t"));
            int n = 0;
            for (boolean more = t.first(); more; more = t.next()) n++;
            assertThat(n).isEqualTo(50);
        }
        Path odd = Files.copy(file, dir.resolve("odd" + pageSize + ".db"));
        patch(odd, 16, (byte) 0, (byte) 2);
        assertThatThrownBy(() -> DatabaseFile.open(odd).close()).isInstanceOf(PageFormatException.class).hasMessageContaining("page size 2");
    }

    @Test
    void rootPagesZeroAndPastTheEndAreRefused() throws Exception {
        Path file = database("roots.db", 1024, 6, 10);
        try (DatabaseFile f = DatabaseFile.open(file)) {
            assertThatThrownBy(() -> f.table(0)).isInstanceOf(PageFormatException.class).hasMessageContaining("out of range");
            assertThatThrownBy(() -> f.index(f.pageCount() + 1)).isInstanceOf(PageFormatException.class).hasMessageContaining("out of range");
            assertThatThrownBy(() -> f.read(0, 1, new byte[f.pageSize()])).isInstanceOf(PageFormatException.class);
        }
    }

    /** Every input the fuzz target ever found a fault with, replayed through its walk in the normal build. */
    @Test
    void theFuzzCorpusWalksToAResultOrThePageFormatException() throws Exception {
        Path corpus = Path.of("src/test/resources/io/graknmigrate/store/pages/DatabaseFileFuzzTestInputs/walk");
        List<Path> inputs;
        try (var files = Files.list(corpus)) {
            inputs = files.sorted().toList();
        }
        assertThat(inputs).isNotEmpty();
        for (Path input : inputs) {
            Path copy = Files.copy(input, dir.resolve("input.db"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try {
                    DatabaseFileFuzzTest.walk(copy);
                } catch (PageFormatException e) {
                    assertThat(e.getMessage()).as(input.toString()).doesNotContain("\n");
                }
            }, input.toString());
        }
    }
}
