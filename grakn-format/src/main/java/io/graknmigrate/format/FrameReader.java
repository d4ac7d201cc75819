package io.graknmigrate.format;

import com.github.luben.zstd.ZstdIOException;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.zip.ZipException;

/**
 * Splits a delimited stream into items without decoding them. One buffer, refilled in place: each
 * call to {@link #next()} leaves the current item's bytes at {@code buffer()[frameStart() ..
 * frameStart()+frameLength())}. Every length prefix is checked against the per-item limit and, when
 * the size is known, against the bytes that remain, before any memory is set aside for it; when the
 * size is not known the buffer only grows as bytes actually arrive, so a lying prefix costs nothing.
 */
final class FrameReader implements Closeable {

    /** Default per-item limit; Grakn's own items are a few hundred bytes. */
    static final int DEFAULT_MAX_ITEM_BYTES = Integer.getInteger("graknmigrate.maxItemBytes", 64 << 20);
    private static final int INITIAL_BUFFER = 1 << 16;

    private final String name;
    private final InputStream raw;
    private final CountingInputStream counted;
    private final InputStream in;
    private final Compression compression;
    private final long knownSize;
    private final long rawSize;
    private final int maxItemBytes;

    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pos;
    private int limit;
    private long bufStart;
    private boolean eof;

    private long itemIndex;
    private int frameStart;
    private int frameLength;
    private long frameOffset;

    private FrameReader(InputStream raw, String name, long rawSize, int maxItemBytes) {
        this.name = name;
        this.raw = raw;
        this.maxItemBytes = maxItemBytes;
        this.counted = new CountingInputStream(raw);
        try {
            PushbackInputStream peek = new PushbackInputStream(counted, 4);
            compression = Compression.detect(peek);
            in = compression.decompress(peek);
        } catch (EOFException e) {
            throw new GraknFormatException(GraknFormatException.Defect.TRUNCATED, name, 0, 0,
                    name + ": compressed data ends inside its header, the file is incomplete: export it again or restore a complete copy", e);
        } catch (ZipException e) {
            throw corruptCompression(e);
        } catch (IOException e) {
            throw io(name, e);
        }
        this.rawSize = rawSize;
        this.knownSize = compression == Compression.NONE ? rawSize : -1;
        fill(); // the first bytes, for the empty and not-a-.grakn-file checks
        if (limit == 0) {
            throw new GraknFormatException(GraknFormatException.Defect.EMPTY, name, 0, 0,
                    name + ": the file is empty (0 bytes" + (compression == Compression.NONE ? "" : " after decompression")
                            + "), not a .grakn backup: export the data again", null);
        }
        GraknFormatException.Lookalike looksLike = FileSniffer.describe(buf, limit);
        if (looksLike != null) {
            throw new GraknFormatException(GraknFormatException.Defect.NOT_A_GRAKN_FILE, name, 0, 0, looksLike,
                    name + ": not a .grakn file, it looks like " + looksLike.description(), null);
        }
    }

    static FrameReader open(Path path, String name, int maxItemBytes) {
        InputStream raw;
        long size;
        try {
            // a pipe or device named as a file (`<(zcat backup.gz)`) has no size to check prefixes against
            size = Files.isRegularFile(path) ? Files.size(path) : -1;
            raw = Files.newInputStream(path);
        } catch (IOException e) {
            throw io(path.toString(), e);
        }
        try {
            return new FrameReader(raw, name, size, maxItemBytes);
        } catch (RuntimeException | Error e) {
            // An empty, foreign or damaged file: the stream is ours, and a server opens many of them.
            closeAfterFailure(raw, e);
            throw e;
        }
    }

    /** Closes a stream opened for a reader whose construction failed, keeping the first failure. */
    static void closeAfterFailure(Closeable stream, Throwable failure) {
        try {
            stream.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** An I/O failure whose message (kept in the cause, which the CLI shows) names the input. */
    static RuntimeException io(String name, IOException e) {
        return wrap(name + ": cannot read (" + e.getMessage() + ")", e);
    }

    /**
     * Keeps the message in the cause, which is what the command line shows of an UncheckedIOException.
     * A channel closed because its thread was interrupted is the cancel it is (a signal, a failed
     * other half), not a failing disk: a {@link CancellationException}, the interrupt still set.
     */
    static RuntimeException wrap(String message, IOException e) {
        if (e instanceof ClosedByInterruptException) {
            CancellationException cancel = new CancellationException("interrupted: " + message);
            cancel.initCause(e);
            return cancel;
        }
        if (e instanceof FileSystemException) return new UncheckedIOException(e);
        return new UncheckedIOException(new IOException(message, e));
    }

    static FrameReader open(InputStream in, String name, int maxItemBytes) {
        return new FrameReader(in, name, -1, maxItemBytes);
    }

    String name() { return name; }

    Compression compression() { return compression; }

    byte[] buffer() { return buf; }

    int frameStart() { return frameStart; }

    int frameLength() { return frameLength; }

    /** Offset in the item stream of the current item's length prefix. */
    long frameOffset() { return frameOffset; }

    /** Index of the current item after {@link #next()} returned true (the number of earlier items). */
    long frameIndex() { return itemIndex - 1; }

    /** Number of items framed so far. */
    long itemCount() { return itemIndex; }

    /** Bytes of the item stream consumed so far. */
    long offset() { return bufStart + pos; }

    /** Bytes consumed of the underlying input (compressed bytes when compressed), for progress. */
    long position() { return compression == Compression.NONE ? offset() : counted.count; }

    /** Total size of the underlying input when known, else -1. */
    long knownRawSize() { return rawSize; }

    /** Moves to the next item; false at the clean end of the stream. */
    boolean next() {
        if ((itemIndex & 4095) == 4095 && Thread.currentThread().isInterrupted()) {
            throw new CancellationException("reading " + name + " was interrupted");
        }
        if (pos == limit && !eof) fill();
        if (pos == limit) return false;
        long start = bufStart + pos;
        if (limit - pos < 10 && !eof) ensure(10);
        // The length prefix: a base-128 varint of at most 10 bytes.
        long length = 0;
        int shift = 0;
        int p = pos;
        while (true) {
            if (p == limit) {
                throw error(GraknFormatException.Defect.TRUNCATED, start,
                        "truncated item at byte " + start + " (item " + itemIndex + "): the input ends inside its length prefix,"
                                + " the file is incomplete: export it again or restore a complete copy");
            }
            byte b = buf[p++];
            if (shift == 63 && (b & 0xfe) != 0 || shift > 63) {
                throw error(GraknFormatException.Defect.INVALID_PROTOBUF, start,
                        "malformed length prefix at byte " + start + " (item " + itemIndex + "): more than 10 bytes of varint, the file is corrupt");
            }
            length |= (long) (b & 0x7f) << shift;
            if (b >= 0) break;
            shift += 7;
        }
        int prefix = p - pos;
        if (length < 0 || length > maxItemBytes) {
            throw error(GraknFormatException.Defect.LENGTH_TOO_LARGE, start,
                    "length prefix too large at byte " + start + " (item " + itemIndex + "): the item claims "
                            + Long.toUnsignedString(length) + " bytes, more than the limit of " + maxItemBytes
                            + " bytes per item; the file is corrupt or not a .grakn file");
        }
        if (knownSize >= 0 && start + prefix + length > knownSize) {
            throw truncated(start, length, knownSize - start - prefix);
        }
        pos = p;
        int len = (int) length;
        if (limit - pos < len) {
            ensure(len);
            if (limit - pos < len) throw truncated(start, length, limit - pos);
        }
        frameStart = pos;
        frameLength = len;
        frameOffset = start;
        pos += len;
        itemIndex++;
        return true;
    }

    private GraknFormatException truncated(long start, long claimed, long remaining) {
        if (itemIndex == 0 && claimed > 4096) {
            // A .grakn file's first item is a header of a few dozen bytes: a huge first item that runs past the end is other data.
            return error(GraknFormatException.Defect.NOT_A_GRAKN_FILE, start, "not a .grakn file: its first bytes read as an item of "
                    + claimed + " bytes but only " + remaining + " follow (a Grakn export starts with a small header item); "
                    + "check that this is the backup you meant");
        }
        return error(GraknFormatException.Defect.TRUNCATED, start,
                "truncated item at byte " + start + " (item " + itemIndex + "): it claims " + claimed
                        + " bytes but only " + remaining + " remain, the file is incomplete: export it again or restore a complete copy");
    }

    GraknFormatException error(GraknFormatException.Defect kind, long offset, String what) {
        return new GraknFormatException(kind, name, offset, itemIndex, name + ": " + what, null);
    }

    /** Makes at least {@code n} bytes available from {@code pos}, unless the stream ends first. */
    private void ensure(int n) {
        while (limit - pos < n && !eof) {
            if (pos > 0 && buf.length - pos < n) {
                int remaining = limit - pos;
                System.arraycopy(buf, pos, buf, 0, remaining);
                bufStart += pos;
                pos = 0;
                limit = remaining;
            }
            if (limit == buf.length) {
                // Grow only when the buffer is full of real bytes: at most twice what actually arrived.
                int target = (int) Math.min((long) Math.max(n, 1) , Math.max(buf.length * 2L, 1));
                byte[] bigger = new byte[Math.max(target, buf.length + 1)];
                System.arraycopy(buf, 0, bigger, 0, limit);
                buf = bigger;
            }
            read();
        }
    }

    /** Compacts and reads more bytes (called when the buffer is drained). */
    private void fill() {
        if (pos == limit) {
            bufStart += pos;
            pos = 0;
            limit = 0;
        }
        read();
    }

    private void read() {
        try {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) eof = true;
            else limit += r;
        } catch (EOFException e) {
            throw new GraknFormatException(GraknFormatException.Defect.TRUNCATED, name, offset(), itemIndex,
                    name + ": the compressed data ends early near byte " + (bufStart + limit) + " of the items (item "
                            + itemIndex + "), the file is incomplete: export it again or restore a complete copy", e);
        } catch (ZipException e) {
            throw corruptCompression(e);
        } catch (ZstdIOException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("truncated")) {
                throw new GraknFormatException(GraknFormatException.Defect.TRUNCATED, name, offset(), itemIndex,
                        name + ": the compressed data ends early near byte " + (bufStart + limit) + " of the items (item "
                                + itemIndex + "), the file is incomplete: export it again or restore a complete copy", e);
            }
            throw corruptCompression(e);
        } catch (IOException e) {
            throw io(name, e);
        }
    }

    private GraknFormatException corruptCompression(IOException e) {
        return new GraknFormatException(GraknFormatException.Defect.CORRUPT_COMPRESSION, name, offset(), itemIndex,
                name + ": corrupt " + compressionName() + " data near byte " + (bufStart + limit) + " of the items (item "
                        + itemIndex + "): " + e.getMessage() + "; restore a good copy", e);
    }

    private String compressionName() {
        return compression == Compression.ZSTD ? "zstd" : "gzip";
    }

    @Override
    public void close() {
        close(in, raw);
    }

    /**
     * Closes a reader's decoding layer, then, whatever that does, the stream it reads from: a
     * decompressor may fail to close on a truncated input and must not keep the file open.
     */
    static void close(Closeable decoded, InputStream raw) {
        try {
            decoded.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                raw.close();
            } catch (IOException ignored) {
                // the input was fully read or is being abandoned; nothing to save
            }
        }
    }

    private static final class CountingInputStream extends InputStream {
        private final InputStream in;
        long count;

        CountingInputStream(InputStream in) { this.in = in; }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = in.read(b, off, len);
            if (r > 0) count += r;
            return r;
        }

        @Override
        public void close() throws IOException { in.close(); }
    }
}
