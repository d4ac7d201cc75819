package io.graknmigrate.diff;

import com.google.gson.stream.JsonWriter;
import io.graknmigrate.format.Counts;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of comparing two graphs: equal (a one-to-one mapping of things was found and checked
 * exactly), or different, with a summary per label and examples of the things found on one side only.
 *
 * @param a             the first side's name
 * @param b             the second side's name
 * @param outcome       equal, different, or not confirmed (same colour structure, no mapping confirmed)
 * @param rounds        colour refinement rounds run
 * @param countsA       what side a holds
 * @param countsB       what side b holds
 * @param unknownItemsA items of side a skipped as of a kind this version does not know (not compared)
 * @param unknownItemsB the same for side b
 * @param labels        per kind and label: counts on each side and things without a counterpart
 * @param onlyInA       examples of things of a without a counterpart in b (at most the limit)
 * @param onlyInB       examples of things of b without a counterpart in a
 * @param onlyInATotal  how many things of a have no counterpart
 * @param onlyInBTotal  how many things of b have no counterpart
 */
public record DiffResult(String a, String b, Outcome outcome, int rounds, Counts countsA, Counts countsB,
                         long unknownItemsA, long unknownItemsB,
                         List<LabelRow> labels, List<Example> onlyInA, List<Example> onlyInB,
                         long onlyInATotal, long onlyInBTotal) {

    /** What the comparison concluded. */
    public enum Outcome {
        /** A one-to-one mapping preserving everything was found and checked exactly. */
        EQUAL,
        /** Some things of one side have no counterpart on the other. */
        DIFFERENT,
        /**
         * Every structural fingerprint matched but no one-to-one mapping could be confirmed (a graph
         * too symmetric for the search, or a hash collision). Reported as not equal: never a false "equal".
         */
        NOT_CONFIRMED
    }

    /** Counts of one kind and label. */
    public record LabelRow(String kind, String label, long inA, long inB, long onlyInA, long onlyInB) {
        public boolean differs() { return onlyInA != 0 || onlyInB != 0; }
    }

    /** One thing without a counterpart: its id on its own side and a readable description. */
    public record Example(String kind, String label, String id, String description) { }

    public boolean equal() { return outcome == Outcome.EQUAL; }

    /** The exit code of {@code grakn-migrate diff}: 0 equal, 1 otherwise. */
    public int exitCode() { return equal() ? 0 : 1; }

    /** The report for people. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        if (outcome == Outcome.EQUAL) {
            return sb.append("equal: ").append(a).append(" and ").append(b).append(" hold the same graph (")
                    .append(countsA.toString()).append(" compared, ").append(rounds).append(rounds == 1 ? " refinement round)" : " refinement rounds)")
                    .append('\n').toString();
        }
        if (outcome == Outcome.NOT_CONFIRMED) {
            sb.append("not confirmed: ").append(a).append(" and ").append(b).append(" match in every count and in the structure around every thing, ")
                    .append("but no one-to-one mapping of their things could be confirmed; ")
                    .append("treat them as different (docs/diff.md explains when this happens)\n");
        } else {
            sb.append("different: ").append(a).append(" and ").append(b).append(" hold different graphs: ")
                    .append(onlyInATotal).append(onlyInATotal == 1 ? " thing" : " things").append(" only in a, ")
                    .append(onlyInBTotal).append(onlyInBTotal == 1 ? " thing" : " things").append(" only in b\n");
        }
        sb.append("a: ").append(a).append(": ").append(countsA.toString()).append('\n');
        sb.append("b: ").append(b).append(": ").append(countsB.toString()).append('\n');
        int width = "label".length();
        for (LabelRow r : labels) width = Math.max(width, r.label().length());
        String format = "%-10s %-" + width + "s %10s %10s %10s %10s%n";
        sb.append('\n').append(String.format(format, "kind", "label", "in a", "in b", "only in a", "only in b"));
        for (LabelRow r : labels) {
            sb.append(String.format(format, r.kind(), r.label(), r.inA(), r.inB(), r.onlyInA(), r.onlyInB()));
        }
        examples(sb, "a", a, onlyInA, onlyInATotal);
        examples(sb, "b", b, onlyInB, onlyInBTotal);
        return sb.toString();
    }

    private static void examples(StringBuilder sb, String side, String name, List<Example> examples, long total) {
        if (total == 0) return;
        sb.append('\n').append("only in ").append(side).append(" (").append(name).append("), ")
                .append(examples.size()).append(" of ").append(total).append(" shown:\n");
        for (Example e : examples) sb.append("  ").append(e.description()).append('\n');
    }

    /** The report as one JSON object (see docs/diff.md for its fields). */
    public String toJson() {
        StringWriter text = new StringWriter();
        try (JsonWriter w = new JsonWriter(text)) {
            w.beginObject();
            w.name("equal").value(equal());
            w.name("outcome").value(outcome.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            w.name("a").value(a);
            w.name("b").value(b);
            w.name("rounds").value(rounds);
            counts(w, "countsA", countsA, unknownItemsA);
            counts(w, "countsB", countsB, unknownItemsB);
            w.name("onlyInATotal").value(onlyInATotal);
            w.name("onlyInBTotal").value(onlyInBTotal);
            w.name("labels").beginArray();
            for (LabelRow r : labels) {
                w.beginObject();
                w.name("kind").value(r.kind());
                w.name("label").value(r.label());
                w.name("inA").value(r.inA());
                w.name("inB").value(r.inB());
                w.name("onlyInA").value(r.onlyInA());
                w.name("onlyInB").value(r.onlyInB());
                w.endObject();
            }
            w.endArray();
            examples(w, "onlyInA", onlyInA);
            examples(w, "onlyInB", onlyInB);
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    private static void counts(JsonWriter w, String name, Counts c, long unknownItems) throws IOException {
        w.name(name).beginObject();
        w.name("entities").value(c.entities());
        w.name("attributes").value(c.attributes());
        w.name("relations").value(c.relations());
        w.name("ownerships").value(c.ownerships());
        w.name("rolePlayers").value(c.rolePlayers());
        w.name("unknownItems").value(unknownItems);
        w.endObject();
    }

    private static void examples(JsonWriter w, String name, List<Example> examples) throws IOException {
        w.name(name).beginArray();
        for (Example e : examples) {
            w.beginObject();
            w.name("kind").value(e.kind());
            w.name("label").value(e.label());
            w.name("id").value(e.id());
            w.name("description").value(e.description());
            w.endObject();
        }
        w.endArray();
    }
}
