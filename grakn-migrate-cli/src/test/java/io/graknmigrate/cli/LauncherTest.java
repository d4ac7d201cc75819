package io.graknmigrate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The ./grakn-migrate launcher, run through symbolic links from elsewhere, as it is once put on PATH. */
class LauncherTest {

    private static final Path LAUNCHER = Path.of("..", "grakn-migrate").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /**
     * A checkout holding the real launcher and a jar that runs this build's Main (its manifest's
     * class path is the test class path), so the launcher finds an up-to-date jar and never builds.
     */
    private Path checkout() throws IOException {
        Path root = Files.createDirectories(dir.resolve("checkout"));
        Files.copy(LAUNCHER, root.resolve("grakn-migrate"));
        Files.setPosixFilePermissions(root.resolve("grakn-migrate"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = Files.createDirectories(root.resolve("grakn-migrate-cli/target")).resolve("grakn-migrate.jar");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(p -> Path.of(p).toAbsolutePath().toUri().toString()).collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return root;
    }

    private static String run(Path command, Path workingDirectory, String... args) throws Exception {
        return runWithOptions(command, workingDirectory, null, args);
    }

    /** Runs the launcher with {@code javaOptions} in {@code GRAKN_MIGRATE_JAVA_OPTS} (none: unset). */
    private static String runWithOptions(Path command, Path workingDirectory, String javaOptions, String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = command.toString();
        System.arraycopy(args, 0, all, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(all).directory(workingDirectory.toFile()).redirectErrorStream(true);
        pb.environment().put("XDG_DATA_HOME", workingDirectory.resolve("xdg").toString());
        if (javaOptions == null) pb.environment().remove("GRAKN_MIGRATE_JAVA_OPTS");
        else pb.environment().put("GRAKN_MIGRATE_JAVA_OPTS", javaOptions);
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void aSymlinkOnPathRunsTheCheckoutItPointsTo() throws Exception {
        Path root = checkout();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path absolute = Files.createSymbolicLink(bin.resolve("grakn-migrate"), root.resolve("grakn-migrate"));
        assertThat(run(absolute, elsewhere, "--version")).startsWith("grakn-migrate ");
        // A relative link to a link: both are followed.
        Files.createDirectories(dir.resolve("links"));
        Path relative = Files.createSymbolicLink(dir.resolve("links/gm"), Path.of("../bin/grakn-migrate"));
        assertThat(run(relative, elsewhere, "keyspaces", "--help")).startsWith("usage: grakn-migrate keyspaces");
        assertThat(bin.resolve(".grakn-migrate-build.lock")).doesNotExist();
        assertThat(dir.resolve("links/.grakn-migrate-build.lock")).doesNotExist();
        assertThat(Files.list(bin).count()).isEqualTo(1);
    }

    /** The JIT option the launcher sets (docs/performance.md says why), and that the user's options win over it. */
    @Test
    void theLauncherLowersTheHotInliningLimitUnlessTheUserSetsIt() throws Exception {
        Path root = checkout();
        Path launcher = root.resolve("grakn-migrate");
        assertThat(freqInlineSize(runWithOptions(launcher, dir, "-XX:+PrintFlagsFinal", "--version"))).isEqualTo("150");
        assertThat(freqInlineSize(runWithOptions(launcher, dir, "-XX:FreqInlineSize=325 -XX:+PrintFlagsFinal", "--version"))).isEqualTo("325");
    }

    /** The value of FreqInlineSize in a -XX:+PrintFlagsFinal listing. */
    private static String freqInlineSize(String flags) {
        return flags.lines().filter(l -> l.trim().startsWith("intx FreqInlineSize ")).findFirst()
                .map(l -> l.split("=")[1].trim().split("\\s+")[0]).orElseThrow(() -> new AssertionError("no FreqInlineSize in:\n" + flags));
    }
}
