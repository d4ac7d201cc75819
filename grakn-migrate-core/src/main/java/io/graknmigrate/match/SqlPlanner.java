package io.graknmigrate.match;

import io.graknmigrate.graql.Comparator;
import io.graknmigrate.graql.Literal;
import io.graknmigrate.keyspace.ThingId;
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
import io.graknmigrate.schema.RoleType;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.ValueType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * Turns a match pattern into one SQL query over the store's tables: a {@code thing} alias per thing
 * variable, an {@code ownership} alias per {@code has}, a {@code role_player} alias per role player,
 * small schema tables (common table expressions) for type variables, {@code NOT EXISTS} for
 * negations and a {@code UNION} of the disjunctive normal form's branches.
 *
 * <p>The join order is chosen here, not by SQLite (which has no statistics on a keyspace): greedily,
 * the table reachable most cheaply from what is already joined goes next, where a known id, a value
 * lookup on the (type, value) index and a step along an edge from a joined thing are cheapest and a
 * scan of a whole type comes last. The order is fixed with {@code CROSS JOIN}, so a lookup by key
 * starts at the key's attribute and never scans the owners' type.
 *
 * <p>What the variables are is {@link PatternVariables}'s job and the schema's constant tables are
 * {@link SchemaRows}'s. Compiling the constraints, ordering the joins and writing the SQL stay in this
 * one class because they are one pass over one state: the aliases, terms, type restrictions and
 * reads of each query level, which every step adds to and the next one reads.
 */
final class SqlPlanner {

    /** What a variable stands for. */
    enum VarKind { THING, TYPE }

    // Costs of reaching a table, cheapest first.
    private static final int ROWID = 0;
    private static final int VALUE_EQ = 1;
    private static final int EDGE = 2;
    private static final int SCHEMA_BOUND = 3;
    private static final int RANGE = 4;
    private static final int TYPE_SCAN = 5;
    private static final int SCHEMA_SCAN = 6;
    private static final int FULL_SCAN = 9;

    private final TypeCatalog catalog;
    private final Map<String, VarKind> kinds = new HashMap<>();
    private final Set<String> ctesUsed = new LinkedHashSet<>();
    private final TableReads.Builder reads = new TableReads.Builder();
    private int aliases;

    /** The SQL, its parameters in order, the answer variables in column order, and the rows the SQL can read. */
    record Plan(String sql, List<Object> params, List<String> vars, Map<String, VarKind> kinds, TableReads reads) {
        /** The first column of a variable: thing variables take three (id, type, value), type variables one (label). */
        int column(String var) {
            int col = 1;
            for (String v : vars) {
                if (v.equals(var)) return col;
                col += kinds.get(v) == VarKind.THING ? 3 : 1;
            }
            throw new IllegalArgumentException(var);
        }
    }

    /** Literals and ids of the pattern that become {@link PlanCache.Slot}s (by identity), or empty. */
    private final Map<Constraint, Integer> slots;

    SqlPlanner(TypeCatalog catalog) {
        this(catalog, Map.of());
    }

    SqlPlanner(TypeCatalog catalog, Map<Constraint, Integer> slots) {
        this.catalog = catalog;
        this.slots = slots;
    }

    /** The parameter for a constraint's value: a slot when the plan is cached by shape. */
    private Object param(Constraint c, Object value) {
        Integer slot = slots.get(c);
        return slot == null ? value : new PlanCache.Slot(slot);
    }

    /**
     * Plans the pattern; the answer is the distinct bindings of {@code vars} (all named variables of the
     * pattern when empty).
     */
    Plan plan(Conjunction pattern, List<String> vars) {
        kinds.putAll(PatternVariables.kinds(catalog, pattern.constraints()));
        List<String> out = vars.isEmpty() ? PatternVariables.named(pattern) : List.copyOf(vars);
        List<List<Constraint>> branches = dnf(pattern.constraints());
        for (String v : out) {
            if (!kinds.containsKey(v)) throw new MatchException("variable $" + v + " is not in the match pattern");
            for (List<Constraint> b : branches) {
                if (!PatternVariables.boundBy(b, v)) {
                    throw new MatchException("variable $" + v + (branches.size() > 1 ? " is not bound in every branch of the disjunction"
                            : " is only used inside a negation or a comparison; bind it with a statement outside them"));
                }
            }
        }
        List<Object> params = new ArrayList<>();
        StringJoiner union = new StringJoiner(" UNION ");
        for (List<Constraint> b : branches) {
            Scope scope = new Scope(null);
            Compiled body = compile(b, scope);
            StringBuilder select = new StringBuilder(needsDistinct(scope, out) ? "SELECT DISTINCT " : "SELECT ");
            if (out.isEmpty()) select.append("1");
            int col = 0;
            for (String v : out) {
                if (col > 0) select.append(", ");
                String a = scope.alias(v);
                if (kinds.get(v) == VarKind.THING) {
                    select.append(a).append(".id AS c").append(++col).append(", ").append(a).append(".type AS c").append(++col)
                            .append(", ").append(a).append(".value AS c").append(++col);
                } else {
                    select.append(a).append(".label AS c").append(++col);
                }
            }
            select.append(body.sql());
            union.add(select);
            params.addAll(body.params());
        }
        String sql = SchemaRows.withClause(catalog, ctesUsed) + (branches.size() == 1 ? union.toString() : "SELECT * FROM (" + union + ")");
        return new Plan(sql, params, out, Map.copyOf(kinds), reads.build());
    }

    /**
     * False when every row of the join is a different answer, so SQLite needs no temporary B-tree to
     * drop duplicates: every table's row is fixed by the answer variables. A variable's thing row is
     * fixed by itself; an ownership row by its owner and attribute; a role-player row by its relation
     * and player when its role is one role; an attribute row by its owner when its value and (single)
     * type are given, as an attribute is unique per type and value; a schema row by the types it joins.
     */
    private static boolean needsDistinct(Scope scope, List<String> out) {
        for (var e : scope.ownerships.entrySet()) {
            String owner = e.getValue()[0];
            String attribute = e.getValue()[1];
            Set<Integer> types = scope.types.get(attribute);
            if (scope.fixedValue.contains(attribute) && types != null && types.size() == 1) scope.determines(attribute, owner);
        }
        Set<String> fixed = new HashSet<>();
        for (String v : out) fixed.add(scope.alias(v));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Node n : scope.nodes) {
                if (fixed.contains(n.alias())) continue;
                for (Set<String> by : scope.determinedBy.getOrDefault(n.alias(), List.of())) {
                    if (fixed.containsAll(by)) {
                        fixed.add(n.alias());
                        grew = true;
                        break;
                    }
                }
            }
        }
        for (Node n : scope.nodes) if (!fixed.contains(n.alias())) return true;
        return false;
    }

    // ---- disjunctive normal form

    /** The branches of the pattern with every disjunction multiplied out; negation bodies stay as they are. */
    static List<List<Constraint>> dnf(List<Constraint> cs) {
        List<List<Constraint>> result = new ArrayList<>();
        result.add(new ArrayList<>());
        for (Constraint c : cs) {
            if (c instanceof Or or) {
                List<List<Constraint>> next = new ArrayList<>();
                for (List<Constraint> prefix : result) {
                    for (Conjunction b : or.branches()) {
                        for (List<Constraint> tail : dnf(b.constraints())) {
                            List<Constraint> joined = new ArrayList<>(prefix);
                            joined.addAll(tail);
                            next.add(joined);
                        }
                    }
                }
                if (next.size() > 4096) throw MatchException.at(or.where(), "the disjunctions multiply out to more than 4096 branches");
                result = next;
            } else {
                for (List<Constraint> r : result) r.add(c);
            }
        }
        return result;
    }

    // ---- compiling one branch

    /** A table in the FROM clause. */
    private record Node(String alias, String table) { }

    /**
     * A WHERE term. {@code reach} says, for an alias of the term, how cheaply the term lets SQLite
     * reach that alias's rows once every other alias of the term is joined.
     */
    private record Cond(String sql, List<Object> params, Map<String, Integer> reach) { }

    /** Aliases of one query level; a negation's level sees its outer levels' variables. */
    private static final class Scope {
        final Scope outer;
        final Map<String, String> vars = new HashMap<>();
        final List<Node> nodes = new ArrayList<>();
        final List<Cond> conds = new ArrayList<>();
        /** For each alias, sets of aliases that together fix its row (see {@link #needsDistinct}). */
        final Map<String, List<Set<String>>> determinedBy = new HashMap<>();
        /** Thing aliases restricted to these type ids (the intersection of every restriction). */
        final Map<String, Set<Integer>> types = new HashMap<>();
        /** Thing aliases whose value is fixed by an equality with a literal. */
        final Set<String> fixedValue = new HashSet<>();
        /** Ownership aliases: alias → {owner alias, attribute alias}. */
        final Map<String, String[]> ownerships = new HashMap<>();

        Scope(Scope outer) { this.outer = outer; }

        void determines(String alias, String... by) {
            determinedBy.computeIfAbsent(alias, k -> new ArrayList<>()).add(Set.of(by));
        }

        String alias(String var) {
            for (Scope s = this; s != null; s = s.outer) {
                String a = s.vars.get(var);
                if (a != null) return a;
            }
            return null;
        }

        boolean isOuter(String alias) {
            for (Node n : nodes) if (n.alias().equals(alias)) return false;
            return true;
        }
    }

    private record Compiled(String sql, List<Object> params) { }

    private Compiled compile(List<Constraint> branch, Scope scope) {
        // Variables first, so every constraint below finds its aliases.
        for (Constraint c : branch) declare(c, scope);
        Map<String, List<String>> playersOf = new LinkedHashMap<>();
        for (Constraint c : branch) {
            if (c instanceof Isa i) {
                isa(i, scope);
            } else if (c instanceof Has h) {
                has(h, scope);
            } else if (c instanceof Value v) {
                value(v, scope);
            } else if (c instanceof RolePlayer r) {
                playersOf.computeIfAbsent(r.relation(), k -> new ArrayList<>()).add(rolePlayer(r, scope));
            } else if (c instanceof Id i) {
                cond(scope, thing(scope, i.thing()) + ".id = ?", List.of(param(i, storeId(i.id()))), Map.of(thing(scope, i.thing()), ROWID));
            } else if (c instanceof NotSame n) {
                String col = kinds.get(n.a()) == VarKind.THING ? ".id" : ".label";
                cond(scope, var(scope, n.a(), n.where()) + col + " <> " + var(scope, n.b(), n.where()) + col, List.of(), Map.of());
            } else if (c instanceof Sub s) {
                sub(s, scope);
            } else if (c instanceof Plays p) {
                schemaFact(scope, p.type(), "mt_plays", "role", role(p.role(), p.where()), null, p.where());
            } else if (c instanceof Owns o) {
                if (!catalog.isThingType(o.attributeType()) || catalog.kindOf(o.attributeType()) != TypeKind.ATTRIBUTE) {
                    throw MatchException.at(o.where(), o.attributeType() + " is not an attribute type");
                }
                schemaFact(scope, o.type(), "mt_owns", "attribute", o.attributeType(), o.keyOnly() ? "is_key = 1" : null, o.where());
            } else if (c instanceof Relates r) {
                schemaFact(scope, r.type(), "mt_relates", "role", role(r.role(), r.where()), null, r.where());
            } else if (c instanceof TypeIs t) {
                if (!catalog.isThingType(t.label())) throw MatchException.at(t.where(), "type " + t.label() + " is not in the schema");
                String a = scope.alias(t.typeVar());
                cond(scope, a + ".label = ?", List.of(t.label()), Map.of(a, SCHEMA_BOUND));
            } else if (c instanceof Abstract ab) {
                cond(scope, scope.alias(ab.typeVar()) + ".abstract = 1", List.of(), Map.of());
            } else if (c instanceof Not n) {
                negation(n, scope);
            } else if (c instanceof Or o) {
                throw new IllegalStateException("disjunctions are multiplied out before compiling");
            }
        }
        // A relation's role players are distinct edges: two of them never match one (role, player) row.
        for (List<String> rps : playersOf.values()) {
            for (int i = 0; i < rps.size(); i++) {
                for (int j = i + 1; j < rps.size(); j++) {
                    String a = rps.get(i);
                    String b = rps.get(j);
                    cond(scope, "(" + a + ".role, " + a + ".player) <> (" + b + ".role, " + b + ".player)", List.of(), Map.of());
                }
            }
        }
        return render(scope);
    }

    private void declare(Constraint c, Scope scope) {
        List<String> vs = new ArrayList<>();
        if (c instanceof Isa i) {
            vs.add(i.thing());
            if (i.type().isVar()) vs.add(i.type().var());
        } else if (c instanceof Has h) {
            vs.add(h.owner());
            vs.add(h.attribute());
        } else if (c instanceof Value v) {
            if (v.literal() != null) vs.add(v.attribute());
        } else if (c instanceof RolePlayer r) {
            vs.add(r.relation());
            vs.add(r.player());
        } else if (c instanceof Id i) {
            vs.add(i.thing());
        } else if (c instanceof Sub s) {
            vs.add(s.typeVar());
            if (s.supertype().isVar()) vs.add(s.supertype().var());
        } else if (c instanceof Plays p) {
            if (p.type().isVar()) vs.add(p.type().var());
        } else if (c instanceof Owns o) {
            if (o.type().isVar()) vs.add(o.type().var());
        } else if (c instanceof Relates r) {
            if (r.type().isVar()) vs.add(r.type().var());
        } else if (c instanceof TypeIs t) {
            vs.add(t.typeVar());
        } else if (c instanceof Abstract a) {
            vs.add(a.typeVar());
        }
        for (String v : vs) {
            if (scope.alias(v) != null) continue;
            String alias = (kinds.get(v) == VarKind.THING ? "x" : "t") + (++aliases);
            scope.vars.put(v, alias);
            if (kinds.get(v) == VarKind.THING) {
                scope.nodes.add(new Node(alias, "thing"));
            } else {
                ctesUsed.add("mt_type");
                scope.nodes.add(new Node(alias, "mt_type"));
            }
        }
    }

    private String var(Scope scope, String var, String where) {
        String a = scope.alias(var);
        if (a == null) throw MatchException.at(where, "variable $" + var + " is not bound by any statement");
        return a;
    }

    private String thing(Scope scope, String var) { return scope.alias(var); }

    private static void cond(Scope scope, String sql, List<Object> params, Map<String, Integer> reach) {
        scope.conds.add(new Cond(sql, params, reach));
    }

    private void restrictTypes(Scope scope, String alias, Set<Integer> typeIds) {
        Set<Integer> had = scope.types.get(alias);
        Set<Integer> now = new TreeSet<>(typeIds);
        if (had != null) now.retainAll(had);
        if (had != null && now.equals(had)) return; // nothing new: the same terms are already there
        scope.types.put(alias, now);
        if (typeIds.isEmpty()) {
            cond(scope, "0", List.of(), Map.of());
            return;
        }
        cond(scope, alias + ".type IN " + list(typeIds), List.of(), Map.of(alias, TYPE_SCAN));
        // The partial indexes: entities and relations by type (value NULL), attributes by (type, value).
        boolean allAttributes = true;
        boolean noAttributes = true;
        for (int id : typeIds) {
            if (catalog.kind(id) == TypeKind.ATTRIBUTE) noAttributes = false;
            else allAttributes = false;
        }
        if (allAttributes) cond(scope, alias + ".value IS NOT NULL", List.of(), Map.of());
        else if (noAttributes) cond(scope, alias + ".value IS NULL", List.of(), Map.of());
    }

    private void isa(Isa i, Scope scope) {
        String x = thing(scope, i.thing());
        if (!i.type().isVar()) {
            restrictTypes(scope, x, catalog.instanceTypeIds(i.type().label(), i.direct()));
            return;
        }
        String t = scope.alias(i.type().var());
        if (i.direct()) {
            cond(scope, x + ".type = " + t + ".id", List.of(), Map.of(x, TYPE_SCAN, t, SCHEMA_BOUND));
            return;
        }
        String s = "s" + (++aliases);
        ctesUsed.add("mt_sub");
        scope.nodes.add(new Node(s, "mt_sub"));
        scope.determines(s, x, t);
        cond(scope, s + ".sub_id = " + x + ".type", List.of(), Map.of(s, SCHEMA_BOUND, x, TYPE_SCAN));
        cond(scope, s + ".sup = " + t + ".label", List.of(), Map.of(s, SCHEMA_BOUND, t, SCHEMA_BOUND));
    }

    private void has(Has h, Scope scope) {
        if (!catalog.isThingType(h.attributeType()) || catalog.kindOf(h.attributeType()) != TypeKind.ATTRIBUTE) {
            throw MatchException.at(h.where(), h.attributeType() + " is not an attribute type");
        }
        String owner = thing(scope, h.owner());
        String attribute = thing(scope, h.attribute());
        restrictTypes(scope, attribute, catalog.instanceTypeIds(h.attributeType(), false));
        String o = "o" + (++aliases);
        // The attribute's restriction is a term of this level, so only these ownerships can join.
        reads.ownerships(catalog.instanceTypeIds(h.attributeType(), false));
        scope.nodes.add(new Node(o, "ownership"));
        scope.determines(o, owner, attribute);
        scope.ownerships.put(o, new String[] {owner, attribute});
        cond(scope, o + ".owner = " + owner + ".id", List.of(), Map.of(o, EDGE, owner, ROWID));
        cond(scope, o + ".attribute = " + attribute + ".id", List.of(), Map.of(o, EDGE, attribute, ROWID));
    }

    private void value(Value v, Scope scope) {
        String a = var(scope, v.attribute(), v.where());
        if (v.literal() != null) {
            restrictTypes(scope, a, catalog.attributeTypesComparableWith(v.literal()));
            Object p = param(v, sqlValue(v.literal()));
            switch (v.comparator()) {
                case EQ -> {
                    cond(scope, a + ".value = ?", List.of(p), Map.of(a, VALUE_EQ));
                    scope.fixedValue.add(a);
                }
                case NEQ -> cond(scope, a + ".value <> ?", List.of(p), Map.of());
                case GT, GTE, LT, LTE -> cond(scope, a + ".value " + v.comparator().symbol() + " ?", List.of(p), Map.of(a, RANGE));
                case CONTAINS, LIKE -> {
                    if (!(v.literal() instanceof Literal.StringLiteral)) {
                        throw MatchException.at(v.where(), v.comparator().symbol() + " needs a string, not " + v.literal());
                    }
                    if (v.comparator() == Comparator.LIKE) GraqlFunctions.checkRegex(((Literal.StringLiteral) v.literal()).value(), v.where());
                    cond(scope, (v.comparator() == Comparator.LIKE ? "graql_like(" : "graql_contains(") + a + ".value, ?)",
                            List.of(p), Map.of());
                }
            }
            return;
        }
        String b = var(scope, v.otherVar(), v.where());
        if (v.comparator() == Comparator.CONTAINS || v.comparator() == Comparator.LIKE) {
            cond(scope, (v.comparator() == Comparator.LIKE ? "graql_like(" : "graql_contains(") + a + ".value, " + b + ".value)",
                    List.of(), Map.of());
        } else {
            String op = switch (v.comparator()) {
                case EQ -> "=";
                case NEQ -> "<>";
                default -> v.comparator().symbol();
            };
            cond(scope, a + ".value " + op + " " + b + ".value", List.of(), v.comparator() == Comparator.EQ
                    ? Map.of(a, RANGE, b, RANGE) : Map.of());
        }
        // Values compare only within one value type (longs and doubles together): SQLite would order text after numbers.
        StringJoiner same = new StringJoiner(" OR ", "(", ")");
        for (Set<Integer> group : catalog.comparableGroups()) {
            if (v.comparator() == Comparator.CONTAINS || v.comparator() == Comparator.LIKE) {
                if (catalog.valueType(group.iterator().next()) != ValueType.STRING) continue;
            }
            same.add(a + ".type IN " + list(group) + " AND " + b + ".type IN " + list(group));
        }
        cond(scope, same.length() == 2 ? "0" : same.toString(), List.of(), Map.of());
    }

    private String rolePlayer(RolePlayer r, Scope scope) {
        String rel = thing(scope, r.relation());
        String player = thing(scope, r.player());
        String p = "p" + (++aliases);
        scope.nodes.add(new Node(p, "role_player"));
        cond(scope, p + ".relation = " + rel + ".id", List.of(), Map.of(p, EDGE, rel, ROWID));
        cond(scope, p + ".player = " + player + ".id", List.of(), Map.of(p, EDGE, player, ROWID));
        if (r.role() != null && !r.role().equals(RoleType.META)) {
            Set<Integer> roles = catalog.roleIdsBelow(role(r.role(), r.where()));
            cond(scope, roles.isEmpty() ? "0" : p + ".role IN " + list(roles), List.of(), Map.of());
            if (roles.size() == 1) scope.determines(p, rel, player);
            reads.rolePlayers(roles);
        } else {
            reads.rolePlayers(null);
        }
        return p;
    }

    private String role(String label, String where) {
        if (!catalog.isRole(label)) throw MatchException.at(where, "role " + label + " is not in the schema");
        return label;
    }

    private void sub(Sub s, Scope scope) {
        String t = scope.alias(s.typeVar());
        if (!s.supertype().isVar()) {
            Set<String> labels = catalog.subtypeLabels(s.supertype().label(), s.direct());
            cond(scope, labels.isEmpty() ? "0" : t + ".label IN " + textList(labels), List.of(), Map.of(t, SCHEMA_BOUND));
            return;
        }
        String u = scope.alias(s.supertype().var());
        String c = "s" + (++aliases);
        ctesUsed.add("mt_sub");
        scope.nodes.add(new Node(c, "mt_sub"));
        scope.determines(c, t, u);
        cond(scope, c + ".sub = " + t + ".label", List.of(), Map.of(c, SCHEMA_BOUND, t, SCHEMA_BOUND));
        cond(scope, c + ".sup = " + u + ".label", List.of(), Map.of(c, SCHEMA_BOUND, u, SCHEMA_BOUND));
        if (s.direct()) cond(scope, c + ".direct = 1", List.of(), Map.of());
    }

    /** {@code T plays R}, {@code T has A}, {@code T relates R}: a row of a schema table, or a fact checked now for a label. */
    private void schemaFact(Scope scope, TypeRef type, String table, String column, String value, String extra, String where) {
        ctesUsed.add(table);
        String f = "f" + (++aliases);
        scope.nodes.add(new Node(f, table));
        if (type.isVar()) {
            String t = scope.alias(type.var());
            scope.determines(f, t);
            cond(scope, f + ".type = " + t + ".label", List.of(), Map.of(f, SCHEMA_BOUND, t, SCHEMA_BOUND));
        } else {
            scope.determines(f);
            cond(scope, f + ".type = ?", List.of(type.label()), Map.of(f, SCHEMA_BOUND));
        }
        cond(scope, f + "." + column + " = ?", List.of(value), Map.of(f, SCHEMA_BOUND));
        if (extra != null) cond(scope, f + "." + extra, List.of(), Map.of());
    }

    private void negation(Not n, Scope scope) {
        // not { A or B } holds when neither branch does.
        for (List<Constraint> branch : dnf(n.body().constraints())) {
            for (Constraint c : branch) {
                if (c instanceof Not inner) throw MatchException.at(inner.where(), "a negation inside a negation is not supported by Graql 1.8");
            }
            Scope inner = new Scope(scope);
            Compiled body = compile(branch, inner);
            cond(scope, "NOT EXISTS (SELECT 1" + body.sql() + ")", body.params(), Map.of());
        }
    }

    /** " FROM a CROSS JOIN b … WHERE …" in the chosen join order, with the parameters in text order. */
    private Compiled render(Scope scope) {
        // A thing alias reads the rows of the types its own level restricts it to (every type when none does).
        for (Node n : scope.nodes) if (n.table().equals("thing")) reads.things(scope.types.get(n.alias()));
        List<Node> order = joinOrder(scope);
        StringBuilder sql = new StringBuilder();
        if (!order.isEmpty()) {
            sql.append(" FROM ");
            for (int i = 0; i < order.size(); i++) {
                if (i > 0) sql.append(" CROSS JOIN ");
                sql.append(order.get(i).table()).append(' ').append(order.get(i).alias());
            }
        }
        List<Object> params = new ArrayList<>();
        if (!scope.conds.isEmpty()) {
            sql.append(" WHERE ");
            for (int i = 0; i < scope.conds.size(); i++) {
                if (i > 0) sql.append(" AND ");
                sql.append(scope.conds.get(i).sql());
                params.addAll(scope.conds.get(i).params());
            }
        }
        return new Compiled(sql.toString(), params);
    }

    private List<Node> joinOrder(Scope scope) {
        List<Node> remaining = new ArrayList<>(scope.nodes);
        List<Node> order = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (!remaining.isEmpty()) {
            Node best = null;
            int bestCost = Integer.MAX_VALUE;
            for (Node n : remaining) {
                int cost = cost(n, scope, placed);
                if (cost < bestCost) {
                    best = n;
                    bestCost = cost;
                }
            }
            remaining.remove(best);
            order.add(best);
            placed.add(best.alias());
        }
        return order;
    }

    private static int cost(Node n, Scope scope, Set<String> placed) {
        int cost = n.table().startsWith("mt_") ? SCHEMA_SCAN : FULL_SCAN;
        for (Cond c : scope.conds) {
            Integer reach = c.reach().get(n.alias());
            if (reach == null || reach >= cost) continue;
            boolean ready = true;
            for (String other : c.reach().keySet()) {
                if (!other.equals(n.alias()) && !placed.contains(other) && !scope.isOuter(other)) ready = false;
            }
            if (ready) cost = reach;
        }
        return cost;
    }

    // ---- values and lists

    /** A literal as the store keeps values: booleans as 0/1, datetimes as epoch milliseconds. */
    static Object sqlValue(Literal literal) {
        if (literal instanceof Literal.BooleanLiteral b) return b.booleanValue() ? 1L : 0L;
        return literal.value();
    }

    /** The store id of a printed id ({@code V123} or {@code 123}); -1 (no thing) for anything else. */
    static long storeId(String id) {
        return ThingId.rowId(id.startsWith("V") ? id : "V" + id);
    }

    private static String list(Set<Integer> ids) {
        StringJoiner j = new StringJoiner(",", "(", ")");
        for (int id : ids) j.add(Integer.toString(id));
        return j.toString();
    }

    private static String textList(Set<String> labels) {
        StringJoiner j = new StringJoiner(",", "(", ")");
        for (String l : labels) j.add(SchemaRows.quote(l));
        return j.toString();
    }


}
