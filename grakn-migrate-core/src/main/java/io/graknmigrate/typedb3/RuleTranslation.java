package io.graknmigrate.typedb3;

import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.Pattern;
import io.graknmigrate.schema.Rule;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.SchemaPrinter;
import io.graknmigrate.schema.ThingType;

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
                outcomes.add(new RuleOutcome(r.label(), true, "function " + draft.get(0).substring(4, draft.get(0).indexOf('('))));
            } catch (NoDraft e) {
                lines.add("rule " + r.label() + ": no draft, " + e.getMessage());
                outcomes.add(new RuleOutcome(r.label(), false, e.getMessage()));
            }
        }
        return new Result(lines, outcomes);
    }

    private List<String> draft(Rule r) throws NoDraft {
        if (r.then().patterns().size() != 1 || !(r.then().patterns().get(0) instanceof Pattern.Statement then)) {
            throw new NoDraft("its conclusion is not one statement");
        }
        Variables vars = new Variables();
        collectVariables(r.when(), vars.used);
        List<String> match = new ArrayList<>();
        conjunction(r.when(), match, vars, "    ");
        List<String> returned = new ArrayList<>();
        List<String> types = new ArrayList<>();
        String note;
        if (then.relation() != null) {
            String rel = isaOf(then);
            if (rel == null) throw new NoDraft("its concluded relation has no type");
            for (Pattern.RolePlayer p : then.relation()) {
                if (returned.contains(p.player())) continue;
                returned.add(p.player());
                types.add(typeOf(p.player(), r.when(), rel, p.role()));
            }
            note = "the " + names.type(rel) + " relations the rule inferred, as their role players";
        } else if (then.value() != null) {
            throw new NoDraft("its conclusion is a value, which a function cannot add to a thing");
        } else if (then.properties().size() == 1 && then.properties().get(0) instanceof Pattern.Has has && then.subject() != null) {
            if (has.via() != null) throw new NoDraft("its conclusion uses 'via'");
            returned.add(then.subject());
            types.add(typeOf(then.subject(), r.when(), null, null));
            if (has.value() != null && has.value().operator().isEmpty() && has.value().operand().kind() == Pattern.ValueKind.VARIABLE) {
                returned.add(has.value().operand().text());
                types.add(names.type(has.type()));
                note = "the owners and the " + names.type(has.type()) + " values the rule gave them";
            } else if (has.value() != null && has.value().operator().isEmpty()) {
                note = "the owners the rule gave " + names.type(has.type()) + " " + literal(has.value().operand());
            } else {
                throw new NoDraft("its conclusion's value is not a variable or a literal");
            }
        } else if (then.properties().stream().anyMatch(p -> p instanceof Pattern.Isa)) {
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

    private String functionName(String rule) {
        String name = rule.replaceAll("[^\\p{L}\\p{N}_-]", "_");
        if (!Labels.isIdentifier(name)) name = "x" + name;
        while (Labels.isReserved(name) || schema.type(name).isPresent() || schema.role(name).isPresent() || !functionNames.add(name)) {
            name += "_";
        }
        return name;
    }

    /** The type of a returned variable: its {@code isa} in the condition, else the one type that plays the concluded role. */
    private String typeOf(String var, Pattern.Conjunction when, String relation, String role) throws NoDraft {
        String stated = statedType(var, when);
        if (stated != null) return names.type(stated);
        if (relation != null && role != null) {
            Set<String> players = new LinkedHashSet<>();
            for (ThingType t : schema.types()) if (t.kind() != TypeKind.ATTRIBUTE && t.plays().contains(role)) players.add(t.label());
            String common = commonSupertype(players);
            if (common != null) return names.type(common);
        }
        throw new NoDraft("the type of " + var + " is not stated in its 'when' and no single type plays its role");
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

    private static String statedType(String var, Pattern.Conjunction when) {
        for (Pattern p : when.patterns()) {
            if (p instanceof Pattern.Statement s && var.equals(s.subject())) {
                for (Pattern.Property prop : s.properties()) if (prop instanceof Pattern.Isa isa) return isa.type();
            }
        }
        return null;
    }

    private static String isaOf(Pattern.Statement s) {
        for (Pattern.Property p : s.properties()) if (p instanceof Pattern.Isa isa) return isa.type();
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
        } else if (p instanceof Pattern.Statement s) {
            if (s.subject() != null && s.subject().startsWith("$")) out.add(s.subject());
            if (s.relation() != null) s.relation().forEach(rp -> out.add(rp.player()));
        }
    }

    private void conjunction(Pattern.Conjunction c, List<String> out, Variables vars, String indent) throws NoDraft {
        for (Pattern p : c.patterns()) {
            if (p instanceof Pattern.Statement s) {
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

    private void statement(Pattern.Statement s, List<String> out, Variables vars, String indent) throws NoDraft {
        String subject = s.subject();
        List<String> parts = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        if (subject != null && !subject.startsWith("$")) throw new NoDraft("its 'when' has a statement on a type label");
        if (subject == null) subject = s.relation() != null ? vars.fresh() : null;
        if (subject == null) throw new NoDraft("its 'when' has a statement without a subject");
        for (Pattern.Property prop : s.properties()) {
            if (prop instanceof Pattern.Isa isa) {
                parts.add((isa.explicit() ? "isa! " : "isa ") + names.type(isa.type()));
            } else if (prop instanceof Pattern.Sub sub) {
                parts.add((sub.explicit() ? "sub! " : "sub ") + names.type(sub.type()));
            } else if (prop instanceof Pattern.TypeLabel tl) {
                parts.add("label " + names.type(tl.label()));
            } else if (prop instanceof Pattern.Has has) {
                if (has.via() != null) throw new NoDraft("its 'when' uses 'via'");
                if (has.value() == null) {
                    parts.add("has " + names.type(has.type()) + " " + vars.fresh());
                } else if (has.value().operator().isEmpty()) {
                    parts.add("has " + names.type(has.type()) + " " + operand(has.value().operand()));
                } else {
                    String v = vars.fresh();
                    parts.add("has " + names.type(has.type()) + " " + v);
                    extra.add(comparison(v, has.value()));
                }
            }
        }
        if (s.relation() != null) {
            List<String> players = new ArrayList<>();
            for (Pattern.RolePlayer rp : s.relation()) players.add(rp.role() == null ? rp.player() : names.role(rp.role()) + ": " + rp.player());
            parts.add("links (" + String.join(", ", players) + ")");
        }
        if (s.value() != null) {
            if (parts.isEmpty()) {
                out.add(indent + comparison(subject, s.value()) + ";");
                return;
            }
            extra.add(comparison(subject, s.value()));
        }
        if (!parts.isEmpty()) out.add(indent + subject + " " + String.join(", ", parts) + ";");
        for (String e : extra) out.add(indent + e + ";");
    }

    private static String comparison(String left, Pattern.Predicate p) {
        String op = p.operator();
        String right = operand(p.operand());
        return switch (op) {
            case "" -> left + " == " + right;
            // Graql: != is "not the same concept", !== is "not the same value"
            case "!=" -> "not { " + left + " is " + right + "; }";
            case "!==" -> left + " != " + right;
            default -> left + " " + op + " " + right;
        };
    }

    private static String operand(Pattern.Value v) {
        return literal(v);
    }

    private static String literal(Pattern.Value v) {
        if (v.kind() != Pattern.ValueKind.STRING) return v.text();
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : v.text().toCharArray()) {
            if (ch == '"' || ch == '\\') sb.append('\\');
            sb.append(ch);
        }
        return sb.append('"').toString();
    }
}
