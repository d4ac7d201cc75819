package io.graknmigrate.store.pages;

import java.nio.charset.StandardCharsets;

/**
 * One record (a row, or an index key) in SQLite's record format: a header of serial types, then the
 * column values. A view over bytes the cursor owns: valid until the cursor moves.
 */
public final class Record {

    /** More columns than any table this reader is used for; a longer header is refused, not allocated. */
    static final int MAX_COLUMNS = 64;

    private byte[] buf;
    private final long[] types = new long[MAX_COLUMNS];
    private final int[] offsets = new int[MAX_COLUMNS];
    /** Columns decoded so far: the header is read lazily, as far as the columns asked for. */
    private int decoded;
    private int headerAt, headerEnd, bodyAt, end;
    private boolean complete;
    private Object where;
    private final Varint varint = new Varint();

    Record() { }

    /** Takes the record in {@code b[start, start+length)}; {@code where} names it in errors. */
    void parse(byte[] b, int start, int length, Object where) {
        buf = b;
        end = start + length;
        this.where = where;
        int p = start;
        long headerSize;
        if (length > 0 && b[p] >= 0) {
            headerSize = b[p];
            p++;
        } else {
            headerSize = varint.read(b, p, end, where);
            p = varint.end;
        }
        if (headerSize < 1 || headerSize > length) throw new PageFormatException(where + ": record header of " + headerSize + " bytes in a " + length + "-byte record");
        headerAt = p;
        headerEnd = start + (int) headerSize;
        if (p > headerEnd) throw new PageFormatException(where + ": record header overruns its size");
        bodyAt = headerEnd;
        decoded = 0;
        complete = false;
    }

    /** Decodes the header up to column {@code column}; false when the record has fewer columns. */
    private boolean decode(int column) {
        while (decoded <= column) {
            if (headerAt >= headerEnd) {
                if (headerAt != headerEnd) throw new PageFormatException(where + ": record header overruns its size");
                complete = true;
                return false;
            }
            if (decoded == MAX_COLUMNS) throw new PageFormatException(where + ": a record of more than " + MAX_COLUMNS + " columns");
            byte[] b = buf;
            long type;
            if (b[headerAt] >= 0) {
                type = b[headerAt++];
            } else {
                type = varint.read(b, headerAt, headerEnd, where);
                headerAt = varint.end;
            }
            long size = size(type, where);
            if (size > end - bodyAt) throw new PageFormatException(where + ": column " + decoded + " of " + size + " bytes runs past the record's end");
            types[decoded] = type;
            offsets[decoded] = bodyAt;
            bodyAt += (int) size;
            decoded++;
        }
        return true;
    }

    private static long size(long type, Object where) {
        // a nine-byte varint can be negative: no serial type is
        if (type < 0) throw new PageFormatException(where + ": serial type " + type + " is negative");
        if (type >= 12) return (type - 12) >> 1;
        return switch ((int) type) {
            case 0, 8, 9 -> 0;
            case 1 -> 1;
            case 2 -> 2;
            case 3 -> 3;
            case 4 -> 4;
            case 5 -> 6;
            case 6, 7 -> 8;
            default -> throw new PageFormatException(where + ": reserved serial type " + type);
        };
    }

    /** How many columns the record holds (a table's later columns may be missing, meaning their default). */
    public int columns() {
        if (!complete) decode(MAX_COLUMNS);
        return decoded;
    }

    /** The column's serial type, as the record header stores it. */
    public long serialType(int column) {
        check(column);
        return types[column];
    }

    /** Whether the column is NULL (a missing column counts as NULL). */
    public boolean isNull(int column) { return !decode(column) || types[column] == 0; }

    /** Whether the column holds an integer (serial types 1 to 6, 8, 9). */
    public boolean isInteger(int column) {
        if (!decode(column)) return false;
        long t = types[column];
        return (t >= 1 && t <= 6) || t == 8 || t == 9;
    }

    /** Whether the column holds a 64-bit float. */
    public boolean isReal(int column) { return decode(column) && types[column] == 7; }

    /** Whether the column holds text. */
    public boolean isText(int column) { return decode(column) && types[column] >= 13 && (types[column] & 1) == 1; }

    /** The integer the column holds; see {@link #isInteger}. */
    public long integer(int column) {
        check(column);
        int t = (int) Math.min(types[column], 100);
        int at = offsets[column];
        byte[] b = buf;
        return switch (t) {
            case 8 -> 0;
            case 9 -> 1;
            case 1 -> b[at];
            case 2 -> (short) ((b[at] & 0xff) << 8 | (b[at + 1] & 0xff));
            case 3 -> ((b[at] << 16) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff));
            case 4 -> (b[at] << 24) | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
            case 5 -> ((long) b[at] << 40) | (long) (b[at + 1] & 0xff) << 32 | (long) (b[at + 2] & 0xff) << 24
                    | (b[at + 3] & 0xff) << 16 | (b[at + 4] & 0xff) << 8 | (b[at + 5] & 0xff);
            case 6 -> bigEndian64(b, at);
            default -> throw new IllegalStateException("column " + column + " is not an integer (serial type " + types[column] + ")");
        };
    }

    /** The float the column holds; see {@link #isReal}. */
    public double real(int column) {
        check(column);
        if (types[column] != 7) throw new IllegalStateException("column " + column + " is not a float (serial type " + types[column] + ")");
        return Double.longBitsToDouble(bigEndian64(buf, offsets[column]));
    }

    /** The text the column holds, decoded from UTF-8; see {@link #isText}. */
    public String text(int column) {
        check(column);
        long t = types[column];
        if (t < 13 || (t & 1) == 0) throw new IllegalStateException("column " + column + " is not text (serial type " + t + ")");
        return new String(buf, offsets[column], (int) ((t - 13) >> 1), StandardCharsets.UTF_8);
    }

    /** Whether the column holds a BLOB. */
    public boolean isBlob(int column) { return decode(column) && types[column] >= 12 && (types[column] & 1) == 0; }

    /** The bytes of the BLOB the column holds; see {@link #isBlob}. */
    public byte[] blob(int column) {
        check(column);
        long t = types[column];
        if (t < 12 || (t & 1) == 1) throw new IllegalStateException("column " + column + " is not a BLOB (serial type " + t + ")");
        int at = offsets[column];
        return java.util.Arrays.copyOfRange(buf, at, at + (int) ((t - 12) >> 1));
    }

    /** The column's text, or null when it is not text. */
    public String textOrNull(int column) {
        return isText(column) ? text(column) : null;
    }

    private void check(int column) {
        if (column < 0 || !decode(column)) throw new IndexOutOfBoundsException("column " + column + " of " + columns());
    }

    private static long bigEndian64(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = v << 8 | (b[at + i] & 0xff);
        return v;
    }
}
