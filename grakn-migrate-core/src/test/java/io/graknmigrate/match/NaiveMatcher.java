package io.graknmigrate.match;

import io.graknmigrate.match.MatchPattern.Conjunction;
import io.graknmigrate.match.MatchPattern.Constraint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Answers a pattern over a {@link Graph} by trying every binding: slow and obviously right, the
 * reference the store's answers are compared with. The type and role hierarchies of
 * {@link Graph#SCHEMA} are written out here again, independently of the schema model.
 */
final class NaiveMatcher {

    static final Map<String, String> TYPE_PARENT = Map.ofEntries(
            Map.entry("entity", "thing"), Map.entry("relation", "thing"), Map.entry("attribute", "thing"),
            Map.entry("person", "entity"), Map.entry("student", "person"), Map.entry("company", "entity"),
            Map.entry("friendship", "relation"), Map.entry("employment", "relation"), Map.entry("route", "relation"),
            Map.entry("trip", "route"), Map.entry("name", "attribute"), Map.entry("nickname", "name"),
            Map.entry("email", "attribute"), Map.entry("age", "attribute"), Map.entry("score", "attribute"),
            Map.entry("active", "attribute"), Map.entry("born", "attribute"));
    static final Map<String, String> ROLE_PARENT = Map.of("friend", "role", "employee", "role", "employer", "role",
            "stop", "role", "origin", "stop", "destination", "stop");
    static final Set<String> TYPES;

    static {
        Set<String> t = new TreeSet<>(TYPE_PARENT.keySet());
        t.add("thing");
        TYPES = t;
    }

    private final Graph graph;

    NaiveMatcher(Graph graph) {
        this.graph = graph;
    }

    static boolean isSub(String sub, String sup, Map<String, String> parents) {
        for (String t = sub; t != null; t = parents.get(t)) if (t.equals(sup)) return true;
        return sup.equals("role") && parents == ROLE_PARENT;
    }

    /** The distinct answers, each a map of the named variables to a thing's store id ("V3") or a type label. */
    Set<Map<String, String>> answers(Conjunction pattern) {
        List<String> named = PatternVariables.named(pattern);
        Set<Map<String, String>> out = new LinkedHashSet<>();
        Map<String, Object> binding = new HashMap<>();
        Set<String> typeVars = new HashSet<>();
        collectTypeVars(pattern.constraints(), typeVars);
        List<String> vars = new ArrayList<>();
        collectVars(pattern.constraints(), vars, false);
        solve(pattern.constraints(), vars, 0, binding, typeVars, () -> {
            Map<String, String> a = new HashMap<>();
            for (String v : named) a.put(v, show(binding.get(v)));
            out.add(a);
        });
        return out;
    }

    private static String show(Object o) { return o instanceof Graph.Thing t ? "V" + t.id : (String) o; }

    private void solve(List<Constraint> cs, List<String> vars, int i, Map<String, Object> binding, Set<String> typeVars, Runnable found) {
        if (!consistent(cs, binding, typeVars)) return;
        if (i == vars.size()) {
            if (holds(cs, binding, typeVars)) found.run();
            return;
        }
        String v = vars.get(i);
        if (binding.containsKey(v)) {
            solve(cs, vars, i + 1, binding, typeVars, found);
            return;
        }
        for (Object candidate : typeVars.contains(v) ? new ArrayList<Object>(TYPES) : new ArrayList<Object>(graph.things.values())) {
            binding.put(v, candidate);
            solve(cs, vars, i + 1, binding, typeVars, found);
            binding.remove(v);
        }
    }

    /** False as soon as a constraint whose variables are all bound fails (prunes the search). */
    private boolean consistent(List<Constraint> cs, Map<String, Object> b, Set<String> typeVars) {
        for (Constraint c : cs) {
            if (c instanceof MatchPattern.RolePlayer rp) {
                // a necessary condition, checked early: the relation has the player in a matching role
                if (b.get(rp.relation()) instanceof Graph.Thing r && b.get(rp.player()) instanceof Graph.Thing p) {
                    boolean edge = false;
                    for (Object[] e : r.players) {
                        edge |= (Long) e[1] == p.id && (rp.role() == null || isSub((String) e[0], rp.role(), ROLE_PARENT));
                    }
                    if (!edge) return false;
                }
                continue;
            }
            if (c instanceof MatchPattern.Or || c instanceof MatchPattern.Not) continue;
            List<String> vs = new ArrayList<>();
            collectVars(List.of(c), vs, false);
            if (b.keySet().containsAll(vs) && !check(c, b)) return false;
        }
        return true;
    }

    private boolean holds(List<Constraint> cs, Map<String, Object> b, Set<String> typeVars) {
        Map<String, List<MatchPattern.RolePlayer>> byRelation = new HashMap<>();
        for (Constraint c : cs) {
            if (c instanceof MatchPattern.RolePlayer rp) {
                byRelation.computeIfAbsent(rp.relation(), k -> new ArrayList<>()).add(rp);
            } else if (c instanceof MatchPattern.Or or) {
                boolean any = false;
                for (Conjunction branch : or.branches()) any |= holds(branch.constraints(), b, typeVars);
                if (!any) return false;
            } else if (c instanceof MatchPattern.Not not) {
                List<String> local = new ArrayList<>();
                collectVars(not.body().constraints(), local, false);
                local.removeIf(b::containsKey);
                Set<String> innerTypeVars = new HashSet<>(typeVars);
                collectTypeVars(not.body().constraints(), innerTypeVars);
                boolean[] exists = {false};
                Map<String, Object> inner = new HashMap<>(b);
                solve(not.body().constraints(), local, 0, inner, innerTypeVars, () -> exists[0] = true);
                if (exists[0]) return false;
            } else if (!check(c, b)) {
                return false;
            }
        }
        for (var e : byRelation.entrySet()) {
            if (!(b.get(e.getKey()) instanceof Graph.Thing r)) return false;
            if (!assignEdges(r, e.getValue(), 0, new boolean[r.players.size()], b)) return false;
        }
        return true;
    }

    /** Each role-player constraint of one relation takes a different edge of it. */
    private boolean assignEdges(Graph.Thing r, List<MatchPattern.RolePlayer> rps, int i, boolean[] used, Map<String, Object> b) {
        if (i == rps.size()) return true;
        MatchPattern.RolePlayer rp = rps.get(i);
        for (int e = 0; e < r.players.size(); e++) {
            if (used[e]) continue;
            Object[] edge = r.players.get(e);
            boolean roleOk = rp.role() == null || isSub((String) edge[0], rp.role(), ROLE_PARENT);
            if (roleOk && b.get(rp.player()) instanceof Graph.Thing p && p.id == (Long) edge[1]) {
                used[e] = true;
                if (assignEdges(r, rps, i + 1, used, b)) return true;
                used[e] = false;
            }
        }
        return false;
    }

    private boolean check(Constraint c, Map<String, Object> b) {
        if (c instanceof MatchPattern.Isa i) {
            Graph.Thing x = (Graph.Thing) b.get(i.thing());
            String t = i.type().isVar() ? (String) b.get(i.type().var()) : i.type().label();
            return i.direct() ? x.type.equals(t) : isSub(x.type, t, TYPE_PARENT);
        }
        if (c instanceof MatchPattern.Has h) {
            Graph.Thing o = (Graph.Thing) b.get(h.owner());
            Graph.Thing a = (Graph.Thing) b.get(h.attribute());
            return a.value != null && isSub(a.type, h.attributeType(), TYPE_PARENT) && o.owns.contains(a.id);
        }
        if (c instanceof MatchPattern.Value v) {
            Graph.Thing a = (Graph.Thing) b.get(v.attribute());
            if (a.value == null) return false;
            if (v.otherVar() != null) {
                Graph.Thing o = (Graph.Thing) b.get(v.otherVar());
                return o.value != null && compare(a.value, v.comparator(), o.value);
            }
            return compare(a.value, v.comparator(), v.literal() instanceof io.graknmigrate.graql.Literal.DateTimeLiteral d ? d : v.literal().value());
        }
        if (c instanceof MatchPattern.Id i) return ("V" + ((Graph.Thing) b.get(i.thing())).id).equals(i.id());
        if (c instanceof MatchPattern.NotSame n) return !b.get(n.a()).equals(b.get(n.b()));
        if (c instanceof MatchPattern.Sub s) {
            String t = (String) b.get(s.typeVar());
            String sup = s.supertype().isVar() ? (String) b.get(s.supertype().var()) : s.supertype().label();
            return s.direct() ? sup.equals(TYPE_PARENT.get(t)) : isSub(t, sup, TYPE_PARENT);
        }
        if (c instanceof MatchPattern.TypeIs t) return t.label().equals(b.get(t.typeVar()));
        throw new IllegalArgumentException("the naive matcher does not know " + c);
    }

    private static int category(Object v) {
        if (v instanceof String) return 0;
        if (v instanceof Long || v instanceof Double) return 1;
        if (v instanceof Boolean) return 2;
        return 3;
    }

    static boolean compare(Object a, io.graknmigrate.graql.Comparator c, Object b) {
        if (category(a) != category(b)) return false;
        if (c == io.graknmigrate.graql.Comparator.CONTAINS) return a instanceof String s && s.toLowerCase(Locale.ROOT).contains(((String) b).toLowerCase(Locale.ROOT));
        if (c == io.graknmigrate.graql.Comparator.LIKE) return a instanceof String s && Pattern.compile((String) b).matcher(s).find();
        int cmp;
        if (a instanceof String s) cmp = s.compareTo((String) b);
        else if (a instanceof Boolean x) cmp = Boolean.compare(x, (Boolean) b);
        else if (a instanceof io.graknmigrate.graql.Literal.DateTimeLiteral x) cmp = Long.compare(x.epochMillis(), ((io.graknmigrate.graql.Literal.DateTimeLiteral) b).epochMillis());
        else cmp = Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        return switch (c) {
            case EQ -> cmp == 0;
            case NEQ -> cmp != 0;
            case GT -> cmp > 0;
            case GTE -> cmp >= 0;
            case LT -> cmp < 0;
            case LTE -> cmp <= 0;
            default -> throw new IllegalStateException();
        };
    }

    private static void collectVars(List<Constraint> cs, List<String> out, boolean intoNegations) {
        Set<String> s = new LinkedHashSet<>(out);
        for (Constraint c : cs) {
            if (c instanceof MatchPattern.Not n) {
                if (intoNegations) collectVarsInto(n.body().constraints(), s);
            } else {
                collectVarsInto(List.of(c), s);
            }
        }
        out.clear();
        out.addAll(s);
    }

    private static void collectVarsInto(List<Constraint> cs, Set<String> s) {
        // anonymous variables too: the search binds them like any other
        for (Constraint x : cs) {
            if (x instanceof MatchPattern.Isa i) { s.add(i.thing()); if (i.type().isVar()) s.add(i.type().var()); }
            else if (x instanceof MatchPattern.Has h) { s.add(h.owner()); s.add(h.attribute()); }
            else if (x instanceof MatchPattern.Value v) { s.add(v.attribute()); if (v.otherVar() != null) s.add(v.otherVar()); }
            else if (x instanceof MatchPattern.RolePlayer r) { s.add(r.relation()); s.add(r.player()); }
            else if (x instanceof MatchPattern.Id i) s.add(i.thing());
            else if (x instanceof MatchPattern.NotSame n) { s.add(n.a()); s.add(n.b()); }
            else if (x instanceof MatchPattern.Sub sb) { s.add(sb.typeVar()); if (sb.supertype().isVar()) s.add(sb.supertype().var()); }
            else if (x instanceof MatchPattern.TypeIs t) s.add(t.typeVar());
            else if (x instanceof MatchPattern.Or o) for (Conjunction br : o.branches()) collectVarsInto(br.constraints(), s);
        }
    }

    private static void collectTypeVars(List<Constraint> cs, Set<String> out) {
        for (Constraint x : cs) {
            if (x instanceof MatchPattern.Isa i && i.type().isVar()) out.add(i.type().var());
            else if (x instanceof MatchPattern.Sub sb) { out.add(sb.typeVar()); if (sb.supertype().isVar()) out.add(sb.supertype().var()); }
            else if (x instanceof MatchPattern.TypeIs t) out.add(t.typeVar());
            else if (x instanceof MatchPattern.Or o) for (Conjunction br : o.branches()) collectTypeVars(br.constraints(), out);
            else if (x instanceof MatchPattern.Not n) collectTypeVars(n.body().constraints(), out);
        }
    }
}
