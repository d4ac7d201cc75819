package io.graknmigrate.typedb3;

import io.graknmigrate.format.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a conversion did: counts that add up (every input item, ownership entry and role player is
 * converted, re-homed or dropped), every schema decision, every loss, and the validator's problems.
 * Printed as {@code report.md} and, with {@code --json}, as JSON.
 */
public final class ConversionReport {

    /** A named group of counts, in insertion order. */
    public static final class Section {
        final String title;
        final Map<String, Long> counts = new LinkedHashMap<>();

        Section(String title) { this.title = title; }

        void add(String name, long delta) { counts.merge(name, delta, Long::sum); }

        public long get(String name) { return counts.getOrDefault(name, 0L); }

        public Map<String, Long> counts() { return counts; }
    }

    final Map<String, String> facts = new LinkedHashMap<>();
    final Map<String, Section> sections = new LinkedHashMap<>();
    final List<String> decisions = new ArrayList<>();
    final List<String> losses = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    Section section(String key, String title) {
        return sections.computeIfAbsent(key, k -> new Section(title));
    }

    public Section section(String key) { return sections.get(key); }

    public Map<String, String> facts() { return facts; }

    public List<String> decisions() { return decisions; }

    public List<String> losses() { return losses; }

    /** What the validator found that TypeDB 3 would reject (or silently delete); empty when clean. */
    public List<String> problems() { return problems; }

    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("# Grakn 1.8 → TypeDB 3 conversion report\n\n");
        for (Map.Entry<String, String> f : facts.entrySet()) {
            sb.append("- ").append(f.getKey()).append(": ").append(f.getValue()).append('\n');
        }
        for (Section s : sections.values()) {
            sb.append("\n## ").append(s.title).append("\n\n| | count |\n|---|---:|\n");
            for (Map.Entry<String, Long> e : s.counts.entrySet()) {
                sb.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
            }
        }
        list(sb, "Schema decisions", decisions, "none");
        list(sb, "Losses", losses, "nothing was lost");
        list(sb, "Validation against TypeDB 3's import rules", problems,
                "passed: no problem found (labels, kinds, scoped roles, owns/plays/relates, checksums, keys, cardinalities, re-stated capabilities, reserved words, abstract types)");
        return sb.toString();
    }

    private static void list(StringBuilder sb, String title, List<String> items, String empty) {
        sb.append("\n## ").append(title).append("\n\n");
        if (items.isEmpty()) sb.append(empty).append('\n');
        for (String i : items) sb.append("- ").append(i.replace("\n", " ")).append('\n');
    }

    /** The report as the one JSON object of {@code typedb3 --json}, followed by a newline. */
    public String toJson() {
        Json json = new Json().begin().field("facts").begin();
        for (Map.Entry<String, String> f : facts.entrySet()) json.field(f.getKey()).value(f.getValue());
        json.end();
        for (Map.Entry<String, Section> s : sections.entrySet()) {
            json.field(s.getKey()).begin();
            for (Map.Entry<String, Long> e : s.getValue().counts.entrySet()) json.field(e.getKey()).value(e.getValue());
            json.end();
        }
        array(json, "decisions", decisions);
        array(json, "losses", losses);
        array(json, "problems", problems);
        json.field("valid").value(problems.isEmpty());
        return json.end() + "\n";
    }

    private static void array(Json json, String name, List<String> items) {
        json.field(name).beginArray();
        for (String i : items) json.value(i);
        json.endArray();
    }
}
