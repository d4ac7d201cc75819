package io.graknmigrate.cli.reliability;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real command line in a child JVM, so that a test can {@code kill -9} it, stop it, starve it
 * of heap or take file-system rights away from it: things an in-process run cannot show.
 * The child runs {@code io.graknmigrate.cli.Main} on the test classpath (the module's classes and
 * all its dependencies), which is what the shaded jar contains.
 */
final class CliProcess {

    private static final String MAIN = "io.graknmigrate.cli.Main";

    private final Path workingDirectory;
    private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC", "-Xss1m"));
    private final Map<String, String> env = new java.util.HashMap<>();
    private boolean withoutFileAccessOverride;
    private ProcessBuilder.Redirect stdoutRedirect;

    private CliProcess(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    static CliProcess in(Path workingDirectory) {
        return new CliProcess(workingDirectory);
    }

    /** Replaces the default heap limit, or adds other JVM options (GC logs, system properties). */
    CliProcess jvm(String... options) {
        for (String o : options) {
            if (o.startsWith("-Xmx")) jvmOptions.removeIf(x -> x.startsWith("-Xmx"));
            jvmOptions.add(o);
        }
        return this;
    }

    CliProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /**
     * Runs the child as root without CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH, so file permissions
     * apply to it as they would to an ordinary user (tests run as root in CI, where chmod alone
     * changes nothing). Only meaningful when {@link Faults#canDropFileCapabilities()}.
     */
    CliProcess asOrdinaryUser() {
        withoutFileAccessOverride = true;
        return this;
    }

    /**
     * Sends the child's stdout somewhere other than the file the test reads it from: a file (such as
     * {@code /dev/full}, or one on a full disk) or {@link ProcessBuilder.Redirect#PIPE}, which the test
     * reads and may close early through {@link Running#stdout()}. The result's stdout is then empty.
     */
    CliProcess stdout(ProcessBuilder.Redirect redirect) {
        stdoutRedirect = redirect;
        return this;
    }

    /** A finished run. */
    record Result(int code, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + abbreviate(stdout) + "\n--- stderr\n" + abbreviate(stderr);
        }

        private static String abbreviate(String s) {
            return s.length() > 4000 ? s.substring(0, 4000) + "\n... (" + s.length() + " chars)" : s;
        }
    }

    /** A running child; its stdout and stderr go to files so that it never blocks on a full pipe. */
    static final class Running implements AutoCloseable {
        final Process process;
        private final Path stdout;
        private final Path stderr;

        private Running(Process process, Path stdout, Path stderr) {
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        long pid() { return process.pid(); }

        OutputStream stdin() { return process.getOutputStream(); }

        /** The child's stdout when it was started with {@link ProcessBuilder.Redirect#PIPE}. */
        java.io.InputStream stdout() { return process.getInputStream(); }

        /** Sends a signal by name (INT, TERM, ...). */
        void send(String signal) { signal(signal); }

        boolean isAlive() { return process.isAlive(); }

        /** SIGSTOP: freezes the child exactly where it is, so the test can look before it kills. */
        void stop() { signal("STOP"); }

        void resume() { signal("CONT"); }

        /** SIGKILL, and waits until the process is gone. */
        void kill9() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("process " + pid() + " survived SIGKILL");
        }

        Result await(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("the command did not finish within " + timeout + "\n" + output(-1));
            }
            return output(process.exitValue());
        }

        String stderrSoFar() {
            return read(stderr);
        }

        private Result output(int code) {
            return new Result(code, read(stdout), read(stderr));
        }

        private static String read(Path p) {
            try {
                return p != null && Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void signal(String name) {
            try {
                Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
                if (kill.waitFor() != 0) throw new AssertionError("kill -" + name + " " + pid() + " failed");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                resume();
                kill9();
            }
        }
    }

    /** Starts the child with stdin as a pipe the test may write to (close it for end of input). */
    Running start(String... args) throws IOException {
        Path logs = Files.createTempDirectory("grakn-migrate-child-");
        Path stdout = stdoutRedirect == null ? logs.resolve("stdout") : null;
        Path stderr = logs.resolve("stderr");
        ProcessBuilder pb = new ProcessBuilder(command(args))
                .directory(workingDirectory.toFile())
                .redirectOutput(stdout == null ? stdoutRedirect : ProcessBuilder.Redirect.to(stdout.toFile()))
                .redirectError(stderr.toFile());
        pb.environment().remove("GRAKN_MIGRATE_DATA");
        // Never the real home: the per-user data directory of the child is under its working directory.
        pb.environment().put("XDG_DATA_HOME", workingDirectory.toAbsolutePath().resolve("xdg-data").toString());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().putAll(env);
        return new Running(pb.start(), stdout, stderr);
    }

    /** Runs to the end with empty stdin. */
    Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        Running r = start(args);
        r.stdin().close();
        return r.await(timeout);
    }

    Result run(String... args) throws IOException, InterruptedException {
        return run(Duration.ofMinutes(2), args);
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        if (withoutFileAccessOverride) {
            cmd.addAll(List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search"));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Dgraknmigrate.tty=false");
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(MAIN);
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    /**
     * The test JVM's classpath without the test-only entries. Surefire puts the real classpath into
     * java.class.path even when it starts the fork from a manifest-only jar.
     */
    static String classpath() {
        String cp = System.getProperty("java.class.path");
        List<String> kept = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            if (entry.isBlank() || entry.contains("surefire") || entry.endsWith("test-classes")) continue;
            kept.add(entry);
        }
        if (kept.stream().noneMatch(e -> e.replace('\\', '/').contains("grakn-migrate-cli/target/classes"))) {
            throw new AssertionError("cannot find grakn-migrate-cli/target/classes on the classpath: " + cp);
        }
        return String.join(File.pathSeparator, kept);
    }
}
