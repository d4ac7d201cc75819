package io.graknmigrate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The integer key of each original id of an import file, one-to-one, so every lookup and join of the
 * import is on a rowid (much cheaper than text B-trees). Grakn's "V123" ids and plain decimal ids
 * (what exports of this tool hold) are encoded arithmetically (even and odd non-negative keys); any
 * other id gets a negative key: from the {@code import_text} table (see {@link ImportTables}), the first
 * time it is seen, which is exact but costs a text lookup per occurrence; or, once the file's ids are
 * vouched for by the pre-check (no duplicates, no dangling references), a 62-bit hash of the id, which
 * costs nothing. Two different ids of the file with one hash then look like one id defined twice: the
 * import's duplicate check sees it (the pre-check said there are none) and refuses the file, so a
 * collision can never merge two things (for 10 million such ids the chance is about 10⁻⁵).
 */
final class ImportIdKeys implements AutoCloseable {

    private final Connection c;
    private final PreparedStatement findText;
    private final PreparedStatement insertText;
    private long textKeys;
    private boolean hashed;
    /** How many bits of the hash make a key; fewer only in tests, to force collisions. */
    static int hashBits = 62;

    /** Needs the import's TEMP tables to exist on {@code c}. */
    ImportIdKeys(Connection c) throws SQLException {
        this.c = c;
        this.findText = c.prepareStatement("SELECT key FROM import_text WHERE original = ?");
        this.insertText = c.prepareStatement("INSERT INTO import_text(key, original) VALUES (?, ?)");
    }

    /** Keys ids that are not numeric by their hash from now on (the pre-check vouches for the file's ids). */
    void useHashes() { hashed = true; }

    boolean hashed() { return hashed; }

    /** The key of an original id. */
    long key(String original) throws SQLException {
        if (hashed) return vouchedKey(original);
        long k = numericKey(original);
        return k >= 0 ? k : textKey(original);
    }

    /** The key of an original id once the file's ids are vouched for: numeric, else its hash. */
    static long vouchedKey(String original) {
        long k = numericKey(original);
        return k >= 0 ? k : hashKey(original);
    }

    /** A negative key from a 64-bit FNV-1a hash of the id's chars, mixed, cut to {@link #hashBits} bits. */
    static long hashKey(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0, n = s.length(); i < n; i++) h = (h ^ s.charAt(i)) * 0x100000001b3L;
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return -1 - (h >>> (64 - hashBits));
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
        if (hashed) return "(an id with hash key " + key + ")";
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
