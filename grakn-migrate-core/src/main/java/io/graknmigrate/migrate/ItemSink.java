package io.graknmigrate.migrate;

import io.graknmigrate.format.proto.Item;

import io.graknmigrate.format.Counts;

import java.io.IOException;

/**
 * Receives the items of an export in order: one header first, the things, the checksums last. A file
 * writer, a gRPC stream or a test's list.
 */
@FunctionalInterface
public interface ItemSink {
    void accept(Item item) throws IOException;

    /**
     * Whether the sink takes things as ready-encoded frames ({@link #acceptFrames}); an export then
     * encodes them on its reader threads instead of building items.
     */
    default boolean acceptsFrames() { return false; }

    /**
     * Receives things as {@code length} bytes of complete delimited item frames, exactly as a
     * {@code .grakn} file holds them, with their counts. Only called when {@link #acceptsFrames()}.
     */
    default void acceptFrames(byte[] frames, int length, Counts counts, long things) throws IOException {
        throw new UnsupportedOperationException("this sink takes items only");
    }
}
