package io.graknmigrate.embedded;

import io.graknmigrate.migrate.ExportSummary;
import io.graknmigrate.migrate.Exporter;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.migrate.ImportPreCheck;
import io.graknmigrate.migrate.ImportSummary;
import io.graknmigrate.migrate.Importer;
import io.graknmigrate.migrate.ItemInput;
import io.graknmigrate.migrate.ItemSink;
import io.graknmigrate.migrate.ItemSinks;
import io.graknmigrate.migrate.ReadAgainException;
import io.graknmigrate.format.ItemReader;
import io.graknmigrate.keyspace.KeyspaceInfo;
import io.graknmigrate.keyspace.KeyspaceName;
import io.graknmigrate.keyspace.KeyspaceNotFoundException;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.SchemaException;
import io.graknmigrate.store.KeyspaceStore;
import io.graknmigrate.store.ReadSnapshot;
import io.graknmigrate.store.WriteTransaction;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything a front end (the CLI, the gRPC server) does with embedded keyspaces, one call each.
 * Failures are {@link io.graknmigrate.migrate.MigrationException}s with one-line messages:
 * {@link KeyspaceNotFoundException}, {@link io.graknmigrate.keyspace.KeyspaceBusyException},
 * {@link io.graknmigrate.keyspace.InvalidKeyspaceNameException}, {@link io.graknmigrate.migrate.ImportException};
 * schema errors are {@link SchemaException}. Safe to share between threads: every call opens its own
 * connection.
 */
public final class EmbeddedKeyspaces {

    /** Reads of one file an import may make: the sorted way keeping ids, counting ids, the direct way, the general way. */
    private static final int MAX_READS = 4;

    private final KeyspaceStore store;
    private final String tool;

    /** @param tool what export headers say wrote the file, e.g. "grakn-migrate 0.1.0" */
    public EmbeddedKeyspaces(Path dataDir, String tool) {
        this.store = new KeyspaceStore(dataDir);
        this.tool = tool;
    }

    public EmbeddedKeyspaces(Path dataDir) {
        this(dataDir, Version.tool());
    }

    public KeyspaceStore store() { return store; }

    public boolean exists(String keyspace) { return store.exists(keyspace); }

    /** Whether a path is one of the store's own files (or any database file), which no output may replace; see {@link KeyspaceStore#isStoreFile}. */
    public boolean isStoreFile(Path path) { return store.isStoreFile(path); }

    public List<KeyspaceInfo> list() { return store.list(); }

    /** The schema as one canonical Graql define query. */
    public String schema(String keyspace) { return store.schemaText(keyspace); }

    /** Defines the sources into the keyspace (created when absent); atomic. */
    public Schema define(String keyspace, List<GraqlSource> sources, Consumer<String> warnings) throws SchemaException {
        return store.define(keyspace, sources, warnings);
    }

    public void delete(String keyspace) { store.delete(keyspace); }

    /** Streams the keyspace, as one snapshot, into the sink: header, things, checksums. */
    public ExportSummary export(String keyspace, ItemSink sink, ProgressListener progress) throws IOException {
        try (ReadSnapshot snapshot = store.readForExport(keyspace, Exporter.defaultReaders())) {
            return Exporter.export(snapshot, sink, tool, progress);
        }
    }

    /**
     * Streams the keyspace into the sink as {@link #export} does, and returns the schema of the same
     * snapshot: a {@code define} committed meanwhile changes neither.
     */
    public Schema exportWithSchema(String keyspace, ItemSink sink, ProgressListener progress) throws IOException {
        try (ReadSnapshot snapshot = store.readForExport(keyspace, Exporter.defaultReaders())) {
            Schema schema = snapshot.schema();
            Exporter.export(snapshot, sink, tool, progress);
            return schema;
        }
    }

    /** Imports a {@code .grakn} file or stream; see {@link #importItems}. The caller closes the reader. */
    public ImportSummary importFile(String keyspace, ItemReader reader, ImportOptions options, ProgressListener progress)
            throws SchemaException {
        return importItems(keyspace, ItemSinks.from(reader), options, w -> { }, progress);
    }

    /** As {@link #importFile(String, ItemReader, ImportOptions, ProgressListener)}, with the schema sources' warnings. */
    public ImportSummary importFile(String keyspace, ItemReader reader, ImportOptions options, Consumer<String> warnings,
                                    ProgressListener progress) throws SchemaException {
        return importItems(keyspace, ItemSinks.from(reader), options, warnings, progress);
    }

    /**
     * Imports a {@code .grakn} file (any compression): as {@link #importItems}, with the checks that
     * need no store run first over the whole file on a second thread ({@link ImportPreCheck}), beside
     * the write pass, so a doomed file fails after one read with every problem listed.
     *
     * @param displayName how messages name the file
     */
    public ImportSummary importFile(String keyspace, Path file, String displayName, ImportOptions options, Consumer<String> warnings,
                                    ProgressListener progress) throws SchemaException {
        try (ItemReader reader = ItemReader.open(file, displayName)) {
            return importItems(keyspace, ItemSinks.from(reader), options, warnings, progress, file);
        }
    }

    /**
     * Imports items into the keyspace in one transaction: schema sources defined first, data removed
     * first when asked, then the items; committed only when everything checked out. The keyspace must
     * exist unless schema sources are given (then it is created, and removed again on failure). A
     * {@linkplain ImportOptions#dryRun() dry run} checks everything the same way and commits nothing.
     */
    public ImportSummary importItems(String keyspace, ItemInput input, ImportOptions options, Consumer<String> warnings,
                                     ProgressListener progress) throws SchemaException {
        return importItems(keyspace, input, options, warnings, progress, null);
    }

    /**
     * As {@link #importItems(String, ItemInput, ImportOptions, Consumer, ProgressListener)}; when
     * {@code file} is given (the file the input reads), the pre-check runs over it beside the write pass.
     */
    public ImportSummary importItems(String keyspace, ItemInput input, ImportOptions options, Consumer<String> warnings,
                                     ProgressListener progress, Path file) throws SchemaException {
        KeyspaceName.check(keyspace);
        boolean create = !options.schemaSources().isEmpty();
        boolean committed = false;
        WriteTransaction opened = store.write(keyspace, create);
        try (WriteTransaction tx = opened) {
            if (create) tx.define(options.schemaSources(), warnings);
            if (options.clean()) tx.clean();
            ImportSummary summary;
            if (file == null) {
                summary = Importer.run(tx.sink(), input, options, options.clean(), progress);
            } else {
                String where = "import of " + input.name() + " into keyspace " + keyspace;
                try (ImportPreCheck preCheck = ImportPreCheck.start(file, where, tx.schema(), options, store.dataDir())) {
                    summary = null;
                    // The sink tries its faster ways one after the other, each at most once, the general one last.
                    for (int attempt = 0; summary == null; attempt++) {
                        try {
                            if (attempt == 0) {
                                summary = Importer.run(tx.sink(), input, options, options.clean(), progress, preCheck);
                            } else {
                                try (ItemReader again = ItemReader.open(file, input.name())) {
                                    summary = Importer.run(tx.sink(), ItemSinks.from(again), options, options.clean(), progress, preCheck);
                                }
                            }
                        } catch (ReadAgainException e) {
                            if (attempt == MAX_READS - 1) throw new IllegalStateException("an import's sink asked for a read too many", e);
                        }
                    }
                }
            }
            if (options.dryRun()) return summary; // closing without commit rolls every change back
            progress.start("committing", -1, "");
            try {
                tx.commit();
            } finally {
                progress.finish();
            }
            committed = true;
            return summary;
        } finally {
            // created() means the file held no table at all before this transaction: nothing but our rollback to remove.
            if (!committed && opened.created()) store.deleteIfNeverCreated(keyspace);
        }
    }
}
