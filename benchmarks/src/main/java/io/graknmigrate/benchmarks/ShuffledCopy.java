package io.graknmigrate.benchmarks;

import io.graknmigrate.format.Compression;
import io.graknmigrate.format.GraknFormatException;
import io.graknmigrate.format.ItemScanner;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A copy of a {@code .grakn} file with every item between the first (the header) and the last (the
 * checksums) in a seeded random order: the same graph as two servers that number and list things
 * differently would export it, for {@code diff}'s benchmark of a pair whose order says nothing. The
 * items are copied byte for byte, so the copy verifies exactly when the source does.
 *
 * <p>A benchmark tool, not a product one: it holds every item's offset, 8 bytes per item (80 MB for
 * 10M items), found by one scan of the file, and copies each item by positioned reads where it lies.
 */
public final class ShuffledCopy {

    private ShuffledCopy() { }

    /**
     * Writes {@code out} (through a temporary file renamed into place) as {@code in} with its inner
     * items permuted by {@code seed}; returns the number of items. Fails on a file whose length
     * prefixes run past its end, and on an {@code out} that exists (it is never replaced).
     */
    public static long write(Path in, Path out, long seed) throws IOException {
        if (Files.exists(out)) throw new IOException(out + " exists already (it is not replaced)");
        long[] starts = frameStarts(in);
        int n = starts.length - 1; // the last entry is the file's size
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        // Fisher-Yates over the inner items only: the header stays first, the checksums last.
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 2; i > 1; i--) {
            int j = 1 + random.nextInt(i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        Path temp = Files.createTempFile(out.toAbsolutePath().getParent(), out.getFileName().toString(), ".part");
        try (FileChannel source = FileChannel.open(in, StandardOpenOption.READ);
             OutputStream sink = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 20)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            for (int k : order) {
                long at = starts[k];
                long end = starts[k + 1];
                while (at < end) {
                    buffer.clear();
                    buffer.limit((int) Math.min(buffer.capacity(), end - at));
                    int read = source.read(buffer, at);
                    if (read < 0) throw new IOException(in + " ended while it was copied");
                    sink.write(buffer.array(), 0, read);
                    at += read;
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            Files.move(temp, out); // a rename in the same directory; refuses an output that appeared meanwhile
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return n;
    }

    /**
     * Each item's offset (where its length prefix starts), then the file's size, as the project's
     * scanner finds them: a damaged file fails as {@code verify} would find it.
     */
    private static long[] frameStarts(Path in) throws IOException {
        long[] starts = new long[1024];
        int n = 0;
        try (ItemScanner s = ItemScanner.open(in, in.toString())) {
            if (s.compression() != Compression.NONE) throw new IOException(in + " is compressed: shuffle the uncompressed file");
            while (s.next()) {
                if (n + 1 >= starts.length) starts = Arrays.copyOf(starts, 2 * starts.length);
                starts[n++] = s.itemOffset();
            }
            starts[n] = s.offset();
        } catch (GraknFormatException e) {
            throw new IOException(e.kind() == GraknFormatException.Defect.TRUNCATED
                    ? in + ": the item at byte " + e.offset() + " runs past the end" : e.getMessage(), e);
        }
        if (n < 2) throw new IOException(in + " holds fewer than two items (a header and checksums)");
        return Arrays.copyOf(starts, n + 1);
    }

    private static final String USAGE = """
            usage: java -cp benchmarks.jar io.graknmigrate.benchmarks.ShuffledCopy --seed N IN.grakn OUT.grakn [--if-missing]
              writes OUT with the items between IN's first and last in a random order drawn from N
              --if-missing    leave an existing OUT alone (without it, an existing OUT is an error)""";

    /** The command line; exit 2 on a usage error, 1 on a file that cannot be copied. */
    public static void main(String[] args) {
        Long seed = null;
        boolean ifMissing = false;
        Path in = null;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> {
                    if (i + 1 == args.length) usage("--seed needs a number");
                    try {
                        seed = Long.parseLong(args[++i]);
                    } catch (NumberFormatException e) {
                        usage("--seed needs a number, not " + args[i]);
                    }
                }
                case "--if-missing" -> ifMissing = true;
                default -> {
                    if (in == null) in = Path.of(args[i]);
                    else if (out == null) out = Path.of(args[i]);
                    else usage("one input and one output, not " + args[i]);
                }
            }
        }
        if (seed == null || in == null || out == null) usage("--seed, the input and the output are required");
        if (ifMissing && Files.exists(out)) return;
        try {
            long started = System.nanoTime();
            long items = write(in, out, seed);
            System.out.printf("wrote %s: the %,d items of %s, the inner ones shuffled (seed %d), in %.1f s%n",
                    out, items, in, seed, (System.nanoTime() - started) / 1e9);
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage() + ", while shuffling " + in + " into " + out
                    + ", check the files and the free space");
            System.exit(1);
        }
    }

    private static void usage(String why) {
        System.err.println("error: " + why);
        System.err.println(USAGE);
        System.exit(2);
    }
}
