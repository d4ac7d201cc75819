package io.graknmigrate.store.pages;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Fuzzes the page reader with arbitrary file contents. Contract: a file either reads, or fails with a
 * {@link PageFormatException} whose message is one line; nothing else escapes (no index out of bounds,
 * negative array size, arithmetic or NIO argument exception, no OutOfMemoryError from a hostile length,
 * no StackOverflowError, no endless walk: libFuzzer's per-input {@code -timeout} of this target's
 * execution in the pom catches that). The walk opens the bytes as a {@link DatabaseFile}, reads the
 * schema, and for every b-tree the schema names (tables, indexes, WITHOUT ROWID tables) reads every
 * entry and every column of it, seeks to a few keys, and (tables) cuts split ranges.
 *
 * <p>Corpus: {@code src/test/resources/io/graknmigrate/store/pages/DatabaseFileFuzzTestInputs/walk},
 * seeded with a small file in the keyspace store's table shapes (512-byte pages, interior pages,
 * overflow chains).
 */
class DatabaseFileFuzzTest {

    private static Path scratch;

    @FuzzTest(maxDuration = "10m")
    void walk(byte[] data) throws IOException {
        try {
            walk(file(data));
        } catch (PageFormatException e) {
            oneLine(e.getMessage(), e);
        }
    }

    /** Reads everything the file's schema names; throws only what the reader throws. */
    static void walk(Path file) throws IOException {
        try (DatabaseFile f = DatabaseFile.open(file)) {
            List<SchemaEntry> schema = f.schema();
            for (SchemaEntry e : schema) {
                if (e.rootPage() <= 0 || e.rootPage() > f.pageCount()) continue;
                boolean index = "index".equals(e.type())
                        || (e.sql() != null && e.sql().toUpperCase(Locale.ROOT).contains("WITHOUT ROWID"));
                walkTree(f, e.rootPage(), index);
            }
            // every page as a root of either kind: what a corrupt schema row could point at
            for (long p = 1; p <= Math.min(f.pageCount(), 64); p++) {
                walkTree(f, p, false);
                walkTree(f, p, true);
            }
        }
    }

    private static void walkTree(DatabaseFile f, long root, boolean index) {
        try {
            BTreeCursor c = index ? f.index(root) : f.table(root);
            for (boolean more = c.first(); more; more = c.next()) {
                if (!index) c.rowid();
                readColumns(c.record());
            }
            for (long key : new long[] {Long.MIN_VALUE, -1, 0, 1, 7, 1000, Long.MAX_VALUE}) {
                if (c.seek(key)) {
                    readColumns(c.record());
                    c.next();
                }
            }
            if (!index) {
                for (int wanted : new int[] {1, 2, 4, 64}) {
                    long[] keys = c.splitKeys(wanted);
                    long from = Long.MIN_VALUE;
                    for (int i = 0; i <= keys.length; i++) {
                        if (c.seek(from) && i < keys.length) from = keys[i] == Long.MAX_VALUE ? keys[i] : keys[i] + 1;
                    }
                }
            }
        } catch (PageFormatException e) {
            oneLine(e.getMessage(), e);
        }
    }

    private static void readColumns(Record r) {
        int n = r.columns();
        for (int i = 0; i < n; i++) {
            r.serialType(i);
            if (r.isInteger(i)) r.integer(i);
            else if (r.isReal(i)) r.real(i);
            else if (r.isText(i)) r.text(i);
            else if (r.isBlob(i)) r.blob(i);
            else if (!r.isNull(i)) throw new AssertionError("column " + i + " is none of the storage classes");
        }
        r.textOrNull(n);
        if (!r.isNull(n)) throw new AssertionError("a column past the last one is not NULL");
    }

    private static Path file(byte[] data) {
        try {
            if (scratch == null) {
                scratch = Files.createTempFile("page-fuzz", ".db");
                scratch.toFile().deleteOnExit();
            }
            Files.write(scratch, data);
            return scratch;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void oneLine(String m, Throwable cause) {
        if (m == null || m.isBlank() || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
            throw new AssertionError("a PageFormatException must be one non-empty line: [" + m + "]", cause);
        }
    }
}
