package io.graknmigrate.sort;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteRecordSorterTest {

    /** Small enough that a few thousand records spill and some tens of thousands need a merge pass (eight runs merge at once). */
    private static final int SMALL_MEMORY = 64 << 10;
    private static final int LARGE_MEMORY = 8 << 20;

    @TempDir
    Path dir;

    private record Rec(byte[] key, byte[] payload) {
        /** The order the sorter promises: unsigned bytes, a prefix first; List.sort is stable. */
        static final Comparator<Rec> BY_KEY = (x, y) -> Arrays.compareUnsigned(x.key, y.key);
    }

    /** Kinds of key: each makes some of the cases an eight-byte prefix sort gets wrong unless the ties are fixed. */
    enum Shape {
        /** Any bytes, 0 to 24 of them. */
        RANDOM(r -> bytes(r, r.nextInt(25), 256)),
        /** Up to 12 bytes from 00, 01, 7F, 80, FF: empty keys, equal keys, prefixes, "ab" against "ab\0", ties on eight bytes. */
        FEW_BYTES(r -> {
            byte[] pick = {0x00, 0x01, 0x7F, (byte) 0x80, (byte) 0xFF};
            byte[] k = new byte[r.nextInt(13)];
            for (int i = 0; i < k.length; i++) k[i] = pick[r.nextInt(pick.length)];
            return k;
        }),
        /** Two bytes of type then a big-endian long: mostly small (their first eight bytes tie), some negative or any. */
        NUMBERS(r -> {
            long v = switch (r.nextInt(4)) {
                case 0, 1 -> r.nextInt(3000);
                case 2 -> -r.nextInt(3000);
                default -> r.nextLong();
            };
            byte[] k = new byte[10];
            k[0] = (byte) (r.nextInt(3) == 0 ? 0x80 : 0);
            k[1] = (byte) r.nextInt(3);
            for (int i = 0; i < 8; i++) k[2 + i] = (byte) (v >>> (56 - 8 * i));
            return k;
        }),
        /** Two bytes of type then UTF-8 text sharing long prefixes, some a prefix of others, some above 0x80. */
        TEXT(r -> {
            int k = r.nextInt(2500);
            String text = switch (r.nextInt(5)) {
                case 0 -> "person name #" + k;
                case 1 -> "person name #" + k + " jr";
                case 2 -> "persön nåme #" + k;
                case 3 -> "person nam";
                default -> "a much longer person name shared by many #" + k;
            };
            byte[] t = text.getBytes(StandardCharsets.UTF_8);
            byte[] key = new byte[t.length + 2];
            key[1] = (byte) (r.nextInt(4) == 0 ? 0xFE : 1);
            System.arraycopy(t, 0, key, 2, t.length);
            return key;
        }),
        /** Three keys, one a prefix of the others, which tie on their first eight bytes: records of one key in bulk. */
        EQUAL(r -> {
            String[] keys = {"same-key-prefix-", "same-key-prefix-A", "same-key-prefix-B"};
            return keys[r.nextInt(keys.length)].getBytes(StandardCharsets.US_ASCII);
        }),
        /**
         * Prefixes, 0 to 300 bytes, of one string of 00, 61 and FF, a third with their last byte changed:
         * keys nested in each other at every length, through more levels of seven bytes than the
         * sorter follows before comparing whole keys.
         */
        NESTED(new Function<>() {
            private final byte[] base = bytesOf(new SplittableRandom(99), 300);

            @Override
            public byte[] apply(SplittableRandom r) {
                byte[] k = Arrays.copyOf(base, r.nextInt(301));
                if (k.length > 0 && r.nextInt(3) == 0) k[k.length - 1] = (byte) r.nextInt(256);
                return k;
            }

            private byte[] bytesOf(SplittableRandom r, int len) {
                byte[] pick = {0x00, 0x61, (byte) 0xFF};
                byte[] b = new byte[len];
                for (int i = 0; i < len; i++) b[i] = pick[r.nextInt(pick.length)];
                return b;
            }
        });

        private final Function<SplittableRandom, byte[]> keys;

        Shape(Function<SplittableRandom, byte[]> keys) {
            this.keys = keys;
        }
    }

    /**
     * Records of each shape of key come out as a stable sort by unsigned key gives them: nothing, one,
     * one chunk in memory (no file), several spilled runs merged at once (one file), and runs enough
     * for a merge pass first (a second file). Payloads carry the record's number, so a record of an
     * equal key out of place is seen.
     */
    @ParameterizedTest(name = "seed {0}: {2} {1} keys in {3} bytes, {4} files")
    @CsvSource({
            "1, RANDOM, 0, 65536, 0",
            "2, RANDOM, 1, 65536, 0",
            "3, RANDOM, 700, 65536, 0",
            "4, RANDOM, 20000, 8388608, 0",
            "5, FEW_BYTES, 20000, 8388608, 0",
            "6, NUMBERS, 20000, 8388608, 0",
            "7, TEXT, 20000, 8388608, 0",
            "8, EQUAL, 20000, 8388608, 0",
            "9, NESTED, 5000, 8388608, 0",
            "10, RANDOM, 5000, 65536, 1",
            "11, FEW_BYTES, 5000, 65536, 1",
            "12, NUMBERS, 6000, 65536, 1",
            "13, TEXT, 5000, 65536, 1",
            "14, EQUAL, 6000, 65536, 1",
            "15, NESTED, 1000, 65536, 1",
            "16, RANDOM, 40000, 65536, 2",
            "17, FEW_BYTES, 40000, 65536, 2",
            "18, NUMBERS, 40000, 65536, 2",
            "19, TEXT, 40000, 65536, 2",
            "20, EQUAL, 40000, 65536, 2",
            "21, NESTED, 5000, 65536, 2"
    })
    void sortsAsAStableSortByUnsignedKeyDoes(long seed, Shape shape, int n, int memory, int files) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        List<Rec> records = new ArrayList<>();
        for (int i = 0; i < n; i++) records.add(new Rec(shape.keys.apply(r), payload(r, i)));
        sortsAsTheReferenceDoes(records, memory, files, r);
    }

    /**
     * Keys tying on their first eight bytes (zero padded) in every way: longer keys differing only
     * after them, shorter keys, a key against itself with a zero byte more; in reverse order, so
     * only the fixing of the ties puts them right.
     */
    @ParameterizedTest
    @CsvSource({"8388608, 0", "65536, 1"})
    void keysTyingOnTheirFirstEightBytesAreOrderedByTheRest(int memory, int files) throws IOException {
        List<Rec> records = new ArrayList<>();
        String[] tails = {"", "\0", "\0\0", "a", "a\0", "\u00ff", "\u00ff\u00ff"};
        int i = 0;
        for (int k = 0; k < 600; k++) {
            for (String tail : tails) {
                String text = k % 10 == 0 ? "\0\1per" + tail : "\0\1person" + (1000 - k) + tail;
                records.add(new Rec(text.getBytes(StandardCharsets.ISO_8859_1), payload(new SplittableRandom(i), i++)));
            }
        }
        java.util.Collections.reverse(records);
        sortsAsTheReferenceDoes(records, memory, files, new SplittableRandom(7));
    }

    /**
     * Records of equal keys come out in the order they were added, read back by their number: within
     * a chunk, across runs merged at once and across merge passes. The keys tie on their first eight
     * bytes, so the tie fixing, not the first sort, decides their order.
     */
    @ParameterizedTest
    @CsvSource({"8388608, 30000, 0", "65536, 6000, 1", "65536, 40000, 2"})
    void recordsOfEqualKeysComeOutInTheOrderTheyWereAdded(int memory, int n, int files) throws IOException {
        byte[][] keys = {"type:value".getBytes(StandardCharsets.US_ASCII), "type:valu".getBytes(StandardCharsets.US_ASCII),
                "type:value-2".getBytes(StandardCharsets.US_ASCII), new byte[0]};
        SplittableRandom r = new SplittableRandom(memory + n);
        try (ByteRecordSorter s = new ByteRecordSorter(dir, memory)) {
            for (int i = 0; i < n; i++) {
                byte[] k = keys[r.nextInt(keys.length)];
                byte[] p = payload(r, i);
                s.add(k, 0, k.length, p, 0, p.length);
            }
            ByteRecordSorter.Cursor c = s.sorted();
            assertThat(fileCount()).isEqualTo(files);
            byte[] last = null;
            int lastNumber = -1;
            int count = 0;
            while (c.next()) {
                byte[] key = Arrays.copyOfRange(c.key(), c.keyOffset(), c.keyOffset() + c.keyLength());
                int number = numberOf(c);
                if (last != null && Arrays.equals(last, key)) {
                    assertThat(number).as("record after record %d of the same key", lastNumber).isGreaterThan(lastNumber);
                } else if (last != null) {
                    assertThat(Arrays.compareUnsigned(last, key)).as("key order").isNegative();
                }
                last = key;
                lastNumber = number;
                count++;
            }
            assertThat(count).isEqualTo(n);
        }
        assertThat(fileCount()).isZero();
    }

    /**
     * Records up to a quarter of the memory are taken, longer than a run's read buffer, in memory and
     * through merge passes (a few records a run); one byte more is refused.
     */
    @ParameterizedTest
    @CsvSource({"2, 0", "40, 2"})
    void recordsUpToAQuarterOfTheMemoryAreTakenAndOneByteMoreIsRefused(int n, int files) throws IOException {
        SplittableRandom r = new SplittableRandom(40 + n);
        List<Rec> records = new ArrayList<>();
        int quarter = SMALL_MEMORY / 4;
        for (int i = 0; i < n; i++) {
            byte[] key = bytes(r, r.nextInt(2) == 0 ? 9000 : r.nextInt(40), 4);
            byte[] payload = new byte[Math.max(4, quarter - key.length - (i % 3 == 0 ? 0 : r.nextInt(quarter / 2)))];
            payload[0] = (byte) (i >>> 24);
            payload[1] = (byte) (i >>> 16);
            payload[2] = (byte) (i >>> 8);
            payload[3] = (byte) i;
            records.add(new Rec(key, payload));
        }
        try (ByteRecordSorter s = new ByteRecordSorter(dir, SMALL_MEMORY)) {
            byte[] key = new byte[10];
            byte[] payload = new byte[quarter - 10 + 1];
            assertThatThrownBy(() -> s.add(key, 0, key.length, payload, 0, payload.length))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("quarter");
            assertThat(s.size()).isZero();
        }
        sortsAsTheReferenceDoes(records, SMALL_MEMORY, files, r);
    }

    /**
     * A directory that cannot be made (its parent is a regular file) fails the first spill with the
     * directory named and what to do; when everything fits no file is needed and the sort succeeds.
     */
    @Test
    void anUnwritableDirectoryIsReportedWithWhatToDo() throws IOException {
        Path file = Files.createFile(dir.resolve("someFile"));
        Path unwritable = file.resolve("sub");
        byte[] key = new byte[20];
        try (ByteRecordSorter s = new ByteRecordSorter(unwritable, LARGE_MEMORY)) {
            for (int i = 0; i < 1000; i++) s.add(key, 0, key.length, key, 0, 4);
            ByteRecordSorter.Cursor c = s.sorted();
            int count = 0;
            while (c.next()) count++;
            assertThat(count).isEqualTo(1000);
        }
        try (ByteRecordSorter s = new ByteRecordSorter(unwritable, SMALL_MEMORY)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 100_000; i++) s.add(key, 0, key.length, key, 0, 4);
            }).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(unwritable.toString())
                    .hasMessageContaining("free space")
                    .hasMessageContaining("-Djava.io.tmpdir");
            assertThatThrownBy(s::sorted).isInstanceOf(IllegalStateException.class);
        }
        assertThat(fileCount()).isZero();
    }

    /** An interrupt while a run is written cancels the sort, the interrupt kept, and leaves no file once closed. */
    @Test
    void anInterruptWhileSpillingCancelsAndLeavesNoFile() throws IOException {
        byte[] key = new byte[20];
        try (ByteRecordSorter s = new ByteRecordSorter(dir, SMALL_MEMORY)) {
            for (int i = 0; i < 5000; i++) s.add(key, 0, key.length, key, 0, 4);
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 100_000; i++) s.add(key, 0, key.length, key, 0, 4);
                }).isInstanceOf(CancellationException.class);
            } finally {
                assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
            }
        }
        assertThat(fileCount()).isZero();
    }

    /** Closing half-way through a merge, and closing again, leaves no file; the cursor then refuses to go on. */
    @Test
    void closingHalfWayThroughAndAgainLeavesNoFile() throws IOException {
        SplittableRandom r = new SplittableRandom(50);
        ByteRecordSorter s = new ByteRecordSorter(dir, SMALL_MEMORY);
        for (int i = 0; i < 40000; i++) {
            byte[] k = Shape.TEXT.keys.apply(r);
            s.add(k, 0, k.length, k, 0, 0);
        }
        ByteRecordSorter.Cursor c = s.sorted();
        for (int i = 0; i < 20000; i++) assertThat(c.next()).isTrue();
        assertThat(fileCount()).isPositive();
        s.close();
        assertThat(fileCount()).isZero();
        s.close();
        assertThatThrownBy(c::next).isInstanceOf(IllegalStateException.class);
    }

    /** Nothing is added after sorted(), which is taken once. */
    @Test
    void addingAfterSortedAndSortingTwiceAreRefused() {
        try (ByteRecordSorter s = new ByteRecordSorter(dir, SMALL_MEMORY)) {
            byte[] key = {1, 2, 3};
            s.add(key, 0, 3, key, 0, 3);
            s.sorted();
            assertThatThrownBy(() -> s.add(key, 0, 3, key, 0, 3)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(s::sorted).isInstanceOf(IllegalStateException.class);
            assertThat(s.size()).isEqualTo(1);
        }
    }

    /**
     * Adds {@code records} (each copied into a larger array at an offset, with other bytes around
     * it), expects them back in stable key order with {@code files} temporary files present while
     * reading, and none once closed.
     */
    private void sortsAsTheReferenceDoes(List<Rec> records, int memory, int files, SplittableRandom r) throws IOException {
        List<Rec> expected = new ArrayList<>(records);
        expected.sort(Rec.BY_KEY);
        try (ByteRecordSorter s = new ByteRecordSorter(dir, memory)) {
            for (Rec rec : records) {
                int keyOff = r.nextInt(4);
                int payOff = r.nextInt(4);
                byte[] key = embed(r, rec.key, keyOff);
                byte[] payload = embed(r, rec.payload, payOff);
                s.add(key, keyOff, rec.key.length, payload, payOff, rec.payload.length);
            }
            assertThat(s.size()).isEqualTo(records.size());
            ByteRecordSorter.Cursor c = s.sorted();
            assertThat(fileCount()).as("temporary files").isEqualTo(files);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(c.next()).as("record %d of %d", i, expected.size()).isTrue();
                byte[] key = Arrays.copyOfRange(c.key(), c.keyOffset(), c.keyOffset() + c.keyLength());
                byte[] payload = Arrays.copyOfRange(c.payload(), c.payloadOffset(), c.payloadOffset() + c.payloadLength());
                assertThat(key).as("key of record %d of %d", i, expected.size()).isEqualTo(expected.get(i).key);
                assertThat(payload).as("payload of record %d of %d", i, expected.size()).isEqualTo(expected.get(i).payload);
            }
            assertThat(c.next()).isFalse();
            assertThat(c.next()).isFalse();
        }
        assertThat(fileCount()).as("temporary files once closed").isZero();
    }

    private long fileCount() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("grakn-migrate-")).count();
        }
    }

    /** Record {@code i}'s number in four bytes, then up to 16 random ones. */
    private static byte[] payload(SplittableRandom r, int i) {
        byte[] p = bytes(r, 4 + r.nextInt(17), 256);
        p[0] = (byte) (i >>> 24);
        p[1] = (byte) (i >>> 16);
        p[2] = (byte) (i >>> 8);
        p[3] = (byte) i;
        return p;
    }

    private static int numberOf(ByteRecordSorter.Cursor c) {
        byte[] p = c.payload();
        int o = c.payloadOffset();
        return (p[o] & 0xFF) << 24 | (p[o + 1] & 0xFF) << 16 | (p[o + 2] & 0xFF) << 8 | (p[o + 3] & 0xFF);
    }

    /** {@code len} bytes below {@code bound}. */
    private static byte[] bytes(SplittableRandom r, int len, int bound) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) b[i] = (byte) r.nextInt(bound);
        return b;
    }

    /** {@code b} at {@code off} in a larger array whose other bytes are random. */
    private static byte[] embed(SplittableRandom r, byte[] b, int off) {
        byte[] out = bytes(r, off + b.length + r.nextInt(4), 256);
        System.arraycopy(b, 0, out, off, b.length);
        return out;
    }
}
