package io.graknmigrate.server;

import io.graknmigrate.format.proto.Item;

import java.io.IOException;

/** Receives the items of an export in order: the header first, the checksums last. */
@FunctionalInterface
public interface ItemSink {
    void accept(Item item) throws IOException;
}
