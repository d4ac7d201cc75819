package io.graknmigrate.format;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opening a file that is empty, foreign or damaged fails, and must not leave its descriptor open:
 * a long-running server would run out of them. Counted in {@code /proc/self/fd}.
 */
class FileDescriptorLeakTest {

    @TempDir
    Path dir;

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /**
     * Descriptors open on files under {@code dir}, looked at right after a failure: the JDK closes a
     * lost stream only when the garbage collector finds it, which would hide a leak from a count alone.
     */
    private long descriptorsIntoDir() throws IOException {
        Path real = dir.toRealPath();
        long n = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).startsWith(real)) n++;
                } catch (IOException | UnsupportedOperationException gone) {
                    // closed meanwhile (the listing's own descriptor)
                }
            }
        }
        return n;
    }

    private void noneLeft(String what, Path f) throws IOException {
        assertThat(descriptorsIntoDir()).as("descriptors left open by %s on %s", what, f.getFileName()).isZero();
    }

    private List<Path> badFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(Files.write(dir.resolve("empty.grakn"), new byte[0]));
        files.add(Files.writeString(dir.resolve("text.grakn"), "define person sub entity;\n"));
        files.add(Files.write(dir.resolve("sqlite.grakn"), "SQLite format 3\0 and then some pages".getBytes(StandardCharsets.US_ASCII)));
        files.add(Files.write(dir.resolve("zeros.grakn"), new byte[4096]));
        files.add(Files.write(dir.resolve("gzip-cut.grakn.gz"), new byte[] {0x1f, (byte) 0x8b, 8}));
        files.add(Files.write(dir.resolve("zstd-cut.grakn.zst"), new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0}));
        files.add(Files.write(dir.resolve("huge-prefix.grakn"), new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 1}));
        return files;
    }

    @Test
    void athousandFailedOpensLeakNoDescriptor() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "no /proc/self/fd on this system");
        List<Path> files = badFiles();
        for (Path f : files) tryAll(f); // warm up: class loading, native libraries
        long before = openDescriptors();
        for (int i = 0; i < 1000; i++) tryAll(files.get(i % files.size()));
        // A few for the JVM's own lazily opened files; a leak would be hundreds.
        assertThat(openDescriptors()).as("descriptors open after 1,000 failed opens").isLessThan(before + 8);
    }

    private void tryAll(Path f) throws IOException {
        try {
            ItemReader.open(f).close();
        } catch (RuntimeException expected) {
            // refused: the point is what stays open
        }
        noneLeft("ItemReader.open", f);
        try {
            ItemScanner.open(f).close();
        } catch (RuntimeException expected) {
            // refused
        }
        noneLeft("ItemScanner.open", f);
        try {
            JsonlReader.open(f).close();
        } catch (RuntimeException expected) {
            // refused
        }
        noneLeft("JsonlReader.open", f);
        try {
            Summary.of(f, f.toString(), ProgressListener.NONE);
        } catch (RuntimeException expected) {
            // refused
        }
        noneLeft("Summary.of", f);
        try {
            Verification.of(f, f.toString(), ProgressListener.NONE, dir);
        } catch (RuntimeException expected) {
            // refused
        }
        noneLeft("Verification.of", f);
    }

    @Test
    void aSorterClosedMidMergeClosesItsRunFiles() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "no /proc/self/fd on this system");
        for (int round = 0; round < 20; round++) {
            try (LongSorter sorter = new LongSorter(dir, 4)) {
                for (long v = 0; v < 100; v++) sorter.add(v * 7919 % 101);
                LongSorter.Cursor c = sorter.sorted();
                assertThat(c.next()).isTrue();
                c.value(); // abandoned mid-merge, as a failed verification does
            }
        }
        assertThat(descriptorsIntoDir()).as("run files still open after abandoned merges").isZero();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("run files deleted").isEmpty();
        }
    }
}
