package io.graknmigrate.match;

import io.graknmigrate.match.MatchPattern.Abstract;
import io.graknmigrate.match.MatchPattern.Conjunction;
import io.graknmigrate.match.MatchPattern.Constraint;
import io.graknmigrate.match.MatchPattern.Has;
import io.graknmigrate.match.MatchPattern.Id;
import io.graknmigrate.match.MatchPattern.Isa;
import io.graknmigrate.match.MatchPattern.Not;
import io.graknmigrate.match.MatchPattern.NotSame;
import io.graknmigrate.match.MatchPattern.Or;
import io.graknmigrate.match.MatchPattern.Owns;
import io.graknmigrate.match.MatchPattern.Plays;
import io.graknmigrate.match.MatchPattern.Relates;
import io.graknmigrate.match.MatchPattern.RolePlayer;
import io.graknmigrate.match.MatchPattern.Sub;
import io.graknmigrate.match.MatchPattern.TypeIs;
import io.graknmigrate.match.MatchPattern.TypeRef;
import io.graknmigrate.match.MatchPattern.Value;
import io.graknmigrate.match.SqlPlanner.VarKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The variables of a match pattern, before any SQL: which are named (the answer's), which stand
 * for things and which for types, and whether a branch binds one outside negations and comparisons.
 * The planner, the writes (which bind thing variables only) and the checks of answer variables read them.
 */
final class PatternVariables {

    private final TypeCatalog catalog;
    private final Map<String, VarKind> kinds = new HashMap<>();

    /** @param catalog checks type labels; null only to sort variables into kinds */
    private PatternVariables(TypeCatalog catalog) {
        this.catalog = catalog;
    }

    /** Named variables in order of first appearance, outside negations. */
    static List<String> named(Conjunction pattern) {
        Set<String> out = new LinkedHashSet<>();
        collectVars(pattern.constraints(), out, false);
        out.removeIf(MatchPattern::isAnonymous);
        return new ArrayList<>(out);
    }

    /** Variables the pattern uses as types (outside negations), by how they are used. */
    static Set<String> typeVars(Conjunction pattern) {
        PatternVariables p = new PatternVariables(null);
        p.infer(pattern.constraints());
        Set<String> out = new TreeSet<>();
        p.kinds.forEach((v, k) -> {
            if (k == VarKind.TYPE) out.add(v);
        });
        return out;
    }

    /**
     * What each variable of the pattern is (negations and disjunctions included), checking that no
     * variable is used as both and that every type label is in the schema.
     */
    static Map<String, VarKind> kinds(TypeCatalog catalog, List<Constraint> cs) {
        PatternVariables p = new PatternVariables(catalog);
        p.infer(cs);
        return p.kinds;
    }

    private static void collectVars(List<Constraint> cs, Set<String> out, boolean intoNegations) {
        for (Constraint c : cs) {
            if (c instanceof Isa i) {
                out.add(i.thing());
                addRef(i.type(), out);
            } else if (c instanceof Has h) {
                out.add(h.owner());
                out.add(h.attribute());
            } else if (c instanceof Value v) {
                out.add(v.attribute());
                if (v.otherVar() != null) out.add(v.otherVar());
            } else if (c instanceof RolePlayer r) {
                out.add(r.relation());
                out.add(r.player());
            } else if (c instanceof Id i) {
                out.add(i.thing());
            } else if (c instanceof NotSame n) {
                out.add(n.a());
                out.add(n.b());
            } else if (c instanceof Sub s) {
                out.add(s.typeVar());
                addRef(s.supertype(), out);
            } else if (c instanceof Plays p) {
                addRef(p.type(), out);
            } else if (c instanceof Owns o) {
                addRef(o.type(), out);
            } else if (c instanceof Relates r) {
                addRef(r.type(), out);
            } else if (c instanceof TypeIs t) {
                out.add(t.typeVar());
            } else if (c instanceof Abstract a) {
                out.add(a.typeVar());
            } else if (c instanceof Or o) {
                for (Conjunction b : o.branches()) collectVars(b.constraints(), out, intoNegations);
            } else if (c instanceof Not n) {
                if (intoNegations) collectVars(n.body().constraints(), out, true);
            }
        }
    }

    private static void addRef(TypeRef t, Set<String> out) {
        if (t.isVar()) out.add(t.var());
    }

    private void infer(List<Constraint> cs) {
        for (Constraint c : cs) {
            if (c instanceof Isa i) {
                kind(i.thing(), VarKind.THING, i.where());
                ref(i.type(), i.where());
            } else if (c instanceof Has h) {
                kind(h.owner(), VarKind.THING, h.where());
                kind(h.attribute(), VarKind.THING, h.where());
            } else if (c instanceof Value v) {
                kind(v.attribute(), VarKind.THING, v.where());
                if (v.otherVar() != null) kind(v.otherVar(), VarKind.THING, v.where());
            } else if (c instanceof RolePlayer r) {
                kind(r.relation(), VarKind.THING, r.where());
                kind(r.player(), VarKind.THING, r.where());
            } else if (c instanceof Id i) {
                kind(i.thing(), VarKind.THING, i.where());
            } else if (c instanceof Sub s) {
                kind(s.typeVar(), VarKind.TYPE, s.where());
                ref(s.supertype(), s.where());
            } else if (c instanceof Plays p) {
                ref(p.type(), p.where());
            } else if (c instanceof Owns o) {
                ref(o.type(), o.where());
            } else if (c instanceof Relates r) {
                ref(r.type(), r.where());
            } else if (c instanceof TypeIs t) {
                kind(t.typeVar(), VarKind.TYPE, t.where());
            } else if (c instanceof Abstract a) {
                kind(a.typeVar(), VarKind.TYPE, a.where());
            } else if (c instanceof Or o) {
                for (Conjunction b : o.branches()) infer(b.constraints());
            } else if (c instanceof Not n) {
                infer(n.body().constraints());
            }
        }
        // != takes its kind from the other side, once every statement has said what its variables are.
        for (Constraint c : cs) {
            if (c instanceof NotSame n) {
                VarKind a = kinds.get(n.a());
                VarKind b = kinds.get(n.b());
                if (a != null && b != null && a != b) {
                    throw MatchException.at(n.where(), "$" + n.a() + " != $" + n.b() + " compares a thing with a type");
                }
                if (a == null && b == null) {
                    throw MatchException.at(n.where(), "$" + n.a() + " and $" + n.b() + " are not bound by any statement");
                }
                kinds.putIfAbsent(n.a(), a == null ? b : a);
                kinds.putIfAbsent(n.b(), a == null ? b : a);
            }
        }
    }

    private void ref(TypeRef t, String where) {
        if (t.isVar()) kind(t.var(), VarKind.TYPE, where);
        else if (catalog != null && !catalog.isThingType(t.label())) throw MatchException.at(where, "type " + t.label() + " is not in the schema");
    }

    private void kind(String var, VarKind k, String where) {
        VarKind had = kinds.putIfAbsent(var, k);
        if (had != null && had != k) {
            throw MatchException.at(where, "variable $" + var + " is used both as a " + (had == VarKind.THING ? "thing" : "type")
                    + " and as a " + (k == VarKind.THING ? "thing" : "type"));
        }
    }

    /** True when a statement of the branch (outside negations) binds the variable. */
    static boolean boundBy(List<Constraint> branch, String var) {
        for (Constraint c : branch) {
            if (c instanceof Isa i && (i.thing().equals(var) || isVar(i.type(), var))) return true;
            if (c instanceof Has h && (h.owner().equals(var) || h.attribute().equals(var))) return true;
            if (c instanceof Value v && v.attribute().equals(var) && v.literal() != null) return true;
            if (c instanceof RolePlayer r && (r.relation().equals(var) || r.player().equals(var))) return true;
            if (c instanceof Id i && i.thing().equals(var)) return true;
            if (c instanceof Sub s && (s.typeVar().equals(var) || isVar(s.supertype(), var))) return true;
            if (c instanceof Plays p && isVar(p.type(), var)) return true;
            if (c instanceof Owns o && isVar(o.type(), var)) return true;
            if (c instanceof Relates r && isVar(r.type(), var)) return true;
            if (c instanceof TypeIs t && t.typeVar().equals(var)) return true;
            if (c instanceof Abstract a && a.typeVar().equals(var)) return true;
        }
        return false;
    }

    private static boolean isVar(TypeRef t, String var) { return t.isVar() && t.var().equals(var); }
}
