package io.graknmigrate.format;

import io.graknmigrate.format.proto.Item;

import java.io.Closeable;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Walks the items of a {@code .grakn} file at the wire level, without building {@link Item} objects:
 * after {@link #next()} the current item's kind, id, label, owned attribute ids, role players and
 * value can be read as {@link Slice}s of the read buffer. Nothing is allocated per item once the
 * buffers have grown to the largest item. It accepts exactly what the generated parser accepts
 * (unknown fields and items of unknown kinds included, strings must be UTF-8) and fails with the same
 * {@link GraknFormatException}s as {@link ItemReader}.
 *
 * <p>Slices returned by the accessors are reused: copy what must outlive the next call.
 */
public final class ItemScanner implements Closeable {

    private static final int MAX_DEPTH = 100;

    private final FrameReader frames;
    private long unknownItems;

    private byte[] b;
    private ItemKind kind = ItemKind.UNKNOWN;
    private final Slice id = new Slice().clear();
    private final Slice label = new Slice().clear();
    private final Slice text = new Slice().clear();
    private final Slice scratch = new Slice().clear();
    private final Slice version = new Slice().clear();
    private final Slice database = new Slice().clear();

    private int ownedCount;
    private int[] ownedOff = new int[16];
    private int[] ownedLen = new int[16];

    private int roleCount;
    private int[] roleLabelOff = new int[8];
    private int[] roleLabelLen = new int[8];
    private int[] roleFirst = new int[8];
    private int[] rolePlayers = new int[8];
    private int playerCount;
    private int[] playerOff = new int[16];
    private int[] playerLen = new int[16];

    private ValueKind valueKind = ValueKind.NONE;
    private boolean hasValue;
    private long longValue;
    private double doubleValue;
    private final long[] checksums = new long[7];

    private ItemScanner(FrameReader frames) {
        this.frames = frames;
    }

    public static ItemScanner open(Path path) {
        return open(path, path.toString());
    }

    public static ItemScanner open(Path path, String displayName) {
        return new ItemScanner(FrameReader.open(path, displayName, ItemReader.DEFAULT_MAX_ITEM_BYTES));
    }

    public static ItemScanner open(InputStream in, String displayName) {
        return new ItemScanner(FrameReader.open(in, displayName, ItemReader.DEFAULT_MAX_ITEM_BYTES));
    }

    public static ItemScanner open(InputStream in, String displayName, int maxItemBytes) {
        return new ItemScanner(FrameReader.open(in, displayName, maxItemBytes));
    }

    /** Moves to the next item (items of unknown kind included, as {@link ItemKind#UNKNOWN}); false at the end. */
    public boolean next() {
        if (!frames.next()) return false;
        b = frames.buffer();
        int start = frames.frameStart();
        parseItem(start, start + frames.frameLength());
        if (kind == ItemKind.UNKNOWN) unknownItems++;
        return true;
    }

    /** Decodes the current item fully (for examples and conversions). */
    public Item toItem() {
        return ItemReader.decode(frames);
    }

    public ItemKind kind() { return kind; }

    /** Index (from 0) of the current item. */
    public long itemIndex() { return frames.frameIndex(); }

    /** Byte offset in the item stream where the current item starts. */
    public long itemOffset() { return frames.frameOffset(); }

    /** Bytes consumed of the underlying input (compressed bytes when compressed), for progress. */
    public long position() { return frames.position(); }

    /** Bytes of the item stream consumed so far. */
    public long offset() { return frames.offset(); }

    /** Size of the underlying input when known, else -1. */
    public long size() { return frames.knownRawSize(); }

    public Compression compression() { return frames.compression(); }

    public String displayName() { return frames.name(); }

    /** Items of unknown kind seen so far. */
    public long unknownItems() { return unknownItems; }

    /** The encoded size of the current item, without its length prefix. */
    public int itemLength() { return frames.frameLength(); }

    // --- things

    public Slice id() { return id; }

    public Slice label() { return label; }

    public int ownedCount() { return ownedCount; }

    /** The id of owned attribute {@code i}; the returned slice is reused by the next call. */
    public Slice owned(int i) { return scratch.set(b, ownedOff[i], ownedLen[i]); }

    public int roleCount() { return roleCount; }

    public Slice roleLabel(int role) { return scratch.set(b, roleLabelOff[role], roleLabelLen[role]); }

    public int playerCount(int role) { return rolePlayers[role]; }

    /** Role players of the current relation, over all roles. */
    public int playerCount() { return playerCount; }

    public Slice player(int role, int i) {
        int p = roleFirst[role] + i;
        return scratch.set(b, playerOff[p], playerLen[p]);
    }

    /** Player {@code i} over all roles of the relation. */
    public Slice player(int i) { return scratch.set(b, playerOff[i], playerLen[i]); }

    // --- attribute values

    /** Whether the attribute has a {@code value} field at all. */
    public boolean hasValue() { return hasValue; }

    /** The value's kind, {@link ValueKind#NONE} when absent or of an unknown kind. */
    public ValueKind valueKind() { return valueKind; }

    public long longValue() { return longValue; }

    public double doubleValue() { return doubleValue; }

    public boolean booleanValue() { return longValue != 0; }

    public Slice stringValue() { return text; }

    // --- header and checksums

    public String graknVersion() { return version.toString(); }

    public String originalDatabase() { return database.toString(); }

    /** Checksums field {@code number} (1 entity .. 6 key ownership) of the current checksums item. */
    public long checksum(int number) { return checksums[number]; }

    public Item.Checksums checksums() {
        return Item.Checksums.newBuilder().setEntityCount(checksums[1]).setAttributeCount(checksums[2])
                .setRelationCount(checksums[3]).setRoleCount(checksums[4]).setOwnershipCount(checksums[5])
                .setKeyOwnershipCount(checksums[6]).build();
    }

    @Override
    public void close() {
        frames.close();
    }

    // --- the wire walk

    private int p;

    /** Whether the header or checksums fields hold values from an earlier item; things never set them. */
    private boolean headerSet;
    private boolean checksumsSet;

    private void reset(ItemKind k) {
        kind = k;
        id.clear();
        label.clear();
        ownedCount = 0;
        roleCount = 0;
        playerCount = 0;
        valueKind = ValueKind.NONE;
        hasValue = false;
        longValue = 0;
        doubleValue = 0;
        text.clear();
        if (headerSet) {
            version.clear();
            database.clear();
            headerSet = false;
        }
        if (checksumsSet) {
            java.util.Arrays.fill(checksums, 0);
            checksumsSet = false;
        }
    }

    private void parseItem(int start, int end) {
        reset(ItemKind.UNKNOWN);
        p = start;
        while (p < end) {
            int tag = readTag(end);
            int field = tag >>> 3;
            if ((tag & 7) == 2 && (field <= 3 || field == 15 || field == 16)) {
                int len = readLength(end);
                int subEnd = p + len;
                ItemKind k = switch (field) {
                    case 1 -> ItemKind.ATTRIBUTE;
                    case 2 -> ItemKind.ENTITY;
                    case 3 -> ItemKind.RELATION;
                    case 15 -> ItemKind.HEADER;
                    default -> ItemKind.CHECKSUMS;
                };
                // A repeated oneof message merges into the previous one; another case replaces it.
                // (The state is still clean while kind is UNKNOWN: nothing but a oneof field sets it.)
                if (k != kind) {
                    if (kind == ItemKind.UNKNOWN) kind = k;
                    else reset(k);
                }
                switch (k) {
                    case HEADER -> parseHeader(subEnd);
                    case CHECKSUMS -> parseChecksums(subEnd);
                    default -> parseThing(subEnd);
                }
                p = subEnd;
            } else {
                skipField(tag, end, 1);
            }
        }
    }

    private void parseHeader(int end) {
        headerSet = true;
        while (p < end) {
            int tag = readTag(end);
            if (tag == (1 << 3 | 2)) stringField(version, end);
            else if (tag == (2 << 3 | 2)) stringField(database, end);
            else skipField(tag, end, 2);
        }
    }

    private void parseChecksums(int end) {
        checksumsSet = true;
        while (p < end) {
            int tag = readTag(end);
            int field = tag >>> 3;
            if ((tag & 7) == 0 && field >= 1 && field <= 6) checksums[field] = readVarint(end);
            else skipField(tag, end, 2);
        }
    }

    private void parseThing(int end) {
        while (p < end) {
            int tag = readTag(end);
            switch (tag) {
                case 1 << 3 | 2 -> stringField(id, end);
                case 2 << 3 | 2 -> stringField(label, end);
                case 3 << 3 | 2 -> {
                    int len = readLength(end);
                    int subEnd = p + len;
                    addOwned(parseIdMessage(subEnd));
                    p = subEnd;
                }
                case 4 << 3 | 2 -> {
                    if (kind == ItemKind.ATTRIBUTE) {
                        int len = readLength(end);
                        int subEnd = p + len;
                        hasValue = true;
                        parseValue(subEnd);
                        p = subEnd;
                    } else if (kind == ItemKind.RELATION) {
                        int len = readLength(end);
                        int subEnd = p + len;
                        parseRole(subEnd);
                        p = subEnd;
                    } else {
                        skipField(tag, end, 2);
                    }
                }
                default -> skipField(tag, end, 2);
            }
        }
    }

    /** Parses a message whose field 1 is a string id (OwnedAttribute, Player); returns the id's offset, length in {@link #scratch}. */
    private Slice parseIdMessage(int end) {
        scratch.clear();
        while (p < end) {
            int tag = readTag(end);
            if (tag == (1 << 3 | 2)) stringField(scratch, end);
            else skipField(tag, end, 3);
        }
        return scratch;
    }

    private void addOwned(Slice s) {
        if (ownedCount == ownedOff.length) {
            ownedOff = java.util.Arrays.copyOf(ownedOff, ownedCount * 2);
            ownedLen = java.util.Arrays.copyOf(ownedLen, ownedCount * 2);
        }
        ownedOff[ownedCount] = s.offset;
        ownedLen[ownedCount] = s.length;
        ownedCount++;
    }

    private void parseRole(int end) {
        if (roleCount == roleFirst.length) {
            int n = roleCount * 2;
            roleFirst = java.util.Arrays.copyOf(roleFirst, n);
            rolePlayers = java.util.Arrays.copyOf(rolePlayers, n);
            roleLabelOff = java.util.Arrays.copyOf(roleLabelOff, n);
            roleLabelLen = java.util.Arrays.copyOf(roleLabelLen, n);
        }
        int r = roleCount++;
        roleFirst[r] = playerCount;
        rolePlayers[r] = 0;
        roleLabelOff[r] = 0;
        roleLabelLen[r] = 0;
        while (p < end) {
            int tag = readTag(end);
            if (tag == (1 << 3 | 2)) {
                int len = readLength(end);
                checkUtf8(p, len);
                roleLabelOff[r] = p;
                roleLabelLen[r] = len;
                p += len;
            } else if (tag == (2 << 3 | 2)) {
                int len = readLength(end);
                int subEnd = p + len;
                Slice player = parseIdMessage(subEnd);
                p = subEnd;
                if (playerCount == playerOff.length) {
                    playerOff = java.util.Arrays.copyOf(playerOff, playerCount * 2);
                    playerLen = java.util.Arrays.copyOf(playerLen, playerCount * 2);
                }
                playerOff[playerCount] = player.offset;
                playerLen[playerCount] = player.length;
                playerCount++;
                rolePlayers[r]++;
            } else {
                skipField(tag, end, 3);
            }
        }
    }

    private void parseValue(int end) {
        while (p < end) {
            int tag = readTag(end);
            switch (tag) {
                case 1 << 3 | 2 -> {
                    stringField(text, end);
                    valueKind = ValueKind.STRING;
                }
                case 2 << 3 -> {
                    longValue = readVarint(end) != 0 ? 1 : 0;
                    valueKind = ValueKind.BOOLEAN;
                }
                case 3 << 3 -> {
                    longValue = readVarint(end);
                    valueKind = ValueKind.LONG;
                }
                case 4 << 3 | 1 -> {
                    doubleValue = Double.longBitsToDouble(readFixed64(end));
                    valueKind = ValueKind.DOUBLE;
                }
                case 5 << 3 -> {
                    longValue = readVarint(end);
                    valueKind = ValueKind.DATETIME;
                }
                default -> skipField(tag, end, 3);
            }
        }
    }

    private void stringField(Slice into, int end) {
        int len = readLength(end);
        checkUtf8(p, len);
        into.set(b, p, len);
        p += len;
    }

    // --- primitives

    private int readTag(int end) {
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

    private int readLength(int end) {
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

    private long readVarint(int end) {
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

    private long readFixed64(int end) {
        if (end - p < 8) throw invalid(WireProblems.FIELD_PAST_END);
        long v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | (b[p + i] & 0xffL);
        p += 8;
        return v;
    }

    private void skipField(int tag, int end, int depth) {
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

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private void checkUtf8(int off, int len) {
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

    private GraknFormatException invalid(String reason) {
        return ItemReader.invalid(frames, reason);
    }

    static String utf8(Slice s) {
        return new String(s.bytes, s.offset, s.length, StandardCharsets.UTF_8);
    }
}
