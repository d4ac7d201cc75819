package io.graknmigrate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The integer key of each original id of an import file, one-to-one, so every lookup and join of the
 * import is on a rowid (much cheaper than text B-trees). Grakn's "V123" ids and plain decimal ids
 * (what exports of this tool hold) are encoded arithmetically (even and odd non-negative keys); any
 * other id gets a negative key from the {@code import_text} table (see {@link ImportTables}), the first
 * time it is seen.
 */
final class ImportIdKeys implements AutoCloseable {

    private final Connection c;
    private final PreparedStatement findText;
    private final PreparedStatement insertText;
    private long textKeys;

    /** Needs the import's TEMP tables to exist on {@code c}. */
    ImportIdKeys(Connection c) throws SQLException {
        this.c = c;
        this.findText = c.prepareStatement("SELECT key FROM import_text WHERE original = ?");
        this.insertText = c.prepareStatement("INSERT INTO import_text(key, original) VALUES (?, ?)");
    }

    /** The key of an original id. */
    long key(String original) throws SQLException {
        long k = numericKey(original);
        return k >= 0 ? k : textKey(original);
    }

    /** 2n for "Vn", 2n+1 for "n" (canonical decimal, at most 18 digits), else -1. */
    static long numericKey(String s) {
        int len = s.length();
        int start = len > 0 && s.charAt(0) == 'V' ? 1 : 0;
        int digits = len - start;
        if (digits < 1 || digits > 18) return -1;
        if (s.charAt(start) == '0' && digits > 1) return -1;
        long n = 0;
        for (int i = start; i < len; i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') return -1;
            n = n * 10 + (ch - '0');
        }
        return start == 1 ? n << 1 : (n << 1) | 1;
    }

    private long textKey(String original) throws SQLException {
        findText.setString(1, original);
        try (ResultSet rs = findText.executeQuery()) {
            if (rs.next()) return rs.getLong(1);
        }
        long k = -(++textKeys);
        insertText.setLong(1, k);
        insertText.setString(2, original);
        insertText.executeUpdate();
        return k;
    }

    /** The original id of a key. */
    String original(long key) throws SQLException {
        if (key >= 0) return (key & 1) == 0 ? "V" + (key >>> 1) : Long.toString(key >>> 1);
        try (PreparedStatement s = c.prepareStatement("SELECT original FROM import_text WHERE key = ?")) {
            s.setLong(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : "?";
            }
        }
    }

    @Override
    public void close() {
        for (PreparedStatement s : new PreparedStatement[] {findText, insertText}) {
            try {
                s.close();
            } catch (SQLException ignored) {
                // closing
            }
        }
    }
}
