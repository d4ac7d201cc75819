package io.graknmigrate.server;

import io.graknmigrate.progress.ProgressListener;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The keyspaces a {@link MigrateServer} serves. Implementations throw {@link RequestException}
 * for failures the client caused or can fix (they become NOT_FOUND, INVALID_ARGUMENT or
 * FAILED_PRECONDITION), {@link java.util.concurrent.CancellationException} when the job thread was
 * interrupted, and anything else for bugs (INTERNAL). Only one job runs at a time.
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
}
