package io.graknmigrate.migrate;

import io.graknmigrate.schema.Kind;
import io.graknmigrate.schema.Schema;

import java.util.function.Consumer;

/**
 * A keyspace being read: its schema and its things, as one consistent snapshot. Exports read through
 * this port; the embedded store implements it, a live server can too.
 */
public interface KeyspaceSource extends AutoCloseable {

    String keyspace();

    Schema schema();

    /** How many things of this kind the snapshot holds (for progress). */
    long count(Kind kind);

    /**
     * Streams every thing of the kind with its ownerships (and role players, for relations), in a
     * stable order, holding at most one thing in memory.
     */
    void forEach(Kind kind, Consumer<ThingRecord> action);

    @Override
    void close();
}
