package io.graknmigrate.cli.reliability;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real environment faults for tests: a tiny tmpfs that fills up, a read-only mount, a process
 * without root's file-access override. Each one that the machine cannot provide makes the test
 * skip with the reason, never pass silently.
 */
final class Faults {

    private Faults() { }

    static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** A mounted file system that the test unmounts when done. */
    static final class Mount implements AutoCloseable {
        final Path dir;

        private Mount(Path dir) {
            this.dir = dir;
        }

        @Override
        public void close() {
            // Lazy unmount: a killed child may still have had files open a moment ago.
            exec(List.of("umount", "-l", dir.toString()));
        }
    }

    /** A tmpfs of {@code size} (e.g. "1m") at a new directory under {@code parent}; skips when not allowed. */
    static Mount tmpfs(Path parent, String size) throws IOException {
        Path dir = Files.createDirectories(parent.resolve("tmpfs-" + size));
        requireMount(List.of("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0777", "tmpfs", dir.toString()),
                "a " + size + " tmpfs");
        return new Mount(dir);
    }

    /**
     * Makes {@code dir} (with what it holds now) read-only by bind-mounting it onto itself read-only.
     * Unlike chmod, this holds for root too.
     */
    static Mount readOnly(Path dir) {
        requireMount(List.of("mount", "--bind", dir.toString(), dir.toString()), "a bind mount");
        String failure = exec(List.of("mount", "-o", "remount,bind,ro", dir.toString()));
        if (failure != null) {
            exec(List.of("umount", "-l", dir.toString()));
            Assumptions.abort("cannot remount read-only here (" + failure + "); read-only data directory not tested");
        }
        return new Mount(dir);
    }

    /** Whether {@link CliProcess#asOrdinaryUser()} makes permissions bite (root minus CAP_DAC_*). */
    static boolean canDropFileCapabilities(Path scratch) throws IOException {
        if (!isRoot()) return true; // an ordinary user is subject to permissions anyway
        Path probe = Files.createTempFile(scratch, "probe", ".txt");
        Files.writeString(probe, "x");
        Files.setPosixFilePermissions(probe, java.util.Set.of());
        String result = exec(List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search", "cat", probe.toString()));
        Files.delete(probe);
        return result != null; // cat must FAIL for the restriction to be real
    }

    private static void requireMount(List<String> command, String what) {
        if (!isRoot()) Assumptions.abort("not root: cannot create " + what + "; this fault is not tested here");
        String failure = exec(command);
        if (failure != null) Assumptions.abort("cannot create " + what + " here (" + failure + "); this fault is not tested here");
    }

    /** Runs a command; null on success, else its output. */
    static String exec(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out";
            }
            return p.exitValue() == 0 ? null : new String(out, StandardCharsets.UTF_8).trim() + " (exit " + p.exitValue() + ")";
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
