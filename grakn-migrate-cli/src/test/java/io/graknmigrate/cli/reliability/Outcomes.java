package io.graknmigrate.cli.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What every failure must look like, and snapshots to prove nothing else was touched. */
final class Outcomes {

    private Outcomes() { }

    /**
     * Exit 1, exactly one line on stderr of the form {@code error: ...}, no stack trace, no
     * out-of-memory. Returns the line for further checks.
     */
    static String assertOneLineError(CliProcess.Result r) {
        assertThat(r.code()).as("exit code of a failed command\n%s", r).isEqualTo(1);
        List<String> lines = r.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("stderr must be one line\n%s", r).hasSize(1);
        String line = lines.get(0);
        assertThat(line).as("the error line\n%s", r).startsWith("error: ");
        assertThat(line.length()).as("a useful message, not just a word\n%s", r).isGreaterThan("error: ".length() + 10);
        assertThat(r.stderr()).as("no stack trace or internal error\n%s", r)
                .doesNotContain("\tat ")
                .doesNotContain("Exception:")
                .doesNotContain("internal error")
                .doesNotContainIgnoringCase("out of memory");
        return line;
    }

    /**
     * Exit 1, an {@code error:} first line, no stack trace; further lines only as indented details
     * (the import preflight lists every mismatch below its summary line).
     */
    static String assertCleanError(CliProcess.Result r) {
        assertThat(r.code()).as("exit code of a failed command\n%s", r).isEqualTo(1);
        List<String> lines = r.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("stderr\n%s", r).isNotEmpty();
        assertThat(lines.get(0)).as("the error line\n%s", r).startsWith("error: ");
        assertThat(lines.subList(1, lines.size())).as("detail lines are indented\n%s", r).allSatisfy(l -> assertThat(l).startsWith("  "));
        assertThat(r.stderr()).as("no stack trace\n%s", r).doesNotContain("\tat ").doesNotContain("Exception:");
        return lines.get(0);
    }

    /** Path → SHA-256 of every regular file under {@code dir}, for "nothing else damaged" checks. */
    static TreeMap<String, String> snapshot(Path dir) {
        TreeMap<String, String> files = new TreeMap<>();
        if (!Files.exists(dir)) return files;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) files.put(dir.relativize(p).toString(), sha256(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static String sha256(Path file) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> listNames(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
