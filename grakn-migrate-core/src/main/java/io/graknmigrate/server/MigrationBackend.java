package io.graknmigrate.server;

import io.graknmigrate.format.DatabaseFiles;
import io.graknmigrate.migrate.ItemSink;
import io.graknmigrate.format.ProgressListener;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The keyspaces a {@link MigrateServer} serves. Failures the client can fix are the store's
 * {@link io.graknmigrate.migrate.MigrationException}s (a missing keyspace becomes NOT_FOUND, a busy
 * one FAILED_PRECONDITION, the rest INVALID_ARGUMENT), {@link io.graknmigrate.format.GraknFormatException}
 * for a malformed file (INVALID_ARGUMENT), {@link java.util.concurrent.CancellationException} when
 * the job thread was interrupted (CANCELLED); anything else is a bug (INTERNAL). Only one job runs
 * at a time.
 */
public interface MigrationBackend {

    /** The keyspace's schema as one Graql {@code define} query. */
    String schema(String keyspace) throws IOException;

    /**
     * Streams the keyspace's data: the header first, then the things, then the checksums.
     * Stops with a {@link java.util.concurrent.CancellationException} when the thread is interrupted.
     */
    void export(String keyspace, ItemSink sink, ProgressListener progress) throws IOException;

    /**
     * Imports a {@code .grakn} file, all or nothing, renaming type and role labels by {@code remap}.
     *
     * @return the number of things (entities, attributes, relations) imported
     */
    long importFile(String keyspace, Path file, Map<String, String> remap, ProgressListener progress) throws IOException;

    /**
     * Whether a path on the server's machine is one of the backend's own files, which the service
     * must never write or read for a client (whatever its root allows).
     */
    default boolean isOwnFile(Path path) {
        return DatabaseFiles.isDatabaseFile(path);
    }
}
