package io.graknmigrate.store;

import io.graknmigrate.migrate.KeyspaceSink;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.SchemaDefiner;
import io.graknmigrate.schema.SchemaException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one write transaction on a keyspace: holds its write lock from open to commit or close. A
 * define, a clean and an import may all happen in it; closing without {@link #commit} undoes them all,
 * and so does a killed process (SQLite discards the uncommitted WAL frames).
 */
public final class WriteTransaction implements AutoCloseable {

    private final String keyspace;
    private final Path file;
    private final Connection c;
    private Schema schema;
    private boolean finished;
    private EmbeddedSink sink;

    private final boolean created;

    WriteTransaction(String keyspace, Path file, Connection c, boolean created) throws SQLException {
        this.created = created;
        this.keyspace = keyspace;
        this.file = file;
        this.c = c;
        this.schema = SchemaTables.load(c, keyspace);
    }

    public String keyspace() { return keyspace; }

    public Schema schema() { return schema; }

    /** True when this transaction created the keyspace (so a rollback leaves an empty file to remove). */
    public boolean created() { return created; }

    /** Adds Graql sources to the schema (validated as a whole); on error nothing in the transaction changes. */
    public Schema define(List<GraqlSource> sources, Consumer<String> warnings) throws SchemaException {
        if (sink != null) throw new IllegalStateException("define after the import began");
        Schema next = SchemaDefiner.define(schema, sources, warnings);
        try {
            Sqlite.exec(c, "SAVEPOINT define");
            try {
                SchemaTables.save(c, keyspace, next);
                Sqlite.exec(c, "RELEASE define");
            } catch (SQLException | RuntimeException e) {
                Sqlite.exec(c, "ROLLBACK TO define");
                Sqlite.exec(c, "RELEASE define");
                throw e;
            }
        } catch (SQLException e) {
            throw Sqlite.failure(keyspace, file, "defining", e);
        }
        schema = next;
        return next;
    }

    /** Deletes every thing, ownership and role player; keeps the schema. */
    public void clean() {
        if (sink != null) throw new IllegalStateException("clean after the import began");
        try {
            Sqlite.exec(c, "DELETE FROM role_player");
            Sqlite.exec(c, "DELETE FROM ownership");
            Sqlite.exec(c, "DELETE FROM thing");
        } catch (SQLException e) {
            throw Sqlite.failure(keyspace, file, "cleaning", e);
        }
    }

    /** The import side of this transaction. */
    public KeyspaceSink sink() {
        if (sink == null) {
            try {
                sink = new EmbeddedSink(this, c);
            } catch (SQLException e) {
                throw Sqlite.failure(keyspace, file, "importing into", e);
            }
        }
        return sink;
    }

    Path file() { return file; }

    public void commit() {
        if (finished) throw new IllegalStateException("transaction already finished");
        try {
            if (sink != null) sink.dropTemporaryTables();
            Sqlite.exec(c, "COMMIT");
            finished = true;
        } catch (SQLException e) {
            throw Sqlite.failure(keyspace, file, "committing to", e);
        }
    }

    @Override
    public void close() {
        if (!finished) {
            finished = true;
            try {
                Sqlite.exec(c, "ROLLBACK");
            } catch (SQLException ignored) {
                // the connection is closed next, which rolls back anyway
            }
        }
        KeyspaceStore.closeQuietly(c);
    }
}
