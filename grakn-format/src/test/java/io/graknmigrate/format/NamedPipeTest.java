package io.graknmigrate.format;

import io.graknmigrate.format.proto.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A pipe named as a file, as a shell's {@code <(zcat backup.grakn.gz)} gives one: its size reads as
 * zero, which must not be taken for a file of zero bytes (every item would look truncated). Real
 * FIFOs, written by another thread.
 */
class NamedPipeTest {

    @TempDir
    Path dir;

    private Path fifoWith(byte[] bytes) throws Exception {
        Path fifo = dir.resolve("items-" + System.nanoTime() + ".pipe");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here: " + e.getMessage());
            return null;
        }
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.setDaemon(true);
        writer.start();
        return fifo;
    }

    private static byte[] backup() {
        List<Item> items = new ArrayList<>();
        items.add(TestData.header("1.8.4", "pipe"));
        for (int i = 0; i < 500; i++) items.add(TestData.entity("V" + (4096 + i), "person"));
        items.add(TestData.checksums(500, 0, 0, 0, 0));
        return TestData.encode(items);
    }

    @Test
    void theScannerReadsEveryItemOfAPipe() throws Exception {
        Path fifo = fifoWith(backup());
        try (ItemScanner s = ItemScanner.open(fifo, "pipe")) {
            assertThat(s.size()).isEqualTo(-1);
            long things = 0;
            while (s.next()) if (s.kind() == ItemKind.ENTITY) things++;
            assertThat(things).isEqualTo(500);
        }
    }

    @Test
    void verifyOfAPipeFindsNoProblem() throws Exception {
        Path fifo = fifoWith(backup());
        Verification v = Verification.of(fifo, "pipe", ProgressListener.NONE, dir);
        assertThat(v.problems()).isEmpty();
        assertThat(v.summary().items()).isEqualTo(502);
    }
}
