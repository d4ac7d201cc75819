package io.graknmigrate.format;

import io.graknmigrate.format.proto.Item;

import java.io.Closeable;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Walks the items of a {@code .grakn} file at the wire level, without building {@link Item} objects:
 * after {@link #next()} the current item's kind, id, label, owned attribute ids, role players and
 * value can be read as {@link Slice}s of the read buffer. Nothing is allocated per item once the
 * buffers have grown to the largest item. It accepts exactly what the generated parser accepts
 * (unknown fields and items of unknown kinds included, strings must be UTF-8) and fails with the same
 * {@link GraknFormatException}s as {@link ItemReader}.
 *
 * <p>The protobuf primitives (tags, varints, lengths, UTF-8) are {@link WireCursor}'s; this class
 * knows the fields of {@code Item}. Each accessor returns its own slice, reused by the next call of
 * the same accessor and by {@link #next()}: copy what must outlive them.
 */
public final class ItemScanner implements Closeable {

    private final FrameReader frames;
    private final WireCursor w;
    private long unknownItems;

    private byte[] b;
    private ItemKind kind = ItemKind.UNKNOWN;
    private final Slice id = new Slice().clear();
    private final Slice label = new Slice().clear();
    private final Slice text = new Slice().clear();
    /** One slice per accessor, so a label and a player read together do not overwrite each other. */
    private final Slice ownedSlice = new Slice().clear();
    private final Slice roleLabelSlice = new Slice().clear();
    private final Slice playerSlice = new Slice().clear();
    /** The id of the owned attribute or player being parsed; only the walk uses it. */
    private final Slice parsedId = new Slice().clear();
    private final Slice version = new Slice().clear();
    private final Slice database = new Slice().clear();

    /** Whether the walk takes each id's {@link Slice#hash64()} as it checks the id's UTF-8 (see {@link #hashIds()}). */
    private boolean hashIds;
    /** The hash of an absent id, which reads as the empty string. */
    private static final long EMPTY_HASH = Slice.hash64(0, 0, 0);
    private long idHash = EMPTY_HASH;
    private long parsedHash = EMPTY_HASH;

    private int ownedCount;
    private int[] ownedOff = new int[16];
    private int[] ownedLen = new int[16];
    private long[] ownedHash = new long[16];

    private int roleCount;
    private int[] roleLabelOff = new int[8];
    private int[] roleLabelLen = new int[8];
    private int[] roleFirst = new int[8];
    private int[] rolePlayers = new int[8];
    private int playerCount;
    private int[] playerOff = new int[16];
    private int[] playerLen = new int[16];
    private long[] playerHash = new long[16];

    private ValueKind valueKind = ValueKind.NONE;
    private boolean hasValue;
    private long longValue;
    private double doubleValue;
    private final long[] checksums = new long[7];

    private ItemScanner(FrameReader frames) {
        this.frames = frames;
        this.w = new WireCursor(frames);
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

    /**
     * From now on, takes the {@link Slice#hash64()} of every thing's id, owned attribute id and
     * player id while reading it ({@link #idHash()}, {@link #ownedHash(int)}, {@link #playerHash(int)}):
     * cheaper than hashing the slices afterwards, for a caller that hashes every id anyway.
     */
    ItemScanner hashIds() {
        hashIds = true;
        return this;
    }

    /** The {@link Slice#hash64()} of {@link #id()}; only after {@link #hashIds()}. */
    long idHash() { return idHash; }

    /** The {@link Slice#hash64()} of {@link #owned(int) owned(i)}; only after {@link #hashIds()}. */
    long ownedHash(int i) { return ownedHash[i]; }

    /** The {@link Slice#hash64()} of {@link #player(int) player(i)}; only after {@link #hashIds()}. */
    long playerHash(int i) { return playerHash[i]; }

    /** Moves to the next item (items of unknown kind included, as {@link ItemKind#UNKNOWN}); false at the end. */
    public boolean next() {
        if (!frames.next()) return false;
        b = frames.buffer();
        int start = frames.frameStart();
        parseItem(start, start + frames.frameLength());
        if (kind == ItemKind.UNKNOWN) unknownItems++;
        return true;
    }

    /**
     * Steps over whole items without reading them, only their length prefixes, until the next item
     * starts at or after byte {@code offset} of the item stream (or the stream ends); returns where
     * that next item starts. {@link #next()} then moves to it, with its index in the whole stream.
     */
    long skipTo(long offset) {
        while (frames.offset() < offset && frames.next()) {
            // only the frame is read
        }
        return frames.offset();
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

    /** The id of owned attribute {@code i}; the returned slice is reused by the next call of {@code owned}. */
    public Slice owned(int i) { return ownedSlice.set(b, ownedOff[i], ownedLen[i]); }

    public int roleCount() { return roleCount; }

    /** The label of role {@code role}; the returned slice is reused by the next call of {@code roleLabel}. */
    public Slice roleLabel(int role) { return roleLabelSlice.set(b, roleLabelOff[role], roleLabelLen[role]); }

    public int playerCount(int role) { return rolePlayers[role]; }

    /** Role players of the current relation, over all roles. */
    public int playerCount() { return playerCount; }

    /** Player {@code i} of role {@code role}; the returned slice is reused by the next call of {@code player}. */
    public Slice player(int role, int i) {
        int p = roleFirst[role] + i;
        return playerSlice.set(b, playerOff[p], playerLen[p]);
    }

    /** Player {@code i} over all roles of the relation; the slice is the one {@link #player(int, int)} returns. */
    public Slice player(int i) { return playerSlice.set(b, playerOff[i], playerLen[i]); }

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

    /** Whether the header or checksums fields hold values from an earlier item; things never set them. */
    private boolean headerSet;
    private boolean checksumsSet;

    private void reset(ItemKind k) {
        kind = k;
        id.clear();
        idHash = EMPTY_HASH;
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
            Arrays.fill(checksums, 0);
            checksumsSet = false;
        }
    }

    private void parseItem(int start, int end) {
        reset(ItemKind.UNKNOWN);
        w.reset(b, start);
        while (w.p < end) {
            int tag = w.readTag(end);
            int field = tag >>> 3;
            if ((tag & 7) == 2 && (field <= 3 || field == 15 || field == 16)) {
                int len = w.readLength(end);
                int subEnd = w.p + len;
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
                w.p = subEnd;
            } else {
                w.skipField(tag, end, 1);
            }
        }
    }

    private void parseHeader(int end) {
        headerSet = true;
        while (w.p < end) {
            int tag = w.readTag(end);
            if (tag == (1 << 3 | 2)) w.stringField(version, end);
            else if (tag == (2 << 3 | 2)) w.stringField(database, end);
            else w.skipField(tag, end, 2);
        }
    }

    private void parseChecksums(int end) {
        checksumsSet = true;
        while (w.p < end) {
            int tag = w.readTag(end);
            int field = tag >>> 3;
            if ((tag & 7) == 0 && field >= 1 && field <= 6) checksums[field] = w.readVarint(end);
            else w.skipField(tag, end, 2);
        }
    }

    private void parseThing(int end) {
        while (w.p < end) {
            int tag = w.readTag(end);
            switch (tag) {
                case 1 << 3 | 2 -> {
                    if (hashIds) idHash = w.idField(id, end);
                    else w.stringField(id, end);
                }
                case 2 << 3 | 2 -> w.stringField(label, end);
                case 3 << 3 | 2 -> {
                    int len = w.readLength(end);
                    int subEnd = w.p + len;
                    addOwned(parseIdMessage(subEnd));
                    w.p = subEnd;
                }
                case 4 << 3 | 2 -> {
                    if (kind == ItemKind.ATTRIBUTE) {
                        int len = w.readLength(end);
                        int subEnd = w.p + len;
                        hasValue = true;
                        parseValue(subEnd);
                        w.p = subEnd;
                    } else if (kind == ItemKind.RELATION) {
                        int len = w.readLength(end);
                        int subEnd = w.p + len;
                        parseRole(subEnd);
                        w.p = subEnd;
                    } else {
                        w.skipField(tag, end, 2);
                    }
                }
                default -> w.skipField(tag, end, 2);
            }
        }
    }

    /** Parses a message whose field 1 is a string id (OwnedAttribute, Player); returns the id in {@link #parsedId}. */
    private Slice parseIdMessage(int end) {
        parsedId.clear();
        parsedHash = EMPTY_HASH;
        while (w.p < end) {
            int tag = w.readTag(end);
            if (tag == (1 << 3 | 2)) {
                if (hashIds) parsedHash = w.idField(parsedId, end);
                else w.stringField(parsedId, end);
            } else {
                w.skipField(tag, end, 3);
            }
        }
        return parsedId;
    }

    private void addOwned(Slice s) {
        if (ownedCount == ownedOff.length) {
            ownedOff = Arrays.copyOf(ownedOff, ownedCount * 2);
            ownedLen = Arrays.copyOf(ownedLen, ownedCount * 2);
            ownedHash = Arrays.copyOf(ownedHash, ownedCount * 2);
        }
        ownedOff[ownedCount] = s.offset;
        ownedLen[ownedCount] = s.length;
        ownedHash[ownedCount] = parsedHash;
        ownedCount++;
    }

    private void parseRole(int end) {
        if (roleCount == roleFirst.length) {
            int n = roleCount * 2;
            roleFirst = Arrays.copyOf(roleFirst, n);
            rolePlayers = Arrays.copyOf(rolePlayers, n);
            roleLabelOff = Arrays.copyOf(roleLabelOff, n);
            roleLabelLen = Arrays.copyOf(roleLabelLen, n);
        }
        int r = roleCount++;
        roleFirst[r] = playerCount;
        rolePlayers[r] = 0;
        roleLabelOff[r] = 0;
        roleLabelLen[r] = 0;
        while (w.p < end) {
            int tag = w.readTag(end);
            if (tag == (1 << 3 | 2)) {
                int len = w.readLength(end);
                w.checkUtf8(w.p, len);
                roleLabelOff[r] = w.p;
                roleLabelLen[r] = len;
                w.p += len;
            } else if (tag == (2 << 3 | 2)) {
                int len = w.readLength(end);
                int subEnd = w.p + len;
                Slice player = parseIdMessage(subEnd);
                w.p = subEnd;
                if (playerCount == playerOff.length) {
                    playerOff = Arrays.copyOf(playerOff, playerCount * 2);
                    playerLen = Arrays.copyOf(playerLen, playerCount * 2);
                    playerHash = Arrays.copyOf(playerHash, playerCount * 2);
                }
                playerOff[playerCount] = player.offset;
                playerLen[playerCount] = player.length;
                playerHash[playerCount] = parsedHash;
                playerCount++;
                rolePlayers[r]++;
            } else {
                w.skipField(tag, end, 3);
            }
        }
    }

    private void parseValue(int end) {
        while (w.p < end) {
            int tag = w.readTag(end);
            switch (tag) {
                case 1 << 3 | 2 -> {
                    w.stringField(text, end);
                    valueKind = ValueKind.STRING;
                }
                case 2 << 3 -> {
                    longValue = w.readVarint(end) != 0 ? 1 : 0;
                    valueKind = ValueKind.BOOLEAN;
                }
                case 3 << 3 -> {
                    longValue = w.readVarint(end);
                    valueKind = ValueKind.LONG;
                }
                case 4 << 3 | 1 -> {
                    doubleValue = Double.longBitsToDouble(w.readFixed64(end));
                    valueKind = ValueKind.DOUBLE;
                }
                case 5 << 3 -> {
                    longValue = w.readVarint(end);
                    valueKind = ValueKind.DATETIME;
                }
                default -> w.skipField(tag, end, 3);
            }
        }
    }

    static String utf8(Slice s) {
        return new String(s.bytes, s.offset, s.length, StandardCharsets.UTF_8);
    }
}
