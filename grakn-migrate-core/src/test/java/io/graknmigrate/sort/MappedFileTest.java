package io.graknmigrate.sort;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappedFileTest {

    @TempDir
    Path dir;

    /**
     * Appends through the staging buffer (records, longs and byte strings, one longer than the buffer,
     * many crossing its flushes and the mapping's 16 MiB parts) read back as written once appending
     * ends, and can then be set in place; the file is gone on close.
     */
    @Test
    void stagedAppendsReadBackAfterTheyEnd() throws Exception {
        SplittableRandom r = new SplittableRandom(21);
        int n = 300_000;
        long[] offsets = new long[n];
        byte[][] strings = new byte[n][];
        try (MappedFile records = MappedFile.appended(dir, "records"); MappedFile heap = MappedFile.appended(dir, "heap")) {
            for (int i = 0; i < n; i++) {
                strings[i] = new byte[i == 7 ? 3 << 20 : r.nextInt(120)];
                r.nextBytes(strings[i]);
                offsets[i] = heap.appendBytes(strings[i], 0, strings[i].length);
                assertThat(records.appendLongs(i, -i, offsets[i], Long.MIN_VALUE + i)).isEqualTo(4L * i);
            }
            records.appendLong(42);
            records.endAppends();
            heap.endAppends();
            for (int i = 0; i < n; i++) {
                assertThat(records.getLong(4L * i)).isEqualTo(i);
                assertThat(records.getLong(4L * i + 1)).isEqualTo(-i);
                assertThat(records.getLong(4L * i + 3)).isEqualTo(Long.MIN_VALUE + i);
                assertThat(heap.bytesAt(records.getLong(4L * i + 2))).as("string %d", i).isEqualTo(strings[i]);
            }
            assertThat(records.getLong(4L * n)).isEqualTo(42);
            records.setLong(3, 5);
            assertThat(records.getLong(3)).isEqualTo(5);
        }
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    /** Bulk appends written through the channel (a sorted run) read back across parts, after mapped appends too. */
    @Test
    void longsWrittenThroughTheChannelReadBack() {
        long[] a = new long[3 << 20];
        for (int i = 0; i < a.length; i++) a[i] = i * 31L - 7;
        try (MappedFile runs = MappedFile.create(dir, "run")) {
            runs.appendLongs(a, 0, a.length);
            runs.appendLong(-1);
            runs.appendLongs(a, 5, 1000);
            assertThat(runs.longCount()).isEqualTo(a.length + 1 + 1000);
            for (int i = 0; i < a.length; i += 997) assertThat(runs.getLong(i)).isEqualTo(a[i]);
            assertThat(runs.getLong(a.length)).isEqualTo(-1);
            for (int i = 0; i < 1000; i++) assertThat(runs.getLong(a.length + 1 + i)).isEqualTo(a[5 + i]);
        }
    }

    /** A write while the comparing thread is interrupted is the comparison cancelled, not a failing disk. */
    @Test
    void aWriteWhileInterruptedIsACancel() {
        try (MappedFile f = MappedFile.appended(dir, "records")) {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 1 << 20; i++) f.appendLongs(i, i, i, i);
                    f.endAppends();
                }).isInstanceOf(java.util.concurrent.CancellationException.class).hasMessage("interrupted");
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
        }
    }
}
