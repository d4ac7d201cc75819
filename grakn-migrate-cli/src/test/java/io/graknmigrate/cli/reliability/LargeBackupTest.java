package io.graknmigrate.cli.reliability;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 10-million-thing backup imported, exported and verified by the real CLI with {@code -Xmx512m}:
 * heap bounded by design, not by luck. Runs only with {@code -Plarge} (or
 * {@code -Dgraknmigrate.large=true}); {@code -Dgraknmigrate.large.blocks=N} changes the size (ten
 * things per block). Reports wall time, peak resident memory (VmHWM) and the largest heap in use
 * after a GC for each step, on stdout and in {@code target/large-data-report.txt}.
 *
 * <pre>
 * mvn -B -Plarge -Dfuzz.skip=true -pl grakn-migrate-cli -am verify -Dtest=LargeBackupTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class LargeBackupTest {

    private static final String HEAP = "-Xmx512m";

    @Test
    void tenMillionThingsImportExportAndVerifyIn512MegabytesOfHeap() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("graknmigrate.large"), "large-data run: enable with -Plarge");
        long blocks = Long.getLong("graknmigrate.large.blocks", 1_000_000L);
        Path dir = Files.createDirectories(Path.of("target", "large-data").toAbsolutePath());
        try (var old = Files.walk(dir)) {
            old.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        }
        Workspace w = new Workspace(dir);
        List<String> report = new ArrayList<>();

        long t0 = System.nanoTime();
        Path backup = dir.resolve("large.grakn");
        GeneratedBackup.Counts counts = GeneratedBackup.write(backup, blocks);
        report.add(String.format(Locale.ROOT, "generated %,d things (%,d bytes) in %.1f s", counts.items(), Files.size(backup),
                (System.nanoTime() - t0) / 1e9));
        w.define();

        report.add(measure(w, "import", "import", Workspace.KEYSPACE, backup.toString()));
        report.add(measure(w, "verify-input", "verify", backup.toString()));
        Path export = dir.resolve("export.grakn");
        report.add(measure(w, "export", "export", Workspace.KEYSPACE, export.toString()));
        report.add(measure(w, "verify-export", "verify", export.toString()));

        CliProcess.Result inspect = w.cli().jvm(HEAP).run(Duration.ofMinutes(30), "inspect", "--json", export.toString());
        assertThat(inspect.code()).as("%s", inspect).isZero();
        String json = inspect.stdout().replace(" ", "");
        assertThat(json).contains("\"entity\":" + counts.entities()).contains("\"attribute\":" + counts.attributes())
                .contains("\"relation\":" + counts.relations()).contains("\"role\":" + counts.rolePlayers())
                .contains("\"ownership\":" + counts.ownerships()).contains("\"checksumsMatch\":true");

        String text = String.join("\n", report);
        System.out.println("== large-data report (" + HEAP + ")\n" + text);
        Files.writeString(Path.of("target", "large-data-report.txt"), text + "\n");
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Runs one command in a 512 MB heap; returns a report line. */
    private static String measure(Workspace w, String step, String... args) throws IOException, InterruptedException {
        Path gcLog = w.dir.resolve(step + "-gc.log");
        String[] full = args[0].equals("import") || args[0].equals("export") ? w.withData(args) : args;
        CliProcess.Running p = w.cli().jvm(HEAP, "-Xlog:gc:file=" + gcLog).start(full);
        p.stdin().close();
        long start = System.nanoTime();
        long peakRssKb = 0;
        while (p.isAlive()) {
            peakRssKb = Math.max(peakRssKb, vmHwmKb(p.pid()));
            Thread.sleep(200);
        }
        CliProcess.Result r = p.await(Duration.ofSeconds(10));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(r.code()).as("%s under %s\n%s", step, HEAP, r).isZero();
        assertThat(r.stderr()).doesNotContainIgnoringCase("OutOfMemory");
        return String.format(Locale.ROOT, "%-14s %8.1f s   peak RSS %,7d MB   max heap after GC %,5d MB   %s",
                step, seconds, peakRssKb / 1024, maxHeapAfterGcMb(gcLog), r.stdout().lines().reduce((a, b) -> b).orElse(""));
    }

    private static long vmHwmKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException ignored) {
            // the process just ended
        }
        return 0;
    }

    /** From -Xlog:gc lines such as "Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(512M) 3.2ms". */
    private static long maxHeapAfterGcMb(Path gcLog) throws IOException {
        if (!Files.exists(gcLog)) return -1;
        Matcher m = Pattern.compile("->(\\d+)M\\(").matcher(Files.readString(gcLog));
        long max = 0;
        while (m.find()) max = Math.max(max, Long.parseLong(m.group(1)));
        return max;
    }
}
