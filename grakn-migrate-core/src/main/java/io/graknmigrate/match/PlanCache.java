package io.graknmigrate.match;

import io.graknmigrate.graql.Comparator;
import io.graknmigrate.graql.Literal;
import io.graknmigrate.match.MatchPattern.Conjunction;
import io.graknmigrate.match.MatchPattern.Constraint;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans by the pattern's shape: two patterns that differ only in their literal values and ids
 * (a file of lookups by key, one per line) share one plan, whose parameters are re-bound. The shape
 * keeps each literal's value type and comparator, which the plan depends on; planning is several
 * times the cost of running a key lookup in SQLite, so a hit saves most of a query's time.
 */
final class PlanCache {

    private static final int PLANS = 256;

    /** A parameter of a cached plan that stands for the pattern's n-th literal or id. */
    record Slot(int ordinal) { }

    private final Map<String, SqlPlanner.Plan> plans = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SqlPlanner.Plan> e) { return size() > PLANS; }
    };

    /** The pattern's shape and, in order, the values its slots take. */
    private record Shape(String key, List<Object> values, Map<Constraint, Integer> ordinals) { }

    SqlPlanner.Plan plan(TypeCatalog catalog, Conjunction pattern, List<String> vars) {
        Shape shape = shape(pattern, vars);
        SqlPlanner.Plan template = plans.get(shape.key());
        if (template == null) {
            template = new SqlPlanner(catalog, shape.ordinals()).plan(pattern, vars);
            plans.put(shape.key(), template);
        } else {
            // What planning would have checked about the values themselves.
            checkValues(pattern.constraints());
        }
        List<Object> params = new ArrayList<>(template.params().size());
        for (Object p : template.params()) params.add(p instanceof Slot s ? shape.values().get(s.ordinal()) : p);
        return new SqlPlanner.Plan(template.sql(), params, template.vars(), template.kinds(), template.reads());
    }

    private static Shape shape(Conjunction pattern, List<String> vars) {
        StringBuilder key = new StringBuilder(128).append(vars).append('|');
        List<Object> values = new ArrayList<>();
        Map<Constraint, Integer> ordinals = new IdentityHashMap<>();
        describe(pattern.constraints(), key, values, ordinals);
        return new Shape(key.toString(), values, ordinals);
    }

    private static void describe(List<Constraint> cs, StringBuilder key, List<Object> values, Map<Constraint, Integer> ordinals) {
        for (Constraint c : cs) {
            if (c instanceof MatchPattern.Value v && v.literal() != null) {
                ordinals.put(c, values.size());
                values.add(SqlPlanner.sqlValue(v.literal()));
                key.append("V(").append(v.attribute()).append(',').append(v.comparator()).append(',')
                        .append(v.literal().valueType()).append(')');
            } else if (c instanceof MatchPattern.Id id) {
                ordinals.put(c, values.size());
                values.add(SqlPlanner.storeId(id.id()));
                key.append("I(").append(id.thing()).append(')');
            } else if (c instanceof MatchPattern.Or or) {
                key.append("Or(");
                for (Conjunction b : or.branches()) {
                    key.append('{');
                    describe(b.constraints(), key, values, ordinals);
                    key.append('}');
                }
                key.append(')');
            } else if (c instanceof MatchPattern.Not not) {
                key.append("Not{");
                describe(not.body().constraints(), key, values, ordinals);
                key.append('}');
            } else {
                describe(c, key);
                key.append(';');
            }
        }
    }

    /**
     * Every field of a constraint without a literal, except where it was written (which does not change
     * the plan). Names and labels hold no separator, so two different constraints never read the same.
     */
    private static void describe(Constraint c, StringBuilder key) {
        if (c instanceof MatchPattern.Isa i) {
            key.append("isa(").append(i.thing()).append(',').append(i.type()).append(',').append(i.direct());
        } else if (c instanceof MatchPattern.Has h) {
            key.append("has(").append(h.owner()).append(',').append(h.attributeType()).append(',').append(h.attribute());
        } else if (c instanceof MatchPattern.Value v) {
            key.append("cmp(").append(v.attribute()).append(',').append(v.comparator()).append(',').append(v.otherVar());
        } else if (c instanceof MatchPattern.RolePlayer r) {
            // No label is spelt "?": it stands for a role left open.
            key.append("rp(").append(r.relation()).append(',').append(r.role() == null ? "?" : r.role()).append(',').append(r.player());
        } else if (c instanceof MatchPattern.NotSame n) {
            key.append("neq(").append(n.a()).append(',').append(n.b());
        } else if (c instanceof MatchPattern.Sub sub) {
            key.append("sub(").append(sub.typeVar()).append(',').append(sub.supertype()).append(',').append(sub.direct());
        } else if (c instanceof MatchPattern.Plays p) {
            key.append("plays(").append(p.type()).append(',').append(p.role());
        } else if (c instanceof MatchPattern.Owns o) {
            key.append("owns(").append(o.type()).append(',').append(o.attributeType()).append(',').append(o.keyOnly());
        } else if (c instanceof MatchPattern.Relates r) {
            key.append("relates(").append(r.type()).append(',').append(r.role());
        } else if (c instanceof MatchPattern.TypeIs t) {
            key.append("type(").append(t.typeVar()).append(',').append(t.label());
        } else if (c instanceof MatchPattern.Abstract a) {
            key.append("abstract(").append(a.typeVar());
        } else {
            throw new IllegalArgumentException("not a plain constraint: " + c.getClass().getSimpleName());
        }
        key.append(')');
    }

    private static void checkValues(List<Constraint> cs) {
        for (Constraint c : cs) {
            if (c instanceof MatchPattern.Value v && v.comparator() == Comparator.LIKE && v.literal() instanceof Literal.StringLiteral s) {
                GraqlFunctions.checkRegex(s.value(), v.where());
            } else if (c instanceof MatchPattern.Or or) {
                for (Conjunction b : or.branches()) checkValues(b.constraints());
            } else if (c instanceof MatchPattern.Not not) {
                checkValues(not.body().constraints());
            }
        }
    }
}
