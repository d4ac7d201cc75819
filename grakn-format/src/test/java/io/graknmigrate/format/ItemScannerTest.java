package io.graknmigrate.format;

import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.graknmigrate.format.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The wire-level scanner must see exactly what the generated parser sees. */
class ItemScannerTest {

    /** What the scanner reports of one item, rebuilt as an Item for comparison. */
    static Item view(ItemScanner s) {
        Item.Builder b = Item.newBuilder();
        switch (s.kind()) {
            case HEADER -> b.setHeader(Item.Header.newBuilder().setGraknVersion(s.graknVersion()).setOriginalDatabase(s.originalDatabase()));
            case CHECKSUMS -> b.setChecksums(s.checksums());
            case ENTITY -> {
                Item.Entity.Builder e = Item.Entity.newBuilder().setId(s.id().toString()).setLabel(s.label().toString());
                for (int i = 0; i < s.ownedCount(); i++) e.addAttribute(Item.OwnedAttribute.newBuilder().setId(s.owned(i).toString()));
                b.setEntity(e);
            }
            case ATTRIBUTE -> {
                Item.Attribute.Builder a = Item.Attribute.newBuilder().setId(s.id().toString()).setLabel(s.label().toString());
                for (int i = 0; i < s.ownedCount(); i++) a.addAttribute(Item.OwnedAttribute.newBuilder().setId(s.owned(i).toString()));
                if (s.hasValue()) {
                    ValueObject.Builder v = ValueObject.newBuilder();
                    switch (s.valueKind()) {
                        case STRING -> v.setString(s.stringValue().toString());
                        case BOOLEAN -> v.setBoolean(s.booleanValue());
                        case LONG -> v.setLong(s.longValue());
                        case DOUBLE -> v.setDouble(s.doubleValue());
                        case DATETIME -> v.setDatetime(s.longValue());
                        default -> { }
                    }
                    a.setValue(v);
                }
                b.setAttribute(a);
            }
            case RELATION -> {
                Item.Relation.Builder r = Item.Relation.newBuilder().setId(s.id().toString()).setLabel(s.label().toString());
                for (int i = 0; i < s.ownedCount(); i++) r.addAttribute(Item.OwnedAttribute.newBuilder().setId(s.owned(i).toString()));
                for (int k = 0; k < s.roleCount(); k++) {
                    Item.Relation.Role.Builder role = Item.Relation.Role.newBuilder().setLabel(s.roleLabel(k).toString());
                    for (int p = 0; p < s.playerCount(k); p++) role.addPlayer(Item.Relation.Role.Player.newBuilder().setId(s.player(k, p).toString()));
                    r.addRole(role);
                }
                b.setRelation(r);
            }
            default -> { }
        }
        return b.build();
    }

    /** Known fields only, as the scanner sees them (it ignores unknown fields and key_ownership's absence). */
    static Item known(Item item) {
        Item.Builder b = item.toBuilder();
        clearUnknown(b);
        return b.build();
    }

    private static void clearUnknown(com.google.protobuf.Message.Builder b) {
        b.setUnknownFields(com.google.protobuf.UnknownFieldSet.getDefaultInstance());
        for (var entry : b.getAllFields().entrySet()) {
            var field = entry.getKey();
            if (field.getJavaType() != com.google.protobuf.Descriptors.FieldDescriptor.JavaType.MESSAGE) continue;
            if (field.isRepeated()) {
                for (int i = 0; i < b.getRepeatedFieldCount(field); i++) b.getRepeatedFieldBuilder(field, i).setUnknownFields(com.google.protobuf.UnknownFieldSet.getDefaultInstance());
                for (int i = 0; i < b.getRepeatedFieldCount(field); i++) clearUnknown(b.getRepeatedFieldBuilder(field, i));
            } else {
                clearUnknown(b.getFieldBuilder(field));
            }
        }
    }

    static List<Item> scan(byte[] bytes) {
        return scan(bytes, false);
    }

    /** The items as the scanner sees them; with {@code hashIds}, every id's hash taken while reading is checked too. */
    static List<Item> scan(byte[] bytes, boolean hashIds) {
        List<Item> out = new ArrayList<>();
        try (ItemScanner s = ItemScanner.open(new ByteArrayInputStream(bytes), "scan")) {
            if (hashIds) s.hashIds();
            while (s.next()) {
                if (hashIds) assertHashes(s);
                if (s.kind() != ItemKind.UNKNOWN) out.add(view(s));
            }
        }
        return out;
    }

    private static void assertHashes(ItemScanner s) {
        if (!s.kind().isThing()) return;
        if (!s.id().isEmpty()) assertThat(s.idHash()).as("hash of id %s", s.id()).isEqualTo(s.id().hash64());
        for (int i = 0; i < s.ownedCount(); i++) assertThat(s.ownedHash(i)).as("hash of owned %d", i).isEqualTo(s.owned(i).hash64());
        for (int i = 0; i < s.playerCount(); i++) assertThat(s.playerHash(i)).as("hash of player %d", i).isEqualTo(s.player(i).hash64());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void seesWhatTheParserSeesOnValidFiles(boolean hashIds) {
        List<Item> items = new ArrayList<>(randomBackup(11, 2000));
        int i = 0;
        for (ValueObject v : extremeValues()) items.add(attribute("X" + i++, "\uD83D\uDE00", v));
        items.add(checksums(1, 2, 3, 4, 5));
        assertThat(scan(encode(items), hashIds)).containsExactlyElementsOf(items);
    }

    @Test
    void theRealExportScansLikeItParses() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(SIMULATION), "../shared not found: skipping");
        List<Item> parsed = ItemReaderTest.readAll(SIMULATION);
        List<Item> scanned = new ArrayList<>();
        try (ItemScanner s = ItemScanner.open(SIMULATION)) {
            while (s.next()) scanned.add(view(s));
        }
        assertThat(scanned).hasSize(parsed.size());
        for (int k = 0; k < parsed.size(); k++) assertThat(scanned.get(k)).isEqualTo(known(parsed.get(k)));
    }

    /**
     * Seeded mutations of valid items: whatever the parser makes of the bytes (an item, or an
     * INVALID_PROTOBUF failure), the scanner must make the same.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void agreesWithTheParserOnMutatedItems(long seed) {
        Random random = new Random(seed);
        List<Item> items = randomBackup(seed, 200);
        int agreedFailures = 0;
        for (int round = 0; round < 400; round++) {
            byte[] message = items.get(random.nextInt(items.size())).toByteArray();
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations && message.length > 0; m++) {
                int at = random.nextInt(message.length);
                switch (random.nextInt(3)) {
                    case 0 -> message[at] = (byte) random.nextInt(256);
                    case 1 -> message[at] ^= (byte) (1 << random.nextInt(8));
                    default -> message = java.util.Arrays.copyOf(message, at);
                }
            }
            byte[] bytes = concat(encode(header("1", "x")), frame(message));
            Item parsed = null;
            GraknFormatException parseError = null;
            try {
                List<Item> all = ItemReaderTest.readAll(bytes);
                parsed = all.size() > 1 ? all.get(1) : null;
            } catch (GraknFormatException e) {
                parseError = e;
            }
            Item scanned = null;
            GraknFormatException scanError = null;
            try {
                List<Item> all = scan(bytes, round % 2 == 1);
                scanned = all.size() > 1 ? all.get(1) : null;
            } catch (GraknFormatException e) {
                scanError = e;
            }
            if (parseError != null) {
                assertThat(scanError).as("round %d: parser failed with %s", round, parseError.getMessage()).isNotNull();
                assertThat(scanError.kind()).isEqualTo(parseError.kind());
                assertThat(scanError.offset()).isEqualTo(parseError.offset());
                agreedFailures++;
            } else {
                assertThat(scanError).as("round %d", round).isNull();
                assertThat(scanned).as("round %d", round).isEqualTo(parsed == null ? null : known(parsed));
            }
        }
        assertThat(agreedFailures).isGreaterThan(0);
    }

    /**
     * Every byte position of ids from 1 to 24 bytes (the scanner checks eight bytes at a time, and
     * while hashing ids reads them as two words) with each kind of bad or good non-ASCII byte, in a
     * thing's id, an owned attribute's id and a player's id: scanner and parser accept and reject the
     * same items, and the hashes taken while reading are those of the ids read.
     */
    @ParameterizedTest
    @CsvSource({"0x80,false", "0xbf,true", "0xc0,false", "0xc3,true", "0xe2,false", "0xed,true", "0xf0,false",
            "0xf4,true", "0xf5,false", "0xff,true", "0xc3,false", "0xe2,true", "0xf0,true", "0x80,true"})
    void checksUtf8AtEveryPositionLikeTheParser(String badByte, boolean hashIds) {
        int bad = Integer.decode(badByte);
        for (int len = 1; len <= 24; len++) {
            for (int at = 0; at < len; at++) {
                String id = "q".repeat(len);
                byte[] message = switch (at % 3) {
                    case 0 -> entity(id, "person").toByteArray();
                    case 1 -> entity("e", "person", "a1", id).toByteArray();
                    default -> relation("r", "marriage", "wife:p1", "husband:p2," + id).toByteArray();
                };
                int start = indexOf(message, id.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                message[start + at] = (byte) bad;
                if (at + 1 < len && bad >= 0xc2 && bad < 0xe0) message[start + at + 1] = (byte) 0xa9; // a valid pair
                byte[] bytes = concat(encode(header("1", "x")), frame(message));
                GraknFormatException parseError = null;
                Item parsed = null;
                try {
                    parsed = ItemReaderTest.readAll(bytes).get(1);
                } catch (GraknFormatException e) {
                    parseError = e;
                }
                GraknFormatException scanError = null;
                Item scanned = null;
                try {
                    scanned = scan(bytes, hashIds).get(1);
                } catch (GraknFormatException e) {
                    scanError = e;
                }
                if (parseError != null) {
                    assertThat(scanError).as("byte %x at %d of %d", bad, at, len).isNotNull();
                    assertThat(scanError.kind()).isEqualTo(parseError.kind());
                } else {
                    assertThat(scanError).as("byte %x at %d of %d", bad, at, len).isNull();
                    assertThat(scanned).isEqualTo(parsed);
                }
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }

    /** Header and checksums fields of one item never show through in the next. */
    @Test
    void noStateLeaksFromOneItemToTheNext() {
        List<Item> items = List.of(header("1.8.4", "db"), entity("e1", "person"), Item.newBuilder().setHeader(Item.Header.getDefaultInstance()).build(),
                checksums(1, 2, 3, 4, 5), Item.newBuilder().setChecksums(Item.Checksums.getDefaultInstance()).build(),
                header("1.8.4", "db"), Item.newBuilder().setHeader(Item.Header.getDefaultInstance()).build());
        assertThat(scan(encode(items))).containsExactlyElementsOf(items);
        try (ItemScanner s = ItemScanner.open(new ByteArrayInputStream(encode(List.of(header("1.8.4", "db"), entity("e1", "person"),
                checksums(1, 2, 3, 4, 5), entity("e2", "person")))), "scan")) {
            s.next();
            s.next();
            assertThat(s.graknVersion()).isEmpty();
            s.next();
            s.next();
            assertThat(s.checksum(1)).isZero();
        }
    }

    @Test
    void repeatedOneofMessagesMergeAndAnotherCaseReplaces() {
        byte[] a = entity("E1", "person", "A1").toByteArray();
        byte[] b = Item.newBuilder().setEntity(Item.Entity.newBuilder().setLabel("human").addAttribute(Item.OwnedAttribute.newBuilder().setId("A2"))).build().toByteArray();
        byte[] merged = concat(a, b);
        byte[] replaced = concat(a, header("9", "y").toByteArray());
        for (byte[] m : List.of(merged, replaced)) {
            byte[] bytes = frame(m);
            assertThat(scan(bytes)).isEqualTo(ItemReaderTest.readAll(bytes).stream().map(ItemScannerTest::known).toList());
        }
    }

    @Test
    void fieldsInAnyOrderFromOtherEncoders() throws java.io.IOException {
        java.io.ByteArrayOutputStream owned = new java.io.ByteArrayOutputStream();
        com.google.protobuf.CodedOutputStream o = com.google.protobuf.CodedOutputStream.newInstance(owned);
        o.writeString(1, "A1");
        o.flush();
        java.io.ByteArrayOutputStream value = new java.io.ByteArrayOutputStream();
        com.google.protobuf.CodedOutputStream v = com.google.protobuf.CodedOutputStream.newInstance(value);
        v.writeDouble(4, Double.NaN);
        v.flush();
        java.io.ByteArrayOutputStream attr = new java.io.ByteArrayOutputStream();
        com.google.protobuf.CodedOutputStream a = com.google.protobuf.CodedOutputStream.newInstance(attr);
        a.writeByteArray(4, value.toByteArray());   // value first
        a.writeByteArray(3, owned.toByteArray());   // then an ownership
        a.writeString(2, "weight");                 // label before id
        a.writeString(1, "A2");
        a.flush();
        java.io.ByteArrayOutputStream item = new java.io.ByteArrayOutputStream();
        com.google.protobuf.CodedOutputStream i = com.google.protobuf.CodedOutputStream.newInstance(item);
        i.writeByteArray(1, attr.toByteArray());
        i.flush();
        byte[] bytes = frame(item.toByteArray());
        List<Item> parsed = ItemReaderTest.readAll(bytes);
        assertThat(parsed.get(0).getAttribute().getLabel()).isEqualTo("weight");
        assertThat(scan(bytes)).isEqualTo(parsed);
    }
}
