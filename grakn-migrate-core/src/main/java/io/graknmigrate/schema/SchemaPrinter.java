package io.graknmigrate.schema;

import io.graknmigrate.graql.GraqlStrings;
import io.graknmigrate.graql.Pattern;
import io.graknmigrate.graql.Statement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Prints a schema as one Graql {@code define} query laid out exactly as Grakn 1.8.4's
 * {@code grakn server schema} does, plus {@code regex} (which Grakn drops) so nothing is lost.
 * Reading the output back with {@link SchemaDefiner} gives the same schema, and the same text.
 */
public final class SchemaPrinter {

    private static final String INDENT = "    ";

    private final Schema schema;
    private final Map<String, List<ThingType>> children = new HashMap<>();
    private final Map<String, Integer> attributeOrder = new HashMap<>();
    private final StringBuilder out = new StringBuilder();
    /** Roles whose existence and supertype the relation types' {@code relates} lines already carry. */
    private final Set<String> rolesShown = new HashSet<>();

    private SchemaPrinter(Schema schema) {
        this.schema = schema;
        // types() is sorted by label (String.compareTo), so every child list is too
        for (ThingType t : schema.types()) children.computeIfAbsent(t.supertype(), k -> new ArrayList<>()).add(t);
        List<ThingType> attributes = new ArrayList<>();
        collect(TypeKind.ATTRIBUTE.meta(), attributes);
        for (ThingType a : attributes) attributeOrder.put(a.label(), attributeOrder.size());
    }

    public static String print(Schema schema) {
        return new SchemaPrinter(schema).run();
    }

    private void collect(String parent, List<ThingType> into) {
        for (ThingType t : children.getOrDefault(parent, List.of())) {
            into.add(t);
            collect(t.label(), into);
        }
    }

    private String run() {
        out.append("define\n\n");
        for (TypeKind kind : new TypeKind[] {TypeKind.ATTRIBUTE, TypeKind.ENTITY, TypeKind.RELATION}) walk(kind.meta(), 0);
        roles();
        for (Rule rule : schema.rules()) rule(rule);
        return out.toString();
    }

    private void walk(String parent, int depth) {
        for (ThingType t : children.getOrDefault(parent, List.of())) {
            declaration(t, depth);
            walk(t.label(), depth + 1);
        }
    }

    private void declaration(ThingType t, int depth) {
        List<String> props = new ArrayList<>();
        if (t.isAbstract()) props.add("abstract");
        if (t.kind() == TypeKind.ATTRIBUTE) {
            ValueType vt = schema.valueType(t.label());
            if (vt != null) props.add("value " + vt.keyword());
            if (t.regex() != null) props.add("regex " + GraqlStrings.quote(t.regex()));
        }
        String sup = t.supertype();
        boolean superIsType = schema.type(sup).isPresent();
        Set<String> keys = new LinkedHashSet<>(schema.keys(t.label()));
        Set<String> owned = new LinkedHashSet<>(schema.ownedAttributeTypes(t.label()));
        owned.removeAll(keys);
        if (superIsType) {
            keys.removeAll(schema.keys(sup));
            owned.removeAll(schema.ownedAttributeTypes(sup));
        }
        for (String k : inAttributeOrder(keys)) props.add("key " + k);
        for (String h : inAttributeOrder(owned)) props.add("has " + h);
        Set<String> plays = new TreeSet<>(allPlays(t.label()));
        if (superIsType) plays.removeAll(allPlays(sup));
        for (String r : plays) props.add("plays " + r);
        Set<String> inherited = superIsType ? schema.relatedRoles(sup) : Set.of();
        for (String role : new TreeSet<>(t.relates().keySet())) {
            if (inherited.contains(role)) continue;
            // the role hierarchy is global: the role's own supertype, whichever relation relates it
            String as = schema.role(role).map(RoleType::supertype).orElse(RoleType.META);
            props.add(as.equals(RoleType.META) ? "relates " + role : "relates " + role + " as " + as);
            rolesShown.add(role);
        }
        String pad = INDENT.repeat(depth);
        out.append(pad).append(t.label()).append(" sub ").append(sup);
        properties(props, pad + INDENT);
    }

    /**
     * Grakn prints roles only through {@code relates}, which loses a role no relation type relates; those
     * (only those) get a {@code role sub super;} line so that the printout reloads to the same schema.
     */
    private void roles() {
        for (RoleType r : schema.roles()) {
            if (!rolesShown.contains(r.label())) out.append(r.label()).append(" sub ").append(r.supertype()).append(";\n\n");
        }
    }

    private void properties(List<String> props, String pad) {
        if (props.isEmpty()) {
            out.append(";\n\n");
            return;
        }
        out.append(",\n");
        for (int i = 0; i < props.size(); i++) {
            out.append(pad).append(props.get(i)).append(i == props.size() - 1 ? ";\n\n" : ",\n");
        }
    }

    private Set<String> allPlays(String type) {
        Set<String> plays = new LinkedHashSet<>();
        for (ThingType s : schema.supertypes(type)) plays.addAll(s.plays());
        return plays;
    }

    private List<String> inAttributeOrder(Set<String> labels) {
        List<String> sorted = new ArrayList<>(labels);
        sorted.sort(Comparator.comparing((String l) -> attributeOrder.getOrDefault(l, Integer.MAX_VALUE))
                .thenComparing(Comparator.naturalOrder()));
        return sorted;
    }

    private void rule(Rule rule) {
        out.append(rule.label()).append(" sub rule,\n");
        out.append(INDENT).append("when {\n");
        patterns(rule.when(), INDENT.repeat(2));
        out.append(INDENT).append("}, then {\n");
        patterns(rule.then(), INDENT.repeat(2));
        out.append(INDENT).append("};\n\n");
    }

    private void patterns(Pattern.Conjunction c, String pad) {
        for (Pattern p : c.patterns()) {
            out.append(pad);
            pattern(p, pad);
            out.append(";\n");
        }
    }

    /** Writes one pattern without its closing ';', starting on the current line. */
    private void pattern(Pattern p, String pad) {
        if (p instanceof Statement s) {
            out.append(s);
        } else if (p instanceof Pattern.Negation n) {
            out.append("not ");
            block(n.body(), pad);
        } else if (p instanceof Pattern.Disjunction d) {
            for (int i = 0; i < d.branches().size(); i++) {
                if (i > 0) out.append(" or ");
                block(d.branches().get(i), pad);
            }
        } else if (p instanceof Pattern.Conjunction c) {
            block(c, pad);
        }
    }

    /** {@code { statement; }} on one line for a single statement, else one pattern per line. */
    private void block(Pattern.Conjunction c, String pad) {
        if (c.patterns().size() == 1 && c.patterns().get(0) instanceof Statement s) {
            out.append("{ ").append(s).append("; }");
            return;
        }
        out.append("{\n");
        patterns(c, pad + INDENT);
        out.append(pad).append("}");
    }
}
