package io.graknmigrate.diff;

import com.google.gson.JsonPrimitive;
import io.graknmigrate.format.ValueKind;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a "different" outcome reports: per label, how many things each side has and how many have no
 * counterpart at the current colours, and a few of those things described readably (label, id, value,
 * owned values, role players one level deep, and how the thing is used).
 */
final class DiffReport {

    private static final int SHOWN_PER_THING = 8;

    private DiffReport() { }

    /** Runs a visitor over both sides' colour classes. */
    interface Classes {
        void visit(ColourHistogram.ClassVisitor visitor);
    }

    /** Builds the result with the comparison's sides, rounds and counts. */
    interface Outcomes {
        DiffResult result(DiffResult.Outcome outcome, List<DiffResult.LabelRow> labels, List<DiffResult.Example> onlyA,
                          List<DiffResult.Example> onlyB, long totalA, long totalB);
    }

    /** The things of each side without a counterpart at the current colours, per label and with examples. */
    static DiffResult different(ColouredSide a, ColouredSide b, Classes classes, int limit, Path tempDir, Outcomes outcomes) {
        long n = a.g.things + b.g.things;
        try (FingerprintTable surplus = new FingerprintTable(tempDir, "surplus", Math.max(16, n))) {
            classes.visit((colour, inA, inB) -> {
                if (inA != inB) surplus.putIfAbsent(colour, 0, inA - inB);
            });
            Map<String, long[]> rows = new TreeMap<>();
            List<Long> examplesA = new ArrayList<>();
            List<Long> examplesB = new ArrayList<>();
            long onlyA = unmatched(a, surplus, 1, rows, 0, examplesA, limit);
            long onlyB = unmatched(b, surplus, -1, rows, 1, examplesB, limit);
            List<DiffResult.LabelRow> labels = new ArrayList<>();
            rows.forEach((key, c) -> {
                int cut = key.indexOf('\0');
                labels.add(new DiffResult.LabelRow(SideGraph.KIND_NAMES[key.charAt(0) - '0'], key.substring(cut + 1), c[0], c[1], c[2], c[3]));
            });
            return outcomes.result(DiffResult.Outcome.DIFFERENT, labels, examples(a, examplesA), examples(b, examplesB), onlyA, onlyB);
        }
    }

    /**
     * Counts each thing of the side per label and marks as unmatched, per colour, as many things as the
     * side has more of that colour than the other (which ones is arbitrary: they look alike).
     */
    private static long unmatched(ColouredSide s, FingerprintTable surplus, int sign, Map<String, long[]> rows, int column,
                                  List<Long> examples, int limit) {
        SideGraph g = s.g;
        Map<Integer, long[]> byCode = new HashMap<>();
        long total = 0;
        for (long x = 0; x < g.things; x++) {
            int key = g.labelCode(x) << 2 | g.kind(x);
            long[] row = byCode.computeIfAbsent(key, k -> new long[2]);
            row[0]++;
            long left = surplus.get(s.colour.getLong(x), 0);
            if (left != FingerprintTable.ABSENT && left * sign > 0) {
                surplus.getAndAdd(s.colour.getLong(x), 0, -sign);
                row[1]++;
                total++;
                if (examples.size() < limit) examples.add(x);
            }
        }
        byCode.forEach((key, c) -> {
            long[] row = rows.computeIfAbsent((key & 3) + "\0" + g.labels.label(key >>> 2), k -> new long[4]);
            row[column] += c[0];
            row[2 + column] += c[1];
        });
        return total;
    }

    private static List<DiffResult.Example> examples(ColouredSide s, List<Long> things) {
        if (things.isEmpty()) return List.of();
        SideGraph g = s.g;
        Map<Long, long[]> incoming = new HashMap<>();
        for (long x : things) incoming.put(x, new long[2]);
        for (long e = 0; e < g.edgeCount; e++) {
            long edge = g.edges.getLong(e);
            long[] in = incoming.get(edge & SideGraph.DST_MASK);
            if (in != null) in[(edge >>> SideGraph.TYPE_SHIFT) == SideGraph.OWNERSHIP ? 0 : 1]++;
        }
        List<DiffResult.Example> out = new ArrayList<>();
        for (long x : things) {
            StringBuilder sb = new StringBuilder();
            describe(g, x, 1, sb);
            long[] in = incoming.get(x);
            if (in[0] > 0 || in[1] > 0) {
                sb.append(" [");
                if (in[0] > 0) sb.append("owned ").append(in[0]).append(in[0] == 1 ? " time" : " times");
                if (in[0] > 0 && in[1] > 0) sb.append(", ");
                if (in[1] > 0) sb.append("plays ").append(in[1]).append(in[1] == 1 ? " role" : " roles");
                sb.append(']');
            } else if (g.kind(x) == SideGraph.ATTRIBUTE) {
                sb.append(" [owned by nothing]");
            }
            out.add(new DiffResult.Example(SideGraph.KIND_NAMES[g.kind(x)], g.label(x), g.id(x), sb.toString()));
        }
        return out;
    }

    /** label id [= value] [{owned values}] [(role: player, ...)], players described one level less deep. */
    private static void describe(SideGraph g, long x, int depth, StringBuilder sb) {
        sb.append(g.label(x)).append(' ').append(g.id(x));
        if (g.kind(x) == SideGraph.ATTRIBUTE) sb.append(" = ").append(valueText(g, x));
        List<String> owned = new ArrayList<>();
        List<String> players = new ArrayList<>();
        long ownedCount = 0;
        long playerCount = 0;
        for (long e = g.firstEdge(x), end = g.endEdge(x); e < end; e++) {
            long edge = g.edges.getLong(e);
            int type = (int) (edge >>> SideGraph.TYPE_SHIFT);
            long y = edge & SideGraph.DST_MASK;
            if (type == SideGraph.OWNERSHIP) {
                if (ownedCount++ < SHOWN_PER_THING) owned.add(g.label(y) + " " + valueText(g, y));
            } else if (playerCount++ < SHOWN_PER_THING) {
                StringBuilder p = new StringBuilder(g.labels.label(type - 1)).append(": ");
                if (depth > 0) describe(g, y, depth - 1, p);
                else p.append(g.label(y)).append(' ').append(g.id(y));
                players.add(p.toString());
            }
        }
        if (ownedCount > 0) {
            sb.append(" {").append(String.join(", ", owned));
            if (ownedCount > owned.size()) sb.append(", ... ").append(ownedCount - owned.size()).append(" more");
            sb.append('}');
        }
        if (playerCount > 0) {
            sb.append(" (").append(String.join(", ", players));
            if (playerCount > players.size()) sb.append(", ... ").append(playerCount - players.size()).append(" more");
            sb.append(')');
        }
    }

    private static String valueText(SideGraph g, long x) {
        long bits = g.value(x);
        return switch (g.valueKind(x)) {
            case STRING -> new JsonPrimitive(new String(g.stringBytes(x), StandardCharsets.UTF_8)).toString();
            case LONG -> bits + " (long)";
            case DOUBLE -> Double.longBitsToDouble(bits) + " (double)";
            case BOOLEAN -> bits != 0 ? "true" : "false";
            case DATETIME -> Instant.ofEpochMilli(bits) + " (datetime)";
            case NONE -> "(no value)";
        };
    }
}
