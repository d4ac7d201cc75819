package io.graknmigrate.store;

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
            if (Sqlite.isBusy(e)) throw new io.graknmigrate.keyspace.KeyspaceBusyException(keyspace);
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

    /** Deletes the keyspace's file, waiting for no one: fails with busy when a writer holds it. */
    public void delete(String keyspace) {
        Path f = file(keyspace);
        FileState state = probe(keyspace, f);
        if (state == FileState.FOREIGN) throw notAKeyspace(f);
        if (state == FileState.ABSENT) {
            // A leftover of a never-finished create is removed too, but the keyspace was not there.
            if (Files.isRegularFile(f)) deleteIfNeverCreated(keyspace);
            throw new KeyspaceNotFoundException(keyspace, dataDir.toString());
        }
        try (Connection c = Sqlite.open(f, true)) {
            Sqlite.exec(c, "BEGIN IMMEDIATE");
            if (classify(c) == FileState.FOREIGN) throw notAKeyspace(f);
            // Holding the write lock: no import or define is running; remove the files.
            Files.deleteIfExists(f);
            Files.deleteIfExists(Path.of(f + "-wal"));
            Files.deleteIfExists(Path.of(f + "-shm"));
            Files.deleteIfExists(Path.of(f + "-journal"));
        } catch (SQLException e) {
            throw Sqlite.failure(keyspace, f, "deleting", e);
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
        Path f = file(keyspace);
        FileState state = probe(keyspace, f);
        if (state == FileState.ABSENT) throw new KeyspaceNotFoundException(keyspace, dataDir.toString());
        if (state == FileState.FOREIGN) throw notAKeyspace(f);
        Connection c = null;
        try {
            c = Sqlite.open(f, false);
            Sqlite.exec(c, "BEGIN");
            // The first read fixes the snapshot for the rest of the transaction, and the check is of that snapshot.
            FileState seen = classify(c);
            if (seen == FileState.ABSENT) throw new KeyspaceNotFoundException(keyspace, dataDir.toString());
            if (seen == FileState.FOREIGN) throw notAKeyspace(f);
            Layout.checkVersion(c, keyspace);
            return new ReadSnapshot(keyspace, f, c);
        } catch (MigrationException e) {
            closeQuietly(c);
            throw e;
        } catch (SQLException e) {
            closeQuietly(c);
            throw Sqlite.failure(keyspace, f, "reading", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
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
