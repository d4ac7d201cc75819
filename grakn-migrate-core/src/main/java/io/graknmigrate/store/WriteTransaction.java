package io.graknmigrate.store;

import io.graknmigrate.match.MatchEngine;
import io.graknmigrate.match.PendingWrites;
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
    private InstanceWriter instances;

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
        return replaceSchema(SchemaDefiner.define(schema, sources, warnings));
    }

    /**
     * Makes {@code next} the keyspace's schema, after checking that the data written so far (committed
     * or in this transaction) still fits it: see {@link SchemaConflictException}. On any error nothing
     * in the transaction changes.
     */
    public Schema replaceSchema(Schema next) {
        if (sink != null) throw new IllegalStateException("schema change after the import began");
        try {
            if (instances != null) instances.flushRows();
            Sqlite.exec(c, "SAVEPOINT define");
            try {
                if (!isEmpty()) SchemaDataCheck.check(c, schema, next, SchemaTables.ids(c, "type"), SchemaTables.ids(c, "role"));
                SchemaTables.save(c, keyspace, next);
                if (instances != null) instances.schemaChanged(next);
                Sqlite.exec(c, "RELEASE define");
            } catch (SQLException | RuntimeException e) {
                Sqlite.exec(c, "ROLLBACK TO define");
                Sqlite.exec(c, "RELEASE define");
                if (instances != null) instances.schemaChanged(schema);
                throw e;
            }
        } catch (SQLException e) {
            throw Sqlite.failure(keyspace, file, "defining", e);
        }
        schema = next;
        return next;
    }

    private boolean isEmpty() throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM thing)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * The writer of single things for Graql queries, on this transaction. Not together with
     * {@link #sink()}: an import and a load are different jobs.
     */
    public InstanceWriter instances() {
        if (sink != null) throw new IllegalStateException("instances after the import began");
        if (instances == null) {
            try {
                instances = new InstanceWriter(this, c);
            } catch (SQLException e) {
                throw Sqlite.failure(keyspace, file, "loading into", e);
            }
        }
        return instances;
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
        if (instances != null) throw new IllegalStateException("import after a load began");
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

    /**
     * A match engine over this transaction: it sees everything written in it so far (the writer's
     * buffered rows are written before a query that could read them). Made again after a define (type
     * ids may have changed); closed with the transaction.
     */
    public MatchEngine matcher(Consumer<String> warnings) {
        if (matcher == null || matcherSchema != schema) {
            if (matcher != null) matcher.close();
            PendingWrites pending = reads -> {
                if (instances != null) instances.writeBefore(reads);
            };
            try {
                matcher = new MatchEngine(c, schema, SchemaTables.ids(c, "type"), SchemaTables.ids(c, "role"), warnings, pending);
            } catch (SQLException e) {
                throw Sqlite.failure(keyspace, file, "reading", e);
            }
            matcherSchema = schema;
        }
        return matcher;
    }

    private MatchEngine matcher;
    private Schema matcherSchema;


    public void commit() {
        if (finished) throw new IllegalStateException("transaction already finished");
        try {
            if (sink != null) sink.dropTemporaryTables();
            if (instances != null) {
                instances.flush();
                instances.dropTemporaryTables();
            }
            // An import that ended before building the indexes it dropped (it had nothing to resolve) builds them here.
            for (String index : Layout.BULK_INDEXES) Sqlite.exec(c, index);
            // A cancel that lands after the last check of the import must still win: nothing after this line can be undone.
            EmbeddedSink.checkCancelled();
            Sqlite.exec(c, "COMMIT");
            finished = true;
        } catch (SQLException e) {
            throw Sqlite.failure(keyspace, file, "committing to", e);
        }
    }

    @Override
    public void close() {
        if (matcher != null) matcher.close();
        if (sink != null) {
            try {
                sink.discardSorted();
            } catch (RuntimeException ignored) {
                // a temporary file that cannot be deleted must not hide why the transaction ends
            }
        }
        if (instances != null) instances.close();
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
