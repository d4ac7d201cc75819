package io.graknmigrate.typedb3;

import io.graknmigrate.graql.Comparator;
import io.graknmigrate.graql.Label;
import io.graknmigrate.graql.Literal;
import io.graknmigrate.graql.Pattern;
import io.graknmigrate.graql.Predicate;
import io.graknmigrate.graql.Property;
import io.graknmigrate.graql.RolePlayer;
import io.graknmigrate.graql.Statement;
import io.graknmigrate.graql.Term;
import io.graknmigrate.graql.Variable;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.Rule;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.SchemaPrinter;
import io.graknmigrate.schema.ThingType;
import io.graknmigrate.schema.TypeKind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules, which TypeDB 3 does not have: kept as comments at the end of {@code schema.tql}, each with a
 * draft TypeQL 3 function where one can be written. A function returns what the rule inferred (its
 * {@code when} as the {@code match}, the conclusion's variables as the return); TypeDB 3 computes it
 * only when a query calls it, so the draft is a starting point, never a drop-in replacement.
 * Conclusions that are types or values, negations and {@code via} have no draft.
 */
final class RuleTranslation {

    record Result(List<String> comments, List<RuleOutcome> outcomes) { }

    private final Schema schema;
    private final TypeNames names;
    private final Set<String> functionNames = new HashSet<>();

    private RuleTranslation(Schema schema, TypeNames names) {
        this.schema = schema;
        this.names = names;
    }

    static Result translate(Schema schema, TypeNames names) {
        return new RuleTranslation(schema, names).run();
    }

    /** Thrown inside the translation of one rule: why it gets no draft. */
    private static final class NoDraft extends Exception {
        NoDraft(String why) { super(why, null, false, false); }
    }

    private Result run() {
        List<String> lines = new ArrayList<>();
        List<RuleOutcome> outcomes = new ArrayList<>();
        if (schema.rules().isEmpty()) return new Result(lines, outcomes);
        lines.add("Rules (" + schema.rules().size() + "): TypeDB 3 has no rules. Functions (fun ...) replace them and are");
        lines.add("computed only when a query calls them. The Grakn rules were:");
        lines.add("");
        String printed = SchemaPrinter.print(schema);
        String first = schema.rules().iterator().next().label();
        int at = printed.indexOf("\n" + first + " sub rule,");
        if (at >= 0) {
            for (String line : printed.substring(at + 1).split("\n", -1)) lines.add(line);
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) lines.remove(lines.size() - 1);
        } else {
            for (Rule r : schema.rules()) lines.add(r + ";");
        }
        lines.add("");
        lines.add("Draft TypeQL 3 functions returning what each rule inferred (check them before use):");
        for (Rule r : schema.rules()) {
            lines.add("");
            try {
                List<String> draft = draft(r);
                lines.addAll(draft);
                outcomes.add(new RuleOutcome(r.label(), true, draft.get(0).substring(4, draft.get(0).indexOf('('))));
            } catch (NoDraft e) {
                lines.add("rule " + r.label() + ": no draft, " + e.getMessage());
                outcomes.add(new RuleOutcome(r.label(), false, e.getMessage()));
            }
        }
        return new Result(lines, outcomes);
    }

    private List<String> draft(Rule r) throws NoDraft {
        Statement then = null;
        for (Pattern p : r.then().patterns()) {
            if (!(p instanceof Statement s)) throw new NoDraft("its conclusion is not made of statements");
            if (isValueStatement(s)) throw new NoDraft("its conclusion creates a value (" + s + "), which a function cannot add to the data");
            if (then != null) throw new NoDraft("its conclusion has more than one statement");
            then = s;
        }
        if (then == null) throw new NoDraft("its conclusion is empty");
        Variables vars = new Variables();
        collectVariables(r.when(), vars.used);
        List<String> match = new ArrayList<>();
        conjunction(r.when(), match, vars, "    ");
        List<String> returned = new ArrayList<>();
        List<String> types = new ArrayList<>();
        String note;
        Property.Relation relation = then.first(Property.Relation.class);
        Property.Has has = then.first(Property.Has.class);
        if (relation != null) {
            Property.Isa isa = then.first(Property.Isa.class);
            if (isa == null || !(isa.type() instanceof Label rel)) throw new NoDraft("its concluded relation has no type label");
            for (RolePlayer p : relation.players()) {
                String v = p.player().toString();
                if (returned.contains(v)) continue;
                returned.add(v);
                types.add(typeOf(p.player(), r.when(), p.role() instanceof Label l ? l.name() : null));
            }
            note = "the " + names.type(rel.name()) + " relations the rule inferred, as their role players";
        } else if (has != null && then.variable() != null && then.properties().size() == 1) {
            if (has.via() != null) throw new NoDraft("its conclusion uses 'via'");
            if (!(has.attributeType() instanceof Label attr)) throw new NoDraft("its concluded attribute type is a variable");
            returned.add(then.variable().toString());
            types.add(typeOf(then.variable(), r.when(), null));
            if (has.attribute() != null) {
                returned.add(has.attribute().toString());
                String bound = attributeTypeOf(has.attribute(), r.when());
                types.add(names.type(bound != null ? bound : attr.name()));
                note = "the owners and the " + names.type(attr.name()) + " values the rule gave them";
            } else if (has.predicate() != null && has.predicate().equalsLiteral() != null) {
                note = "the owners the rule gave " + names.type(attr.name()) + " " + literal(has.predicate().equalsLiteral());
            } else {
                throw new NoDraft("its conclusion's value is neither a variable nor a literal");
            }
        } else if (then.first(Property.Isa.class) != null) {
            throw new NoDraft("its conclusion is a type ('isa'), which has no function counterpart");
        } else {
            throw new NoDraft("its conclusion is neither a relation nor an ownership");
        }
        List<String> out = new ArrayList<>();
        out.add("fun " + functionName(r.label()) + "() -> { " + String.join(", ", types) + " }:");
        out.add("  match");
        out.addAll(match);
        out.add("  return { " + String.join(", ", returned) + " };");
        out.add("  # returns " + note);
        return out;
    }

    private static boolean isValueStatement(Statement s) {
        if (s.properties().isEmpty()) return false;
        for (Property p : s.properties()) if (!(p instanceof Property.Value)) return false;
        return true;
    }

    private String functionName(String rule) {
        String name = rule.replaceAll("[^\\p{L}\\p{N}_-]", "_");
        if (!Labels.isIdentifier(name)) name = "x" + name;
        while (Labels.isReserved(name) || schema.type(name).isPresent() || schema.role(name).isPresent() || !functionNames.add(name)) {
            name += "_";
        }
        return name;
    }

    /** The type of a returned variable: its {@code isa} in the condition, else the common supertype of the role's players. */
    private String typeOf(Variable var, Pattern.Conjunction when, String role) throws NoDraft {
        String stated = statedType(var, when);
        if (stated != null) return names.type(stated);
        if (role != null) {
            Set<String> players = new LinkedHashSet<>();
            for (ThingType t : schema.types()) if (t.kind() != TypeKind.ATTRIBUTE && t.plays().contains(role)) players.add(t.label());
            String common = commonSupertype(players);
            if (common != null) return names.type(common);
        }
        throw new NoDraft("the type of " + var + " is not stated in its 'when' and its role's players share no type");
    }

    private String commonSupertype(Set<String> types) {
        String common = null;
        for (String t : types) {
            if (common == null) {
                common = t;
                continue;
            }
            String c = null;
            for (ThingType s : schema.supertypes(common)) {
                if (schema.isSubtypeOf(t, s.label())) {
                    c = s.label();
                    break;
                }
            }
            if (c == null || Schema.META_LABELS.contains(c)) return null;
            common = c;
        }
        return common;
    }

    /** The attribute type a variable is bound to in the condition ({@code has T $v}, or {@code $v isa T}), or null. */
    private static String attributeTypeOf(Variable var, Pattern.Conjunction when) {
        for (Pattern p : when.patterns()) {
            if (!(p instanceof Statement s)) continue;
            for (Property.Has h : s.all(Property.Has.class)) {
                if (var.equals(h.attribute()) && h.attributeType() instanceof Label l) return l.name();
            }
        }
        return statedType(var, when);
    }

    private static String statedType(Variable var, Pattern.Conjunction when) {
        for (Pattern p : when.patterns()) {
            if (p instanceof Statement s && var.equals(s.variable())) {
                for (Property.Isa isa : s.all(Property.Isa.class)) if (isa.type() instanceof Label l) return l.name();
            }
        }
        return null;
    }

    /** Variables of the condition, so that fresh ones do not clash. */
    private static final class Variables {
        final Set<String> used = new HashSet<>();
        int next = 1;

        String fresh() {
            String v;
            do v = "$v" + next++; while (used.contains(v));
            used.add(v);
            return v;
        }
    }

    private static void collectVariables(Pattern p, Set<String> out) {
        if (p instanceof Pattern.Conjunction c) {
            c.patterns().forEach(x -> collectVariables(x, out));
        } else if (p instanceof Pattern.Disjunction d) {
            d.branches().forEach(x -> collectVariables(x, out));
        } else if (p instanceof Pattern.Negation n) {
            collectVariables(n.body(), out);
        } else if (p instanceof Statement s) {
            if (s.variable() != null) out.add(s.variable().toString());
            for (Property.Relation rel : s.all(Property.Relation.class)) rel.players().forEach(rp -> out.add(rp.player().toString()));
            for (Property.Has h : s.all(Property.Has.class)) if (h.attribute() != null) out.add(h.attribute().toString());
        }
    }

    private void conjunction(Pattern.Conjunction c, List<String> out, Variables vars, String indent) throws NoDraft {
        for (Pattern p : c.patterns()) {
            if (p instanceof Statement s) {
                statement(s, out, vars, indent);
            } else if (p instanceof Pattern.Negation) {
                throw new NoDraft("its 'when' has a negation; TypeDB 3 functions accept 'not' only when stratified, write it by hand");
            } else if (p instanceof Pattern.Conjunction inner) {
                conjunction(inner, out, vars, indent);
            } else if (p instanceof Pattern.Disjunction d) {
                List<String> branches = new ArrayList<>();
                for (Pattern.Conjunction b : d.branches()) {
                    List<String> inner = new ArrayList<>();
                    conjunction(b, inner, vars, "");
                    branches.add("{ " + String.join(" ", inner) + " }");
                }
                out.add(indent + String.join(" or ", branches) + ";");
            }
        }
    }

    private void statement(Statement s, List<String> out, Variables vars, String indent) throws NoDraft {
        if (s.label() != null) throw new NoDraft("its 'when' has a statement on a type label (" + s + ")");
        String subject = s.variable() != null ? s.variable().toString() : vars.fresh();
        List<String> parts = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        String relationPart = null;
        for (Property prop : s.properties()) {
            if (prop instanceof Property.Isa isa) {
                parts.add((isa.explicit() ? "isa! " : "isa ") + type(isa.type()));
            } else if (prop instanceof Property.Sub sub) {
                parts.add((sub.explicit() ? "sub! " : "sub ") + type(sub.type()));
            } else if (prop instanceof Property.Type t) {
                parts.add("label " + names.type(t.label().name()));
            } else if (prop instanceof Property.Has has) {
                if (has.via() != null) throw new NoDraft("its 'when' uses 'via'");
                String attr = type(has.attributeType());
                if (has.attribute() != null) {
                    parts.add("has " + attr + " " + has.attribute());
                } else if (has.predicate() == null) {
                    parts.add("has " + attr + " " + vars.fresh());
                } else if (has.predicate().equalsLiteral() != null) {
                    parts.add("has " + attr + " " + literal(has.predicate().equalsLiteral()));
                } else {
                    String v = vars.fresh();
                    parts.add("has " + attr + " " + v);
                    extra.add(comparison(v, has.predicate()));
                }
            } else if (prop instanceof Property.Relation rel) {
                // placed after the isa below, as TypeQL 3 examples write it
                List<String> players = new ArrayList<>();
                for (RolePlayer rp : rel.players()) {
                    players.add(rp.role() == null ? rp.player().toString() : roleName(rp.role()) + ": " + rp.player());
                }
                relationPart = "links (" + String.join(", ", players) + ")";
            } else if (prop instanceof Property.Value v) {
                extra.add(comparison(subject, v.predicate()));
            } else if (prop instanceof Property.Neq neq) {
                // Graql's != is "not the same concept"
                extra.add("not { " + subject + " is " + neq.other() + "; }");
            } else {
                throw new NoDraft("its 'when' has '" + prop + "', which has no TypeQL 3 match counterpart");
            }
        }
        if (relationPart != null) {
            int isa = 0;
            while (isa < parts.size() && !parts.get(isa).startsWith("isa")) isa++;
            parts.add(isa < parts.size() ? isa + 1 : 0, relationPart);
        }
        if (!parts.isEmpty()) out.add(indent + subject + " " + String.join(", ", parts) + ";");
        for (String e : extra) out.add(indent + e + ";");
    }

    private String type(Term t) {
        return t instanceof Label l ? names.type(l.name()) : t.toString();
    }

    private String roleName(Term t) {
        return t instanceof Label l ? names.role(l.name()) : t.toString();
    }

    private static String comparison(String left, Predicate p) {
        String right = p.operand() instanceof Literal l ? literal(l) : p.operand().toString();
        // Graql's !== is value inequality, TypeQL 3 writes it !=
        String op = p.comparator() == Comparator.NEQ ? "!=" : p.comparator().symbol();
        return left + " " + op + " " + right;
    }

    private static String literal(Literal v) {
        if (!(v instanceof Literal.StringLiteral s)) return v.toString();
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.value().toCharArray()) {
            if (ch == '"' || ch == '\\') sb.append('\\');
            sb.append(ch);
        }
        return sb.append('"').toString();
    }
}
