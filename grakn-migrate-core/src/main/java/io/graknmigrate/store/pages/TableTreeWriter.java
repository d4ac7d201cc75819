package io.graknmigrate.store.pages;

import java.io.IOException;

/**
 * Writes one rowid table bottom-up from rows in rowid order; made by {@link BTreeFileWriter#table}.
 * Holds one page per level of the tree, however many rows it takes. One thread at a time.
 */
public final class TableTreeWriter {

    private final TreeBuilder tree;

    TableTreeWriter(TreeBuilder tree) {
        this.tree = tree;
    }

    /**
     * Appends a row: its rowid and its record ({@code record[off, off+len)}, copied before this
     * returns; see {@link RecordBuilder}). Payloads too large for a page go to overflow pages.
     *
     * @throws IllegalArgumentException when {@code rowid} is not above the previous row's, or the record is empty
     * @throws IllegalStateException when the writer is finished
     * @throws IOException when the disk fails
     */
    public void add(long rowid, byte[] record, int off, int len) throws IOException {
        tree.addRow(rowid, record, off, len);
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

    /** The rows added so far. */
    public long rows() {
        return tree.count();
    }
}
