package io.graknmigrate.typedb3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A throw-away SQLite file for per-item state (ids, ownerships, players) so memory stays bounded
 * whatever the size of the input. Deleted on close.
 */
final class WorkDatabase implements AutoCloseable {

    private final Path file;
    final Connection connection;

    WorkDatabase(Path directory, String name) throws IOException {
        Files.createDirectories(directory);
        this.file = Files.createTempFile(directory, name, ".sqlite");
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=OFF");
                s.execute("PRAGMA synchronous=OFF");
                s.execute("PRAGMA temp_store=FILE");
                s.execute("PRAGMA cache_size=-32000");
            }
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new IOException("cannot open a work database in " + directory + " (" + e.getMessage()
                    + "); check that the directory is writable and has free space", e);
        }
    }

    void execute(String... sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the file goes anyway
        }
        Files.deleteIfExists(file);
    }
}
