package io.graknmigrate.migrate;

import io.graknmigrate.format.proto.Item;

import java.io.IOException;

/**
 * Receives the items of an export in order: one header first, the things, the checksums last. A file
 * writer, a gRPC stream or a test's list.
 */
@FunctionalInterface
public interface ItemSink {
    void accept(Item item) throws IOException;
}
