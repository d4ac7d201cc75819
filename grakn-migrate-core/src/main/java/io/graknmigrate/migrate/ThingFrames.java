package io.graknmigrate.migrate;

import io.graknmigrate.format.Counts;
import io.graknmigrate.keyspace.ThingId;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.ValueType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Encodes things as the {@code .grakn} file's delimited item frames (varint length, then the
 * {@code Item} message) straight from the store's things ({@link StoredThing}), without protobuf
 * objects, into one growing block: what an export's reader thread hands the writer ready to be copied.
 *
 * <p>The bytes are exactly protobuf-java's for the item {@link Exporter#toItem} builds: known fields
 * in field-number order, proto3 defaults (empty strings) left out except the value's oneof member,
 * repeated messages unpacked, int64 as ten-byte varints when negative, doubles as their raw bits, and
 * strings as {@link String#getBytes} UTF-8 (which is also what protobuf falls back to for a lone
 * surrogate: it becomes {@code '?'}). Tests compare the two encodings on hard values.
 *
 * <p>It also counts what it encoded the way the file's checksums count it.
 */
final class ThingFrames {

    private static final int ATTRIBUTE = 1, ENTITY = 2, RELATION = 3;

    private byte[] buf;
    private int pos;

    private int items;
    private long entities, attributes, relations, rolePlayers, ownerships;

    /** Role message sizes of the relation being encoded, computed before it is written. */
    private int[] roleSizes = new int[16];

    /** UTF-8 of the type and role labels met so far: the few labels repeat, thing after thing. */
    private final Map<String, byte[]> labels;

    ThingFrames(int capacity) {
        this(capacity, new IdentityHashMap<>());
    }

    /** A block that shares the labels' UTF-8 of {@code previous}. */
    ThingFrames(int capacity, ThingFrames previous) {
        this(capacity, previous.labels);
    }

    private ThingFrames(int capacity, Map<String, byte[]> labels) {
        buf = new byte[Math.max(64, capacity)];
        this.labels = labels;
    }

    byte[] bytes() { return buf; }

    int length() { return pos; }

    int items() { return items; }

    /** What the frames hold, counted as the file's checksums count it. */
    Counts counts() { return new Counts(entities, attributes, relations, rolePlayers, ownerships); }

    /** The value being encoded: its oneof field, its bits (numbers, booleans) or text and the text's UTF-8 length. */
    private int valueField, valueTextBytes;
    private long valueBits;
    private String valueText;

    /** Takes the attribute's value and returns the size of its ValueObject message. */
    private int value(Object v, ValueType type, long id) {
        // the same value cases and conversions (and failures) as Exporter.value
        int field;
        long bits = 0;
        String text = null;
        if (type == null) {
            if (v instanceof String s) { field = 1; text = s; }
            else if (v instanceof Double d) { field = 4; bits = Double.doubleToRawLongBits(d); }
            else if (v instanceof Boolean x) { field = 2; bits = x ? 1 : 0; }
            else { field = 3; bits = ((Number) v).longValue(); }
        } else {
            switch (type) {
                case STRING -> { field = 1; text = (String) v; }
                case LONG -> { field = 3; bits = ((Number) v).longValue(); }
                case DOUBLE -> { field = 4; bits = Double.doubleToRawLongBits(((Number) v).doubleValue()); }
                case BOOLEAN -> { field = 2; bits = ((Boolean) v) ? 1 : 0; }
                case DATETIME -> { field = 5; bits = ((Number) v).longValue(); }
                default -> throw new IllegalStateException("value type " + type);
            }
        }
        if (field == 1 && text == null) throw new NullPointerException("attribute " + ThingId.of(id) + " has no value");
        int textBytes = text == null ? 0 : utf8Length(text);
        valueField = field;
        valueBits = bits;
        valueText = text;
        valueTextBytes = textBytes;
        return switch (field) {
            case 1 -> 1 + varintSize(textBytes) + textBytes;
            case 4 -> 1 + 8;
            default -> 1 + varintSize(bits);
        };
    }

    /** Writes the value {@link #value} took, as the attribute's field 4. */
    private void writeValue(int size) {
        tagLength(4, size);
        switch (valueField) {
            case 1 -> stringBytes(1, valueText, valueTextBytes);
            case 4 -> {
                put((byte) (4 << 3 | 1));
                for (int i = 0; i < 8; i++) buf[pos++] = (byte) (valueBits >>> (i << 3));
            }
            default -> {
                put((byte) (valueField << 3));
                varint(valueBits);
            }
        }
        valueText = null;
    }

    /**
     * Appends the frame of one thing of the kind, the ids written as {@link ThingId} spells them
     * without making their strings. {@code valueType} is the type's (attributes only; null for a type
     * the schema does not know: the value's own class decides).
     */
    void add(TypeKind kind, StoredThing t, ValueType valueType) {
        String label = t.type();
        long id = t.id();
        byte[] labelBytes = utf8(label);
        int body = idSize(id) + bytesSize(labelBytes) + ownedSize(t);
        switch (kind) {
            case ATTRIBUTE -> {
                int value = value(t.value(), valueType, id);
                body += 1 + varintSize(value) + value;
                frame(ATTRIBUTE, body);
                id(1, id);
                bytes(2, labelBytes);
                owned(t);
                writeValue(value);
                attributes++;
            }
            case ENTITY -> {
                frame(ENTITY, body);
                id(1, id);
                bytes(2, labelBytes);
                owned(t);
                entities++;
            }
            case RELATION -> {
                int roles = 0;
                int n = t.playerCount();
                for (int i = 0; i < n; ) {
                    String role = t.role(i);
                    int size = bytesSize(utf8(role));
                    int j = i;
                    for (; j < n && t.role(j).equals(role); j++) {
                        int player = idSize(t.player(j));
                        size += 1 + varintSize(player) + player;
                    }
                    if (roles == roleSizes.length) roleSizes = Arrays.copyOf(roleSizes, roles * 2);
                    roleSizes[roles++] = size;
                    body += 1 + varintSize(size) + size;
                    i = j;
                }
                frame(RELATION, body);
                id(1, id);
                bytes(2, labelBytes);
                owned(t);
                int r = 0;
                for (int i = 0; i < n; ) {
                    String role = t.role(i);
                    tagLength(4, roleSizes[r++]);
                    bytes(1, utf8(role));
                    int j = i;
                    for (; j < n && t.role(j).equals(role); j++) {
                        long player = t.player(j);
                        tagLength(2, idSize(player));
                        id(1, player);
                    }
                    i = j;
                }
                relations++;
                rolePlayers += n;
            }
        }
        items++;
        ownerships += t.ownedCount();
    }

    /** The label's UTF-8 as {@link String#getBytes} encodes it, whatever the characters (as protobuf does). */
    private byte[] utf8(String label) {
        byte[] b = labels.get(label);
        if (b == null) {
            b = label.getBytes(StandardCharsets.UTF_8);
            labels.put(label, b);
        }
        return b;
    }

    /** A string field's size from its UTF-8; proto3 leaves an empty string out. */
    private static int bytesSize(byte[] utf8) {
        return utf8.length == 0 ? 0 : 1 + varintSize(utf8.length) + utf8.length;
    }

    private void bytes(int field, byte[] utf8) {
        if (utf8.length == 0) return;
        tagLength(field, utf8.length);
        System.arraycopy(utf8, 0, buf, pos, utf8.length);
        pos += utf8.length;
    }

    /** An id field's size: the row id spelled as ThingId spells it, never empty. */
    private static int idSize(long rowId) {
        int n = ThingId.length(rowId);
        return 1 + varintSize(n) + n;
    }

    private void id(int field, long rowId) {
        tagLength(field, ThingId.length(rowId));
        pos = ThingId.write(rowId, buf, pos);
    }

    private static int ownedSize(StoredThing t) {
        int size = 0;
        for (int i = 0, n = t.ownedCount(); i < n; i++) {
            int o = idSize(t.owned(i));
            size += 1 + varintSize(o) + o;
        }
        return size;
    }

    private void owned(StoredThing t) {
        for (int i = 0, n = t.ownedCount(); i < n; i++) {
            long o = t.owned(i);
            tagLength(3, idSize(o));
            id(1, o);
        }
    }

    /** The frame's length, the item's oneof tag and the thing's length. */
    private void frame(int kindField, int body) {
        int item = 1 + varintSize(body) + body;
        ensure(varintSize(item) + item);
        varint(item);
        tagLength(kindField, body);
    }

    /** A string field of {@code bytes} UTF-8 bytes (written even when empty). */
    private void stringBytes(int field, String s, int bytes) {
        tagLength(field, bytes);
        int n = s.length();
        byte[] b = buf;
        int p = pos;
        if (n == bytes) {
            // as many bytes as chars: ASCII, unless a lone surrogate ('?') stands among them
            int i = 0;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) break;
                b[p + i] = (byte) c;
            }
            if (i == n) {
                pos = p + n;
                return;
            }
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(utf8, 0, b, p, utf8.length);
        pos = p + utf8.length;
    }

    /** UTF-8 length as {@link String#getBytes} encodes it (a lone surrogate is one byte, '?'). */
    private static int utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) return s.getBytes(StandardCharsets.UTF_8).length;
        }
        return n;
    }

    private void tagLength(int field, int length) {
        put((byte) (field << 3 | 2));
        varint(length);
    }

    private void put(byte b) {
        buf[pos++] = b;
    }

    private void varint(long v) {
        byte[] b = buf;
        int p = pos;
        while ((v & ~0x7fL) != 0) {
            b[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        pos = p;
    }

    private static int varintSize(long v) {
        // 1 byte per 7 bits; a negative int64 takes ten
        return v == 0 ? 1 : (64 - Long.numberOfLeadingZeros(v) + 6) / 7;
    }

    /** Room for {@code n} more bytes (a frame is sized before it is written, so once per thing). */
    private void ensure(int n) {
        if (buf.length - pos < n) {
            long want = Math.max((long) buf.length * 2, (long) pos + n);
            buf = Arrays.copyOf(buf, (int) Math.min(want, Integer.MAX_VALUE - 8));
        }
    }
}
