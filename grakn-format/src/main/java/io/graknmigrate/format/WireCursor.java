package io.graknmigrate.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The protobuf wire primitives over one frame of the read buffer: tags, lengths, varints, fixed
 * 64-bit values, skipped fields and UTF-8 checks, each bounded by an {@code end} offset and failing
 * with the same {@link GraknFormatException} the generated parser's failures become. It knows no
 * field of {@code Item}: {@link ItemScanner} walks the item's structure with it.
 */
final class WireCursor {

    private static final int MAX_DEPTH = 100;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final FrameReader frames;
    /** The buffer of the current frame, and the read position in it. */
    byte[] b;
    int p;

    WireCursor(FrameReader frames) {
        this.frames = frames;
    }

    /** Starts reading {@code buffer} at {@code position}. */
    void reset(byte[] buffer, int position) {
        this.b = buffer;
        this.p = position;
    }

    /** Reads a length-delimited, UTF-8-checked string field into {@code into}. */
    void stringField(Slice into, int end) {
        int len = readLength(end);
        checkUtf8(p, len);
        into.set(b, p, len);
        p += len;
    }

    /**
     * Reads a length-delimited, UTF-8-checked string field into {@code into}, as
     * {@link #stringField}, and returns its {@link Slice#hash64()}: for the short ids of a
     * {@code .grakn} file both are taken from the same two word reads.
     */
    long idField(Slice into, int end) {
        int len = readLength(end);
        byte[] buf = b;
        int off = p;
        long h;
        if (len <= 16 && off + 16 <= buf.length) {
            // the words may reach past the string (still inside the buffer): the bytes above it are masked off
            long first = (long) LONGS.get(buf, off);
            long second = (long) LONGS.get(buf, off + 8);
            if (len < 8) {
                first &= (1L << (len << 3)) - 1;
                second = 0;
            } else if (len < 16) {
                second &= (1L << ((len - 8) << 3)) - 1;
            }
            if (((first | second) & 0x8080808080808080L) != 0) checkUtf8(off, len);
            h = Slice.hash64(first, second, len);
        } else {
            checkUtf8(off, len);
            h = Slice.hash64(buf, off, len);
        }
        into.set(buf, off, len);
        p = off + len;
        return h;
    }

    /** A field tag (field number and wire type); never zero. */
    int readTag(int end) {
        int q = p;
        if (q < end) {
            int x = b[q];
            if (x >= 8) { // one byte, field number > 0: nearly every tag of a .grakn file
                p = q + 1;
                return x;
            }
        }
        long tag = readVarint(end);
        if ((tag >>> 3) == 0 || (int) tag >>> 3 == 0) throw invalid(WireProblems.ZERO_TAG);
        return (int) tag;
    }

    /** A length prefix that fits before {@code end}. */
    int readLength(int end) {
        int q = p;
        if (q < end) {
            int x = b[q];
            if (x >= 0 && x < end - q) { // one byte that fits: ids, labels and small messages
                p = q + 1;
                return x;
            }
        }
        long len = readVarint(end);
        int size = (int) len; // protobuf reads lengths as 32-bit values
        if (size < 0) throw invalid(WireProblems.NEGATIVE_SIZE);
        if (size > end - p) throw invalid(WireProblems.FIELD_PAST_END);
        return size;
    }

    long readVarint(int end) {
        byte[] buf = b;
        int q = p;
        if (q < end) {
            byte x = buf[q];
            if (x >= 0) {
                p = q + 1;
                return x;
            }
        }
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (q >= end) throw invalid(WireProblems.FIELD_PAST_END);
            byte x = buf[q++];
            result |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                p = q;
                return result;
            }
        }
        throw invalid(WireProblems.BAD_VARINT);
    }

    long readFixed64(int end) {
        if (end - p < 8) throw invalid(WireProblems.FIELD_PAST_END);
        long v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | (b[p + i] & 0xffL);
        p += 8;
        return v;
    }

    /** Skips a field of any wire type, groups included (nested at most {@code MAX_DEPTH} deep). */
    void skipField(int tag, int end, int depth) {
        switch (tag & 7) {
            case 0 -> readVarint(end);
            case 1 -> {
                if (end - p < 8) throw invalid(WireProblems.FIELD_PAST_END);
                p += 8;
            }
            case 2 -> {
                int len = readLength(end);
                p += len;
            }
            case 3 -> {
                if (depth > MAX_DEPTH) throw invalid(WireProblems.TOO_DEEP);
                int endTag = (tag & ~7) | 4;
                while (true) {
                    if (p >= end) throw invalid(WireProblems.FIELD_PAST_END);
                    int t = readTag(end);
                    if (t == endTag) break;
                    if ((t & 7) == 4) throw invalid(WireProblems.BAD_GROUP);
                    skipField(t, end, depth + 1);
                }
            }
            case 4 -> throw invalid(WireProblems.BAD_GROUP);
            case 5 -> {
                if (end - p < 4) throw invalid(WireProblems.FIELD_PAST_END);
                p += 4;
            }
            default -> throw invalid(WireProblems.BAD_WIRE_TYPE);
        }
    }

    /** Fails unless {@code len} bytes at {@code off} are well-formed UTF-8, as protobuf requires of strings. */
    void checkUtf8(int off, int len) {
        byte[] buf = b;
        int i = off;
        int end = off + len;
        // Ids and labels are nearly always short ASCII: test eight bytes at a time (the last word
        // overlapping, or masked when the string is shorter) before the byte-by-byte check.
        if (len <= 8) {
            if (off + 8 <= buf.length) {
                long w = (long) LONGS.get(buf, off) & (len == 8 ? -1L : (1L << (len << 3)) - 1);
                if ((w & 0x8080808080808080L) == 0) return;
            }
        } else {
            while (i + 8 < end && ((long) LONGS.get(buf, i) & 0x8080808080808080L) == 0) i += 8;
            if (i + 8 >= end && ((long) LONGS.get(buf, end - 8) & 0x8080808080808080L) == 0) return;
        }
        while (i < end && buf[i] >= 0) i++;
        while (i < end) {
            int c = buf[i] & 0xff;
            if (c < 0x80) {
                i++;
            } else if (c < 0xc2) {
                throw invalid(WireProblems.BAD_UTF8);
            } else if (c < 0xe0) {
                if (i + 1 >= end || (buf[i + 1] & 0xc0) != 0x80) throw invalid(WireProblems.BAD_UTF8);
                i += 2;
            } else if (c < 0xf0) {
                if (i + 2 >= end) throw invalid(WireProblems.BAD_UTF8);
                int c1 = buf[i + 1] & 0xff;
                if ((c1 & 0xc0) != 0x80 || (c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 >= 0xa0)
                        || (buf[i + 2] & 0xc0) != 0x80) throw invalid(WireProblems.BAD_UTF8);
                i += 3;
            } else if (c < 0xf5) {
                if (i + 3 >= end) throw invalid(WireProblems.BAD_UTF8);
                int c1 = buf[i + 1] & 0xff;
                if ((c1 & 0xc0) != 0x80 || (c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 >= 0x90)
                        || (buf[i + 2] & 0xc0) != 0x80 || (buf[i + 3] & 0xc0) != 0x80) throw invalid(WireProblems.BAD_UTF8);
                i += 4;
            } else {
                throw invalid(WireProblems.BAD_UTF8);
            }
        }
    }

    GraknFormatException invalid(String reason) {
        return ItemReader.invalid(frames, reason);
    }
}
