package io.graknmigrate.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A schema as a picture: its types (entities as boxes, relations as diamonds, attributes as ovals
 * with their value type, abstract ones dashed), the type hierarchy, the attributes each type owns
 * ({@code has}, {@code key}) and each relation's roles with the types that play them. Written as
 * Graphviz DOT or as a Mermaid flowchart (which GitHub renders in Markdown). Only what each type
 * declares is drawn; what it inherits follows the {@code sub} arrows.
 */
public final class SchemaPicture {

    private final Schema schema;

    /** A picture of this schema. */
    public SchemaPicture(Schema schema) {
        this.schema = schema;
    }

    /** One edge: from, to, what it means. */
    private record Edge(String from, String to, String label, Style style) { }

    private enum Style { SUB, HAS, KEY, ROLE }

    private List<ThingType> types() {
        return schema.types().stream().filter(t -> !Schema.META_LABELS.contains(t.label())).toList();
    }

    private List<Edge> edges() {
        List<Edge> edges = new ArrayList<>();
        List<ThingType> types = types();
        for (ThingType t : types) {
            if (t.supertype() != null && !Schema.META_LABELS.contains(t.supertype())) {
                edges.add(new Edge(t.label(), t.supertype(), "sub", Style.SUB));
            }
            for (String k : t.keys()) edges.add(new Edge(t.label(), k, "key", Style.KEY));
            for (String h : t.has()) if (!t.keys().contains(h)) edges.add(new Edge(t.label(), h, "has", Style.HAS));
        }
        for (ThingType relation : types) {
            for (Map.Entry<String, String> role : relation.relates().entrySet()) {
                String label = role.getKey() + (role.getValue() == null ? "" : " (as " + role.getValue() + ")");
                for (ThingType player : types) {
                    if (player.plays().contains(role.getKey())) edges.add(new Edge(relation.label(), player.label(), label, Style.ROLE));
                }
            }
        }
        return edges;
    }

    private String attributeLabel(ThingType t) {
        ValueType v = schema.valueType(t.label());
        return v == null ? t.label() : t.label() + ": " + v.keyword();
    }

    /** The schema as a Graphviz DOT digraph ({@code dot -Tsvg} draws it). */
    public String toDot() {
        StringBuilder sb = new StringBuilder("digraph schema {\n")
                .append("  rankdir=BT;\n")
                .append("  node [fontname=\"Helvetica\", fontsize=11];\n")
                .append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        for (ThingType t : types()) {
            String shape = switch (t.kind()) {
                case ENTITY -> "box";
                case RELATION -> "diamond";
                case ATTRIBUTE -> "ellipse";
            };
            String label = t.kind() == TypeKind.ATTRIBUTE ? attributeLabel(t) : t.label();
            sb.append("  ").append(dotId(t.label())).append(" [shape=").append(shape).append(", label=").append(dotId(label))
              .append(t.isAbstract() ? ", style=dashed" : "").append("];\n");
        }
        for (Edge e : edges()) {
            sb.append("  ").append(dotId(e.from())).append(" -> ").append(dotId(e.to())).append(" [");
            switch (e.style()) {
                case SUB -> sb.append("arrowhead=empty, label=\"sub\"");
                case KEY -> sb.append("style=dotted, arrowhead=odot, label=\"key\", penwidth=2");
                case HAS -> sb.append("style=dotted, arrowhead=odot, label=\"has\"");
                case ROLE -> sb.append("label=").append(dotId(e.label()));
            }
            sb.append("];\n");
        }
        return sb.append("}\n").toString();
    }

    /** The schema as a Mermaid flowchart, for Markdown (a {@code ```mermaid} block). */
    public String toMermaid() {
        Map<String, String> ids = new LinkedHashMap<>();
        for (ThingType t : types()) ids.put(t.label(), "t" + ids.size());
        StringBuilder sb = new StringBuilder("flowchart BT\n");
        for (ThingType t : types()) {
            String id = ids.get(t.label());
            String text = mermaidText(t.kind() == TypeKind.ATTRIBUTE ? attributeLabel(t) : t.label()) + (t.isAbstract() ? " (abstract)" : "");
            sb.append("  ").append(id).append(switch (t.kind()) {
                case ENTITY -> "[\"" + text + "\"]";
                case RELATION -> "{\"" + text + "\"}";
                case ATTRIBUTE -> "([\"" + text + "\"])";
            }).append('\n');
        }
        for (Edge e : edges()) {
            String from = ids.get(e.from());
            String to = ids.get(e.to());
            if (from == null || to == null) continue;
            String arrow = switch (e.style()) {
                case SUB -> " ==>|sub| ";
                case KEY -> " -.->|key| ";
                case HAS -> " -.->|has| ";
                case ROLE -> " -->|" + mermaidText(e.label()) + "| ";
            };
            sb.append("  ").append(from).append(arrow).append(to).append('\n');
        }
        return sb.toString();
    }

    /** A DOT double-quoted string. */
    private static String dotId(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Text inside a Mermaid label: its quotes and pipes as HTML entities. */
    private static String mermaidText(String s) {
        return s.replace("\"", "#quot;").replace("|", "#124;");
    }
}
