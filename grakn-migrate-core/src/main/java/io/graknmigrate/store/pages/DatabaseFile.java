package io.graknmigrate.store.pages;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * A SQLite database file read directly, as https://www.sqlite.org/fileformat2.html describes it:
 * the 100-byte header, then b-tree pages reached from root page numbers. Read-only, and only the
 * parts a reader of tables needs: UTF-8 text (anything else is refused), rowid tables, index b-trees
 * (which also hold WITHOUT ROWID tables), overflow chains; the freelist and pointer maps are not read.
 *
 * <p>The file must hold the whole committed state: a file in WAL mode is only complete once every
 * frame of its WAL was checkpointed into it, and it must not change while it is read. Whoever opens
 * it makes sure of both.
 *
 * <p>Safe to share between threads: each {@link BTreeCursor} reads through its own buffers.
 */
public final class DatabaseFile implements Closeable {

    static final int HEADER_BYTES = 100;
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final Path path;
    private final FileChannel channel;
    private final int pageSize;
    private final int usableSize;
    private final long pageCount;

    private DatabaseFile(Path path, FileChannel channel, int pageSize, int usableSize, long pageCount) {
        this.path = path;
        this.channel = channel;
        this.pageSize = pageSize;
        this.usableSize = usableSize;
        this.pageCount = pageCount;
    }

    /**
     * Opens the file and checks its header: the magic string, a valid page size, reserved bytes that
     * leave at least 480 usable bytes a page, the fixed payload fractions, a read version this reader
     * knows, schema format 1 to 4, and UTF-8 text.
     *
     * @throws PageFormatException when the header is not a valid one, or asks for what is not read here
     * @throws IOException when the file cannot be read
     */
    public static DatabaseFile open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            if (size < HEADER_BYTES) throw new PageFormatException(file + ": " + size + " bytes, shorter than a database header");
            ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
            readFully(channel, h, 0);
            byte[] b = h.array();
            for (int i = 0; i < MAGIC.length; i++) {
                if (b[i] != MAGIC[i]) throw new PageFormatException(file + ": not an SQLite 3 database (header string)");
            }
            int rawPageSize = u16(b, 16);
            int pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
            if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
                throw new PageFormatException(file + ": page size " + rawPageSize + " is not a power of two from 512 to 65536");
            }
            int readVersion = b[19] & 0xff;
            if (readVersion != 1 && readVersion != 2) throw new PageFormatException(file + ": file format read version " + readVersion);
            int reserved = b[20] & 0xff;
            int usable = pageSize - reserved;
            if (usable < 480) throw new PageFormatException(file + ": " + usable + " usable bytes a page, fewer than 480");
            if ((b[21] & 0xff) != 64 || (b[22] & 0xff) != 32 || (b[23] & 0xff) != 32) {
                throw new PageFormatException(file + ": payload fractions are not 64/32/32");
            }
            long schemaFormat = u32(b, 44);
            if (schemaFormat < 1 || schemaFormat > 4) throw new PageFormatException(file + ": schema format " + schemaFormat);
            long encoding = u32(b, 56);
            if (encoding != 1) throw new PageFormatException(file + ": text encoding " + encoding + " is not UTF-8 (1)");
            long filePages = size / pageSize;
            long headerPages = u32(b, 28);
            // the header's size is valid only when the change counter matches the version-valid-for number
            boolean valid = headerPages != 0 && u32(b, 24) == u32(b, 92);
            long pages = valid ? headerPages : filePages;
            if (pages > filePages) throw new PageFormatException(file + ": header says " + pages + " pages, the file holds " + filePages);
            if (pages < 1 || pages > 0xFFFFFFFEL) throw new PageFormatException(file + ": " + pages + " pages");
            return new DatabaseFile(file, channel, pageSize, usable, pages);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Bytes per page. */
    public int pageSize() { return pageSize; }

    /** Bytes per page the b-trees use (the page size less the reserved bytes at each page's end). */
    public int usableSize() { return usableSize; }

    /** Pages in the database. */
    public long pageCount() { return pageCount; }

    /** The file this reads. */
    public Path path() { return path; }

    /** A cursor over the rowid table whose root page is {@code root}. */
    public BTreeCursor table(long root) {
        return new BTreeCursor(this, root, false);
    }

    /** A cursor over the index b-tree (an index or a WITHOUT ROWID table) whose root page is {@code root}. */
    public BTreeCursor index(long root) {
        return new BTreeCursor(this, root, true);
    }

    /**
     * Every row of {@code sqlite_schema} (the table rooted at page 1), in rowid order.
     *
     * @throws PageFormatException when the table is not a valid b-tree or a row does not have the five columns
     */
    public List<SchemaEntry> schema() {
        List<SchemaEntry> entries = new ArrayList<>();
        BTreeCursor c = table(1);
        for (boolean more = c.first(); more; more = c.next()) {
            Record r = c.record();
            if (r.columns() != 5) throw new PageFormatException(path + ": sqlite_schema row " + c.rowid() + " has " + r.columns() + " columns, not 5");
            long root = r.isInteger(3) ? r.integer(3) : 0;
            entries.add(new SchemaEntry(r.textOrNull(0), r.textOrNull(1), r.textOrNull(2), root, r.textOrNull(4)));
        }
        return entries;
    }

    /** Reads pages {@code first..first+count-1} into {@code dst} from its start. */
    void read(long first, int count, byte[] dst) {
        if (first < 1 || first + count - 1 > pageCount) {
            throw new PageFormatException(path + ": page " + first + " is out of range (1 to " + pageCount + ")");
        }
        try {
            readFully(channel, ByteBuffer.wrap(dst, 0, count * pageSize), (first - 1) * pageSize);
        } catch (ClosedChannelException e) {
            // an interrupted reader closes the channel for every reader: the read stops, the file is fine
            throw new CancellationException(path + ": reading stopped (interrupted or closed)");
        } catch (IOException e) {
            throw new PageFormatException(path + ": cannot read page " + first + " (" + e.getMessage() + ")", e);
        }
    }

    /** Fills {@code buf} from {@code position}; a file that ends first is a page cut short. */
    static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, at);
            if (n < 0) throw new PageFormatException("the file ends at byte " + at + ", inside a page");
            at += n;
        }
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    static long u32(byte[] b, int at) {
        return ((long) (b[at] & 0xff) << 24) | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    /** Closes the file; cursors must not be used after. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
