package io.graknmigrate.store.pages;

import java.util.Arrays;

/**
 * Walks one b-tree of a {@link DatabaseFile} in key order: a rowid table (entries are the leaf cells,
 * each a rowid and a record) or an index b-tree (entries are the keys of interior and leaf cells alike,
 * each a record; a WITHOUT ROWID table's rows are such keys). One thread at a time.
 *
 * <p>Limits, so a corrupt file ends in a {@link PageFormatException} rather than a loop or an
 * allocation it cannot make: at most {@link #MAX_DEPTH} levels, each page entered once per positioning
 * (at most the file's page count in all), keys strictly increasing (rowids) in a table, page types of
 * the tree's kind, cells and payloads inside their page, payloads no larger than the file.
 */
public final class BTreeCursor {

    /** Deeper than any b-tree of a file of 2^32 pages can be. */
    static final int MAX_DEPTH = 40;
    /** Pages read from the file at once, so consecutive leaves cost one read. */
    static final int WINDOW_PAGES = 32;

    private static final int INDEX_INTERIOR = 2, TABLE_INTERIOR = 5, INDEX_LEAF = 10, TABLE_LEAF = 13;

    private final DatabaseFile file;
    private final long root;
    private final boolean index;
    private final int pageSize, usable;
    /** Local payload limits: the most a cell keeps on its page, and the least when it overflows. */
    private final int maxLocal, minLocal;

    private final byte[][] pages = new byte[MAX_DEPTH][];
    private final long[] pageNumbers = new long[MAX_DEPTH];
    private final int[] cellCount = new int[MAX_DEPTH];
    private final int[] pointers = new int[MAX_DEPTH];
    private final boolean[] leaf = new boolean[MAX_DEPTH];
    private final long[] rightChild = new long[MAX_DEPTH];
    /** Per level: the cell of the entry (leaf), or the child being walked (interior; cellCount = the right-most). */
    private final int[] cell = new int[MAX_DEPTH];
    private int depth;
    private boolean valid;
    private long entered;

    private byte[] window;
    private long windowFirst = -1;
    private int windowCount;

    private long rowid;
    private long lastRowid;
    private boolean started;
    private final Record record = new Record();
    private final Varint varint = new Varint();
    private byte[] assembled = new byte[0];
    private byte[] overflowPage;
    /** The page {@link #toString} names: errors about a cell name the cursor, built only when thrown. */
    private long wherePage;

    BTreeCursor(DatabaseFile file, long root, boolean index) {
        this.file = file;
        this.root = root;
        this.index = index;
        this.pageSize = file.pageSize();
        this.usable = file.usableSize();
        int u = usable;
        this.maxLocal = index ? (u - 12) * 64 / 255 - 23 : u - 35;
        this.minLocal = (u - 12) * 32 / 255 - 23;
        if (root < 1 || root > file.pageCount()) throw new PageFormatException(where(root) + ": root page out of range (1 to " + file.pageCount() + ")");
    }

    /** Positions on the first entry; false when the tree is empty. */
    public boolean first() {
        return seek(Long.MIN_VALUE);
    }

    /**
     * Positions on the first entry whose key is at least {@code key}: the rowid in a table, the first
     * column (an integer) in an index. False when there is none.
     */
    public boolean seek(long key) {
        depth = 0;
        entered = 0;
        started = false;
        valid = false;
        long page = root;
        while (true) {
            int level = push(page);
            int n = cellCount[level];
            int i = 0;
            // linear: a page's cells are few hundred at most and this runs once per positioning
            while (i < n && cellKey(level, i) < key) i++;
            cell[level] = i;
            if (leaf[level]) {
                if (i < n) return enter();
                return up();
            }
            page = child(level, i);
        }
    }

    /** Moves to the next entry; false past the last one. */
    public boolean next() {
        if (!valid) return false;
        int level = depth - 1;
        if (leaf[level]) {
            if (++cell[level] < cellCount[level]) return enter();
            return up();
        }
        // an index's interior entry: the keys after it are in the next child's subtree
        cell[level]++;
        return leftmost(child(level, cell[level]));
    }

    /** The most pages of one level {@link #splitKeys} reads. */
    static final int MAX_SPLIT_PAGES = 4096;

    /**
     * Rowids that cut a table into about {@code wanted} ranges of similar size, read from the interior
     * pages nearest the root (a level is read whole only while it has fewer than {@code wanted}
     * separators and at most {@link #MAX_SPLIT_PAGES} pages). Range {@code j} holds the rowids above key
     * {@code j-1} up to key {@code j} (inclusive); empty for a table of one page.
     */
    public long[] splitKeys(int wanted) {
        if (index) throw new IllegalStateException("split keys are read from rowid tables");
        long[] level = {root};
        long[] keys = new long[0];
        for (int levels = 0; levels < MAX_DEPTH; levels++) {
            long[] children = new long[16];
            int childCount = 0;
            long[] next = new long[16];
            int keyCount = 0;
            for (int p = 0; p < level.length; p++) {
                depth = 0;
                entered = 0;
                int l = push(level[p]);
                if (leaf[l]) return pick(keys, wanted);
                int n = cellCount[l];
                if (childCount + n + 1 > children.length) children = Arrays.copyOf(children, Math.max(children.length * 2, childCount + n + 1));
                if (keyCount + n + 1 > next.length) next = Arrays.copyOf(next, Math.max(next.length * 2, keyCount + n + 1));
                for (int i = 0; i < n; i++) {
                    children[childCount++] = child(l, i);
                    keyCount = appendInOrder(next, keyCount, cellKey(l, i));
                }
                children[childCount++] = rightChild[l];
                // between this page's subtree and the next one's: the separator of the level above
                if (p < keys.length) keyCount = appendInOrder(next, keyCount, keys[p]);
            }
            depth = 0;
            keys = Arrays.copyOf(next, keyCount);
            if (keys.length + 1 >= wanted || childCount > MAX_SPLIT_PAGES) return pick(keys, wanted);
            level = Arrays.copyOf(children, childCount);
        }
        throw new PageFormatException(where(root) + ": b-tree deeper than " + MAX_DEPTH + " levels");
    }

    /**
     * Appends a level's next key, checked as it comes: a page listed twice in a level (which a corrupt
     * file can do thousands of times over) repeats its keys and stops the read at its first key,
     * before the level's arrays grow past what the file really holds.
     */
    private int appendInOrder(long[] keys, int count, long key) {
        if (count > 0 && key <= keys[count - 1]) throw new PageFormatException(where(root) + ": interior keys out of order");
        keys[count] = key;
        return count + 1;
    }

    private static long[] pick(long[] keys, int wanted) {
        long[] out = keys.length + 1 <= wanted ? keys.clone() : new long[wanted - 1];
        if (out.length != keys.length) {
            for (int j = 1; j < wanted; j++) out[j - 1] = keys[(int) ((long) j * keys.length / wanted)];
        }
        // the last range ends at Long.MAX_VALUE; a separator there would leave it empty
        int n = out.length;
        while (n > 0 && out[n - 1] == Long.MAX_VALUE) n--;
        return Arrays.copyOf(out, n);
    }

    /** Whether the cursor is on an entry. */
    public boolean valid() { return valid; }

    /** The current entry's rowid (tables only). */
    public long rowid() {
        if (index) throw new IllegalStateException("an index b-tree has no rowids");
        return rowid;
    }

    /** The current entry's record, valid until the cursor moves. */
    public Record record() {
        if (!valid) throw new IllegalStateException("the cursor is not on an entry");
        return record;
    }

    private boolean leftmost(long page) {
        long p = page;
        while (true) {
            int level = push(p);
            cell[level] = 0;
            if (leaf[level]) {
                if (cellCount[level] > 0) return enter();
                return up();
            }
            p = child(level, 0);
        }
    }

    /** Leaves the exhausted subtree at the top of the stack for the next entry above or beside it. */
    private boolean up() {
        while (true) {
            depth--;
            if (depth == 0) {
                valid = false;
                return false;
            }
            int level = depth - 1;
            int i = cell[level];
            if (index && i < cellCount[level]) return enter();
            if (i < cellCount[level]) {
                cell[level] = i + 1;
                return leftmost(child(level, i + 1));
            }
        }
    }

    private long child(int level, int i) {
        if (i == cellCount[level]) return rightChild[level];
        return DatabaseFile.u32(pages[level], cellOffset(level, i));
    }

    /** Reads a page onto the stack and checks its header. */
    private int push(long page) {
        if (depth == MAX_DEPTH) throw new PageFormatException(where(page) + ": b-tree deeper than " + MAX_DEPTH + " levels (a cycle?)");
        if (++entered > file.pageCount()) throw new PageFormatException(where(page) + ": more pages entered than the file has (a cycle)");
        if (page < 1 || page > file.pageCount()) throw new PageFormatException(where(page) + ": child page out of range (1 to " + file.pageCount() + ")");
        int level = depth;
        for (int l = 0; l < level; l++) {
            if (pageNumbers[l] == page) throw new PageFormatException(where(page) + ": page is its own ancestor (a cycle)");
        }
        byte[] b = pages[level];
        if (b == null) b = pages[level] = new byte[pageSize];
        load(page, b);
        int h = page == 1 ? DatabaseFile.HEADER_BYTES : 0;
        int type = b[h] & 0xff;
        boolean isLeaf;
        if (index) {
            if (type != INDEX_INTERIOR && type != INDEX_LEAF) throw new PageFormatException(where(page) + ": page type " + type + " in an index b-tree");
            isLeaf = type == INDEX_LEAF;
        } else {
            if (type != TABLE_INTERIOR && type != TABLE_LEAF) throw new PageFormatException(where(page) + ": page type " + type + " in a table b-tree");
            isLeaf = type == TABLE_LEAF;
        }
        int n = DatabaseFile.u16(b, h + 3);
        int ptr = h + (isLeaf ? 8 : 12);
        if (ptr + 2L * n > usable) throw new PageFormatException(where(page) + ": " + n + " cells do not fit the page");
        pageNumbers[level] = page;
        cellCount[level] = n;
        pointers[level] = ptr;
        leaf[level] = isLeaf;
        rightChild[level] = isLeaf ? 0 : DatabaseFile.u32(b, h + 8);
        depth = level + 1;
        return level;
    }

    private void load(long page, byte[] dst) {
        if (page < windowFirst || page >= windowFirst + windowCount) {
            if (window == null) window = new byte[WINDOW_PAGES * pageSize];
            int count = (int) Math.min(WINDOW_PAGES, file.pageCount() - page + 1);
            file.read(page, count, window);
            windowFirst = page;
            windowCount = count;
        }
        System.arraycopy(window, (int) (page - windowFirst) * pageSize, dst, 0, pageSize);
    }

    private int cellOffset(int level, int i) {
        int at = DatabaseFile.u16(pages[level], pointers[level] + 2 * i);
        int minimum = pointers[level] + 2 * cellCount[level];
        if (at < minimum || at + 4 > usable) throw new PageFormatException(where(pageNumbers[level]) + ": cell " + i + " at offset " + at + " is outside the cell content area");
        return at;
    }

    /** The key that orders cell {@code i}: a rowid in a table, the first column of an index key. */
    private long cellKey(int level, int i) {
        byte[] b = pages[level];
        int at = cellOffset(level, i);
        if (!index) {
            wherePage = pageNumbers[level];
            if (leaf[level]) {
                varint.read(b, at, usable, this);
                at = varint.end;
            } else {
                at += 4;
            }
            return varint.read(b, at, usable, this);
        }
        decode(level, i);
        if (record.columns() == 0) return Long.MIN_VALUE;
        if (!record.isInteger(0)) throw new PageFormatException(where(pageNumbers[level]) + ": an index key that does not start with an integer cannot be sought");
        return record.integer(0);
    }

    /** Makes the cell under the top of the stack the current entry. */
    private boolean enter() {
        int level = depth - 1;
        decode(level, cell[level]);
        if (!index) {
            if (started && rowid <= lastRowid) throw new PageFormatException(where(pageNumbers[level]) + ": rowid " + rowid + " after " + lastRowid + " (keys out of order)");
            lastRowid = rowid;
            started = true;
        }
        valid = true;
        return true;
    }

    /** Decodes cell {@code i} of the level into {@link #record} (and {@link #rowid}), following overflow pages. */
    private void decode(int level, int i) {
        byte[] b = pages[level];
        wherePage = pageNumbers[level];
        Object where = this;
        int at = cellOffset(level, i);
        if (index && !leaf[level]) at += 4;
        else if (!index && !leaf[level]) throw new IllegalStateException("table interior cells hold no record");
        long payload;
        if (at < usable && b[at] >= 0) {
            payload = b[at++];
        } else {
            payload = varint.read(b, at, usable, where);
            at = varint.end;
        }
        if (!index) {
            int x = at < usable ? b[at] : -1;
            if (x >= 0) {
                rowid = x;
                at++;
            } else if (at + 2 < usable && b[at + 1] >= 0) {
                rowid = (x & 0x7f) << 7 | b[at + 1];
                at += 2;
            } else if (at + 2 < usable && b[at + 2] >= 0) {
                rowid = (x & 0x7f) << 14 | (b[at + 1] & 0x7f) << 7 | b[at + 2];
                at += 3;
            } else {
                rowid = varint.read(b, at, usable, where);
                at = varint.end;
            }
        }
        if (payload < 0 || payload > file.pageCount() * (long) usable) throw new PageFormatException(where + ": a payload of " + payload + " bytes, more than the file holds");
        if (payload <= maxLocal) {
            if (at + payload > usable) throw new PageFormatException(where + ": cell " + i + "'s payload runs past the page");
            record.parse(b, at, (int) payload, where);
            return;
        }
        long k = minLocal + (payload - minLocal) % (usable - 4);
        int local = (int) (k <= maxLocal ? k : minLocal);
        if (at + local + 4 > usable) throw new PageFormatException(where + ": cell " + i + "'s payload runs past the page");
        if (payload > Integer.MAX_VALUE - 8) throw new PageFormatException(where + ": a payload of " + payload + " bytes is larger than this reader reads");
        int total = (int) payload;
        // the buffer grows with the pages the chain really has, not with what the size varint claims
        byte[] out = assembled.length >= local ? assembled : (assembled = new byte[Math.max(local, usable)]);
        System.arraycopy(b, at, out, 0, local);
        int filled = local;
        long next = DatabaseFile.u32(b, at + local);
        byte[] page = overflowPage == null ? overflowPage = new byte[pageSize] : overflowPage;
        int chain = 0;
        while (filled < total) {
            if (next == 0) throw new PageFormatException(where + ": cell " + i + "'s overflow chain ends " + (total - filled) + " bytes early");
            if (next > file.pageCount()) throw new PageFormatException(where + ": overflow page " + next + " out of range (1 to " + file.pageCount() + ")");
            if (revisits(chain++, next)) throw new PageFormatException(where + ": cell " + i + "'s overflow chain comes back to page " + next + " (a cycle)");
            file.read(next, 1, page);
            int n = Math.min(usable - 4, total - filled);
            if (filled + n > out.length) {
                out = assembled = Arrays.copyOf(out, (int) Math.min(total, Math.max(filled + n, 2L * out.length)));
            }
            System.arraycopy(page, 4, out, filled, n);
            filled += n;
            next = DatabaseFile.u32(page, 0);
        }
        record.parse(out, 0, total, where);
    }

    /** The first pages of the chain being read: most chains are this short, and a linear check is cheapest. */
    private final long[] chainStart = new long[64];
    /** Pages of a longer chain, one bit a page of the file (so in proportion to the file, not the claim). */
    private java.util.BitSet chainPages;

    /**
     * Whether {@code page}, the chain's {@code step}-th page, is one the chain already went through: a
     * cycle would otherwise repeat the same bytes into the value until its claimed size is filled.
     */
    private boolean revisits(int step, long page) {
        if (step < chainStart.length) {
            for (int s = 0; s < step; s++) if (chainStart[s] == page) return true;
            chainStart[step] = page;
            return false;
        }
        if (step == chainStart.length) {
            if (chainPages == null) chainPages = new java.util.BitSet();
            else chainPages.clear();
            for (long p : chainStart) chainPages.set((int) (p - 1));
        }
        // a file of more than 2^31 pages: the chain is only bounded by its length
        if (page > Integer.MAX_VALUE) return step > file.pageCount();
        int bit = (int) (page - 1);
        if (chainPages.get(bit)) return true;
        chainPages.set(bit);
        return false;
    }

    private String where(long page) {
        return file.path() + " page " + page;
    }

    /** Where the cell being decoded is: the file and the page. */
    @Override
    public String toString() {
        return where(wherePage);
    }
}
