package io.graknmigrate.sort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.CancellationException;

/**
 * A growable temporary file used as an array of longs or of bytes, memory-mapped in fixed-size parts.
 * The data lives in the file and the operating system's page cache, not on the Java heap, so work on
 * graphs far larger than the heap keeps per-thing state here. Deleted on close.
 */
public final class MappedFile implements AutoCloseable {

    private static final int PART_SHIFT = 24;
    private static final long PART_BYTES = 1L << PART_SHIFT;
    private static final int PART_MASK = (int) (PART_BYTES - 1);

    /** Lengths before byte strings are stored big-endian whatever the parts' (native) order. */
    private static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    /** Zeros written ahead of a new part; read-only, each write works on a duplicate. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20).asReadOnlyBuffer();

    private final Path file;
    private final FileChannel channel;
    private MappedByteBuffer[] parts = new MappedByteBuffer[4];
    private int mapped;
    /** Bytes written with zeros ahead of use, a multiple of the zeros' step; the mapping covers them. */
    private long allocated;
    /** Bytes appended so far (for files used as growing logs). */
    private long end;
    /** Where longs written through the channel are put in order first; made on first use. */
    private ByteBuffer staging;
    /** Whether appends go to {@link #staging} (see {@link #appended}). */
    private boolean appending;

    private MappedFile(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * What a failed file operation is: a channel closed because its thread was interrupted is the
     * work being cancelled (the interrupt stays set), anything else the disk's failure.
     */
    static RuntimeException failure(String message, IOException e) {
        if (e instanceof ClosedByInterruptException) return cancelled(e);
        return new UncheckedIOException(message, e);
    }

    /** The cancellation a thread's interrupt caused while it used a file (the interrupt stays set). */
    public static CancellationException cancelled(Throwable cause) {
        CancellationException cancel = new CancellationException("interrupted");
        if (cause != null) cancel.initCause(cause);
        return cancel;
    }

    /** A new empty temporary file in {@code dir}. */
    public static MappedFile create(Path dir, String name) {
        Path file = createTempFile(dir, name);
        try {
            return new MappedFile(file, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException e) {
            deleteQuietly(file);
            throw failure("cannot open the temporary file " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /** Creates an empty temporary file in {@code dir} named for what it holds, or says what to do when it cannot. */
    static Path createTempFile(Path dir, String name) {
        try {
            return Files.createTempFile(dir, "grakn-migrate-" + name + "-", ".tmp");
        } catch (IOException e) {
            throw failure("cannot create a temporary file in " + dir + " (" + e.getMessage()
                    + "); check that it is writable and has free space, or set -Djava.io.tmpdir", e);
        }
    }

    /** Deletes a temporary file, best effort: nothing in it is wanted. */
    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file being given up
        }
    }

    /**
     * A new empty temporary file filled by appends only until {@link #endAppends()}: they are put in
     * order in a buffer and written through the channel a megabyte at a time, so the kernel copies
     * them into the page cache once, with no zeros written ahead and no fault per page (while two
     * sides are read at once, faults on growing mappings cost more system time than the copies).
     * Nothing may be read or set before {@link #endAppends()}.
     */
    public static MappedFile appended(Path dir, String name) {
        MappedFile f = create(dir, name);
        f.appending = true;
        f.staging = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.nativeOrder());
        return f;
    }

    /** Writes what {@link #appended} appends still holds and maps the file for reading and writing. */
    public void endAppends() {
        if (!appending) return;
        flushStaging();
        appending = false;
        allocated = end;
        map(end);
    }

    /** Room for {@code bytes} more appended bytes in the staging buffer, flushing it first when needed. */
    private ByteBuffer room(int bytes) {
        if (staging.remaining() < bytes) flushStaging();
        return staging;
    }

    private void flushStaging() {
        staging.flip();
        long at = end - staging.remaining();
        try {
            while (staging.hasRemaining()) channel.write(staging, at + staging.position());
        } catch (IOException e) {
            throw failure("cannot write the temporary file " + file + " (" + e.getMessage()
                    + "); check the free space of its directory", e);
        }
        staging.clear();
    }

    /** A new file of {@code longs} zeroed longs. */
    public static MappedFile longs(Path dir, String name, long longs) {
        MappedFile f = create(dir, name);
        try {
            f.ensure(longs * 8);
        } catch (RuntimeException | Error e) {
            f.close();
            throw e;
        }
        f.end = longs * 8;
        return f;
    }

    /** Makes bytes {@code [0, size)} addressable, growing the file (with zeros, see {@link #allocate}) as needed. */
    private void ensure(long size) {
        if (size <= allocated) return;
        try {
            allocate(size);
        } catch (IOException e) {
            throw failure("cannot grow the temporary file " + file + " (" + e.getMessage()
                    + "); check the free space of its directory", e);
        }
        map(size);
    }

    /** Maps the parts that cover bytes {@code [0, size)}. */
    private void map(long size) {
        int needed = (int) ((size + PART_BYTES - 1) >>> PART_SHIFT);
        if (needed > parts.length) parts = Arrays.copyOf(parts, Math.max(needed, parts.length * 2));
        try {
            while (mapped < needed) {
                MappedByteBuffer part = channel.map(FileChannel.MapMode.READ_WRITE, (long) mapped << PART_SHIFT, PART_BYTES);
                part.order(ByteOrder.nativeOrder());
                parts[mapped++] = part;
            }
        } catch (IOException e) {
            throw failure("cannot map the temporary file " + file + " (" + e.getMessage()
                    + "); check the free space of its directory", e);
        }
    }

    /**
     * Writes zeros up to {@code size} (rounded up to a step) before the mapping is used there. Touching
     * a hole of a mapped file costs a page fault that allocates the page; pages a write has already put
     * in the page cache fault far more cheaply (the system time of a comparison halves), and a full
     * disk is an {@link IOException} here instead of a fault in the middle of a write to the mapping.
     */
    private void allocate(long size) throws IOException {
        long step = ZEROS.capacity();
        long target = (size + step - 1) / step * step;
        while (allocated < target) {
            ByteBuffer zeros = ZEROS.duplicate();
            while (zeros.hasRemaining()) channel.write(zeros, allocated + zeros.position());
            allocated += step;
        }
    }

    public long getLong(long index) {
        long pos = index << 3;
        return parts[(int) (pos >>> PART_SHIFT)].getLong((int) pos & PART_MASK);
    }

    public void setLong(long index, long value) {
        long pos = index << 3;
        parts[(int) (pos >>> PART_SHIFT)].putLong((int) pos & PART_MASK, value);
    }

    public void addLong(long index, long delta) {
        long pos = index << 3;
        MappedByteBuffer part = parts[(int) (pos >>> PART_SHIFT)];
        int at = (int) pos & PART_MASK;
        part.putLong(at, part.getLong(at) + delta);
    }

    /** Appends a long at the end (the file as a growing array of longs); returns its index. */
    public long appendLong(long value) {
        long index = end >>> 3;
        if (appending) {
            room(8).putLong(value);
            end += 8;
            return index;
        }
        if (end + 8 > allocated) ensure(end + 8);
        setLong(index, value);
        end += 8;
        return index;
    }

    /**
     * Appends a record of four longs; returns the index of the first. Records appended this way from
     * the start of a file are 32-byte aligned, so one never straddles two parts.
     */
    public long appendLongs(long v0, long v1, long v2, long v3) {
        long index = end >>> 3;
        if (appending) {
            room(32).putLong(v0).putLong(v1).putLong(v2).putLong(v3);
            end += 32;
            return index;
        }
        if (end + 32 > allocated) ensure(end + 32);
        MappedByteBuffer part = parts[(int) (end >>> PART_SHIFT)];
        int at = (int) end & PART_MASK;
        if (at + 32 <= PART_BYTES) {
            part.putLong(at, v0);
            part.putLong(at + 8, v1);
            part.putLong(at + 16, v2);
            part.putLong(at + 24, v3);
        } else {
            setLong(index, v0);
            setLong(index + 1, v1);
            setLong(index + 2, v2);
            setLong(index + 3, v3);
        }
        end += 32;
        return index;
    }

    /**
     * Appends {@code a[from, from + count)}. Past what was zeroed ahead the longs are written through
     * the channel rather than the mapping: the kernel copies them into the page cache once, with no
     * zeros written first and no fault per page (a sorted run is written in one piece and read later).
     */
    public void appendLongs(long[] a, int from, int count) {
        if ((end & 7) != 0) throw new IllegalStateException("unaligned append of longs");
        if (appending) flushStaging();
        if (end >= allocated) {
            writeThrough(a, from, count);
            return;
        }
        ensure(end + 8L * count);
        copyLongs(end >>> 3, a, from, count, true);
        end += 8L * count;
    }

    private void writeThrough(long[] a, int from, int count) {
        if (staging == null) staging = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.nativeOrder());
        try {
            while (count > 0) {
                int n = Math.min(count, staging.capacity() >>> 3);
                staging.clear();
                staging.asLongBuffer().put(a, from, n);
                staging.limit(8 * n);
                while (staging.hasRemaining()) channel.write(staging, end + staging.position());
                end += 8L * n;
                from += n;
                count -= n;
            }
        } catch (IOException e) {
            throw failure("cannot write the temporary file " + file + " (" + e.getMessage()
                    + "); check the free space of its directory", e);
        }
        staging.clear();
        allocated = end;
        map(end);
    }

    /** Copies the longs {@code [index, index + count)} into {@code a[from, from + count)}. */
    public void getLongs(long index, long[] a, int from, int count) {
        copyLongs(index, a, from, count, false);
    }

    /** Writes {@code a[from, from + count)} over the longs {@code [index, index + count)} (already addressable). */
    public void setLongs(long index, long[] a, int from, int count) {
        copyLongs(index, a, from, count, true);
    }

    /** Copies between the longs {@code [index, index + count)} and {@code a[from, from + count)}, part by part. */
    private void copyLongs(long index, long[] a, int from, int count, boolean write) {
        long pos = index << 3;
        while (count > 0) {
            int at = (int) pos & PART_MASK;
            int n = Math.min(count, (int) ((PART_BYTES - at) >>> 3));
            LongBuffer part = parts[(int) (pos >>> PART_SHIFT)].asLongBuffer();
            if (write) part.put(at >>> 3, a, from, n);
            else part.get(at >>> 3, a, from, n);
            pos += 8L * n;
            from += n;
            count -= n;
        }
    }

    /** Longs appended (or allocated) so far. */
    public long longCount() { return end >>> 3; }

    /** Appends {@code len} bytes preceded by their length as an int; returns the offset of the length. */
    public long appendBytes(byte[] b, int off, int len) {
        long at = end;
        if (appending) {
            room(4).putInt(BIG_ENDIAN ? len : Integer.reverseBytes(len));
            end += 4;
            while (len > 0) {
                if (!staging.hasRemaining()) flushStaging();
                int n = Math.min(len, staging.remaining());
                staging.put(b, off, n);
                end += n;
                off += n;
                len -= n;
            }
            return at;
        }
        ensure(end + 4 + len);
        int inPart = (int) at & PART_MASK;
        if (inPart + 4 <= PART_BYTES) {
            parts[(int) (at >>> PART_SHIFT)].putInt(inPart, BIG_ENDIAN ? len : Integer.reverseBytes(len));
        } else {
            for (int i = 0; i < 4; i++) {
                long p = at + i;
                parts[(int) (p >>> PART_SHIFT)].put((int) p & PART_MASK, (byte) (len >>> (24 - 8 * i)));
            }
        }
        put(at + 4, b, off, len);
        end += 4 + len;
        return at;
    }

    /** The bytes appended at {@code offset} by {@link #appendBytes}. */
    public byte[] bytesAt(long offset) {
        int len = lengthAt(offset);
        byte[] b = new byte[len];
        get(offset + 4, b, 0, len);
        return b;
    }

    /** Whether the bytes appended at {@code offset} equal those appended at {@code otherOffset} of {@code other}. */
    public boolean sameBytes(long offset, MappedFile other, long otherOffset) {
        int len = lengthAt(offset);
        if (len != other.lengthAt(otherOffset)) return false;
        long p = offset + 4;
        long q = otherOffset + 4;
        int pAt = (int) p & PART_MASK;
        int qAt = (int) q & PART_MASK;
        if (pAt + len <= PART_BYTES && qAt + len <= PART_BYTES) {
            // both within one part: eight bytes at a time, with no buffer made per comparison (most values are short)
            MappedByteBuffer bp = parts[(int) (p >>> PART_SHIFT)];
            MappedByteBuffer bq = other.parts[(int) (q >>> PART_SHIFT)];
            int i = 0;
            for (; i + 8 <= len; i += 8) {
                if (bp.getLong(pAt + i) != bq.getLong(qAt + i)) return false;
            }
            for (; i < len; i++) {
                if (bp.get(pAt + i) != bq.get(qAt + i)) return false;
            }
            return true;
        }
        for (int i = 0; i < len; i++, p++, q++) {
            if (parts[(int) (p >>> PART_SHIFT)].get((int) p & PART_MASK) != other.parts[(int) (q >>> PART_SHIFT)].get((int) q & PART_MASK)) return false;
        }
        return true;
    }

    /** Copies the bytes appended at {@code offset} by {@link #appendBytes} into {@code into} (long enough). */
    public void copyBytes(long offset, byte[] into) {
        get(offset + 4, into, 0, lengthAt(offset));
    }

    /** The length of the bytes appended at {@code offset} by {@link #appendBytes}. */
    public int lengthAt(long offset) {
        int inPart = (int) offset & PART_MASK;
        if (inPart + 4 <= PART_BYTES) {
            int raw = parts[(int) (offset >>> PART_SHIFT)].getInt(inPart);
            return BIG_ENDIAN ? raw : Integer.reverseBytes(raw);
        }
        int len = 0;
        for (long p = offset; p < offset + 4; p++) len = len << 8 | (parts[(int) (p >>> PART_SHIFT)].get((int) p & PART_MASK) & 0xff);
        return len;
    }

    private void put(long pos, byte[] b, int off, int len) {
        while (len > 0) {
            int at = (int) (pos & PART_MASK);
            int n = (int) Math.min(len, PART_BYTES - at);
            parts[(int) (pos >>> PART_SHIFT)].put(at, b, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    private void get(long pos, byte[] b, int off, int len) {
        while (len > 0) {
            int at = (int) (pos & PART_MASK);
            int n = (int) Math.min(len, PART_BYTES - at);
            parts[(int) (pos >>> PART_SHIFT)].get(at, b, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void close() {
        // The mappings go with the garbage collector; on Linux the space is freed once they do.
        Arrays.fill(parts, null);
        staging = null;
        mapped = 0;
        allocated = 0;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a temporary file: nothing to keep
        }
        deleteQuietly(file);
    }
}
