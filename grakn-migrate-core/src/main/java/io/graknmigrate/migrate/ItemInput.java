package io.graknmigrate.migrate;

import io.graknmigrate.format.proto.Item;

import java.util.Iterator;

/** The items of a backup as an import reads them, once, front to back, with how far it got. */
public interface ItemInput extends Iterator<Item> {

    /** Bytes consumed so far. */
    long position();

    /** Total bytes when known (a file), else -1 (a pipe). */
    long size();

    /** Where the items come from, for messages ("backup.grakn", "stdin"). */
    String name();
}
