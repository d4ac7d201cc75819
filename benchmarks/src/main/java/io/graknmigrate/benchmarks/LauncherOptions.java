package io.graknmigrate.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM options the {@code grakn-migrate} launcher passes to Java (its {@code jvm_options=(...)}
 * line), so that {@link ScaleBenchmark} can time the jar as users who run the launcher get it, from
 * the launcher itself rather than from a copy of its options that could drift.
 */
final class LauncherOptions {

    private static final String PREFIX = "jvm_options=(";

    private LauncherOptions() { }

    /** The launcher of the checkout: {@code grakn-migrate} in the working directory or one above (benchmarks/run works from the root). */
    static Path launcher() {
        return Datasets.upFromWorkingDirectory("grakn-migrate", 2);
    }

    /** The options of the launcher at {@code launcher}. */
    static List<String> of(Path launcher) throws IOException {
        if (!Files.isRegularFile(launcher)) {
            throw new Datasets.SkipException("skipped: no launcher at " + launcher + " (run from the checkout's root, as benchmarks/run does)");
        }
        return parse(Files.readString(launcher, StandardCharsets.UTF_8), launcher.toString());
    }

    /** The options in the launcher text {@code script} (named {@code where} in errors): one line {@code jvm_options=(A B ...)}. */
    static List<String> parse(String script, String where) {
        List<String> lines = script.lines().filter(l -> l.startsWith(PREFIX)).toList();
        if (lines.size() != 1 || !lines.get(0).endsWith(")")) {
            throw new IllegalArgumentException("the launcher " + where + " should have one line " + PREFIX + "...), found " + lines.size());
        }
        String inside = lines.get(0).substring(PREFIX.length(), lines.get(0).length() - 1).trim();
        List<String> options = inside.isEmpty() ? List.of() : Arrays.asList(inside.split("\\s+"));
        for (String o : options) {
            if (!o.startsWith("-") || o.contains("\"") || o.contains("'") || o.contains("$")) {
                throw new IllegalArgumentException("the launcher " + where + " has a JVM option this benchmark cannot pass on as it is: " + o);
            }
        }
        return options;
    }
}
