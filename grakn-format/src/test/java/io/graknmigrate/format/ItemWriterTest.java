package io.graknmigrate.format;

import io.graknmigrate.format.proto.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.graknmigrate.format.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ItemWriterTest {

    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void countsRolePlayersAndOwnershipsIntoTheChecksums() throws IOException {
        Path file = dir.resolve("out.grakn");
        Item.Checksums c;
        try (ItemWriter w = ItemWriter.create(file)) {
            w.header("1.8.4", "social");
            smallBackup().subList(1, 8).forEach(w::write);
            c = w.finish();
        }
        // 2 entities, 3 attributes, 2 relations; players E1,E2 + E1 + E2 = 4; owned A1,A3 + A2 = 3.
        assertThat(c).isEqualTo(smallBackup().get(8).getChecksums());
        List<Item> read = ItemReaderTest.readAll(file);
        assertThat(read).containsExactlyElementsOf(smallBackup());
        assertThat(files()).containsExactly(file);
    }

    @Test
    void aRoleWithManyPlayersCountsEachPlayer() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ItemWriter w = ItemWriter.to(out, "<stdout>");
        w.header("1.8.4", "db");
        w.write(relation("R1", "team", "member:E1,E2,E3", "captain:E1", "coach:"));
        Item.Checksums c = w.finish();
        assertThat(c.getRoleCount()).isEqualTo(4);
        assertThat(c.getRelationCount()).isEqualTo(1);
        assertThat(ItemReaderTest.readAll(out.toByteArray())).hasSize(3);
    }

    @Test
    void withoutFinishNoFileAppearsAndTheTemporaryIsGone() throws IOException {
        Path file = dir.resolve("partial.grakn");
        try (ItemWriter w = ItemWriter.create(file)) {
            w.header("1.8.4", "db");
            for (int i = 0; i < 10_000; i++) w.write(entity("E" + i, "person"));
            assertThat(files()).hasSize(1).noneMatch(p -> p.equals(file));
            assertThat(files().get(0).getFileName().toString()).startsWith(".partial.grakn.tmp-");
        }
        assertThat(files()).isEmpty();
    }

    @Test
    void anExistingFileIsReplacedOnlyOnFinish() throws IOException {
        Path file = dir.resolve("backup.grakn");
        Files.write(file, encode(smallBackup()));
        try (ItemWriter w = ItemWriter.create(file)) {
            w.header("2", "other");
            w.write(entity("E9", "thing"));
            assertThat(ItemReaderTest.readAll(file)).containsExactlyElementsOf(smallBackup());
        }
        assertThat(ItemReaderTest.readAll(file)).containsExactlyElementsOf(smallBackup());
        try (ItemWriter w = ItemWriter.create(file)) {
            w.header("2", "other");
            w.finish();
        }
        assertThat(ItemReaderTest.readAll(file)).hasSize(2);
    }

    @Test
    void theHeaderMustComeFirstAndChecksumsAreTheWritersJob() {
        ItemWriter w = ItemWriter.to(new ByteArrayOutputStream(), "x");
        w.write(entity("E1", "person"));
        assertThatThrownBy(() -> w.header("1.8.4", "db")).isInstanceOf(IllegalStateException.class).hasMessageContaining("first");
        assertThatThrownBy(() -> w.write(header("1", "d"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.write(checksums(1, 1, 1, 1, 1))).isInstanceOf(IllegalArgumentException.class);
        w.finish();
        assertThatThrownBy(() -> w.write(entity("E2", "person"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void writeAsIsPreservesAFileItemForItem() {
        List<Item> items = new java.util.ArrayList<>(smallBackup());
        items.add(0, items.remove(items.size() - 1)); // checksums first
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ItemWriter w = ItemWriter.to(out, "x")) {
            items.forEach(w::writeAsIs);
            w.complete();
        }
        assertThat(out.toByteArray()).isEqualTo(encode(items));
    }

    @Test
    void compressedStreamsAreFinishedButNotClosed() throws IOException {
        for (Compression c : Compression.values()) {
            boolean[] closed = {false};
            ByteArrayOutputStream out = new ByteArrayOutputStream() {
                @Override public void close() { closed[0] = true; }
            };
            try (ItemWriter w = ItemWriter.to(out, "<stdout>", c)) {
                w.header("1.8.4", "db");
                w.write(entity("E1", "person"));
                w.finish();
            }
            assertThat(closed[0]).isFalse();
            try (ItemReader r = ItemReader.open(new ByteArrayInputStream(out.toByteArray()), "x")) {
                assertThat(r.compression()).isEqualTo(c);
                int n = 0;
                while (r.hasNext()) {
                    r.next();
                    n++;
                }
                assertThat(n).isEqualTo(3);
            }
        }
    }

    /** Items of every shape the writer encodes itself, and the ones it leaves to protobuf. */
    private static List<Item> awkwardItems() {
        List<Item> items = new java.util.ArrayList<>(randomBackup(5, 300).subList(1, 301));
        int k = 0;
        for (io.graknmigrate.format.proto.ValueObject v : extremeValues()) items.add(attribute("X" + k++, "\u00e9t\u00e9", v));
        items.add(Item.newBuilder().setAttribute(Item.Attribute.newBuilder().setId("no-value").setLabel("a")).build());
        items.add(Item.newBuilder().setAttribute(Item.Attribute.newBuilder().setId("empty-value").setLabel("a")
                .setValue(io.graknmigrate.format.proto.ValueObject.getDefaultInstance())).build());
        items.add(entity("", "", "", "A1"));
        items.add(entity("\uD800 unpaired \uDFFF", "\uD83D\uDE00", "\u4e2d".repeat(50)));
        items.add(entity("x".repeat(127), "y".repeat(128), "z".repeat(16_384)));
        items.add(attribute("big", "text", "w".repeat(70_000)));          // larger than the writer's buffer
        items.add(attribute("big2", "text", "\u00e9".repeat(40_000)));    // larger once encoded
        items.add(relation("R-empty", "rel", "role:", ":E1,E2", "r2:"));
        // unknown fields, at the top and nested: written exactly as given
        Item unknown = Item.newBuilder().setEntity(Item.Entity.newBuilder().setId("U1").setLabel("person")
                .addAttribute(Item.OwnedAttribute.newBuilder().setId("A1").setUnknownFields(
                        com.google.protobuf.UnknownFieldSet.newBuilder().addField(9,
                                com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(42).build()).build())))
                .build();
        items.add(unknown);
        items.add(Item.newBuilder(entity("U2", "person")).setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
                .addField(20, com.google.protobuf.UnknownFieldSet.Field.newBuilder().addLengthDelimited(
                        com.google.protobuf.ByteString.copyFromUtf8("extra")).build()).build()).build());
        return items;
    }

    @Test
    void writesExactlyTheBytesProtobufWrites() throws IOException {
        List<Item> items = awkwardItems();
        // many copies, so items straddle the writer's buffer boundary at many offsets
        List<Item> all = new java.util.ArrayList<>();
        for (int copy = 0; copy < 20; copy++) all.addAll(items);
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        ItemWriter w = ItemWriter.to(ours, "<stdout>");
        w.header("1.8.4", "db");
        all.forEach(w::write);
        Item.Checksums c = w.finish();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        header("1.8.4", "db").writeDelimitedTo(expected);
        for (Item item : all) item.writeDelimitedTo(expected);
        Item.newBuilder().setChecksums(c).build().writeDelimitedTo(expected);
        assertThat(ours.toByteArray()).isEqualTo(expected.toByteArray());
    }
}
