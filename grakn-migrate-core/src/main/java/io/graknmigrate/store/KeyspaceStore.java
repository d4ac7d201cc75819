package io.graknmigrate.store;

import io.graknmigrate.format.DatabaseFiles;
import io.graknmigrate.keyspace.KeyspaceBusyException;
import io.graknmigrate.keyspace.KeyspaceInfo;
import io.graknmigrate.keyspace.KeyspaceName;
import io.graknmigrate.keyspace.KeyspaceNotFoundException;
import io.graknmigrate.migrate.MigrationException;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.SchemaException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Embedded keyspaces: one SQLite database file per keyspace, {@code <data dir>/<keyspace>.sqlite}, in
 * WAL mode. One writer at a time per keyspace (a second one fails fast with
 * {@link io.graknmigrate.keyspace.KeyspaceBusyException}); readers run alongside and see the last
 * committed state as one snapshot. Schema and data share the file and every change is one transaction,
 * so a crash can never separate them.
 */
public final class KeyspaceStore {

    public static final String SUFFIX = ".sqlite";

    private final Path dataDir;

    public KeyspaceStore(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    public Path dataDir() { return dataDir; }

    /** The database file of a keyspace (whose name is checked first). */
    public Path file(String keyspace) {
        return dataDir.resolve(KeyspaceName.check(keyspace) + SUFFIX);
    }

    /**
     * Whether {@code path} is, or would write into, one of this store's own files: a keyspace's
     * database or its {@code -wal}, {@code -shm} or {@code -journal} companion, by any spelling (other
     * case, symlinks, {@code ..}, a hard link), or any other database file (see
     * {@link io.graknmigrate.format.DatabaseFiles}). Front ends refuse such paths for every
     * user-named output and for server-side file paths.
     */
    public boolean isStoreFile(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (DatabaseFiles.isDatabaseFile(absolute)) return true;
        if (!Files.isDirectory(dataDir)) return false;
        try {
            Path parent = absolute.getParent();
            if (parent != null && Files.isDirectory(parent) && Files.isSameFile(parent, dataDir)) {
                String lower = absolute.getFileName().toString().toLowerCase(Locale.ROOT);
                if (lower.contains(SUFFIX)) return true; // x.sqlite and its companions, in any case
            }
            if (!Files.exists(absolute)) return false;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dataDir)) {
                for (Path f : files) {
                    String lower = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (lower.contains(SUFFIX) && Files.isSameFile(f, absolute)) return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true; // cannot tell: treat it as ours, the safe answer
        }
    }

    /** True when the keyspace's file holds a keyspace (or something else that is not a leftover of a never-finished create). */
    public boolean exists(String keyspace) {
        return probe(keyspace, file(keyspace)) != FileState.ABSENT;
    }

    /** What a file at a keyspace's path holds, found out without changing it. */
    enum FileState {
        /** No file, or one without any table: a keyspace whose creation never committed (e.g. a killed define). */
        ABSENT,
        /** Our {@code meta} table with a layout version. */
        KEYSPACE,
        /** An SQLite database with tables that are not a keyspace's: another program's. */
        FOREIGN,
        /** Not readable as an SQLite database at all; opening it as a keyspace reports why. */
        UNREADABLE
    }

    /**
     * Looks at the file read-only and before any PRAGMA: opening it as a keyspace switches it to WAL
     * mode, which must never happen to another program's database.
     */
    static FileState probe(String keyspace, Path f) {
        if (!Files.isRegularFile(f)) return FileState.ABSENT;
        try {
            if (Files.size(f) == 0) return FileState.ABSENT;
        } catch (IOException e) {
            return FileState.UNREADABLE;
        }
        try (Connection c = Sqlite.openPlain(f)) {
            return classify(c);
        } catch (SQLException e) {
            if (Sqlite.isBusy(e)) throw new KeyspaceBusyException(keyspace);
            return FileState.UNREADABLE;
        }
    }

    /** The state of an open database, by its tables; inside a transaction it is the state that transaction sees. */
    static FileState classify(Connection c) throws SQLException {
        boolean anyTable = false;
        boolean meta = false;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                anyTable = true;
                if ("meta".equals(rs.getString(1))) meta = true;
            }
        }
        if (!anyTable) return FileState.ABSENT;
        if (!meta) return FileState.FOREIGN;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM meta WHERE key = 'layout_version'")) {
            return rs.next() && rs.getLong(1) == 1 ? FileState.KEYSPACE : FileState.FOREIGN;
        } catch (SQLException e) {
            if (Sqlite.isBusy(e)) throw e;
            return FileState.FOREIGN; // a "meta" table of another shape
        }
    }

    private MigrationException notAKeyspace(Path f) {
        return new NotAKeyspaceException(f);
    }

    /** Every keyspace in the data directory, by name, with its thing counts (all -1 for a file that cannot be read). */
    public List<KeyspaceInfo> list() {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(dataDir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dataDir, "*" + SUFFIX)) {
                for (Path f : files) {
                    String n = f.getFileName().toString();
                    n = n.substring(0, n.length() - SUFFIX.length());
                    if (KeyspaceName.isValid(n) && Files.isRegularFile(f)) names.add(n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        names.sort(null);
        List<KeyspaceInfo> infos = new ArrayList<>();
        for (String n : names) {
            FileState state;
            try {
                state = probe(n, file(n));
            } catch (MigrationException e) {
                state = FileState.UNREADABLE;
            }
            if (state == FileState.ABSENT) continue; // a never-finished create: not a keyspace (yet)
            if (state == FileState.FOREIGN) {
                infos.add(KeyspaceInfo.notAKeyspace(n));
                continue;
            }
            try (ReadSnapshot r = read(n)) {
                infos.add(r.info());
            } catch (MigrationException e) {
                // A damaged file must not hide the other keyspaces; counts of -1 mark it.
                infos.add(KeyspaceInfo.unreadable(n));
            }
        }
        return infos;
    }

    /** The schema as its canonical define query ({@code define} alone for an empty schema). */
    public String schemaText(String keyspace) {
        try (ReadSnapshot r = read(keyspace)) {
            return r.schemaText();
        }
    }

    public Schema schema(String keyspace) {
        try (ReadSnapshot r = read(keyspace)) {
            return r.schema();
        }
    }

    /**
     * Defines Graql sources into the keyspace, creating it when absent. Atomic: on any error nothing
     * changes (and a keyspace created for it is removed again).
     */
    public Schema define(String keyspace, List<GraqlSource> sources, Consumer<String> warnings) throws SchemaException {
        boolean done = false;
        WriteTransaction opened = write(keyspace, true);
        try (WriteTransaction tx = opened) {
            Schema s = tx.define(sources, warnings);
            tx.commit();
            done = true;
            return s;
        } finally {
            if (!done && opened.created()) deleteIfNeverCreated(keyspace);
        }
    }

    /**
     * Deletes the keyspace's file, waiting for no one: fails with busy when a writer holds it. A
     * damaged file at the keyspace's name (not readable as a database at all, or corrupt) is deleted
     * too: it is the keyspace's by its name, and deleting is the one way on once there is no backup to
     * restore. Another program's intact database is refused.
     */
    public void delete(String keyspace) {
        Path f = file(keyspace);
        FileState state = probe(keyspace, f);
        if (state == FileState.FOREIGN) throw notAKeyspace(f);
        if (state == FileState.ABSENT) {
            // A leftover of a never-finished create is removed too, but the keyspace was not there.
            if (Files.isRegularFile(f)) deleteIfNeverCreated(keyspace);
            throw new KeyspaceNotFoundException(keyspace, dataDir.toString());
        }
        if (state == FileState.UNREADABLE) {
            deleteFiles(f);
            return;
        }
        try (Connection c = Sqlite.open(f, true)) {
            Sqlite.exec(c, "BEGIN IMMEDIATE");
            if (classify(c) == FileState.FOREIGN) throw notAKeyspace(f);
            // Holding the write lock: no import or define is running; remove the files.
            deleteFiles(f);
        } catch (SQLException e) {
            if (!Sqlite.isCorrupt(e)) throw Sqlite.failure(keyspace, f, "deleting", e);
            deleteFiles(f); // damaged past opening: nobody can be writing it
        }
    }

    private static void deleteFiles(Path f) {
        try {
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) Files.deleteIfExists(Path.of(f + suffix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Removes a keyspace file whose creating transaction rolled back, checking under the write lock
     * that it still holds no table at all, so a file with anything in it (someone else's, or a
     * keyspace another writer created meanwhile) is never removed. Best effort: a table-less file left
     * behind is harmless, it counts as absent.
     */
    public void deleteIfNeverCreated(String keyspace) {
        Path f = file(keyspace);
        if (probe(keyspace, f) != FileState.ABSENT || !Files.isRegularFile(f)) return;
        try (Connection c = Sqlite.openPlain(f)) {
            Sqlite.exec(c, "BEGIN IMMEDIATE");
            if (classify(c) != FileState.ABSENT) return;
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(Path.of(f + suffix));
            }
        } catch (SQLException | IOException | RuntimeException ignored) {
            // best effort, see above
        }
    }

    /** A consistent read-only snapshot of the keyspace; close it to release it. */
    public ReadSnapshot read(String keyspace) {
        return read(keyspace, 1);
    }

    /** How often opening several readers on one snapshot is tried before settling for one reader. */
    static final int SHARED_SNAPSHOT_ATTEMPTS = 8;

    /** Runs between the first reader's snapshot start and the others'; tests put a commit there. */
    static volatile Runnable afterFirstSnapshotStart = () -> { };

    /**
     * A consistent read-only snapshot of the keyspace read through up to {@code readers} connections
     * (see {@link ReadSnapshot#readers()}), all of them on the same committed state; close it to
     * release it.
     *
     * <p>Each connection's read transaction fixes its snapshot at its first read. They are started one
     * after another between two readings of {@code PRAGMA data_version} on a further connection, which
     * changes whenever any other connection (of any process) commits: when it did not change, no commit
     * came between the first start and the last, so every connection sees the state committed before
     * the first. When a commit did come in between, the readers start again; after a few such races
     * (a keyspace committing continuously) the snapshot settles for one connection.
     */
    public ReadSnapshot read(String keyspace, int readers) {
        if (readers < 1) throw new IllegalArgumentException("readers must be at least 1, got " + readers);
        Path f = file(keyspace);
        FileState state = probe(keyspace, f);
        if (state == FileState.ABSENT) throw new KeyspaceNotFoundException(keyspace, dataDir.toString());
        if (state == FileState.FOREIGN) throw notAKeyspace(f);
        Connection[] cs = new Connection[readers];
        Connection watch = null;
        try {
            for (int i = 0; i < readers; i++) cs[i] = Sqlite.open(f, false);
            if (readers > 1) {
                watch = Sqlite.open(f, false);
                for (int attempt = 0; attempt < SHARED_SNAPSHOT_ATTEMPTS; attempt++) {
                    long before = dataVersion(watch);
                    beginSnapshot(keyspace, cs[0]);
                    afterFirstSnapshotStart.run();
                    for (int i = 1; i < readers; i++) {
                        Sqlite.exec(cs[i], "BEGIN");
                        firstRead(cs[i]);
                    }
                    if (dataVersion(watch) == before) return new ReadSnapshot(keyspace, f, cs);
                    for (Connection c : cs) Sqlite.exec(c, "ROLLBACK");
                }
                for (int i = 1; i < readers; i++) closeQuietly(cs[i]);
                cs = new Connection[] {cs[0]};
            }
            beginSnapshot(keyspace, cs[0]);
            return new ReadSnapshot(keyspace, f, cs);
        } catch (MigrationException e) {
            for (Connection c : cs) closeQuietly(c);
            throw e;
        } catch (SQLException e) {
            for (Connection c : cs) closeQuietly(c);
            throw Sqlite.failure(keyspace, f, "reading", e);
        } catch (RuntimeException e) {
            for (Connection c : cs) closeQuietly(c);
            throw e;
        } finally {
            closeQuietly(watch);
        }
    }

    /** Whether exports read the file's pages directly when they can ({@link #readForExport}); on unless set to false. */
    static boolean pagesEnabled() {
        return !"false".equalsIgnoreCase(System.getProperty("graknmigrate.export.pages", "true"));
    }

    private static final System.Logger LOG = System.getLogger(KeyspaceStore.class.getName());
    private static final AtomicLong SQL_EXPORTS = new AtomicLong();

    /**
     * A snapshot for an export: as {@link #read(String, int)}, and, when the database file itself holds
     * exactly the snapshot's state, with the file's pages to read the things from
     * ({@link ReadSnapshot#readsPages()}), which costs a fraction of reading them through SQL.
     *
     * <p>How it knows the file holds the snapshot: it takes the keyspace's write lock without waiting
     * (so no commit can come), starts the snapshot's read transactions (they see the last commit), and
     * checkpoints the WAL (PASSIVE) on another connection. When the checkpoint copied every frame of the
     * WAL into the file, the file is the last commit. The write lock is released at once: a later commit
     * goes into the WAL, and no checkpoint copies a frame into the file past the end of a live reader's
     * snapshot (SQLite's WAL rule), so the file stays the snapshot's state until the snapshot closes.
     * When any step does not go so (another writer holds the lock, an older reader holds the WAL back,
     * the file is not what the page reader reads), the snapshot reads through SQL, as {@link #read} does;
     * a debug log line says why.
     */
    public ReadSnapshot readForExport(String keyspace, int readers) {
        if (!pagesEnabled()) return read(keyspace, readers);
        Path f = file(keyspace);
        FileState state = probe(keyspace, f);
        if (state != FileState.KEYSPACE) return read(keyspace, readers);
        Connection lock = null;
        Connection checkpointer = null;
        ReadSnapshot snapshot = null;
        String sqlBecause;
        try {
            lock = Sqlite.open(f, true);
            Sqlite.exec(lock, "PRAGMA busy_timeout = 0");
            try {
                Sqlite.exec(lock, "BEGIN IMMEDIATE");
            } catch (SQLException e) {
                return sqlExport(keyspace, read(keyspace, readers), "the write lock is taken (" + e.getMessage() + ")");
            }
            snapshot = read(keyspace, readers);
            checkpointer = Sqlite.open(f, false);
            Sqlite.exec(checkpointer, "PRAGMA busy_timeout = 0");
            long busy, log, done;
            try (Statement st = checkpointer.createStatement(); ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                if (!rs.next()) return sqlExport(keyspace, snapshot, "the checkpoint returned no row");
                busy = rs.getLong(1);
                log = rs.getLong(2);
                done = rs.getLong(3);
            }
            if (busy != 0 || log < 0 || log != done) {
                return sqlExport(keyspace, snapshot, "the checkpoint copied " + done + " of " + log + " WAL frames (busy " + busy + ")");
            }
            String why = snapshot.attachPages(f);
            return why == null ? snapshot : sqlExport(keyspace, snapshot, why);
        } catch (SQLException e) {
            sqlBecause = e.getMessage();
        } catch (RuntimeException e) {
            if (snapshot != null) snapshot.close();
            throw e;
        } finally {
            if (lock != null) {
                try {
                    Sqlite.exec(lock, "ROLLBACK");
                } catch (SQLException ignored) {
                    // not in a transaction: nothing held
                }
            }
            closeQuietly(lock);
            closeQuietly(checkpointer);
        }
        return sqlExport(keyspace, snapshot != null ? snapshot : read(keyspace, readers), sqlBecause);
    }

    /** Notes (debug log, count) that an export reads through SQL, and why. */
    static ReadSnapshot sqlExport(String keyspace, ReadSnapshot snapshot, String because) {
        long n = SQL_EXPORTS.incrementAndGet();
        snapshot.sqlBecause(because);
        LOG.log(System.Logger.Level.DEBUG, "export of {0} reads through SQL, not the file''s pages: {1} ({2} such exports)", keyspace, because, n);
        return snapshot;
    }

    /** How many exports read through SQL since start because the file's pages could not be read. */
    static long sqlExports() { return SQL_EXPORTS.get(); }

    /** Starts the read transaction of the snapshot's first connection and checks it is a keyspace of a known layout. */
    private void beginSnapshot(String keyspace, Connection c) throws SQLException {
        Sqlite.exec(c, "BEGIN");
        // The first read fixes the snapshot for the rest of the transaction, and the check is of that snapshot.
        FileState seen = classify(c);
        if (seen == FileState.ABSENT) throw new KeyspaceNotFoundException(keyspace, dataDir.toString());
        if (seen == FileState.FOREIGN) throw notAKeyspace(file(keyspace));
        Layout.checkVersion(c, keyspace);
    }

    private static void firstRead(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
            rs.next();
        }
    }

    private static long dataVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA data_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Opens the keyspace for writing: one transaction holding the keyspace's write lock until commit or
     * close. Fails with busy (after a short wait) when another writer holds it.
     *
     * @param create create the keyspace when it does not exist
     */
    public WriteTransaction write(String keyspace, boolean create) {
        Path f = file(keyspace);
        FileState state = probe(keyspace, f);
        if (state == FileState.FOREIGN) throw notAKeyspace(f);
        if (state == FileState.ABSENT) {
            if (!create) throw new KeyspaceNotFoundException(keyspace, dataDir.toString());
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new MigrationException("cannot create the data directory " + dataDir + " (" + e.getMessage()
                        + "), check the path and its permissions", e);
            }
        }
        Connection c = null;
        try {
            c = Sqlite.open(f, true);
            Sqlite.exec(c, "BEGIN IMMEDIATE");
            // Checked again under the write lock: only a file with no table at all is ours to create in.
            FileState seen = classify(c);
            if (seen == FileState.FOREIGN) throw notAKeyspace(f);
            if (seen == FileState.ABSENT && !create) throw new KeyspaceNotFoundException(keyspace, dataDir.toString());
            Layout.checkVersion(c, keyspace);
            boolean created = seen == FileState.ABSENT;
            Layout.create(c, keyspace);
            return new WriteTransaction(keyspace, f, c, created);
        } catch (MigrationException e) {
            closeQuietly(c);
            throw e;
        } catch (SQLException e) {
            closeQuietly(c);
            throw Sqlite.failure(keyspace, f, "opening", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing after a failure: the first failure is the one to report
        }
    }
}
