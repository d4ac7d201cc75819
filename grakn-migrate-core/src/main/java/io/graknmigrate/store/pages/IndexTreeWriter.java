package io.graknmigrate.store.pages;

import java.io.IOException;

/**
 * Writes one index b-tree (an index, or a WITHOUT ROWID table) bottom-up from entries in the index's
 * order; made by {@link BTreeFileWriter#index}. Each entry is stored once: some end up in interior
 * pages as dividers, the rest in leaves. Holds one page per level of the tree (and, per level, one
 * divider of at most a quarter page), however many entries it takes. One thread at a time.
 */
public final class IndexTreeWriter {

    private final TreeBuilder tree;

    IndexTreeWriter(TreeBuilder tree) {
        this.tree = tree;
    }

    /**
     * Appends an entry ({@code record[off, off+len)}, copied before this returns; see
     * {@link RecordBuilder}). Entries must come in the index's order (its columns' collations and
     * sort orders) and be distinct; the caller guarantees it, as it is not checked here.
     *
     * @throws IllegalArgumentException when the record is empty
     * @throws IllegalStateException when the writer is finished
     * @throws IOException when the disk fails
     */
    public void add(byte[] record, int off, int len) throws IOException {
        tree.addEntry(record, off, len);
    }

    /**
     * Writes the remaining pages; the top node goes into the root page.
     *
     * @throws IllegalStateException when called twice
     * @throws IOException when the disk fails
     */
    public void finish() throws IOException {
        tree.finish();
    }

    /** The entries added so far. */
    public long entries() {
        return tree.count();
    }
}
