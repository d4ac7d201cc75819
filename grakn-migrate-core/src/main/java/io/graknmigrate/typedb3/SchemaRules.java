package io.graknmigrate.typedb3;

import io.graknmigrate.schema.TypeKind;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * TypeDB 3's schema rules, as this project models them from TypeDB's documentation and sources:
 * the checks a {@code define} must pass (DEX, SVL errors), on the schema as parsed back from
 * {@code schema.tql}.
 */
final class SchemaRules {

    /** TypeDB 3's value types. */
    private static final Set<String> VALUE_TYPES = Set.of("string", "integer", "double", "boolean", "datetime", "decimal", "date",
            "datetime-tz", "duration");

    private final TypeQlSchema schema;
    private final Problems problems;

    private SchemaRules(TypeQlSchema schema, Problems problems) {
        this.schema = schema;
        this.problems = problems;
    }

    static void check(TypeQlSchema schema, Problems problems) {
        new SchemaRules(schema, problems).checkSchema();
    }

    private void problem(String kind, String example) { problems.add(kind, example); }

    private void checkSchema() {
        for (TypeQlType t : schema.types()) {
            String l = t.label();
            if (Labels.isReserved(l)) problem("reserved keyword used as a type label (DEX31)", l);
            if (!Labels.isIdentifier(l)) problem("label is not a TypeQL identifier", l);
            if (t.supertype() != null) {
                TypeQlType s = schema.type(t.supertype());
                if (s == null) problem("supertype does not exist", l + " sub " + t.supertype());
                else if (s.kind() != t.kind()) problem("supertype has another kind", l + " sub " + t.supertype());
                else if (schema.supertypes(l).size() != depth(l)) problem("cyclic type hierarchy", l);
                if (t.isAbstract() && s != null && !s.isAbstract()) problem("abstract type under a concrete supertype (SVL14)", l + " sub " + s.label());
            }
            boolean inheritedValue = t.supertype() != null && schema.valueType(t.supertype()) != null;
            if (t.kind() == TypeKind.ATTRIBUTE) {
                if (schema.valueType(l) == null && !t.isAbstract()) problem("attribute type without a value type must be abstract (SVL22)", l);
                if (t.valueType() != null && inheritedValue && t.regex() == null) problem("inherited value type re-stated (SVL39)", l);
                if (t.valueType() != null && !VALUE_TYPES.contains(t.valueType())) {
                    problem("unknown value type", l + " value " + t.valueType());
                }
                if (t.regex() != null) {
                    if (!"string".equals(schema.valueType(l))) problem("@regex on a non-string attribute type", l);
                    String u = RegexCompatibility.refusal(t.regex());
                    if (u != null) problem("regex TypeDB 3's engine refuses (SVL31)", l + ": " + u);
                }
                if (!t.owns().isEmpty() || !t.plays().isEmpty() || !t.relates().isEmpty()) problem("attribute type with owns/plays/relates (DEX11)", l);
            } else {
                if (t.valueType() != null) problem("value type on a non-attribute type", l);
                if (t.isIndependent()) problem("@independent on a non-attribute type", l);
                if (t.kind() == TypeKind.ENTITY && !t.relates().isEmpty()) problem("entity type with relates (DEX11)", l);
            }
            if (t.isIndependent() && t.supertype() != null && schema.isIndependent(t.supertype())) problem("inherited @independent re-stated", l);
            for (Map.Entry<String, TypeQlType.Capability> o : t.owns().entrySet()) {
                TypeQlType a = schema.type(o.getKey());
                if (a == null || a.kind() != TypeKind.ATTRIBUTE) problem("owns a type that is not an attribute type", l + " owns " + o.getKey());
                inherited(t, o.getKey(), o.getValue(), "owns");
                card(t, "owns " + o.getKey(), o.getValue());
                if (o.getValue().key && (o.getValue().unique || o.getValue().hasCard())) problem("@key combined with @unique/@card", l + " owns " + o.getKey());
                if ((o.getValue().key || o.getValue().unique) && "double".equals(schema.valueType(o.getKey()))) {
                    problem("@key/@unique on a double attribute (SVL26)", l + " owns " + o.getKey());
                }
            }
            for (Map.Entry<String, TypeQlType.Capability> p : t.plays().entrySet()) {
                String[] sr = p.getKey().split(":", 2);
                TypeQlType rel = schema.type(sr[0]);
                if (rel == null || rel.kind() != TypeKind.RELATION || !rel.relates().containsKey(sr[1])) {
                    problem("plays a role that its scope relation type does not declare", l + " plays " + p.getKey());
                }
                inherited(t, p.getKey(), p.getValue(), "plays");
                card(t, "plays " + p.getKey(), p.getValue());
            }
            for (Map.Entry<String, TypeQlType.Capability> r : t.relates().entrySet()) {
                String role = r.getKey();
                if (Labels.isReserved(role)) problem("reserved keyword used as a role name (DEX31)", l + ":" + role);
                if (t.supertype() != null && schema.relatesDeclarer(t.supertype(), role) != null) {
                    problem("role name re-declared in a relation hierarchy (SVL7/SVL42)", l + ":" + role);
                }
                String as = r.getValue().specialises;
                if (as != null) {
                    if (t.supertype() == null || schema.relatesDeclarer(t.supertype(), as) == null) {
                        problem("'relates ... as' of a role no supertype relates (SVL11)", l + " relates " + role + " as " + as);
                    } else {
                        for (TypeQlType s : schema.supertypes(t.supertype())) {
                            for (TypeQlType.Capability c : s.relates().values()) {
                                if (as.equals(c.specialises)) problem("role already specialised by a supertype (SVL12)", l + " relates " + role + " as " + as);
                            }
                        }
                    }
                }
                card(t, "relates " + role, r.getValue());
            }
        }
    }

    private int depth(String label) {
        int d = 0;
        TypeQlType t = schema.type(label);
        Set<String> seen = new HashSet<>();
        while (t != null && seen.add(t.label())) {
            d++;
            t = t.supertype() == null ? null : schema.type(t.supertype());
        }
        return t == null ? d : -1;
    }

    private void inherited(TypeQlType t, String target, TypeQlType.Capability c, String what) {
        if (t.supertype() == null) return;
        for (TypeQlType s : schema.supertypes(t.supertype())) {
            TypeQlType.Capability above = what.equals("owns") ? s.owns().get(target) : s.plays().get(target);
            if (above != null && !c.hasAnnotations()) {
                problem("inherited capability re-stated without specialisation (SVL42)",
                        t.label() + " " + what + " " + target + " (declared on " + s.label() + ")");
            }
        }
    }

    private void card(TypeQlType t, String what, TypeQlType.Capability c) {
        if (c.hasCard() && c.cardMax >= 0 && c.cardMax < c.cardMin) problem("@card with max below min", t.label() + " " + what);
    }

}
