package io.graknmigrate.typedb3;

import com.google.gson.stream.JsonWriter;
import io.graknmigrate.format.Numbers;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a conversion did: counts that add up (every input item, ownership entry and role player is
 * written, merged or dropped for a named reason), every decision, every loss with examples, what
 * happened to each rule, and the validator's problems. Printed as {@code report.md} and, with
 * {@code --json}, as JSON with the same content in typed fields.
 *
 * @param input where the data came from and the options that shaped the result
 * @param counts the counts
 * @param decisions the translation's choices, each naming its type and count
 * @param losses what was not carried over, each with up to five examples
 * @param rules what happened to each rule
 * @param problems what the validator found TypeDB 3 would reject; empty when the files pass
 */
public record ConversionReport(Input input, ConversionCounts counts, List<Decision> decisions, List<Loss> losses,
                               List<RuleOutcome> rules, List<String> problems) {

    /** Whether the input's own checksums item matched its items. */
    public enum InputChecksums { MATCH, MISMATCH, REPEATED, ABSENT }

    /**
     * @param source the keyspace or file converted
     * @param headerVersion the input header's version field, or null when the input had no header
     * @param headerDatabase the input header's database field, or null
     * @param output the output directory
     */
    public record Input(String source, String headerVersion, String headerDatabase, InputChecksums checksums,
                        Typedb3Converter.AttributeOwners attributeOwners, Typedb3Converter.BadValuePolicy onBadValue,
                        boolean allowDrops, Map<String, String> remap, String output) {
        public Input {
            remap = Map.copyOf(remap);
        }
    }

    public ConversionReport {
        decisions = List.copyOf(decisions);
        losses = List.copyOf(losses);
        rules = List.copyOf(rules);
        problems = List.copyOf(problems);
    }

    ConversionReport withProblems(List<String> found) {
        return new ConversionReport(input, counts, decisions, losses, rules, found);
    }

    /** True when the validator found nothing TypeDB 3 would reject. */
    public boolean valid() { return problems.isEmpty(); }

    /** Items dropped, of every kind. */
    public long itemsDropped() { return counts.itemsDropped(); }

    /** Ownership entries of the input that are not in the output (duplicates and re-homed ones excluded). */
    public long ownershipsDropped() {
        ConversionCounts.OwnershipCounts o = counts.ownerships();
        return o.in() - o.kept() - o.duplicates() - o.rehomed();
    }

    /** Role players of the input that are not in the output (duplicates excluded). */
    public long playersDropped() {
        ConversionCounts.PlayerCounts p = counts.players();
        return p.in() - p.written() - p.duplicates();
    }

    /** Items, ownership entries and role players dropped. */
    public long dataDropped() { return itemsDropped() + ownershipsDropped() + playersDropped(); }

    /** Valid and nothing of the data dropped: the output holds the whole input. */
    public boolean complete() { return valid() && dataDropped() == 0; }

    private long changed() {
        long n = 0;
        for (Decision d : decisions) n += d.count();
        return n;
    }

    // ------------------------------------------------------------------ markdown

    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("# Grakn 1.8 → TypeDB 3 conversion report\n\n");
        ConversionCounts c = counts;
        sb.append(valid() ? "**Ready for `database import`.**" : "**Not ready for `database import`**: " + problems.size()
                + " problems TypeDB 3 would reject (see Validation).").append("\n\n");
        sb.append("- converted: ").append(n(c.attributes().written())).append(" attributes, ").append(n(c.entities().written()))
                .append(" entities, ").append(n(c.relations().written())).append(" relations, ").append(n(c.players().written()))
                .append(" role players, ").append(n(c.ownerships().written())).append(" ownerships\n");
        sb.append("- changed: ").append(n(changed())).append(" data items moved or relabelled, ").append(decisions.size())
                .append(" decisions (see Decisions)\n");
        sb.append("- lost: ").append(n(itemsDropped())).append(" items, ").append(n(ownershipsDropped())).append(" ownerships, ")
                .append(n(playersDropped())).append(" role players dropped");
        long constraints = losses.stream().filter(l -> l.reason() == LossReason.CONSTRAINT).count();
        if (constraints > 0) sb.append("; ").append(constraints).append(" schema constraints weakened or left out");
        if (!rules.isEmpty()) {
            long drafted = rules.stream().filter(RuleOutcome::drafted).count();
            sb.append("; ").append(rules.size()).append(" rules kept as comments (").append(drafted).append(" with a draft function)");
        }
        sb.append("\n\n## Input\n\n");
        sb.append("- source: ").append(input.source()).append('\n');
        if (input.headerVersion() != null) {
            sb.append("- input header: Grakn ").append(input.headerVersion()).append(", database '").append(input.headerDatabase()).append("'\n");
        }
        sb.append("- input checksums: ").append(switch (input.checksums()) {
            case MATCH -> "match the input";
            case MISMATCH -> "DO NOT match the input (the input may be incomplete)";
            case REPEATED -> "repeated (more than one checksums item: files concatenated?)";
            case ABSENT -> "absent";
        }).append('\n');
        sb.append("- attribute owners: ").append(input.attributeOwners().name().toLowerCase(Locale.ROOT)).append('\n');
        sb.append("- bad values: ").append(input.onBadValue().name().toLowerCase(Locale.ROOT)).append('\n');
        sb.append("- drops caused by schema/data mismatches: ").append(input.allowDrops() ? "allowed (--allow-drops)" : "refused").append('\n');
        if (!input.remap().isEmpty()) {
            sb.append("- remapped labels: ").append(String.join(", ", input.remap().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList())).append('\n');
        }
        sb.append("- output: ").append(input.output()).append(" (schema.tql, data.typedb, report.md)\n");

        table(sb, "Items (in = written + dropped)", new String[][]{
                row("attributes", c.attributes()), row("entities", c.entities()), row("relations", c.relations())},
                new String[]{"kind", "in", "written", "dropped"});
        sb.append("\nAlso read: ").append(c.headersIn()).append(" header items (replaced by one written header), ")
                .append(c.checksumItemsIn()).append(" checksums items (replaced by recomputed checksums), ")
                .append(c.unknownItemsIn()).append(" empty or unknown items (dropped).\n");
        Object[][] byType = c.writtenByType().entrySet().stream().map(e -> new Object[]{e.getKey(), e.getValue()}).toArray(Object[][]::new);
        counts(sb, "Items written per type (dropped items are listed by type under Losses)", byType);
        ConversionCounts.OwnershipCounts o = c.ownerships();
        counts(sb, "Ownership entries (in = kept + owned by attributes + duplicates + dangling + of dropped attributes + of dropped owners)",
                new Object[][]{{"in", o.in()}, {"kept", o.kept()}, {"owned by attributes", o.ownedByAttributes()},
                        {"  re-homed to the owners' owners", o.rehomed()},
                        {"  dropped, the owning attribute has no entity/relation owner", o.orphaned()},
                        {"  dropped (--attribute-owners drop)", o.droppedByOption()},
                        {"  dropped, the owned id is not an attribute", o.ownedByAttributesDangling()},
                        {"duplicates removed", o.duplicates()}, {"dropped, the owned id is not an attribute in the file", o.dangling()},
                        {"dropped, the owned attribute was dropped", o.toDroppedAttributes()},
                        {"dropped with their owner item", o.ofDroppedOwners()},
                        {"added by re-homing", o.addedByRehoming()}, {"re-homed values the owner already had (merged)", o.rehomedAlreadyOwned()},
                        {"written (kept + added by re-homing)", o.written()}});
        ConversionCounts.PlayerCounts p = c.players();
        counts(sb, "Role players (in = written + duplicates + dangling + of dropped players + attribute players + role not related + of dropped relations)",
                new Object[][]{{"in", p.in()}, {"written", p.written()}, {"duplicates removed", p.duplicates()},
                        {"dropped, the player id is not in the file", p.dangling()}, {"dropped, the player item was dropped", p.droppedPlayers()},
                        {"dropped, the player is an attribute", p.attributePlayers()},
                        {"dropped, the role is not related by the relation type", p.roleNotRelated()},
                        {"dropped with their relation item", p.ofDroppedRelations()},
                        {"relations left without players", c.relationsWithoutPlayers()}});
        counts(sb, "Checksums written (what data.typedb contains)", new Object[][]{
                {"entity_count", c.written().entities()}, {"attribute_count", c.written().attributes()},
                {"relation_count", c.written().relations()}, {"role_count", c.written().rolePlayers()},
                {"ownership_count", c.written().ownerships()}});

        sb.append("\n## Decisions\n\n");
        if (decisions.isEmpty()) sb.append("none\n");
        for (Decision d : decisions) sb.append("- ").append(oneLine(d.text())).append('\n');
        sb.append("\n## Losses\n\n");
        if (losses.isEmpty()) sb.append("nothing was lost\n");
        for (Loss l : losses) {
            sb.append("- ").append(oneLine(l.text()));
            if (!l.examples().isEmpty()) {
                sb.append(" — e.g. ").append(String.join("; ", l.examples().stream().map(e -> oneLine(e.toString())).toList()));
            }
            sb.append('\n');
        }
        if (!rules.isEmpty()) {
            sb.append("\n## Rules (kept as comments at the end of schema.tql)\n\n");
            for (RuleOutcome r : rules) {
                sb.append("- ").append(r.rule()).append(": ").append(r.drafted() ? "draft function '" + r.note() + "'" : "no draft, " + r.note()).append('\n');
            }
        }
        sb.append("\n## Validation against this project's model of TypeDB 3's import and schema rules\n\n");
        if (!valid()) {
            for (String pr : problems) sb.append("- ").append(oneLine(pr)).append('\n');
        } else if (dataDropped() > 0) {
            sb.append("The files pass the model's checks, but ").append(n(dataDropped()))
                    .append(" data items of the input were dropped (see Losses): the output is not the whole input.\n");
        } else {
            sb.append("passed: no problem found (labels, kinds, scoped roles, owns/plays/relates, checksums, keys, cardinalities, "
                    + "re-stated capabilities, reserved words, abstract types, regexes, values); no TypeDB server was run.\n");
        }
        return sb.toString();
    }

    private static String[] row(String kind, ConversionCounts.ItemCounts k) {
        return new String[]{kind, Long.toString(k.in()), Long.toString(k.written()), Long.toString(k.dropped())};
    }

    private static void table(StringBuilder sb, String title, String[][] rows, String[] head) {
        sb.append("\n## ").append(title).append("\n\n| ").append(String.join(" | ", head)).append(" |\n|");
        for (int i = 0; i < head.length; i++) sb.append(i == 0 ? "---|" : "---:|");
        sb.append('\n');
        for (String[] r : rows) sb.append("| ").append(String.join(" | ", r)).append(" |\n");
    }

    private static void counts(StringBuilder sb, String title, Object[][] rows) {
        sb.append("\n## ").append(title).append("\n\n| | count |\n|---|---:|\n");
        for (Object[] r : rows) sb.append("| ").append(r[0]).append(" | ").append(r[1]).append(" |\n");
    }

    private static String n(long v) { return Numbers.count(v); }

    private static String oneLine(String s) { return s.replace("\r", " ").replace("\n", " "); }

    // ------------------------------------------------------------------ json

    /** The report as one JSON object (camelCase fields, counts as numbers). */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonWriter w = new JsonWriter(out)) {
            w.setIndent("  ");
            w.beginObject();
            w.name("valid").value(valid());
            w.name("complete").value(complete());
            w.name("input").beginObject();
            w.name("source").value(input.source());
            w.name("headerVersion").value(input.headerVersion());
            w.name("headerDatabase").value(input.headerDatabase());
            w.name("checksums").value(input.checksums().name().toLowerCase(Locale.ROOT));
            w.name("attributeOwners").value(input.attributeOwners().name().toLowerCase(Locale.ROOT));
            w.name("onBadValue").value(input.onBadValue().name().toLowerCase(Locale.ROOT));
            w.name("allowDrops").value(input.allowDrops());
            w.name("remap").beginObject();
            for (Map.Entry<String, String> e : new TreeMap<>(input.remap()).entrySet()) w.name(e.getKey()).value(e.getValue());
            w.endObject();
            w.name("output").value(input.output());
            w.endObject();
            ConversionCounts c = counts;
            w.name("items").beginObject();
            itemCounts(w, "attributes", c.attributes());
            itemCounts(w, "entities", c.entities());
            itemCounts(w, "relations", c.relations());
            w.name("headersIn").value(c.headersIn());
            w.name("checksumItemsIn").value(c.checksumItemsIn());
            w.name("unknownItemsIn").value(c.unknownItemsIn());
            w.name("writtenByType").beginObject();
            for (Map.Entry<String, Long> e : c.writtenByType().entrySet()) w.name(e.getKey()).value(e.getValue());
            w.endObject();
            w.endObject();
            ConversionCounts.OwnershipCounts o = c.ownerships();
            w.name("ownerships").beginObject();
            w.name("in").value(o.in()).name("kept").value(o.kept()).name("ownedByAttributes").value(o.ownedByAttributes())
                    .name("rehomed").value(o.rehomed()).name("orphaned").value(o.orphaned())
                    .name("droppedByOption").value(o.droppedByOption()).name("ownedByAttributesDangling").value(o.ownedByAttributesDangling())
                    .name("duplicates").value(o.duplicates()).name("dangling").value(o.dangling())
                    .name("toDroppedAttributes").value(o.toDroppedAttributes()).name("ofDroppedOwners").value(o.ofDroppedOwners())
                    .name("addedByRehoming").value(o.addedByRehoming()).name("rehomedAlreadyOwned").value(o.rehomedAlreadyOwned())
                    .name("written").value(o.written());
            w.endObject();
            ConversionCounts.PlayerCounts p = c.players();
            w.name("players").beginObject();
            w.name("in").value(p.in()).name("written").value(p.written()).name("duplicates").value(p.duplicates())
                    .name("dangling").value(p.dangling()).name("droppedPlayers").value(p.droppedPlayers())
                    .name("attributePlayers").value(p.attributePlayers()).name("roleNotRelated").value(p.roleNotRelated())
                    .name("ofDroppedRelations").value(p.ofDroppedRelations());
            w.endObject();
            w.name("relationsWithoutPlayers").value(c.relationsWithoutPlayers());
            w.name("checksums").beginObject();
            w.name("entities").value(c.written().entities()).name("attributes").value(c.written().attributes())
                    .name("relations").value(c.written().relations()).name("rolePlayers").value(c.written().rolePlayers())
                    .name("ownerships").value(c.written().ownerships());
            w.endObject();
            w.name("dropped").beginObject();
            w.name("items").value(itemsDropped()).name("ownerships").value(ownershipsDropped()).name("rolePlayers").value(playersDropped());
            w.endObject();
            w.name("decisions").beginArray();
            for (Decision d : decisions) w.beginObject().name("type").value(d.type()).name("count").value(d.count()).name("text").value(d.text()).endObject();
            w.endArray();
            w.name("losses").beginArray();
            for (Loss l : losses) {
                w.beginObject().name("reason").value(l.reason().key()).name("policy").value(l.reason().policy().name().toLowerCase(Locale.ROOT))
                        .name("type").value(l.type()).name("count").value(l.count()).name("text").value(l.text());
                w.name("examples").beginArray();
                for (Loss.Example e : l.examples()) w.beginObject().name("id").value(e.id()).name("value").value(e.value()).endObject();
                w.endArray().endObject();
            }
            w.endArray();
            w.name("rules").beginArray();
            for (RuleOutcome r : rules) {
                w.beginObject().name("rule").value(r.rule()).name("drafted").value(r.drafted()).name("note").value(r.note()).endObject();
            }
            w.endArray();
            w.name("problems").beginArray();
            for (String pr : problems) w.value(pr);
            w.endArray();
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    private static void itemCounts(JsonWriter w, String name, ConversionCounts.ItemCounts k) throws IOException {
        w.name(name).beginObject().name("in").value(k.in()).name("written").value(k.written()).name("dropped").value(k.dropped()).endObject();
    }

    /** Losses of one reason (for callers that list them). */
    public List<Loss> losses(LossReason reason) {
        List<Loss> l = new ArrayList<>();
        for (Loss x : losses) if (x.reason() == reason) l.add(x);
        return l;
    }
}
