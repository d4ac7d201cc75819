package io.graknmigrate.match;

import io.graknmigrate.graql.Comparator;
import io.graknmigrate.graql.Literal;
import io.graknmigrate.match.MatchPattern.Conjunction;
import io.graknmigrate.match.MatchPattern.Constraint;
import io.graknmigrate.match.MatchPattern.TypeRef;

import java.util.List;

/** Short constructors for patterns in tests. */
final class Patterns {

    private Patterns() { }

    static Conjunction and(Constraint... cs) { return new Conjunction(List.of(cs)); }

    static MatchPattern.Isa isa(String x, String type) { return new MatchPattern.Isa(x, TypeRef.label(type), false, null); }

    static MatchPattern.Isa isaDirect(String x, String type) { return new MatchPattern.Isa(x, TypeRef.label(type), true, null); }

    static MatchPattern.Isa isaVar(String x, String t) { return new MatchPattern.Isa(x, TypeRef.var(t), false, null); }

    static MatchPattern.Has has(String owner, String type, String attribute) { return new MatchPattern.Has(owner, type, attribute, null); }

    static MatchPattern.Value value(String a, Comparator c, Object literal) { return MatchPattern.Value.literal(a, c, literal(literal), null); }

    /** A Java value as a Graql literal (a {@link Literal.DateTimeLiteral} stays itself). */
    static Literal literal(Object v) {
        if (v instanceof Literal l) return l;
        if (v instanceof String s) return new Literal.StringLiteral(s);
        if (v instanceof Long l) return new Literal.LongLiteral(l);
        if (v instanceof Double d) return new Literal.DoubleLiteral(d);
        if (v instanceof Boolean b) return new Literal.BooleanLiteral(b);
        throw new IllegalArgumentException(String.valueOf(v));
    }

    static MatchPattern.Value compare(String a, Comparator c, String b) { return MatchPattern.Value.variable(a, c, b, null); }

    static MatchPattern.RolePlayer rp(String relation, String role, String player) { return new MatchPattern.RolePlayer(relation, role, player, null); }

    static MatchPattern.Id id(String x, String id) { return new MatchPattern.Id(x, id, null); }

    static MatchPattern.NotSame neq(String a, String b) { return new MatchPattern.NotSame(a, b, null); }

    static MatchPattern.Sub sub(String t, String sup, boolean direct) { return new MatchPattern.Sub(t, TypeRef.label(sup), direct, null); }

    static MatchPattern.Or or(Conjunction... branches) { return new MatchPattern.Or(List.of(branches), null); }

    static MatchPattern.Not not(Constraint... cs) { return new MatchPattern.Not(and(cs), null); }
}
