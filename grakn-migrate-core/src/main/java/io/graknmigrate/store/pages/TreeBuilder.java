package io.graknmigrate.store.pages;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds one b-tree bottom-up from entries in key order, one page buffer per level: a page is written
 * once it is full, and its child pointer (with the key after it) goes to the level above.
 *
 * <p>Every level receives a stream of children, each with the key that follows it: for a table the
 * largest rowid under the child, for an index the entry between the child and the next one (taken out
 * of the level below, so each entry is stored once). A child whose cell no longer fits closes the page
 * as its right-most child, and its key goes up with the page. That page is held back until the next
 * child arrives, because if none does the level's last page would have no cells: then the held page
 * gives its last cell to the last page. Leaves of an index are held back the same way, so that no leaf
 * is left empty; table leaves never need it (a full leaf is closed by the cell that starts the next).
 *
 * <p>Cells are packed from the end of the usable area downwards with no gaps, each at least 4 bytes
 * (SQLite counts a smaller cell as 4, so a 3-byte one is padded).
 */
final class TreeBuilder {

    static final int INDEX_INTERIOR = 2, TABLE_INTERIOR = 5, INDEX_LEAF = 10, TABLE_LEAF = 13;
    private static final int MIN_CELL = 4;

    private final BTreeFileWriter file;
    private final long root;
    private final boolean index;
    private final int pageSize, usable;
    /** The most payload a cell keeps on its page, and the least it keeps when it overflows. */
    private final int maxLocal, minLocal;
    private final List<Level> levels = new ArrayList<>();
    private final Varint varint = new Varint();
    /** The longest key: a payload-size varint, the most local payload and an overflow pointer (an index), or a rowid varint. */
    private final int dividerCapacity;
    /** A cell moved out of a held page while it is rebuilt. */
    private final byte[] moved;
    /** A table key on its way up, as a varint. */
    private final byte[] key = new byte[9];
    private long lastRowid;
    private long count;
    private boolean finished;

    /** One level's page being filled, and what it holds back. */
    private static final class Level {
        final byte[] page;
        final int headerSize;
        final int type;
        int cells;
        /** Where the cell content area starts: the lowest offset a cell uses. */
        int content;
        /** The page is full and closed (right-most child set), waiting to know whether another page follows. */
        boolean held;
        /** The key that goes up with the held page. */
        final byte[] divider;
        int dividerLength;

        Level(int pageSize, int usable, int type, int dividerCapacity) {
            this.page = new byte[pageSize];
            this.type = type;
            this.headerSize = type == TABLE_LEAF || type == INDEX_LEAF ? 8 : 12;
            this.divider = new byte[dividerCapacity];
            this.content = usable;
        }
    }

    TreeBuilder(BTreeFileWriter file, long root, boolean index, int pageSize, int usable) {
        this.file = file;
        this.root = root;
        this.index = index;
        this.pageSize = pageSize;
        this.usable = usable;
        this.maxLocal = index ? (usable - 12) * 64 / 255 - 23 : usable - 35;
        this.minLocal = (usable - 12) * 32 / 255 - 23;
        this.dividerCapacity = index ? maxLocal + 13 : 9;
        this.moved = new byte[dividerCapacity];
        levels.add(new Level(pageSize, usable, index ? INDEX_LEAF : TABLE_LEAF, index ? dividerCapacity : 0));
    }

    long root() { return root; }

    boolean finished() { return finished; }

    long count() { return count; }

    /** Appends a table row; {@code rowid} must be above the previous one. */
    void addRow(long rowid, byte[] record, int off, int len) throws IOException {
        check(record, off, len);
        if (index) throw new IllegalStateException("rows go into a table");
        if (count > 0 && rowid <= lastRowid) {
            throw new IllegalArgumentException("rowid " + rowid + " after " + lastRowid + ": rowids must strictly ascend");
        }
        int local = local(len);
        int cellLength = Varint.size(len) + Varint.size(rowid) + local + (local < len ? 4 : 0);
        Level leaf = levels.get(0);
        if (!fits(leaf, cellLength)) {
            long page = file.allocate();
            file.write(page, seal(leaf));
            int n = Varint.write(key, 0, lastRowid);
            addChild(1, page, key, n);
            reset(leaf);
        }
        byte[] b = leaf.page;
        int at = place(leaf, cellLength);
        at = Varint.write(b, at, len);
        at = Varint.write(b, at, rowid);
        payload(record, off, len, local, b, at);
        lastRowid = rowid;
        count++;
    }

    /** Appends an index entry, which comes after the previous one in the index's order. */
    void addEntry(byte[] record, int off, int len) throws IOException {
        check(record, off, len);
        if (!index) throw new IllegalStateException("entries go into an index");
        Level leaf = levels.get(0);
        if (leaf.held) release(leaf, 0);
        int local = local(len);
        int cellLength = Varint.size(len) + local + (local < len ? 4 : 0);
        byte[] b;
        int at;
        if (fits(leaf, cellLength)) {
            b = leaf.page;
            at = place(leaf, cellLength);
        } else {
            // the entry that does not fit separates this leaf from the next: it goes up, not into a leaf
            b = leaf.divider;
            at = 0;
            leaf.dividerLength = cellLength;
            leaf.held = true;
        }
        at = Varint.write(b, at, len);
        payload(record, off, len, local, b, at);
        count++;
    }

    /** Writes the remaining pages of every level; the top node goes into the root page. */
    void finish() throws IOException {
        if (finished) throw new IllegalStateException("the tree rooted at page " + root + " is already finished");
        Level leaf = levels.get(0);
        byte[] last = null;
        int lastLength = 0;
        if (!index && count > 0) {
            lastLength = Varint.write(key, 0, lastRowid);
            last = key;
        }
        if (leaf.held) {
            // the held entry alone makes the last leaf; the held leaf's last entry separates the two
            int length = takeLast(leaf, 0);
            long page = file.allocate();
            file.write(page, seal(leaf));
            addChild(1, page, moved, length);
            reset(leaf);
            leaf.held = false;
            int at = place(leaf, leaf.dividerLength);
            System.arraycopy(leaf.divider, 0, leaf.page, at, leaf.dividerLength);
            long lastPage = file.allocate();
            file.write(lastPage, seal(leaf));
            lastChild(1, lastPage, last, lastLength);
        } else if (levels.size() == 1) {
            file.write(root, seal(leaf));
        } else {
            long page = file.allocate();
            file.write(page, seal(leaf));
            lastChild(1, page, last, lastLength);
        }
        finished = true;
    }

    /** A child that is not the last of its level, with the key after it, for interior level {@code l}. */
    private void addChild(int l, long child, byte[] divider, int length) throws IOException {
        if (levels.size() == l) {
            levels.add(new Level(pageSize, usable, index ? INDEX_INTERIOR : TABLE_INTERIOR, dividerCapacity));
        }
        Level level = levels.get(l);
        if (level.held) release(level, l);
        int cellLength = 4 + length;
        if (fits(level, cellLength)) {
            int at = place(level, cellLength);
            BTreeFileWriter.putU32(level.page, at, child);
            System.arraycopy(divider, 0, level.page, at + 4, length);
        } else {
            BTreeFileWriter.putU32(level.page, 8, child);
            System.arraycopy(divider, 0, level.divider, 0, length);
            level.dividerLength = length;
            level.held = true;
        }
    }

    /**
     * The last child of interior level {@code l}, the level below being finished; {@code divider} is
     * the key that goes up with the level's last page (a table's largest rowid; none for an index).
     */
    private void lastChild(int l, long child, byte[] divider, int length) throws IOException {
        Level level = levels.get(l);
        byte[] page = level.page;
        if (level.held) {
            // the held page's right-most child and its key move into the last page, beside the last child;
            // the held page's last cell gives it a new right-most child
            long heldRight = DatabaseFile.u32(page, 8);
            int at = level.content;
            long child2 = DatabaseFile.u32(page, at);
            int length2 = takeLast(level, 4);
            BTreeFileWriter.putU32(page, 8, child2);
            long first = file.allocate();
            file.write(first, seal(level));
            addChild(l + 1, first, moved, length2);
            reset(level);
            level.held = false;
            int cell = place(level, 4 + level.dividerLength);
            BTreeFileWriter.putU32(page, cell, heldRight);
            System.arraycopy(level.divider, 0, page, cell + 4, level.dividerLength);
        }
        if (level.cells == 0) throw new IllegalStateException("an interior page without cells at level " + l);
        BTreeFileWriter.putU32(page, 8, child);
        if (levels.size() == l + 1) {
            file.write(root, seal(level));
            return;
        }
        long p = file.allocate();
        file.write(p, seal(level));
        lastChild(l + 1, p, divider, length);
    }

    /** Writes the held page of level {@code l}, sends it up with its key, and starts the level's next page. */
    private void release(Level level, int l) throws IOException {
        long page = file.allocate();
        file.write(page, seal(level));
        addChild(l + 1, page, level.divider, level.dividerLength);
        reset(level);
        level.held = false;
    }

    /**
     * Removes the page's last cell, copying the key it holds (the cell less {@code skip} bytes of
     * child pointer) into {@link #moved}; returns the key's length.
     */
    private int takeLast(Level level, int skip) {
        byte[] b = level.page;
        int at = level.content;
        int length = keyLength(b, at + skip);
        System.arraycopy(b, at + skip, moved, 0, length);
        int i = level.cells - 1;
        int end = i == 0 ? usable : DatabaseFile.u16(b, level.headerSize + 2 * (i - 1));
        Arrays.fill(b, at, end, (byte) 0);
        b[level.headerSize + 2 * i] = 0;
        b[level.headerSize + 2 * i + 1] = 0;
        level.cells = i;
        level.content = end;
        return length;
    }

    /** The length of the key at {@code b[at]}: a table's rowid varint, or an index cell's payload size, local payload and overflow pointer. */
    private int keyLength(byte[] b, int at) {
        long size = varint.read(b, at, usable, this);
        int sizeLength = varint.end - at;
        if (!index) return sizeLength;
        int local = local((int) size);
        return sizeLength + local + (local < size ? 4 : 0);
    }

    /** How much of a payload of {@code p} bytes stays on the page. */
    private int local(int p) {
        if (p <= maxLocal) return p;
        int k = minLocal + (p - minLocal) % (usable - 4);
        return k <= maxLocal ? k : minLocal;
    }

    /** Copies the local part of the payload to {@code b[at]}, then writes the rest to overflow pages after a pointer to the first. */
    private void payload(byte[] src, int off, int len, int local, byte[] b, int at) throws IOException {
        System.arraycopy(src, off, b, at, local);
        if (local == len) return;
        long first = file.allocate();
        BTreeFileWriter.putU32(b, at + local, first);
        byte[] page = file.overflowPage;
        long current = first;
        int from = off + local;
        int left = len - local;
        while (true) {
            int chunk = Math.min(usable - 4, left);
            left -= chunk;
            long next = left > 0 ? file.allocate() : 0;
            BTreeFileWriter.putU32(page, 0, next);
            System.arraycopy(src, from, page, 4, chunk);
            Arrays.fill(page, 4 + chunk, pageSize, (byte) 0);
            file.write(current, page);
            if (next == 0) return;
            from += chunk;
            current = next;
        }
    }

    private boolean fits(Level level, int cellLength) {
        return level.content - level.headerSize - 2 * (level.cells + 1) >= Math.max(MIN_CELL, cellLength);
    }

    /** Takes room for a cell of {@code cellLength} bytes at the bottom of the content area, and its pointer; returns its offset. */
    private int place(Level level, int cellLength) {
        int at = level.content - Math.max(MIN_CELL, cellLength);
        int pointer = level.headerSize + 2 * level.cells;
        level.page[pointer] = (byte) (at >>> 8);
        level.page[pointer + 1] = (byte) at;
        level.cells++;
        level.content = at;
        return at;
    }

    /** Fills in the page header (no freeblocks, no fragments) and returns the page. */
    private byte[] seal(Level level) {
        byte[] b = level.page;
        b[0] = (byte) level.type;
        b[1] = 0;
        b[2] = 0;
        b[3] = (byte) (level.cells >>> 8);
        b[4] = (byte) level.cells;
        // 65536, an empty page of that size, does not fit two bytes: the format writes it as 0
        int content = level.content == 65536 ? 0 : level.content;
        b[5] = (byte) (content >>> 8);
        b[6] = (byte) content;
        b[7] = 0;
        return b;
    }

    private void reset(Level level) {
        Arrays.fill(level.page, (byte) 0);
        level.cells = 0;
        level.content = usable;
    }

    private void check(byte[] record, int off, int len) {
        if (finished) throw new IllegalStateException("the tree rooted at page " + root + " is finished");
        java.util.Objects.checkFromIndexSize(off, len, record.length);
        if (len == 0) throw new IllegalArgumentException("an empty record (a record has at least its header size)");
    }

    /** Names the tree in errors about its cells. */
    @Override
    public String toString() {
        return "the b-tree rooted at page " + root;
    }
}
