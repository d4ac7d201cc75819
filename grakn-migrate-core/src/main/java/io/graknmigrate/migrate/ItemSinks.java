package io.graknmigrate.migrate;

import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.Counts;

/** Adapters between the export/import engine and the grakn-format reader and writer. */
public final class ItemSinks {

    private ItemSinks() { }

    /**
     * A sink that writes to an {@link ItemWriter}: the header through {@code header(...)}, the things
     * through {@code write}, and the checksums item through {@code finish()}, which completes (and for a
     * file, atomically renames) the file. The writer tallies its own checksums; they must agree.
     */
    public static ItemSink to(ItemWriter writer) {
        return new ItemSink() {
            @Override
            public void accept(Item item) {
                switch (item.getItemCase()) {
                    case HEADER -> writer.header(item.getHeader().getGraknVersion(), item.getHeader().getOriginalDatabase());
                    case CHECKSUMS -> {
                        Item.Checksums written = writer.finish();
                        if (!written.equals(item.getChecksums())) {
                            throw new IllegalStateException("export counted " + Counts.of(item.getChecksums())
                                    + " but wrote " + Counts.of(written) + "; report this");
                        }
                    }
                    default -> writer.write(item);
                }
            }

            @Override
            public boolean acceptsFrames() { return true; }

            @Override
            public void acceptFrames(byte[] frames, int length, Counts counts, long things) {
                writer.writeFrames(frames, length, counts, things);
            }
        };
    }

    /** The reader as an import's input. */
    public static ItemInput from(ItemReader reader) {
        return new ItemInput() {
            @Override public boolean hasNext() { return reader.hasNext(); }
            @Override public Item next() { return reader.next(); }
            @Override public long position() { return reader.position(); }
            @Override public long size() { return reader.size(); }
            @Override public String name() { return reader.displayName(); }
        };
    }
}
