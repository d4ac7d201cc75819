package io.graknmigrate.match;

import io.graknmigrate.graql.Label;
import io.graknmigrate.graql.Literal;
import io.graknmigrate.graql.Pattern;
import io.graknmigrate.graql.Position;
import io.graknmigrate.graql.Predicate;
import io.graknmigrate.graql.Property;
import io.graknmigrate.graql.Query;
import io.graknmigrate.graql.Statement;
import io.graknmigrate.graql.Term;
import io.graknmigrate.graql.Variable;
import io.graknmigrate.match.MatchPattern.Constraint;
import io.graknmigrate.match.MatchPattern.TypeRef;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Graql's parsed {@code match} patterns and get queries into the planner's form. A statement
 * is about a type when it says so ({@code sub}, {@code plays}, {@code relates}, {@code type},
 * {@code abstract}, {@code key}, a bare {@code has A}); a label subject ({@code person plays friend})
 * becomes an anonymous type variable of that label; {@code $_} and a relation without a variable get
 * fresh anonymous variables.
 */
public final class MatchTranslator {

    private int anonymous;

    /** The pattern of a match clause. */
    public MatchPattern.Conjunction pattern(Query.Match match) {
        List<Constraint> out = new ArrayList<>();
        for (Pattern p : match.patterns()) add(p, out);
        return new MatchPattern.Conjunction(out);
    }

    /** A get query with its modifiers. */
    public MatchQuery get(Query.Get get) {
        MatchQuery.Sort sort = get.sort() == null ? null : new MatchQuery.Sort(get.sort().variable().name(), get.sort().ascending());
        return new MatchQuery(pattern(get.match()), names(get.variables()), sort, get.offset(), get.limit(), null, null);
    }

    /** A get followed by an aggregate. */
    public MatchQuery aggregate(Query.Aggregate q) {
        MatchQuery g = get(q.get());
        return new MatchQuery(g.pattern(), g.vars(), g.sort(), g.offset(), g.limit(),
                new MatchQuery.Aggregate(method(q.method()), q.variable() == null ? null : q.variable().name()), null);
    }

    /** A get followed by a group (and an aggregate per group when given). */
    public MatchQuery group(Query.Group q) {
        MatchQuery g = get(q.get());
        MatchQuery.Aggregate agg = q.method() == null ? null
                : new MatchQuery.Aggregate(method(q.method()), q.aggregateVariable() == null ? null : q.aggregateVariable().name());
        return new MatchQuery(g.pattern(), g.vars(), g.sort(), g.offset(), g.limit(), agg, q.variable().name());
    }

    private static MatchQuery.Method method(Query.AggregateMethod m) { return MatchQuery.Method.valueOf(m.name()); }

    private static List<String> names(List<Variable> vars) {
        List<String> out = new ArrayList<>();
        for (Variable v : vars) out.add(v.name());
        return out;
    }

    private void add(Pattern p, List<Constraint> out) {
        if (p instanceof Statement s) {
            statement(s, out);
        } else if (p instanceof Pattern.Conjunction c) {
            for (Pattern q : c.patterns()) add(q, out);
        } else if (p instanceof Pattern.Disjunction d) {
            List<MatchPattern.Conjunction> branches = new ArrayList<>();
            for (Pattern.Conjunction b : d.branches()) {
                List<Constraint> bs = new ArrayList<>();
                add(b, bs);
                branches.add(new MatchPattern.Conjunction(bs));
            }
            out.add(new MatchPattern.Or(branches, where(d.position())));
        } else if (p instanceof Pattern.Negation n) {
            List<Constraint> body = new ArrayList<>();
            add(n.body(), body);
            out.add(new MatchPattern.Not(new MatchPattern.Conjunction(body), where(n.position())));
        }
    }

    private String fresh() { return MatchPattern.anonymous(++anonymous); }

    private String var(Variable v) { return v.isAnonymous() ? fresh() : v.name(); }

    private static boolean isTypeStatement(Statement s) {
        for (Property p : s.properties()) {
            if (p instanceof Property.Sub || p instanceof Property.Plays || p instanceof Property.Relates
                    || p instanceof Property.Type || p instanceof Property.Abstract || p instanceof Property.Key
                    || p instanceof Property.ValueType || p instanceof Property.Regex
                    || (p instanceof Property.Has h && h.attribute() == null && h.predicate() == null)) {
                return true;
            }
        }
        return s.subject() instanceof Label;
    }

    private void statement(Statement s, List<Constraint> out) {
        String subject;
        if (s.subject() instanceof Variable v) {
            subject = var(v);
        } else if (s.subject() instanceof Label l) {
            subject = fresh();
            out.add(new MatchPattern.TypeIs(subject, l.name(), where(l.position() == null ? s.position() : l.position())));
        } else {
            subject = fresh();
        }
        if (isTypeStatement(s)) typeProperties(s, subject, out);
        else thingProperties(s, subject, out);
    }

    private void typeProperties(Statement s, String t, List<Constraint> out) {
        for (Property p : s.properties()) {
            String where = where(p.position());
            if (p instanceof Property.Sub sub) {
                out.add(new MatchPattern.Sub(t, typeRef(sub.type()), sub.explicit(), where));
            } else if (p instanceof Property.Plays plays) {
                out.add(new MatchPattern.Plays(TypeRef.var(t), roleLabel(plays.role(), where), where));
            } else if (p instanceof Property.Relates rel) {
                if (rel.as() != null) throw MatchException.at(where, "relates … as … is a define form, not a match pattern");
                out.add(new MatchPattern.Relates(TypeRef.var(t), roleLabel(rel.role(), where), where));
            } else if (p instanceof Property.Type type) {
                out.add(new MatchPattern.TypeIs(t, type.label().name(), where));
            } else if (p instanceof Property.Abstract) {
                out.add(new MatchPattern.Abstract(t, where));
            } else if (p instanceof Property.Key key) {
                out.add(new MatchPattern.Owns(TypeRef.var(t), label(key.attributeType(), "key", where), true, where));
            } else if (p instanceof Property.Has has && has.attribute() == null && has.predicate() == null) {
                out.add(new MatchPattern.Owns(TypeRef.var(t), label(has.attributeType(), "has", where), false, where));
            } else {
                throw MatchException.at(where, "'" + p + "' is not supported in a match pattern about a type");
            }
        }
    }

    private void thingProperties(Statement s, String x, List<Constraint> out) {
        for (Property p : s.properties()) {
            String where = where(p.position());
            if (p instanceof Property.Isa isa) {
                out.add(new MatchPattern.Isa(x, typeRef(isa.type()), isa.explicit(), where));
            } else if (p instanceof Property.Has has) {
                if (has.via() != null) throw MatchException.at(where, "has … via $r is not supported (Grakn 1.8 has no ownership variables)");
                String type = label(has.attributeType(), "has", where);
                String attribute = has.attribute() != null ? var(has.attribute()) : fresh();
                out.add(new MatchPattern.Has(x, type, attribute, where));
                if (has.predicate() != null) out.add(value(attribute, has.predicate(), where));
            } else if (p instanceof Property.Value value) {
                out.add(value(x, value.predicate(), where));
            } else if (p instanceof Property.Relation rel) {
                for (var rp : rel.players()) {
                    String role = rp.role() == null ? null : roleLabel(rp.role(), where(rp.position()));
                    out.add(new MatchPattern.RolePlayer(x, role, var(rp.player()), where(rp.position())));
                }
            } else if (p instanceof Property.Id id) {
                out.add(new MatchPattern.Id(x, id.id(), where));
            } else if (p instanceof Property.Neq neq) {
                out.add(new MatchPattern.NotSame(x, var(neq.other()), where));
            } else {
                throw MatchException.at(where, "'" + p + "' is not supported in a match pattern about a thing");
            }
        }
    }

    private MatchPattern.Value value(String attribute, Predicate predicate, String where) {
        if (predicate.operand() instanceof Literal l) return MatchPattern.Value.literal(attribute, predicate.comparator(), l, where);
        return MatchPattern.Value.variable(attribute, predicate.comparator(), var((Variable) predicate.operand()), where);
    }

    private TypeRef typeRef(Term t) {
        return t instanceof Label l ? TypeRef.label(l.name()) : TypeRef.var(var((Variable) t));
    }

    private static String label(Term t, String what, String where) {
        if (t instanceof Label l) return l.name();
        throw MatchException.at(where, what + " with a type variable (" + t + ") is not supported; name the attribute type");
    }

    private static String roleLabel(Term t, String where) {
        if (t instanceof Label l) return l.name();
        throw MatchException.at(where, "role variables (" + t + ") are not supported; name the role");
    }

    private static String where(Position p) { return p == null ? null : p.toString(); }
}
