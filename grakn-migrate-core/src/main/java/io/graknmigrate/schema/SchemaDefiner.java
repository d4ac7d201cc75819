package io.graknmigrate.schema;

import io.graknmigrate.graql.Graql;
import io.graknmigrate.graql.GraqlException;
import io.graknmigrate.graql.Label;
import io.graknmigrate.graql.Pattern;
import io.graknmigrate.graql.Position;
import io.graknmigrate.graql.Property;
import io.graknmigrate.graql.Query;
import io.graknmigrate.graql.RegexSyntax;
import io.graknmigrate.graql.Statement;
import io.graknmigrate.graql.Term;
import io.graknmigrate.schema.TypeStatement.Prop;
import io.graknmigrate.schema.TypeStatement.PropKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Applies Graql {@code define} (and {@code undefine}) queries to a schema the way Grakn 1.8 does: each
 * query in order, every statement of a define seeing the others (forward references inside one query are
 * fine). Everything happens on a copy, so a failure leaves the caller's schema as it was.
 *
 * <p>One class although long: applying one define query is a sequence of steps (create the new labels
 * supertypes first, move types, declare roles, apply properties, define rules, validate) that read
 * and write the same maps of the query being applied and blame the same positions; each step alone
 * would need all of that state. The statement form it works on is {@link TypeStatement}, undefine is
 * {@link SchemaUndefiner}.
 */
public final class SchemaDefiner {

    /** Deeper hierarchies than any real schema has; bounds the printout and the printer's recursion. */
    static final int MAX_TYPE_DEPTH = 1000;

    private SchemaDefiner() { }

    /** Parses and applies the sources, in order, to a copy of base; base is never modified. */
    public static Schema define(Schema base, List<GraqlSource> sources, Consumer<String> warnings) throws SchemaException {
        Objects.requireNonNull(base, "base");
        Consumer<String> warn = warnings == null ? w -> { } : warnings;
        // Parse everything first: a syntax error in the last file must not leave earlier ones applied.
        List<Query> queries = new ArrayList<>();
        for (GraqlSource source : sources) {
            List<Query> parsed;
            try {
                parsed = Graql.parse(source.name(), source.text(), warn);
            } catch (SchemaException e) {
                throw e;
            } catch (GraqlException e) {
                throw SchemaException.of(e);
            }
            for (Query q : parsed) {
                if (!(q instanceof Query.Define) && !(q instanceof Query.Undefine)) {
                    throw SchemaException.at(q.position(), "'" + q.kind() + "' query found, but only define and "
                            + "undefine queries can be loaded as a schema, load files with data queries with "
                            + "'grakn-migrate load'");
                }
            }
            queries.addAll(parsed);
        }
        Schema schema = base.copy();
        Map<String, Position> declaredAt = new HashMap<>();
        for (Query query : queries) {
            if (query instanceof Query.Define d) apply(schema, d, declaredAt);
            else SchemaUndefiner.apply(schema, (Query.Undefine) query);
        }
        return schema;
    }

    /**
     * Applies one parsed define query to {@code schema} itself (callers that need all-or-nothing pass a
     * {@link Schema#copy()}).
     */
    public static void apply(Schema schema, Query.Define query) throws SchemaException {
        apply(schema, query, new HashMap<>());
    }

    private static void apply(Schema schema, Query.Define query, Map<String, Position> declaredAt) throws SchemaException {
        List<TypeStatement> statements = new ArrayList<>();
        for (Statement st : query.statements()) statements.add(TypeStatement.of(st));
        new Application(schema, declaredAt).apply(query.position(), statements);
    }

    /** One define query being applied. */
    private static final class Application {
        private final Schema schema;
        private final Map<String, ThingType> types;
        private final Map<String, RoleType> roles;
        private final Map<String, Rule> rules;
        /** Where each label created by this call was declared, for errors found after the fact. */
        private final Map<String, Position> declaredAt;
        /** Rule labels declared {@code sub rule} in this query, with their statement. */
        private final Map<String, Position> newRules = new LinkedHashMap<>();
        /** "relation\0role" -> position of its {@code as}; "type\0value", "type\0regex": for checks after the fact. */
        private final Map<String, Position> asAt = new HashMap<>();
        /** Where the query starts: the place to blame for types defined by an earlier call. */
        private Position queryPos;

        Application(Schema schema, Map<String, Position> declaredAt) {
            this.schema = schema;
            this.types = schema.mutableTypes();
            this.roles = schema.mutableRoles();
            this.rules = schema.mutableRules();
            this.declaredAt = declaredAt;
        }

        private boolean exists(String label) {
            return types.containsKey(label) || roles.containsKey(label) || rules.containsKey(label) || newRules.containsKey(label);
        }

        void apply(Position pos, List<TypeStatement> statements) throws SchemaException {
            queryPos = pos;
            for (TypeStatement st : statements) checkSubject(st);
            createNew(statements);
            for (TypeStatement st : statements) applySub(st);
            declareRoles(statements);
            for (TypeStatement st : statements) applyProperties(st);
            defineRules(statements);
            validate();
        }

        // ---- statements and their supertypes

        private static Prop sub(TypeStatement st) throws SchemaException {
            Prop found = null;
            for (Prop p : st.props()) {
                if (p.kind() != PropKind.SUB) continue;
                if (found != null && !found.arg().equals(p.arg())) {
                    throw SchemaException.at(p.pos(), "'" + st.label() + "' is given two supertypes ('" + found.arg()
                            + "' and '" + p.arg() + "') in one statement, keep one");
                }
                found = p;
            }
            return found;
        }

        private void checkSubject(TypeStatement st) throws SchemaException {
            if (Schema.META_LABELS.contains(st.label())) {
                throw SchemaException.at(st.pos(), "'" + st.label() + "' is a built-in meta type and cannot be "
                        + "defined or changed, give your type a label of its own");
            }
            for (Prop p : st.props()) {
                if (p.kind() == PropKind.TYPE && !p.arg().equals(st.label())) {
                    throw SchemaException.at(p.argPos(), "statement names two types ('" + st.label() + "' and '"
                            + p.arg() + "'), write one statement per type");
                }
            }
        }

        /** Creates the types, roles and rules this query introduces, supertypes first. */
        private void createNew(List<TypeStatement> statements) throws SchemaException {
            // Roles named by 'relates' exist for the whole query, so 'a sub b' between them works in any order
            Set<String> subjects = new HashSet<>();
            for (TypeStatement st : statements) if (sub(st) != null) subjects.add(st.label());
            for (TypeStatement st : statements) {
                for (Prop p : st.props()) {
                    if (p.kind() != PropKind.RELATES) continue;
                    String role = p.arg();
                    if (Schema.META_LABELS.contains(role)) {
                        throw SchemaException.at(p.argPos(), "'" + role + "' is a built-in meta type and cannot be a "
                                + "role, give the role a label of its own");
                    }
                    if (!exists(role) && !subjects.contains(role)) {
                        roles.put(role, new RoleType(role, RoleType.META));
                        declaredAt.putIfAbsent(role, p.argPos());
                    }
                }
            }
            // 'r when { ... }, then { ... };' without 'sub rule' defines rule r just the same
            for (TypeStatement st : statements) {
                if (sub(st) != null || exists(st.label())) continue;
                for (Prop p : st.props()) {
                    if (p.kind() == PropKind.WHEN || p.kind() == PropKind.THEN) {
                        newRules.putIfAbsent(st.label(), st.pos());
                        declaredAt.putIfAbsent(st.label(), st.pos());
                    }
                }
            }
            List<TypeStatement> pending = new ArrayList<>();
            for (TypeStatement st : statements) if (sub(st) != null && !exists(st.label())) pending.add(st);
            boolean progress = true;
            while (!pending.isEmpty() && progress) {
                progress = false;
                for (var it = pending.iterator(); it.hasNext(); ) {
                    TypeStatement st = it.next();
                    if (exists(st.label())) {
                        it.remove();
                        continue;
                    }
                    Prop sub = sub(st);
                    String sup = sub.arg();
                    TypeKind metaKind = TypeKind.ofMeta(sup);
                    if (metaKind != null) {
                        types.put(st.label(), new ThingType(st.label(), metaKind, sup));
                    } else if (sup.equals(RoleType.META)) {
                        roles.put(st.label(), new RoleType(st.label(), RoleType.META));
                    } else if (sup.equals("rule")) {
                        newRules.put(st.label(), st.pos());
                    } else if (sup.equals("thing")) {
                        throw SchemaException.at(sub.argPos(), "'" + st.label() + " sub thing': types cannot subtype "
                                + "'thing' directly, use entity, relation or attribute");
                    } else if (types.containsKey(sup)) {
                        types.put(st.label(), new ThingType(st.label(), types.get(sup).kind(), sup));
                    } else if (roles.containsKey(sup)) {
                        roles.put(st.label(), new RoleType(st.label(), sup));
                    } else if (rules.containsKey(sup) || newRules.containsKey(sup)) {
                        throw SchemaException.at(sub.argPos(), "'" + sup + "' is a rule and rules cannot be subtyped, "
                                + "write '" + st.label() + " sub rule'");
                    } else {
                        continue;
                    }
                    declaredAt.put(st.label(), st.pos());
                    it.remove();
                    progress = true;
                }
            }
            if (pending.isEmpty()) return;
            TypeStatement st = pending.get(0);
            Prop sub = sub(st);
            for (TypeStatement other : pending) {
                if (other.label().equals(sub.arg())) {
                    throw SchemaException.at(sub.argPos(), "'" + st.label() + " sub " + sub.arg()
                            + "' makes a cycle in the type hierarchy, a type cannot be its own supertype, break the cycle");
                }
            }
            throw SchemaException.at(sub.argPos(), "unknown supertype '" + sub.arg() + "' of '" + st.label()
                    + "', define '" + sub.arg() + "' first or fix the label");
        }

        /** A {@code sub} on a type that already existed: same kind may move, another kind may not. */
        private void applySub(TypeStatement st) throws SchemaException {
            Prop sub = sub(st);
            if (sub == null) return;
            String label = st.label();
            String sup = sub.arg();
            if (newRules.containsKey(label) || rules.containsKey(label)) {
                if (!sup.equals("rule")) throw kindChange(sub, label, "a rule", sup);
                return;
            }
            ThingType t = types.get(label);
            if (t != null) {
                TypeKind supKind = TypeKind.ofMeta(sup);
                if (supKind == null && types.containsKey(sup)) supKind = types.get(sup).kind();
                if (supKind == null) {
                    if (!exists(sup) && !Schema.META_LABELS.contains(sup)) throw unknownSupertype(sub, label);
                    throw kindChange(sub, label, what(label), sup);
                }
                if (supKind != t.kind()) throw kindChange(sub, label, what(label), sup);
                if (!t.supertype().equals(sup)) {
                    if (schema.isSubtypeOf(sup, label)) throw cycle(sub, label);
                    ValueType before = schema.valueType(label);
                    t.setSupertype(sup);
                    declaredAt.put(label, sub.argPos()); // a later check failing for this type is about the move
                    ValueType after = schema.valueType(label);
                    if (before != null && after != null && before != after) {
                        throw SchemaException.at(sub.argPos(), "moving '" + label + "' under '" + sup + "' would change its "
                                + "value type from " + before.keyword() + " to " + after.keyword()
                                + ", choose a supertype with value type " + before.keyword());
                    }
                }
                return;
            }
            RoleType r = roles.get(label);
            if (r != null) {
                if (!sup.equals(RoleType.META) && !roles.containsKey(sup)) {
                    if (!exists(sup) && !Schema.META_LABELS.contains(sup)) throw unknownSupertype(sub, label);
                    throw kindChange(sub, label, "a role", sup);
                }
                setRoleSupertype(r, sup, sub.argPos());
            }
        }

        private void setRoleSupertype(RoleType r, String sup, Position pos) throws SchemaException {
            if (r.supertype().equals(sup)) return;
            for (String s = sup; s != null && !s.equals(RoleType.META); ) {
                if (s.equals(r.label())) {
                    throw SchemaException.at(pos, "role '" + r.label() + "' would become its own supertype through '"
                            + sup + "', break the cycle in the role hierarchy");
                }
                RoleType next = roles.get(s);
                s = next == null ? null : next.supertype();
            }
            r.setSupertype(sup);
        }

        private static SchemaException unknownSupertype(Prop sub, String label) {
            return SchemaException.at(sub.argPos(), "unknown supertype '" + sub.arg() + "' of '" + label
                    + "', define '" + sub.arg() + "' first or fix the label");
        }

        private static SchemaException cycle(Prop sub, String label) {
            return SchemaException.at(sub.argPos(), "'" + label + " sub " + sub.arg() + "' makes a cycle in the type "
                    + "hierarchy ('" + sub.arg() + "' is already a subtype of '" + label + "'), choose another supertype");
        }

        private static SchemaException kindChange(Prop sub, String label, String was, String sup) {
            return SchemaException.at(sub.argPos(), "'" + label + "' is " + was + " and cannot become a subtype of '"
                    + sup + "' (a type cannot change kind), undefine it first or use another label");
        }

        // ---- roles

        private void declareRoles(List<TypeStatement> statements) throws SchemaException {
            for (TypeStatement st : statements) {
                for (Prop p : st.props()) {
                    if (p.kind() != PropKind.RELATES) continue;
                    ThingType t = types.get(st.label());
                    if (t == null || t.kind() != TypeKind.RELATION) throw notA(st, p, "a relation type", "'relates'");
                    String role = p.arg();
                    if (!roles.containsKey(role)) {
                        throw SchemaException.at(p.argPos(), "'" + role + "' is already " + what(role)
                                + ", not a role, give the role another label");
                    }
                    if (!t.relates().containsKey(role)) t.mutableRelates().put(role, null);
                }
            }
            for (TypeStatement st : statements) {
                for (Prop p : st.props()) {
                    if (p.kind() != PropKind.RELATES || p.as() == null) continue;
                    String as = p.as();
                    if (!roles.containsKey(as)) {
                        throw SchemaException.at(p.asPos(), "'" + as + "' in 'relates " + p.arg() + " as " + as
                                + "' is not a role, name a role (of this or any relation type) that '" + p.arg() + "' specialises");
                    }
                    setRoleSupertype(roles.get(p.arg()), as, p.asPos());
                    types.get(st.label()).mutableRelates().put(p.arg(), as);
                    asAt.put(st.label() + "\0" + p.arg(), p.asPos());
                }
            }
        }

        /** "an entity type", "a role", ...: what a label names. */
        private String what(String label) {
            if (types.containsKey(label)) return types.get(label).kind() == TypeKind.RELATION ? "a relation type"
                    : "an " + types.get(label).kind().meta() + " type";
            if (roles.containsKey(label)) return "a role";
            if (rules.containsKey(label) || newRules.containsKey(label)) return "a rule";
            return "a meta type";
        }

        private SchemaException notA(TypeStatement st, Prop p, String expected, String property) {
            String is = exists(st.label()) ? what(st.label()) : "not defined";
            return SchemaException.at(p.pos(), property + " needs " + expected + ", but '" + st.label() + "' is "
                    + is + ", remove the property or fix the label");
        }

        // ---- the other properties

        private void applyProperties(TypeStatement st) throws SchemaException {
            String label = st.label();
            if (!exists(label)) {
                throw SchemaException.at(st.pos(), "type '" + label + "' is not defined, declare it with '" + label
                        + " sub entity' (or relation, attribute, or its supertype) or fix the label");
            }
            ThingType t = types.get(label);
            for (Prop p : st.props()) {
                switch (p.kind()) {
                    case SUB, TYPE, RELATES, WHEN, THEN -> { }
                    case ABSTRACT -> {
                        if (t == null) throw notA(st, p, "an entity, relation or attribute type", "'abstract'");
                        t.setAbstract(true);
                    }
                    case VALUE -> {
                        if (t == null || t.kind() != TypeKind.ATTRIBUTE) throw notA(st, p, "an attribute type", "'value'");
                        if (t.declaredValueType() != null && t.declaredValueType() != p.valueType()) {
                            throw SchemaException.at(p.argPos(), "attribute type '" + label + "' already has value type "
                                    + t.declaredValueType().keyword() + " and cannot change to " + p.valueType().keyword()
                                    + ", keep " + t.declaredValueType().keyword() + " or use a new type");
                        }
                        t.setValueType(p.valueType());
                        asAt.put(label + "\0value", p.argPos());
                    }
                    case REGEX -> {
                        if (t == null || t.kind() != TypeKind.ATTRIBUTE) throw notA(st, p, "an attribute type", "'regex'");
                        String problem = RegexSyntax.problem(p.arg());
                        if (problem != null) {
                            throw SchemaException.at(p.argPos(), "invalid regex for '" + label + "': " + problem + ", fix the regular expression");
                        }
                        t.setRegex(p.arg());
                        asAt.put(label + "\0regex", p.argPos());
                    }
                    case KEY, HAS -> {
                        String word = p.kind() == PropKind.KEY ? "'key'" : "'has'";
                        if (t == null) throw notA(st, p, "an entity, relation or attribute type", word);
                        ThingType a = types.get(p.arg());
                        if (a == null || a.kind() != TypeKind.ATTRIBUTE) {
                            String is = a != null || exists(p.arg()) ? what(p.arg())
                                    : p.arg().equals("attribute") ? "the meta type" : "not defined";
                            String advice = p.arg().equals("attribute") ? "name one of your attribute types"
                                    : "define '" + p.arg() + " sub attribute' or fix the label";
                            throw SchemaException.at(p.argPos(), word + " needs an attribute type, but '" + p.arg()
                                    + "' is " + is + ", " + advice);
                        }
                        (p.kind() == PropKind.KEY ? t.mutableKeys() : t.mutableHas()).add(p.arg());
                    }
                    case PLAYS -> {
                        if (t == null) throw notA(st, p, "an entity, relation or attribute type", "'plays'");
                        if (!roles.containsKey(p.arg())) {
                            String is = exists(p.arg()) ? what(p.arg()) : p.arg().equals(RoleType.META)
                                    ? "the meta role" : "not defined";
                            throw SchemaException.at(p.argPos(), "'plays' needs a role, but '" + p.arg() + "' is " + is
                                    + ", declare the role with 'relates " + p.arg() + "' on a relation type or fix the label");
                        }
                        t.mutablePlays().add(p.arg());
                    }
                }
            }
        }

        // ---- rules

        private void defineRules(List<TypeStatement> statements) throws SchemaException {
            Map<String, Prop> when = new LinkedHashMap<>();
            Map<String, Prop> then = new LinkedHashMap<>();
            Map<String, TypeStatement> first = new LinkedHashMap<>();
            for (TypeStatement st : statements) {
                for (Prop p : st.props()) {
                    if (p.kind() != PropKind.WHEN && p.kind() != PropKind.THEN) continue;
                    if (!rules.containsKey(st.label()) && !newRules.containsKey(st.label())) {
                        throw notA(st, p, "a rule", "'" + p.kind().name().toLowerCase() + "'");
                    }
                    Map<String, Prop> m = p.kind() == PropKind.WHEN ? when : then;
                    Prop old = m.put(st.label(), p);
                    if (old != null && !old.pattern().toString().equals(p.pattern().toString())) {
                        throw SchemaException.at(p.pos(), "rule '" + st.label() + "' is given two different '"
                                + p.kind().name().toLowerCase() + "' blocks, keep one");
                    }
                    first.putIfAbsent(st.label(), st);
                }
            }
            for (Map.Entry<String, Position> e : newRules.entrySet()) {
                String label = e.getKey();
                Prop w = when.get(label);
                Prop t = then.get(label);
                if (w == null || t == null) {
                    throw SchemaException.at(e.getValue(), "rule '" + label + "' has no '" + (w == null ? "when" : "then")
                            + "' block, a rule needs both 'when { ... }' and 'then { ... }'");
                }
                checkRule(label, w, t);
                rules.put(label, new Rule(label, w.pattern(), t.pattern()));
            }
            for (String label : first.keySet()) {
                if (newRules.containsKey(label)) continue;
                Rule existing = rules.get(label);
                for (Prop p : new Prop[] {when.get(label), then.get(label)}) {
                    if (p == null) continue;
                    Pattern.Conjunction had = p.kind() == PropKind.WHEN ? existing.when() : existing.then();
                    if (!had.toString().equals(p.pattern().toString())) {
                        throw SchemaException.at(p.pos(), "rule '" + label + "' is already defined with a different '"
                                + p.kind().name().toLowerCase() + "', and Grakn cannot change a rule, undefine it first "
                                + "or give the new rule another label");
                    }
                }
            }
            newRules.clear();
        }

        private void checkRule(String label, Prop when, Prop then) throws SchemaException {
            if (when.pattern().patterns().isEmpty()) {
                throw SchemaException.at(when.pos(), "rule '" + label + "' has an empty 'when', give it at least one statement");
            }
            checkCondition(label, when.pattern(), false, new int[1]);
            // statements that only fix a value ($n "the-company") do not conclude a fact of their own
            int facts = 0;
            for (Pattern p : then.pattern().patterns()) {
                if (!(p instanceof Statement st)) {
                    throw SchemaException.at(p.position(), "rule '" + label + "' has a block in 'then', which must hold "
                            + "statements only, conclude one fact with plain statements");
                }
                if (st.first(Property.Value.class) == null) facts++;
            }
            if (facts != 1) {
                throw SchemaException.at(then.pos(), "rule '" + label + "' must conclude exactly one fact in 'then' "
                        + "(an isa, a has or a relation), split it into one rule per conclusion");
            }
            checkLabels(label, when.pattern());
            checkLabels(label, then.pattern());
        }

        /** Grakn refuses, in a rule's 'when': a disjunction, a negation inside a negation, more than one negation. */
        private static void checkCondition(String label, Pattern p, boolean negated, int[] negations) throws SchemaException {
            if (p instanceof Pattern.Disjunction d) {
                throw SchemaException.at(d.position(), "rule '" + label + "' has a disjunction ('or') in 'when', which "
                        + "Grakn refuses in rules, write one rule per branch");
            }
            if (p instanceof Pattern.Negation n) {
                if (negated) {
                    throw SchemaException.at(n.position(), "rule '" + label + "' nests a 'not' inside a 'not', which "
                            + "Grakn refuses in rules, keep one level of negation");
                }
                if (++negations[0] > 1) {
                    throw SchemaException.at(n.position(), "rule '" + label + "' has more than one 'not' block in "
                            + "'when', which Grakn refuses, merge them into one 'not { ... }'");
                }
                checkCondition(label, n.body(), true, negations);
            } else if (p instanceof Pattern.Conjunction c) {
                for (Pattern inner : c.patterns()) checkCondition(label, inner, negated, negations);
            }
        }

        private void checkLabels(String rule, Pattern pattern) throws SchemaException {
            if (pattern instanceof Pattern.Conjunction c) {
                for (Pattern p : c.patterns()) checkLabels(rule, p);
            } else if (pattern instanceof Pattern.Disjunction d) {
                for (Pattern p : d.branches()) checkLabels(rule, p);
            } else if (pattern instanceof Pattern.Negation n) {
                checkLabels(rule, n.body());
            } else if (pattern instanceof Statement s) {
                if (s.subject() instanceof Label l) checkLabel(rule, l);
                for (Property prop : s.properties()) {
                    if (prop instanceof Property.Relation r) {
                        for (var rp : r.players()) if (rp.role() instanceof Label l) checkLabel(rule, l);
                    } else if (prop instanceof Property.Isa i) {
                        checkTerm(rule, i.type());
                    } else if (prop instanceof Property.Sub sb) {
                        checkTerm(rule, sb.type());
                    } else if (prop instanceof Property.Type t) {
                        checkLabel(rule, t.label());
                    } else if (prop instanceof Property.Has h) {
                        checkTerm(rule, h.attributeType());
                    } else if (prop instanceof Property.Key k) {
                        checkTerm(rule, k.attributeType());
                    } else if (prop instanceof Property.Plays pl) {
                        checkTerm(rule, pl.role());
                    } else if (prop instanceof Property.Relates rl) {
                        checkTerm(rule, rl.role());
                        if (rl.as() != null) checkTerm(rule, rl.as());
                    }
                }
            }
        }

        private void checkTerm(String rule, Term t) throws SchemaException {
            if (t instanceof Label l) checkLabel(rule, l);
        }

        private void checkLabel(String rule, Label label) throws SchemaException {
            String l = label.name();
            if (types.containsKey(l) || roles.containsKey(l) || Schema.META_LABELS.contains(l)) return;
            throw SchemaException.at(label.position(), "rule '" + rule + "' uses '" + l + "', which is not a type or "
                    + "role in the schema, define it before the rule or fix the label");
        }

        // ---- whole-schema checks

        private Position where(String label) {
            return declaredAt.getOrDefault(label, queryPos);
        }

        private void validate() throws SchemaException {
            // The printout indents by depth, so its size grows with depth squared: keep hierarchies sane
            Map<String, Integer> depth = new HashMap<>();
            for (ThingType t : types.values()) {
                List<String> chain = new ArrayList<>();
                String l = t.label();
                while (types.containsKey(l) && !depth.containsKey(l)) {
                    chain.add(l);
                    l = types.get(l).supertype();
                }
                int d = depth.getOrDefault(l, -1);
                for (int i = chain.size() - 1; i >= 0; i--) {
                    depth.put(chain.get(i), ++d);
                    if (d >= MAX_TYPE_DEPTH) {
                        throw SchemaException.at(where(chain.get(i)), "type '" + chain.get(i) + "' is more than "
                                + MAX_TYPE_DEPTH + " levels below its meta type, flatten the type hierarchy");
                    }
                }
            }
            for (ThingType t : types.values()) {
                if (t.kind() != TypeKind.ATTRIBUTE) continue;
                ValueType vt = schema.valueType(t.label());
                if (vt == null) {
                    throw SchemaException.at(where(t.label()), "attribute type '" + t.label()
                            + "' has no value type, add 'value string' (or long, double, boolean, datetime) to it or its supertype");
                }
                if (t.declaredValueType() != null && types.containsKey(t.supertype())) {
                    ValueType inherited = schema.valueType(t.supertype());
                    if (inherited != null && inherited != t.declaredValueType()) {
                        throw SchemaException.at(asAt.getOrDefault(t.label() + "\0value", where(t.label())),
                                "attribute type '" + t.label() + "' has value type "
                                + t.declaredValueType().keyword() + " but its supertype '" + t.supertype() + "' has "
                                + inherited.keyword() + ", a subtype must keep its supertype's value type");
                    }
                }
                if (t.regex() != null && vt != ValueType.STRING) {
                    throw SchemaException.at(asAt.getOrDefault(t.label() + "\0regex", where(t.label())),
                            "attribute type '" + t.label() + "' has a regex "
                            + "but value type " + vt.keyword() + ", and regex is only for string attribute types, remove the regex");
                }
            }
        }
    }
}
