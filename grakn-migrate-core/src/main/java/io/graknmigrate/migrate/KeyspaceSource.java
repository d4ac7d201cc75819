package io.graknmigrate.migrate;

import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.Schema;

import java.util.function.Consumer;

/**
 * A keyspace being read: its schema and its things, as one consistent snapshot. Exports read through
 * this port; the embedded store implements it, a live server can too.
 *
 * <p>Why a port with one implementation: it keeps the export engine in this package free of the SQLite
 * adapter ({@code io.graknmigrate.store}), which itself depends on this package for the things it
 * fills ({@link StoredThing}); without the port the two packages would depend on each other.
 */
public interface KeyspaceSource extends AutoCloseable {

    String keyspace();

    Schema schema();

    /** How many things of this kind the snapshot holds (for progress). */
    long count(TypeKind kind);

    /** How many things of all kinds the snapshot holds (for progress); a source may count them in one go. */
    default long countThings() {
        return count(TypeKind.ATTRIBUTE) + count(TypeKind.ENTITY) + count(TypeKind.RELATION);
    }

    /**
     * Streams every thing of the kind with its ownerships (and role players, for relations), in a
     * stable order, holding at most one thing in memory: one {@link StoredThing}, refilled for each
     * thing, so it is valid only during the call that receives it.
     */
    void forEach(TypeKind kind, Consumer<StoredThing> action);

    /**
     * How many readers may stream this snapshot at the same time, each on its own thread (see
     * {@link #forEachInSlice}); all of them read the one snapshot.
     */
    default int readers() { return 1; }

    /**
     * Into how many slices the kind's things are cut: slices {@code 0..n-1} streamed one after another
     * give exactly what {@link #forEach} streams, in the same order.
     */
    default long slices(TypeKind kind) { return 1; }

    /**
     * Streams one slice of the kind through reader {@code reader} ({@code 0 <= reader < readers()}), as
     * {@link #forEach} streams them. Calls with different readers may run concurrently; one reader is
     * used by one thread at a time.
     */
    default void forEachInSlice(int reader, TypeKind kind, long slice, Consumer<StoredThing> action) {
        if (reader != 0 || slice != 0) throw new IllegalArgumentException("one reader and one slice only");
        forEach(kind, action);
    }

    @Override
    void close();
}
