package io.graknmigrate.cli.reliability;

import io.graknmigrate.format.proto.Item;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damaged backups through every command that reads them, in a child JVM with a 64 MB heap: exit 1,
 * one {@code error:} line naming the file, no stack trace, no OutOfMemoryError (a hostile length
 * prefix must not be allocated), within seconds, and the keyspace untouched by a failed import.
 */
class CorruptBackupTest {

    @TempDir
    static Path shared;
    private static Workspace base;
    private static Map<String, String> keyspaceBefore;

    @BeforeAll
    static void keyspace() throws Exception {
        base = new Workspace(shared.resolve("base"));
        base.define();
        base.ok("import", Workspace.KEYSPACE, base.backup(100).toString());
        keyspaceBefore = Outcomes.snapshot(base.data);
    }

    /** Damaged files, each built from a valid generated backup. */
    static Stream<String> damages() {
        return Stream.of("truncated-mid-item", "truncated-in-length-prefix", "garbage", "huge-length-prefix",
                "negative-length-prefix", "invalid-protobuf-item", "text-file", "empty", "gzip-truncated",
                "gzip-corrupt", "zstd-garbage", "random-bit-flips");
    }

    static byte[] damaged(String kind, byte[] valid) throws IOException {
        Random random = new Random(kind.hashCode());
        return switch (kind) {
            case "truncated-mid-item" -> Arrays.copyOf(valid, valid.length / 2 + 3);
            case "truncated-in-length-prefix" -> concat(valid, new byte[] {(byte) 0x80, (byte) 0x80});
            case "garbage" -> {
                byte[] b = new byte[50_000];
                random.nextBytes(b);
                yield b;
            }
            // 2^35 bytes claimed, then a few bytes: must fail before any allocation of that size.
            case "huge-length-prefix" -> concat(Arrays.copyOf(valid, 40), new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1, 2, 3});
            case "negative-length-prefix" -> concat(Arrays.copyOf(valid, 0), new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                    (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01, 1, 2});
            case "invalid-protobuf-item" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Item.newBuilder().setHeader(Item.Header.newBuilder().setGraknVersion("1.8.4")).build().writeDelimitedTo(out);
                out.write(new byte[] {6, 0x0a, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f});
                yield out.toByteArray();
            }
            case "text-file" -> "define\nperson sub entity;\n".repeat(100).getBytes();
            case "empty" -> new byte[0];
            case "gzip-truncated" -> Arrays.copyOf(gzip(valid), gzip(valid).length / 2);
            case "gzip-corrupt" -> {
                byte[] g = gzip(valid);
                for (int i = 40; i < g.length - 20; i += 97) g[i] ^= 0x5a;
                yield g;
            }
            case "zstd-garbage" -> {
                byte[] b = new byte[5_000];
                random.nextBytes(b);
                b[0] = 0x28;
                b[1] = (byte) 0xb5;
                b[2] = 0x2f;
                b[3] = (byte) 0xfd;
                yield b;
            }
            case "random-bit-flips" -> {
                byte[] b = valid.clone();
                for (int i = 0; i < 40; i++) b[16 + random.nextInt(b.length - 16)] ^= (byte) (1 << random.nextInt(8));
                yield b;
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @MethodSource("damages")
    void everyReadingCommandFailsWithOneLine(String kind, @TempDir Path dir) throws Exception {
        byte[] valid = Files.readAllBytes(base.backup(100));
        Path file = Files.write(dir.resolve(kind + ".grakn"), damaged(kind, valid));
        CliProcess cli = CliProcess.in(dir).jvm("-Xmx64m");

        // inspect and import in a child JVM with a 64 MB heap (an allocated hostile length would be an
        // OutOfMemoryError there); convert and verify in-process, to keep the suite quick.
        for (List<String> command : List.of(
                List.of("inspect", file.toString()),
                List.of("convert", file.toString(), dir.resolve("out.jsonl").toString()),
                List.of("import", Workspace.KEYSPACE, file.toString(), "--data", base.data.toString()))) {
            long start = System.nanoTime();
            CliProcess.Result r = command.get(0).equals("convert")
                    ? inProcess(dir, command.toArray(String[]::new))
                    : cli.run(java.time.Duration.ofSeconds(60), command.toArray(String[]::new));
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            if (kind.equals("random-bit-flips") && r.code() == 0) continue; // flips may land in string bytes only
            String line = command.get(0).equals("import") ? Outcomes.assertCleanError(r) : Outcomes.assertOneLineError(r);
            assertThat(line).as("%s names the file", command.get(0)).contains(kind + ".grakn");
            assertThat(seconds).as("%s fails within seconds", command.get(0)).isLessThan(30);
        }
        // verify reports the damage with exit 1 too (its own report format; no stack trace, no OOM).
        CliProcess.Result verify = inProcess(dir, "verify", file.toString());
        if (!(kind.equals("random-bit-flips") && verify.code() == 0)) {
            assertThat(verify.code()).as("%s", verify).isEqualTo(1);
            assertThat(verify.stderr()).doesNotContain("\tat ").doesNotContainIgnoringCase("OutOfMemory").doesNotContain("internal error");
        }
        assertThat(dir.resolve("out.jsonl")).as("no converted output from a damaged file").doesNotExist();
        assertThat(Outcomes.listNames(dir)).as("no temporary files left").containsOnly(kind + ".grakn");
        assertThat(Outcomes.snapshot(base.data)).as("a failed import changes nothing").isEqualTo(keyspaceBefore);
    }

    private static CliProcess.Result inProcess(Path dir, String... args) {
        io.graknmigrate.cli.Cli.Result r = new io.graknmigrate.cli.Cli(dir).run(args);
        return new CliProcess.Result(r.code(), r.out(), r.stderr());
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
