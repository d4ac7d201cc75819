package io.graknmigrate.match;

/**
 * Rows a writer holds in its buffers, not yet in the tables: before each query the engine hands on
 * what the query can read, and the writer writes its buffers when any buffered row is among it, so
 * a query always sees everything written before it.
 */
@FunctionalInterface
public interface PendingWrites {

    /** No buffered rows: a read snapshot. */
    PendingWrites NONE = reads -> { };

    /** Writes the buffered rows the query could read (or all of them) to the tables. */
    void writeBefore(TableReads reads);
}
