package io.graknmigrate.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints {@link ScaleBenchmark}'s {@code scale-results.tsv} as a Markdown table: per job and size the
 * baseline and the current jar side by side (and the current jar with the launcher's JVM options,
 * when measured), wall time, things per second, peak RSS, and the ratio (baseline wall time ÷ the
 * row's wall time); then, per jar, {@code diff-shuffled}'s wall time ÷ {@code verify-shuffled}'s (the
 * diff's target); then import's scaling (things/s at the largest size ÷
 * things/s at the smallest, current jar).
 */
public final class ScaleReport {

    private ScaleReport() {
    }

    /** One line of the results file. */
    record Row(String job, String jar, int copies, long things, int exit, double seconds, long rssKiB) {
        double rate() {
            return things / seconds;
        }
    }

    static List<Row> read(Path tsv) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t");
            rows.add(new Row(f[0], f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), Integer.parseInt(f[4]),
                    Double.parseDouble(f[5]), Long.parseLong(f[6])));
        }
        return rows;
    }

    static String table(List<Row> rows) {
        // the last measurement of each (job, copies, jar) counts
        Map<String, Row> last = new LinkedHashMap<>();
        for (Row r : rows) last.put(r.job() + "|" + r.copies() + "|" + r.jar(), r);
        StringBuilder out = new StringBuilder();
        out.append("| job | things | jar | exit | wall time | things/s | peak RSS | baseline ÷ current |\n");
        out.append("|---|---:|---|---:|---:|---:|---:|---:|\n");
        List<String> done = new ArrayList<>();
        for (Row r : last.values()) {
            String key = r.job() + "|" + r.copies();
            if (done.contains(key)) continue;
            done.add(key);
            Row base = last.get(key + "|baseline");
            Row cur = last.get(key + "|current");
            Row launcher = last.get(key + "|launcher");
            for (Row x : new Row[] {base, cur, launcher}) {
                if (x == null) continue;
                String ratio = x != base && base != null ? String.format(Locale.ROOT, "**%.2f×**", base.seconds() / x.seconds()) : "";
                String jarName = x.jar().equals("baseline") && x.job().equals("verify") ? "baseline (Grakn-style read)" : x.jar();
                out.append(String.format(Locale.ROOT, "| %s | %,d | %s | %d | %.1f s | %s | %,d MiB | %s |%n",
                        x.job(), x.things(), jarName, x.exit(), x.seconds(), rate(x.rate()), x.rssKiB() / 1024, ratio));
            }
        }
        for (Row r : last.values()) {
            if (!r.job().equals("diff-shuffled")) continue;
            Row verify = last.get("verify-shuffled|" + r.copies() + "|" + r.jar());
            if (verify == null) continue;
            out.append(String.format(Locale.ROOT, "%ndiff ÷ verify of the larger file (%s, %,d things; target at most 3×): %.1f s ÷ %.1f s = **%.2f×**%n",
                    r.jar(), r.things(), r.seconds(), verify.seconds(), r.seconds() / verify.seconds()));
        }
        Row small = null;
        Row large = null;
        for (Row r : last.values()) {
            if (!r.job().equals("import") || !r.jar().equals("current")) continue;
            if (small == null || r.copies() < small.copies()) small = r;
            if (large == null || r.copies() > large.copies()) large = r;
        }
        if (small != null && large != null && small != large) {
            out.append(String.format(Locale.ROOT, "%nimport scaling (current): %s things/s at %,d things, %s at %,d: "
                            + "the larger runs at %.0f%% of the smaller's rate%n",
                    rate(large.rate()), large.things(), rate(small.rate()), small.things(), 100 * large.rate() / small.rate()));
        }
        return out.toString();
    }

    private static String rate(double perSecond) {
        if (perSecond >= 1e6) return String.format(Locale.ROOT, "%.2fM", perSecond / 1e6);
        return String.format(Locale.ROOT, "%.0fk", perSecond / 1e3);
    }

    /** {@code java -cp benchmarks.jar io.graknmigrate.benchmarks.ScaleReport scale-results.tsv} */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp benchmarks.jar io.graknmigrate.benchmarks.ScaleReport scale-results.tsv");
            System.exit(2);
            return;
        }
        System.out.print(table(read(Path.of(args[0]))));
        System.out.flush();
        if (System.out.checkError()) {
            System.err.println("error: could not write the table to stdout");
            System.exit(1);
        }
    }
}
