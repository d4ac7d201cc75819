package io.graknmigrate.format;

import com.google.protobuf.CodedOutputStream;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static io.graknmigrate.format.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ItemReaderTest {

    @TempDir
    Path dir;

    static List<Item> readAll(byte[] bytes) {
        try (ItemReader r = ItemReader.open(new ByteArrayInputStream(bytes), "test.grakn")) {
            List<Item> out = new ArrayList<>();
            r.forEachRemaining(out::add);
            return out;
        }
    }

    static List<Item> readAll(Path path) {
        try (ItemReader r = ItemReader.open(path)) {
            List<Item> out = new ArrayList<>();
            r.forEachRemaining(out::add);
            return out;
        }
    }

    static GraknFormatException failure(byte[] bytes) {
        return catchThrowableOfType(GraknFormatException.class, () -> readAll(bytes));
    }

    GraknFormatException fileFailure(byte[] bytes) throws IOException {
        Path file = dir.resolve("bad.grakn");
        Files.write(file, bytes);
        return catchThrowableOfType(GraknFormatException.class, () -> readAll(file));
    }

    @Test
    void readsItemsInTheOrderWritten() {
        List<Item> items = smallBackup();
        assertThat(readAll(encode(items))).containsExactlyElementsOf(items);
    }

    @Test
    void acceptsChecksumsFirstAndItemsInAnyOrder() {
        List<Item> items = new ArrayList<>(smallBackup());
        Item checksums = items.remove(items.size() - 1);
        items.add(0, checksums);
        java.util.Collections.reverse(items.subList(2, items.size()));
        assertThat(readAll(encode(items))).containsExactlyElementsOf(items);
        Summary s = Summary.of(new ByteArrayInputStream(encode(items)), "x", ProgressListener.NONE);
        assertThat(s.checksumsMatch()).isTrue();
    }

    @Test
    void valuesAtTheirExtremesSurviveAFileRoundTrip() throws IOException {
        List<Item> items = new ArrayList<>();
        int i = 0;
        for (ValueObject v : extremeValues()) items.add(attribute("V" + i++, "\uD83D\uDE00label", v));
        Path file = dir.resolve("extremes.grakn");
        try (ItemWriter w = ItemWriter.create(file)) {
            w.header("1.8.4", "");
            items.forEach(w::write);
            w.finish();
        }
        List<Item> read = readAll(file);
        assertThat(read.subList(1, read.size() - 1)).containsExactlyElementsOf(items);
        Item nan = read.stream().filter(it -> it.hasAttribute() && it.getAttribute().getValue().getValueCase() == ValueObject.ValueCase.DOUBLE
                && Double.isNaN(it.getAttribute().getValue().getDouble())).findFirst().orElseThrow();
        assertThat(nan).isNotNull();
        assertThat(read).anySatisfy(it -> assertThat(Double.doubleToRawLongBits(it.getAttribute().getValue().getDouble()))
                .isEqualTo(Double.doubleToRawLongBits(-0.0)));
    }

    @Test
    void defaultValuesInAOneofArePresentOnTheWire() {
        byte[] bytes = encode(attribute("V1", "flag", ValueObject.newBuilder().setBoolean(false).build()));
        Item read = readAll(bytes).get(0);
        assertThat(read.getAttribute().getValue().getValueCase()).isEqualTo(ValueObject.ValueCase.BOOLEAN);
        assertThat(read.getAttribute().getValue().getBoolean()).isFalse();
    }

    @Test
    void emptyInputIsAnError() throws IOException {
        GraknFormatException e = fileFailure(new byte[0]);
        assertThat(e.kind()).isEqualTo(GraknFormatException.Defect.EMPTY);
        assertThat(e.getMessage()).contains("bad.grakn").contains("empty").doesNotContain("\n");
        assertThat(failure(new byte[0]).kind()).isEqualTo(GraknFormatException.Defect.EMPTY);
    }

    @Test
    void truncatedLastItemNamesOffsetAndIndex() throws IOException {
        byte[] whole = encode(smallBackup());
        byte[] cut = Arrays.copyOf(whole, whole.length - 3);
        int lastStart = encode(smallBackup().subList(0, 8)).length;
        GraknFormatException e = fileFailure(cut);
        assertThat(e.kind()).isEqualTo(GraknFormatException.Defect.TRUNCATED);
        assertThat(e.offset()).isEqualTo(lastStart);
        assertThat(e.itemIndex()).isEqualTo(8);
        assertThat(e.file()).endsWith("bad.grakn");
        assertThat(e.getMessage()).contains("truncated item at byte " + lastStart + " (item 8)").contains("incomplete").doesNotContain("\n");
        // The same from a stream, whose size is unknown.
        GraknFormatException s = failure(cut);
        assertThat(s.kind()).isEqualTo(GraknFormatException.Defect.TRUNCATED);
        assertThat(s.offset()).isEqualTo(lastStart);
        assertThat(s.itemIndex()).isEqualTo(8);
    }

    @Test
    void truncatedInsideALengthPrefix() {
        byte[] whole = encode(smallBackup().subList(0, 2));
        byte[] cut = concat(whole, new byte[] {(byte) 0x80});
        GraknFormatException e = failure(cut);
        assertThat(e.kind()).isEqualTo(GraknFormatException.Defect.TRUNCATED);
        assertThat(e.itemIndex()).isEqualTo(2);
        assertThat(e.offset()).isEqualTo(whole.length);
    }

    @Test
    void everyCutOfAValidFileIsTruncatedOrClean() {
        byte[] whole = encode(smallBackup());
        for (int n = 1; n < whole.length; n++) {
            byte[] cut = Arrays.copyOf(whole, n);
            List<Item> items = null;
            GraknFormatException e = null;
            try {
                items = readAll(cut);
            } catch (GraknFormatException x) {
                e = x;
            }
            if (e == null) assertThat(items).isEqualTo(smallBackup().subList(0, items.size()));
            else assertThat(e.kind()).as("cut at " + n).isIn(GraknFormatException.Defect.TRUNCATED);
        }
    }

    @Test
    void aOneGigabyteLengthPrefixIsRefusedWithoutAllocating() throws IOException {
        byte[] bytes = concat(encode(header("1.8.4", "db")), varint(1L << 30), new byte[] {0x12, 0x00});
        long before = System.nanoTime();
        GraknFormatException e = failure(bytes);
        assertThat(e.kind()).isEqualTo(GraknFormatException.Defect.LENGTH_TOO_LARGE);
        assertThat(e.itemIndex()).isEqualTo(1);
        assertThat(e.getMessage()).contains("1073741824").contains("(item 1)");
        GraknFormatException f = fileFailure(bytes);
        assertThat(f.kind()).isEqualTo(GraknFormatException.Defect.LENGTH_TOO_LARGE);
        // Below the limit but beyond the end of a stream of unknown size: the buffer grows only with real bytes.
        byte[] lying = concat(encode(header("1.8.4", "db")), varint(60L << 20), new byte[1000]);
        for (int i = 0; i < 20; i++) assertThat(failure(lying).kind()).isEqualTo(GraknFormatException.Defect.TRUNCATED);
        assertThat(System.nanoTime() - before).isLessThan(5_000_000_000L);
        // A 64-bit and an overlong varint.
        assertThat(failure(concat(varint(-1L), new byte[10])).kind()).isIn(GraknFormatException.Defect.LENGTH_TOO_LARGE);
        byte[] overlong = new byte[12];
        Arrays.fill(overlong, (byte) 0xff);
        assertThat(failure(overlong).kind()).isEqualTo(GraknFormatException.Defect.INVALID_PROTOBUF);
    }

    @Test
    void theItemLimitIsConfigurable() {
        byte[] bytes = encode(attribute("V1", "text", "x".repeat(5000)));
        GraknFormatException e = catchThrowableOfType(GraknFormatException.class, () -> {
            try (ItemReader r = ItemReader.open(new ByteArrayInputStream(bytes), "small", 1000)) {
                r.next();
            }
        });
        assertThat(e.kind()).isEqualTo(GraknFormatException.Defect.LENGTH_TOO_LARGE);
        assertThat(e.getMessage()).contains("limit of 1000 bytes");
    }

    @Test
    void invalidProtobufInsideAnItem() {
        byte[] good = encode(header("1.8.4", "db"));
        // Field 2 (entity) claims 10 bytes but the item holds only 2.
        byte[] pastEnd = frame(new byte[] {0x12, 0x0a, 0x0a, 0x00});
        GraknFormatException e = failure(concat(good, pastEnd));
        assertThat(e.kind()).isEqualTo(GraknFormatException.Defect.INVALID_PROTOBUF);
        assertThat(e.itemIndex()).isEqualTo(1);
        assertThat(e.offset()).isEqualTo(good.length);
        assertThat(e.getMessage()).contains("invalid item at byte " + good.length + " (item 1)").contains("corrupt").doesNotContain("\n");
        // Wire type 7 does not exist.
        assertThat(failure(concat(good, frame(new byte[] {0x0f, 0x00}))).kind()).isEqualTo(GraknFormatException.Defect.INVALID_PROTOBUF);
        // Tag zero.
        assertThat(failure(concat(good, frame(new byte[] {0x00, 0x00}))).getMessage()).contains("tag zero");
        // Invalid UTF-8 in a label.
        byte[] entity = {0x12, 0x04, 0x12, 0x02, (byte) 0xc3, 0x28};
        assertThat(failure(concat(good, frame(entity))).getMessage()).contains("UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "jsonl", "sqlite", "zip", "graql", "pdf", "zeros"})
    void somethingElseEntirelyIsNamed(String what) throws IOException {
        byte[] bytes = switch (what) {
            case "text" -> "Hello, this is just a text file.\nWith lines.\n".getBytes(StandardCharsets.UTF_8);
            case "json" -> "{\n  \"entity\": {\"id\": \"V1\", \"label\": \"person\"}\n}\n".getBytes(StandardCharsets.UTF_8);
            case "jsonl" -> "{\"header\":{\"graknVersion\":\"1.8.4\"}}\n{\"entity\":{\"id\":\"V1\"}}\n".getBytes(StandardCharsets.UTF_8);
            case "sqlite" -> concat("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), new byte[100]);
            case "zip" -> concat(new byte[] {'P', 'K', 3, 4}, new byte[60]);
            case "graql" -> "define\n\nperson sub entity, has name;\n".getBytes(StandardCharsets.UTF_8);
            case "zeros" -> new byte[4096];
            default -> "%PDF-1.4\n%....".getBytes(StandardCharsets.ISO_8859_1);
        };
        GraknFormatException e = fileFailure(bytes);
        assertThat(e.kind()).isEqualTo(GraknFormatException.Defect.NOT_A_GRAKN_FILE);
        assertThat(e.getMessage()).startsWith(dir.resolve("bad.grakn") + ": not a .grakn file, it looks like").doesNotContain("\n");
        String expected = switch (what) {
            case "text" -> "text file";
            case "json", "jsonl" -> "JSON";
            case "sqlite" -> "SQLite";
            case "zip" -> "zip";
            case "graql" -> "Graql";
            case "zeros" -> "zero bytes";
            default -> "PDF";
        };
        assertThat(e.getMessage()).contains(expected);
    }

    @Test
    void randomGarbageFailsWithAFormatErrorNeverAnotherException() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[1 + random.nextInt(300)];
            random.nextBytes(bytes);
            try {
                readAll(bytes);
            } catch (GraknFormatException expected) {
                assertThat(expected.getMessage()).doesNotContain("\n").contains("test.grakn");
            }
        }
    }

    @Test
    void unknownFieldsAreToleratedAndKept() throws IOException {
        ByteArrayOutputStream entity = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(entity);
        c.writeString(1, "V1");
        c.writeString(2, "person");
        c.writeInt64(9, 77);          // unknown varint field
        c.writeString(10, "future");  // unknown length-delimited field
        c.writeFixed32(11, 5);        // unknown fixed32
        c.writeFixed64(12, 6);        // unknown fixed64
        c.flush();
        ByteArrayOutputStream item = new ByteArrayOutputStream();
        CodedOutputStream ci = CodedOutputStream.newInstance(item);
        ci.writeByteArray(2, entity.toByteArray());
        ci.writeInt32(20, 1);          // unknown top-level field next to a known kind
        ci.writeTag(21, 3);            // an unknown group
        ci.writeInt32(1, 5);
        ci.writeTag(21, 4);
        ci.flush();
        List<Item> read = readAll(concat(encode(header("1.9", "db")), frame(item.toByteArray())));
        assertThat(read).hasSize(2);
        assertThat(read.get(1).getEntity().getId()).isEqualTo("V1");
        assertThat(read.get(1).getEntity().getLabel()).isEqualTo("person");
        assertThat(read.get(1).getEntity().getUnknownFields().hasField(10)).isTrue();
    }

    @Test
    void unknownItemKindsAreCountedAndSkipped() throws IOException {
        ByteArrayOutputStream future = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(future);
        c.writeByteArray(17, new byte[] {0x0a, 0x01, 'x'}); // an item kind from a newer writer
        c.flush();
        byte[] bytes = concat(encode(header("1.9", "db")), frame(future.toByteArray()), frame(new byte[0]),
                encode(entity("E1", "person")));
        try (ItemReader r = ItemReader.open(new ByteArrayInputStream(bytes), "future.grakn")) {
            assertThat(r.next().hasHeader()).isTrue();
            Item e = r.next();
            assertThat(e.getEntity().getId()).isEqualTo("E1");
            assertThat(r.itemIndex()).isEqualTo(3);
            assertThat(r.hasNext()).isFalse();
            assertThat(r.unknownItems()).isEqualTo(2);
        }
        Summary s = Summary.of(new ByteArrayInputStream(bytes), "future.grakn", ProgressListener.NONE);
        assertThat(s.unknownItems()).isEqualTo(2);
        assertThat(s.items()).isEqualTo(4);
        assertThat(s.counts().entities()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"backup.grakn.gz", "backup.grakn.zst", "backup.grakn"})
    void compressedFilesAreDetectedByTheirMagicBytes(String name) throws IOException {
        Path file = dir.resolve(name);
        List<Item> things = randomBackup(7, 500).subList(1, 500);
        try (ItemWriter w = ItemWriter.create(file)) {
            w.header("1.8.4", "db");
            things.forEach(w::write);
            w.finish();
        }
        byte[] head = Arrays.copyOf(Files.readAllBytes(file), 4);
        Compression expected = Compression.fromFileName(name);
        assertThat(Compression.detect(head, 4)).isEqualTo(expected);
        // Renamed without its suffix, it is still read, by content.
        Path renamed = Files.move(file, dir.resolve("renamed"));
        try (ItemReader r = ItemReader.open(renamed)) {
            assertThat(r.compression()).isEqualTo(expected);
            List<Item> read = new ArrayList<>();
            r.forEachRemaining(read::add);
            assertThat(read.subList(1, read.size() - 1)).containsExactlyElementsOf(things);
            assertThat(r.position()).isEqualTo(Files.size(renamed));
        }
    }

    @Test
    void truncatedAndCorruptCompressedDataAreFormatErrors() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(encode(randomBackup(3, 300)));
        }
        byte[] bytes = gz.toByteArray();
        GraknFormatException cut = failure(Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(cut.kind()).isIn(GraknFormatException.Defect.TRUNCATED);
        byte[] corrupt = bytes.clone();
        for (int i = 20; i < 60; i++) corrupt[i] ^= 0x5a;
        GraknFormatException bad = failure(corrupt);
        assertThat(bad.getMessage()).doesNotContain("\n");

        Path zst = dir.resolve("x.grakn.zst");
        try (ItemWriter w = ItemWriter.create(zst)) {
            w.header("1.8.4", "db");
            randomBackup(3, 300).subList(1, 300).forEach(w::write);
            w.finish();
        }
        byte[] z = Files.readAllBytes(zst);
        GraknFormatException zcut = failure(Arrays.copyOf(z, z.length / 2));
        assertThat(zcut.kind()).isIn(GraknFormatException.Defect.TRUNCATED, GraknFormatException.Defect.CORRUPT_COMPRESSION);
    }

    @Test
    void positionAndItemIndexTrackTheInput() throws IOException {
        List<Item> items = smallBackup();
        byte[] bytes = encode(items);
        try (ItemReader r = ItemReader.open(new ByteArrayInputStream(bytes), "t")) {
            long index = 0;
            while (r.hasNext()) {
                r.next();
                assertThat(r.itemIndex()).isEqualTo(index++);
                assertThat(r.offset()).isEqualTo(encode(items.subList(0, (int) index)).length);
            }
            assertThat(r.position()).isEqualTo(bytes.length);
        }
    }

    @Test
    void readsTheRealGraknExport() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(SIMULATION), "../shared not found: skipping the real Grakn 1.8 export test");
        long entities = 0, attributes = 0, relations = 0, players = 0, owned = 0;
        Item first = null, last = null;
        try (ItemReader r = ItemReader.open(SIMULATION)) {
            while (r.hasNext()) {
                Item item = r.next();
                if (first == null) first = item;
                last = item;
                switch (item.getItemCase()) {
                    case ENTITY -> { entities++; owned += item.getEntity().getAttributeCount(); }
                    case ATTRIBUTE -> { attributes++; owned += item.getAttribute().getAttributeCount(); }
                    case RELATION -> {
                        relations++;
                        owned += item.getRelation().getAttributeCount();
                        for (Item.Relation.Role role : item.getRelation().getRoleList()) players += role.getPlayerCount();
                    }
                    default -> { }
                }
            }
            assertThat(r.unknownItems()).isZero();
        }
        assertThat(first.getHeader().getGraknVersion()).isEqualTo("1.7.3");
        assertThat(new long[] {entities, attributes, relations, players, owned}).containsExactly(6720, 15517, 8319, 17338, 28492);
        Item.Checksums c = last.getChecksums();
        assertThat(new long[] {c.getEntityCount(), c.getAttributeCount(), c.getRelationCount(), c.getRoleCount(), c.getOwnershipCount()})
                .containsExactly(6720, 15517, 8319, 17338, 28492);
    }

    @Test
    void anInputStreamIsReadToTheEndAndClosed() {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(encode(smallBackup())) {
            @Override public void close() { closed[0] = true; }
        };
        try (ItemReader r = ItemReader.open(in, "s")) {
            r.forEachRemaining(x -> { });
        }
        assertThat(closed[0]).isTrue();
        assertThatThrownBy(() -> readAll(encode(smallBackup())).get(100)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
