package io.graknmigrate.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LongPartitionsTest {

    private static long[] values(String shape, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (shape) {
                case "uniform" -> r.nextLong();
                case "sameTopBits" -> (r.nextLong() & 0x0000_ffff_ffff_ffffL) | (r.nextBoolean() ? 0x1234L << 48 : Long.MIN_VALUE);
                default -> r.nextLong(-5, 5);
            };
        }
        return a;
    }

    private static long[] drain(LongPartitions.Reader r, int partition) {
        LongStream.Builder b = LongStream.builder();
        r.sorted(partition, (values, from, to) -> {
            for (int i = from; i < to; i++) b.add(values[i]);
        });
        return b.build().toArray();
    }

    /**
     * Two writers on two threads, partitions read on two threads:
     * the partitions in order are the kept values sorted, whether a partition is sorted in memory,
     * through a LongSorter (more than maxInMemory values), spilled in blocks or not at all.
     */
    @ParameterizedTest
    @CsvSource({
            "uniform,0,1,7,100,1", "uniform,1,1,7,100,2", "uniform,5000,4,64,100000,3",
            "uniform,5000,16,64,100000,4", "uniform,20000,10,16,300,5", "sameTopBits,30000,3,100,1000,6",
            "repeats,20000,2,512,100000,7", "repeats,20000,6,33,50,8", "uniform,100000,8,8192,1000000,9",
            "uniform,300000,9,2048,4194304,10", "uniform,3,16,1,1,11"})
    void thePartitionsInOrderAreTheValuesSorted(String shape, int n, int bits, int blockLongs, int maxInMemory,
                                                long seed, @TempDir Path dir) throws Exception {
        long[] first = values(shape, n, seed);
        long[] second = values(shape, n / 2, seed + 100);
        long[] expected = LongStream.concat(Arrays.stream(first), Arrays.stream(second)).toArray();
        Arrays.sort(expected);
        try (LongPartitions parts = new LongPartitions(dir, bits, blockLongs, maxInMemory, 500)) {
            LongPartitions.Writer a = parts.writer();
            LongPartitions.Writer b = parts.writer();
            Thread other = new Thread(() -> {
                for (long v : second) b.add(v);
            });
            other.start();
            for (long v : first) a.add(v);
            other.join();
            long[][] got = new long[parts.partitions()][];
            Thread reader = new Thread(() -> {
                LongPartitions.Reader r = parts.reader();
                for (int i = 1; i < got.length; i += 2) got[i] = drain(r, i);
            });
            reader.start();
            LongPartitions.Reader r = parts.reader();
            for (int i = 0; i < got.length; i += 2) got[i] = drain(r, i);
            reader.join();
            long[] all = Stream.of(got).flatMapToLong(Arrays::stream).toArray();
            assertThat(all.length).isEqualTo(expected.length);
            assertThat(Arrays.equals(all, expected)).as("sorted kept values").isTrue();
            try (Stream<Path> files = Files.list(dir)) {
                long spilled = files.filter(p -> p.toString().endsWith(".parts")).count();
                if (n + n / 2 < blockLongs) assertThat(spilled).as("nothing spilled").isZero();
                if (n / 2 > 4 * blockLongs << bits) assertThat(spilled).as("spilled to one file").isEqualTo(1);
            }
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("temporary files removed").isEmpty();
        }
    }

    /** A block that cannot be written (the temporary directory is gone) fails the add that filled it, naming the file. */
    @org.junit.jupiter.api.Test
    void aBlockThatCannotBeWrittenFailsTheAdd(@TempDir Path dir) throws Exception {
        Path gone = dir.resolve("gone");
        try (LongPartitions parts = new LongPartitions(gone, 1, 4, 100, 100)) {
            LongPartitions.Writer w = parts.writer();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                for (long v = 0; v < 100; v++) w.add(v);
            }).isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining(gone.toString());
        }
    }

    /**
     * A spill while the writing thread is interrupted (a signal, the other half failing) closes the
     * channel: that is a cancel, never reported as a temporary file that could not be written.
     */
    @Test
    void aSpillWhileInterruptedIsACancelNotAFailedWrite(@TempDir Path dir) {
        try (LongPartitions parts = new LongPartitions(dir, 4, 16, 64, 500)) {
            LongPartitions.Writer w = parts.writer();
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> {
                    for (long v = 0; v < 100_000; v++) w.add(v * 0x9E3779B97F4A7C15L);
                }).isInstanceOf(java.util.concurrent.CancellationException.class).hasCauseInstanceOf(java.nio.channels.ClosedByInterruptException.class);
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
        }
    }
}
