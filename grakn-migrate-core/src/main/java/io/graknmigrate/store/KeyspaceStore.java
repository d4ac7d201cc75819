package io.graknmigrate.store;

import io.graknmigrate.migrate.KeyspaceInfo;
import io.graknmigrate.migrate.KeyspaceName;
import io.graknmigrate.migrate.KeyspaceNotFoundException;
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
 * {@link io.graknmigrate.migrate.KeyspaceBusyException}); readers run alongside and see the last
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

    public boolean exists(String keyspace) {
        return Files.isRegularFile(file(keyspace));
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
            try (ReadSnapshot r = read(n)) {
                infos.add(r.info());
            } catch (MigrationException e) {
                // A damaged file must not hide the other keyspaces; counts of -1 mark it.
                infos.add(new KeyspaceInfo(n, -1, -1, -1, -1));
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
            if (!done && opened.created()) deleteQuietly(keyspace);
        }
    }

    /** Deletes the keyspace's file, waiting for no one: fails with busy when a writer holds it. */
    public void delete(String keyspace) {
        Path f = file(keyspace);
        if (!Files.isRegularFile(f)) throw new KeyspaceNotFoundException(keyspace, dataDir.toString());
        try (Connection c = Sqlite.open(f, true)) {
            Sqlite.exec(c, "BEGIN IMMEDIATE");
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

    /** Removes the file of a keyspace whose creating transaction rolled back (it holds no tables). */
    void deleteQuietly(String keyspace) {
        Path f = file(keyspace);
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            try {
                Files.deleteIfExists(Path.of(f + suffix));
            } catch (IOException ignored) {
                // best effort: an empty keyspace left behind is harmless
            }
        }
    }

    /** A consistent read-only snapshot of the keyspace; close it to release it. */
    public ReadSnapshot read(String keyspace) {
        Path f = file(keyspace);
        if (!Files.isRegularFile(f)) throw new KeyspaceNotFoundException(keyspace, dataDir.toString());
        Connection c = null;
        try {
            c = Sqlite.open(f, false);
            Sqlite.exec(c, "BEGIN");
            // The first read fixes the snapshot for the rest of the transaction.
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                rs.next();
            }
            return new ReadSnapshot(keyspace, f, c);
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
        if (!Files.isRegularFile(f)) {
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
            boolean created = Layout.create(c, keyspace);
            return new WriteTransaction(keyspace, f, c, created);
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
