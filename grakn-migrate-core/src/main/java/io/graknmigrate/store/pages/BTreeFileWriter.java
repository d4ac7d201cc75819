package io.graknmigrate.store.pages;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * B-trees written into a database file SQLite created and closed: the header is read, pages are
 * appended after the last one. Meant for a scratch file whose schema SQLite wrote (all tables still
 * empty), which is filled bottom-up from rows already in key order and then read by SQLite again.
 *
 * <p>There is no journal: a failure part-way (an {@link IOException}, a crash) leaves the file
 * unusable, and whoever made it throws it away. Until {@link #finish} the header still names the old
 * page count while root pages already point past it, so the file must not be opened by SQLite before.
 *
 * <p>Several tree writers may be open at once and fed interleaved; all share one page counter, so
 * pages are numbered in the order any of them allocates. One thread at a time.
 */
public final class BTreeFileWriter implements Closeable {

    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = 100;
    /** SQLite's pager never uses the page holding byte 2^30, where its file locks live. */
    private static final long LOCK_BYTE = 1L << 30;
    private static final long MAX_PAGES = 0xFFFFFFFEL;
    /** Bytes gathered before a write: consecutive pages go to the disk in one call. */
    private static final int BATCH_BYTES = 256 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final int pageSize;
    private final int usable;
    private final byte[] header;
    /** Pages the file had when opened: only these can be roots. */
    private final long initialPages;
    private final long lockBytePage;
    /** The highest page number allocated so far. */
    private long lastPage;

    private final byte[] batch;
    private final int batchPages;
    private long batchFirst;
    private int batchCount;
    /** Shared by all trees for overflow pages: a chain is written whole before any other page. */
    final byte[] overflowPage;

    private final List<TreeBuilder> trees = new ArrayList<>();
    private final Set<Long> roots = new HashSet<>();
    private boolean finished;
    private boolean closed;

    private BTreeFileWriter(Path path, FileChannel channel, int pageSize, int usable, byte[] header, long pages) {
        this.path = path;
        this.channel = channel;
        this.pageSize = pageSize;
        this.usable = usable;
        this.header = header;
        this.initialPages = pages;
        this.lastPage = pages;
        this.lockBytePage = LOCK_BYTE / pageSize + 1;
        this.batchPages = Math.max(4, BATCH_BYTES / pageSize);
        this.batch = new byte[batchPages * pageSize];
        this.overflowPage = new byte[pageSize];
    }

    /**
     * Opens the file read-write. Refuses (with a {@link PageFormatException}) a file in WAL mode
     * (header bytes 18 and 19 must be 1), with a -wal or -journal file beside it, with a non-empty
     * freelist, with auto-vacuum on (its pointer-map pages would need entries for the new pages),
     * with a schema format below 4 (records use serial types 8 and 9) or a text encoding other than
     * UTF-8, and anything that is not a valid header. Page size and reserved bytes come from the header.
     *
     * @throws IOException when the file cannot be opened or read
     */
    public static BTreeFileWriter open(Path file) throws IOException {
        for (String suffix : new String[] {"-wal", "-journal"}) {
            Path beside = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(beside)) {
                throw new PageFormatException(file + ": " + beside.getFileName() + " exists beside it (SQLite has it open, or did not close it cleanly)");
            }
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long size = channel.size();
            if (size < HEADER_BYTES) throw new PageFormatException(file + ": " + size + " bytes, shorter than a database header");
            byte[] h = new byte[HEADER_BYTES];
            DatabaseFile.readFully(channel, ByteBuffer.wrap(h), 0);
            if (!Arrays.equals(h, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) throw new PageFormatException(file + ": not a SQLite database (no header string)");
            int rawPageSize = DatabaseFile.u16(h, 16);
            int pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
            if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
                throw new PageFormatException(file + ": page size " + rawPageSize + " is not a power of two from 512 to 65536");
            }
            if (h[18] != 1 || h[19] != 1) {
                throw new PageFormatException(file + ": file format versions " + h[18] + "/" + h[19] + ", not 1/1 (a WAL-mode database)");
            }
            int usable = pageSize - (h[20] & 0xff);
            if (usable < 480) throw new PageFormatException(file + ": " + usable + " usable bytes a page, fewer than 480");
            if (h[21] != 64 || h[22] != 32 || h[23] != 32) throw new PageFormatException(file + ": payload fractions are not 64/32/32");
            if (DatabaseFile.u32(h, 32) != 0 || DatabaseFile.u32(h, 36) != 0) {
                throw new PageFormatException(file + ": the freelist holds " + DatabaseFile.u32(h, 36) + " pages (VACUUM it first)");
            }
            long schemaFormat = DatabaseFile.u32(h, 44);
            if (schemaFormat != 4) throw new PageFormatException(file + ": schema format " + schemaFormat + ", not 4");
            if (DatabaseFile.u32(h, 52) != 0) throw new PageFormatException(file + ": auto-vacuum is on (pointer-map pages)");
            long encoding = DatabaseFile.u32(h, 56);
            if (encoding != 1) throw new PageFormatException(file + ": text encoding " + encoding + " is not UTF-8 (1)");
            long filePages = size / pageSize;
            long headerPages = DatabaseFile.u32(h, 28);
            // the header's page count holds only while the change counter matches version-valid-for
            boolean valid = headerPages != 0 && DatabaseFile.u32(h, 24) == DatabaseFile.u32(h, 92);
            long pages = valid ? headerPages : filePages;
            if (pages < 1 || pages > filePages) throw new PageFormatException(file + ": header says " + pages + " pages, the file holds " + filePages);
            return new BTreeFileWriter(file, channel, pageSize, usable, h, pages);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * A writer for the rowid table whose root page is {@code rootPage}, which must currently be an
     * empty table leaf.
     *
     * @throws IllegalArgumentException when the page is 1 (the schema table, never touched) or not a page of the file
     * @throws IllegalStateException when the page is already another writer's root, or {@link #finish} was called
     * @throws PageFormatException when the page is not an empty table leaf
     * @throws IOException when the page cannot be read
     */
    public TableTreeWriter table(int rootPage) throws IOException {
        return new TableTreeWriter(tree(rootPage, false));
    }

    /**
     * A writer for the index (or WITHOUT ROWID table) b-tree whose root page is {@code rootPage},
     * which must currently be an empty index leaf.
     *
     * @throws IllegalArgumentException when the page is 1 or not a page of the file
     * @throws IllegalStateException when the page is already another writer's root, or {@link #finish} was called
     * @throws PageFormatException when the page is not an empty index leaf
     * @throws IOException when the page cannot be read
     */
    public IndexTreeWriter index(int rootPage) throws IOException {
        return new IndexTreeWriter(tree(rootPage, true));
    }

    private TreeBuilder tree(long rootPage, boolean index) throws IOException {
        checkOpen();
        if (rootPage < 2 || rootPage > initialPages) {
            throw new IllegalArgumentException(path + ": root page " + rootPage + " is not one of pages 2 to " + initialPages);
        }
        if (roots.contains(rootPage)) throw new IllegalStateException(path + ": page " + rootPage + " is already being written");
        byte[] page = new byte[pageSize];
        DatabaseFile.readFully(channel, ByteBuffer.wrap(page), (rootPage - 1) * pageSize);
        int type = page[0] & 0xff;
        int expected = index ? TreeBuilder.INDEX_LEAF : TreeBuilder.TABLE_LEAF;
        if (type != expected) {
            throw new PageFormatException(path + ": root page " + rootPage + " has page type " + type + ", not an " + (index ? "index" : "table") + " leaf (" + expected + ")");
        }
        int cells = DatabaseFile.u16(page, 3);
        if (cells != 0) throw new PageFormatException(path + ": root page " + rootPage + " holds " + cells + " cells, not none");
        TreeBuilder tree = new TreeBuilder(this, rootPage, index, pageSize, usable);
        roots.add(rootPage);
        trees.add(tree);
        return tree;
    }

    /**
     * After every tree writer was finished: updates the header (the database size at offset 28, the
     * file change counter at 24 incremented, version-valid-for at 92 set equal to it) and forces the
     * file to disk. Nothing else of page 1 is touched.
     *
     * @throws IllegalStateException when a tree writer is not finished, or this was called before
     * @throws IOException when the disk fails
     */
    public void finish() throws IOException {
        checkOpen();
        for (TreeBuilder t : trees) {
            if (!t.finished()) throw new IllegalStateException(path + ": the tree rooted at page " + t.root() + " is not finished");
        }
        flush();
        long counter = (DatabaseFile.u32(header, 24) + 1) & 0xFFFFFFFFL;
        putU32(header, 24, counter);
        putU32(header, 28, lastPage);
        putU32(header, 92, counter);
        writeFully(ByteBuffer.wrap(header, 24, 8), 24);
        writeFully(ByteBuffer.wrap(header, 92, 4), 92);
        channel.force(true);
        finished = true;
    }

    /** Closes the file; unless {@link #finish} returned first, the file is left unusable. */
    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
    }

    /** The next page number, past the last one: never the lock-byte page. */
    long allocate() throws IOException {
        long p = lastPage + 1;
        if (p == lockBytePage) p++;
        if (p > MAX_PAGES) throw new IOException(path + ": more than " + MAX_PAGES + " pages");
        lastPage = p;
        return p;
    }

    /** Writes {@code src[0, pageSize)} as page {@code page}, gathering runs of consecutive pages. */
    void write(long page, byte[] src) throws IOException {
        checkOpen();
        if (batchCount > 0 && (page != batchFirst + batchCount || batchCount == batchPages)) flush();
        if (batchCount == 0) batchFirst = page;
        System.arraycopy(src, 0, batch, batchCount * pageSize, pageSize);
        batchCount++;
    }

    private void flush() throws IOException {
        if (batchCount == 0) return;
        writeFully(ByteBuffer.wrap(batch, 0, batchCount * pageSize), (batchFirst - 1) * pageSize);
        batchCount = 0;
    }

    private void writeFully(ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) at += channel.write(buf, at);
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException(path + ": the writer is closed");
        if (finished) throw new IllegalStateException(path + ": the writer is finished");
    }


    static void putU32(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
