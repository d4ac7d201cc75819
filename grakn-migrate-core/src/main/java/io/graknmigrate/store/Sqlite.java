package io.graknmigrate.store;

import io.graknmigrate.keyspace.KeyspaceBusyException;
import io.graknmigrate.migrate.InternalFailureException;
import io.graknmigrate.migrate.MigrationException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** Opening keyspace files and turning SQLite's failures into messages a user can act on. */
final class Sqlite {

    /** How long a writer waits for another writer before giving up with "busy". Short on purpose. */
    static final int WRITER_BUSY_TIMEOUT_MS = 300;
    /** Readers never wait for writers in WAL mode; this only covers checkpoints and schema changes. */
    static final int READER_BUSY_TIMEOUT_MS = 5000;

    private Sqlite() { }

    static Connection open(Path file, boolean writer) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // WAL + NORMAL: a crash loses at most the last commit, never consistency; an import is one commit.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(writer ? WRITER_BUSY_TIMEOUT_MS : READER_BUSY_TIMEOUT_MS);
        config.setTempStore(SQLiteConfig.TempStore.FILE);
        config.setCacheSize(-64 * 1024); // KiB: 64 MiB of page cache, outside the Java heap
        config.enforceForeignKeys(false);
        // Nothing reads generated keys; left on, every INSERT runs an extra "SELECT last_insert_rowid()".
        config.setGetGeneratedKeys(false);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /**
     * A connection that sets no PRAGMA that changes the file (no journal mode), for looking at a file
     * before we know it is a keyspace.
     */
    static Connection openPlain(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(WRITER_BUSY_TIMEOUT_MS);
        config.setGetGeneratedKeys(false);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static boolean isBusy(SQLException e) {
        if (e instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            return code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED
                    || (code != null && code.name().startsWith("SQLITE_BUSY"));
        }
        String m = e.getMessage();
        return m != null && (m.contains("SQLITE_BUSY") || m.contains("database is locked"));
    }

    /** Whether the failure says the file is not (or no longer) a readable database. */
    static boolean isCorrupt(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return m.contains("not a database") || m.contains("malformed") || m.contains("sqlite_corrupt") || m.contains("sqlite_notadb");
    }

    /** A failure of the store itself, described for the user. */
    static MigrationException failure(String keyspace, Path file, String doing, SQLException e) {
        if (isBusy(e)) return new KeyspaceBusyException(keyspace);
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String lower = m.toLowerCase(Locale.ROOT);
        if (isCorrupt(e)) return unreadable(file, firstLine(m), e);
        if (lower.contains("disk is full") || lower.contains("sqlite_full")) {
            return new MigrationException("no space left while " + doing + " keyspace " + keyspace + " in " + file.getParent()
                    + ", free some space and retry (nothing was changed)", e);
        }
        if (lower.contains("readonly") || lower.contains("read-only")) {
            return new MigrationException("cannot write keyspace " + keyspace + " at " + file
                    + " (read-only), check the data directory's permissions", e);
        }
        return new InternalFailureException("store error while " + doing + " keyspace " + keyspace + " (" + firstLine(m) + ")", e);
    }

    /** The failure of a keyspace file that is not (or no longer) a readable database, for whichever reader found it. */
    static MigrationException unreadable(Path file, String why, Throwable cause) {
        return new MigrationException(file + " is not a readable keyspace database (" + why
                + "), restore it from a backup or delete the keyspace", cause);
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
