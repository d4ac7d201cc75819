package io.graknmigrate.benchmarks;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files the benchmarks read: synthetic backups generated on first use into a scratch directory
 * (never the source tree), and the real Grakn export when {@code ../shared} is there.
 *
 * <p>The scratch directory is {@code -Dgraknmigrate.bench.dir}, else {@code $GRAKN_MIGRATE_BENCH_DIR},
 * else {@code <tmpdir>/grakn-migrate-bench}. Forks find it through the environment, which JMH passes on.
 */
public final class Datasets {

    public static final long SEED = 42;
    public static final String SIMULATION = "simulation";

    private Datasets() {
    }

    /** A backup file and how many delimited items (header and checksums included) it holds. */
    public record Dataset(String name, Path file, long items, long things, long bytes) {
    }

    /** Deletes a directory and everything below it; nothing when it is not there. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    public static Path scratch() {
        String dir = System.getProperty("graknmigrate.bench.dir");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("GRAKN_MIGRATE_BENCH_DIR");
        }
        if (dir == null || dir.isBlank()) {
            return Path.of(System.getProperty("java.io.tmpdir"), "grakn-migrate-bench");
        }
        return Path.of(dir);
    }

    /** The real export {@code shared/fixtures/grakn-1.8/simulation.grakn}, looked for from the working directory up. */
    public static Path simulationFile() {
        String explicit = System.getProperty("graknmigrate.shared", System.getenv("GRAKN_MIGRATE_SHARED"));
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit, "fixtures", "grakn-1.8", "simulation.grakn");
        }
        return upFromWorkingDirectory("../shared/fixtures/grakn-1.8/simulation.grakn", 4);
    }

    /**
     * The file {@code relative} to the working directory or to one of its first {@code levels - 1}
     * parents, the nearest that has it; when none has, the path relative to the working directory.
     */
    static Path upFromWorkingDirectory(String relative, int levels) {
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < levels && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve(relative).normalize();
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return Path.of("").toAbsolutePath().resolve(relative).normalize();
    }

    public static boolean simulationPresent() {
        return Files.isRegularFile(simulationFile());
    }

    /**
     * Resolves {@code synthetic-10k}, {@code synthetic-1m}, {@code synthetic-10m} (any size) or
     * {@code simulation}; generates a synthetic file when missing.
     */
    public static Dataset resolve(String name) throws IOException {
        if (name.equals(SIMULATION)) {
            Path file = simulationFile();
            if (!Files.isRegularFile(file)) {
                throw new SkipException("skipped: " + file + " not found (../shared is absent);"
                        + " run without -p dataset=simulation");
            }
            long items = countFrames(file);
            return new Dataset(name, file, items, items - 2, Files.size(file));
        }
        if (!name.startsWith("synthetic-")) {
            throw new IllegalArgumentException("unknown dataset '" + name + "', use synthetic-<size> or simulation");
        }
        long things = SyntheticBackup.parseCount(name.substring("synthetic-".length()));
        Path file = synthetic(things);
        return new Dataset(name, file, things + 2, things, Files.size(file));
    }

    /** The synthetic backup of {@code things} things with the fixed seed, generated when missing. */
    public static Path synthetic(long things) throws IOException {
        Path file = scratch().resolve(String.format(Locale.ROOT, "synthetic-%d-seed%d.grakn", things, SEED));
        if (!Files.isRegularFile(file)) {
            new SyntheticBackup(things, SEED).writeTo(file);
        }
        Path schema = scratch().resolve("synthetic.gql");
        if (!Files.isRegularFile(schema)) {
            SyntheticBackup.writeSchema(schema);
        }
        return file;
    }

    /** Counts varint-delimited frames without parsing them; also proves the framing is intact. */
    public static long countFrames(Path file) throws IOException {
        long count = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return count;
                }
                long length = b & 0x7F;
                int shift = 7;
                while ((b & 0x80) != 0) {
                    b = in.read();
                    if (b < 0 || shift > 63) {
                        throw new IOException(file + ": truncated length prefix after " + count + " items");
                    }
                    length |= (long) (b & 0x7F) << shift;
                    shift += 7;
                }
                try {
                    in.skipNBytes(length);
                } catch (EOFException e) {
                    throw new IOException(file + ": truncated item after " + count + " items");
                }
                count++;
            }
        }
    }

    /** A dataset that is legitimately absent (the shared fixtures are not checked out). */
    public static final class SkipException extends IllegalStateException {
        public SkipException(String message) {
            super(message);
        }
    }
}
