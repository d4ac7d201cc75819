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
}
