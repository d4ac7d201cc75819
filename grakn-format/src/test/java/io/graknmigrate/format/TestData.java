package io.graknmigrate.format;

import com.google.protobuf.CodedOutputStream;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Builds items and encoded streams byte by byte for tests. */
final class TestData {

    private TestData() { }

    static final Path SHARED = Path.of("../../shared");
    static final Path SIMULATION = SHARED.resolve("fixtures/grakn-1.8/simulation.grakn");

    static Item header(String version, String db) {
        return Item.newBuilder().setHeader(Item.Header.newBuilder().setGraknVersion(version).setOriginalDatabase(db)).build();
    }

    static Item checksums(long e, long a, long r, long role, long own) {
        return Item.newBuilder().setChecksums(Item.Checksums.newBuilder().setEntityCount(e).setAttributeCount(a)
                .setRelationCount(r).setRoleCount(role).setOwnershipCount(own)).build();
    }

    static Item entity(String id, String label, String... owned) {
        Item.Entity.Builder b = Item.Entity.newBuilder().setId(id).setLabel(label);
        for (String o : owned) b.addAttribute(Item.OwnedAttribute.newBuilder().setId(o));
        return Item.newBuilder().setEntity(b).build();
    }

    static Item attribute(String id, String label, ValueObject value, String... owned) {
        Item.Attribute.Builder b = Item.Attribute.newBuilder().setId(id).setLabel(label);
        if (value != null) b.setValue(value);
        for (String o : owned) b.addAttribute(Item.OwnedAttribute.newBuilder().setId(o));
        return Item.newBuilder().setAttribute(b).build();
    }

    static Item attribute(String id, String label, String value) {
        return attribute(id, label, ValueObject.newBuilder().setString(value).build());
    }

    /** A relation; roles as "role:player1,player2". */
    static Item relation(String id, String label, String... roles) {
        Item.Relation.Builder b = Item.Relation.newBuilder().setId(id).setLabel(label);
        for (String role : roles) {
            String[] parts = role.split(":", 2);
            Item.Relation.Role.Builder rb = Item.Relation.Role.newBuilder().setLabel(parts[0]);
            if (parts.length > 1 && !parts[1].isEmpty()) {
                for (String p : parts[1].split(",")) rb.addPlayer(Item.Relation.Role.Player.newBuilder().setId(p));
            }
            b.addRole(rb);
        }
        return Item.newBuilder().setRelation(b).build();
    }

    /** The delimited encoding of the items. */
    static byte[] encode(Item... items) {
        return encode(List.of(items));
    }

    static byte[] encode(List<Item> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (Item item : items) item.writeDelimitedTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** A length prefix followed by exactly these message bytes. */
    static byte[] frame(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(out);
        try {
            c.writeUInt32NoTag(message.length);
            c.writeRawBytes(message);
            c.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] varint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(out);
        try {
            c.writeUInt64NoTag(v);
            c.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A small, valid, consistent backup: header, things, checksums last. */
    static List<Item> smallBackup() {
        List<Item> items = new ArrayList<>();
        items.add(header("1.8.4", "social"));
        items.add(attribute("A1", "name", "Alice"));
        items.add(attribute("A2", "name", "Bob"));
        items.add(attribute("A3", "age", ValueObject.newBuilder().setLong(42).build()));
        items.add(entity("E1", "person", "A1", "A3"));
        items.add(entity("E2", "person", "A2"));
        items.add(relation("R1", "friendship", "friend:E1,E2"));
        items.add(relation("R2", "employment", "employee:E1", "employer:E2"));
        items.add(checksums(2, 3, 2, 4, 3));
        return items;
    }

    /** Random but valid things with consistent references, seeded. */
    static List<Item> randomBackup(long seed, int things) {
        Random random = new Random(seed);
        List<Item> items = new ArrayList<>();
        items.add(header("1.8.4", "random-" + seed));
        int attributes = Math.max(1, things / 3);
        for (int i = 0; i < attributes; i++) items.add(attribute("A" + i, "attr" + random.nextInt(5), randomValue(random)));
        int entities = Math.max(1, things / 3);
        for (int i = 0; i < entities; i++) {
            int owned = random.nextInt(4);
            String[] ids = new String[owned];
            for (int k = 0; k < owned; k++) ids[k] = "A" + random.nextInt(attributes);
            items.add(entity("E" + i, "ent" + random.nextInt(4), ids));
        }
        for (int i = 0; i < things - attributes - entities; i++) {
            int roles = 1 + random.nextInt(3);
            String[] rs = new String[roles];
            for (int k = 0; k < roles; k++) {
                int players = random.nextInt(3);
                StringBuilder sb = new StringBuilder("role" + random.nextInt(6) + ":");
                for (int p = 0; p < players; p++) sb.append(p == 0 ? "" : ",").append("E").append(random.nextInt(entities));
                rs[k] = sb.toString();
            }
            items.add(relation("R" + i, "rel" + random.nextInt(3), rs));
        }
        return items;
    }

    /**
     * A random backup with, wherever they fall, misplaced and repeated headers and checksums, missing
     * ids, a duplicate, dangling references, implicit labels, attributes without a value, unknown
     * items and many labels; with or without a header first. Seeded.
     */
    static List<Item> mixedBackup(long seed) {
        Random r = new Random(seed);
        List<Item> items = new ArrayList<>(randomBackup(seed, 200 + r.nextInt(400)));
        int extras = 1 + r.nextInt(30);
        for (int i = 0; i < extras; i++) {
            int at = r.nextInt(items.size() + 1);
            switch (r.nextInt(9)) {
                case 0 -> items.add(at, header("1.8.4", "again" + i));
                case 1 -> items.add(at, checksums(1, 2, 3, 4, 5));
                case 2 -> items.add(at, entity("", "person"));
                case 3 -> items.add(at, entity("dup", "person"));
                case 4 -> items.add(at, entity("X" + i, "person", "missing" + r.nextInt(3)));
                case 5 -> items.add(at, relation("R" + i, "@has-name", "@has-name-owner:gone" + i));
                case 6 -> items.add(at, attribute("A" + i, "name", (ValueObject) null));
                case 7 -> items.add(at, Item.newBuilder().setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
                        .addField(9, com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(i).build()).build()).build());
                default -> items.add(at, entity("E-new" + i, "label" + r.nextInt(50)));
            }
        }
        if (r.nextBoolean()) items.remove(0); // no header first
        return items;
    }

    /**
     * Three damaged copies of the encoded {@code items}, each at a seeded random place: cut short at
     * a byte, a length prefix beyond the limit at an item's start, an undecodable item inserted.
     */
    static List<byte[]> damagedCopies(List<Item> items, long seed) {
        Random r = new Random(seed ^ 0x5DEECE66DL);
        byte[] bytes = encode(items);
        byte[] cut = Arrays.copyOf(bytes, 1 + r.nextInt(bytes.length - 1));
        int at = 0;
        for (int i = 0, target = r.nextInt(items.size()); i < target; i++) at += encode(items.get(i)).length;
        byte[] badPrefix = bytes.clone();
        badPrefix[at] = (byte) 0xff;
        byte[] garbage = concat(Arrays.copyOf(bytes, at), frame(new byte[] {(byte) 0x0a, (byte) 0x7f}),
                Arrays.copyOfRange(bytes, at, bytes.length));
        return List.of(cut, badPrefix, garbage);
    }

    static ValueObject randomValue(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> ValueObject.newBuilder().setString("s" + random.nextInt(1000)).build();
            case 1 -> ValueObject.newBuilder().setBoolean(random.nextBoolean()).build();
            case 2 -> ValueObject.newBuilder().setLong(random.nextLong()).build();
            case 3 -> ValueObject.newBuilder().setDouble(random.nextDouble() * 1e6 - 5e5).build();
            default -> ValueObject.newBuilder().setDatetime(random.nextLong() % 10_000_000_000_000L).build();
        };
    }

    /** Values at their extremes, of all five kinds. */
    static List<ValueObject> extremeValues() {
        List<ValueObject> v = new ArrayList<>();
        v.add(ValueObject.newBuilder().setString("").build());
        v.add(ValueObject.newBuilder().setString("\uD83D\uDE00 non-BMP \uD834\uDD1E and \u00e9\u4e2d").build());
        v.add(ValueObject.newBuilder().setString("line\nbreak \"quoted\" \\ \u0000 nul").build());
        v.add(ValueObject.newBuilder().setBoolean(false).build());
        v.add(ValueObject.newBuilder().setBoolean(true).build());
        v.add(ValueObject.newBuilder().setLong(Long.MIN_VALUE).build());
        v.add(ValueObject.newBuilder().setLong(Long.MAX_VALUE).build());
        v.add(ValueObject.newBuilder().setLong(0).build());
        v.add(ValueObject.newBuilder().setDouble(Double.NaN).build());
        v.add(ValueObject.newBuilder().setDouble(-0.0).build());
        v.add(ValueObject.newBuilder().setDouble(Double.POSITIVE_INFINITY).build());
        v.add(ValueObject.newBuilder().setDouble(Double.NEGATIVE_INFINITY).build());
        v.add(ValueObject.newBuilder().setDouble(Double.MIN_VALUE).build());
        v.add(ValueObject.newBuilder().setDouble(-Double.MAX_VALUE).build());
        v.add(ValueObject.newBuilder().setDatetime(-62_135_596_800_000L).build()); // year 1
        v.add(ValueObject.newBuilder().setDatetime(-1).build());
        v.add(ValueObject.newBuilder().setDatetime(Long.MIN_VALUE).build());
        v.add(ValueObject.newBuilder().setDatetime(Long.MAX_VALUE).build());
        return v;
    }
}
