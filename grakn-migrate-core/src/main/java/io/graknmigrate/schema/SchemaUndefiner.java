package io.graknmigrate.schema;

import io.graknmigrate.graql.GraqlStrings;
import io.graknmigrate.graql.Label;
import io.graknmigrate.graql.Pattern;
import io.graknmigrate.graql.Position;
import io.graknmigrate.graql.Property;
import io.graknmigrate.graql.Query;
import io.graknmigrate.graql.Statement;
import io.graknmigrate.graql.Term;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies Graql {@code undefine} queries to a schema as Grakn 1.8 does at the schema level: each property
 * named is removed from the type that declares it ({@code person has email}, {@code marriage relates
 * spouse}, {@code person plays friend}, {@code abstract}, {@code regex}), and a statement with {@code sub}
 * removes the whole type, role or rule ({@code person sub entity}, {@code r sub rule}). Refused, with the
 * position: removing what is not there, a type that still has subtypes, and a type, role or attribute type
 * that other types or rules still refer to. Whether data still uses what is removed is the store's
 * question: {@link #apply} returns what it removed so that the caller can check before committing.
 */
public final class SchemaUndefiner {

    /** One thing an undefine removed. {@code target} is null for whole types, roles and rules and for ABSTRACT. */
    public record Removal(What what, String type, String target) {
        @Override
        public String toString() {
            return switch (what) {
                case TYPE, ROLE, RULE -> what.name().toLowerCase(Locale.ROOT) + " " + type;
                case ABSTRACT -> type + " abstract";
                case REGEX -> type + " regex";
                default -> type + " " + what.name().toLowerCase(Locale.ROOT) + " " + target;
            };
        }
    }

    /** The kinds of removal. */
    public enum What { TYPE, ROLE, RULE, HAS, KEY, PLAYS, RELATES, ABSTRACT, REGEX }

    private SchemaUndefiner() { }

    /**
     * Removes what the query names from {@code schema} itself (pass a {@link Schema#copy()} for
     * all-or-nothing: on failure the schema is left part-way) and returns the removals in order.
     */
    public static List<Removal> apply(Schema schema, Query.Undefine query) throws SchemaException {
        return new Application(schema).run(query);
    }

    private static final class Application {
        private final Schema schema;
        private final List<Removal> removed = new ArrayList<>();
        /** Whole types, roles and rules this query removes, with the statement that removes each. */
        private final Map<String, Statement> doomed = new LinkedHashMap<>();

        Application(Schema schema) {
            this.schema = schema;
        }

        List<Removal> run(Query.Undefine query) throws SchemaException {
            List<Statement> wholes = new ArrayList<>();
            for (Statement st : query.statements()) {
                String label = subject(st);
                Property.Sub sub = st.first(Property.Sub.class);
                if (sub != null) {
                    checkSupertype(st, label, sub);
                    doomed.put(label, st);
                    wholes.add(st);
                } else {
                    for (Property p : st.properties()) removeProperty(label, p);
                }
            }
            // whole removals after the property removals of the same query, subtypes before their supertypes
            List<String> order = new ArrayList<>(doomed.keySet());
            order.sort((a, b) -> Integer.compare(depth(b), depth(a)));
            for (String label : order) removeWhole(label, doomed.get(label));
            return removed;
        }

        private String subject(Statement st) throws SchemaException {
            if (st.subject() instanceof Label l) return l.name();
            Property.Type t = st.first(Property.Type.class);
            if (t != null) return t.label().name();
            throw SchemaException.at(st.position(), "variable " + st.subject() + " in an undefine statement does not "
                    + "name a type, write the type's label instead of the variable");
        }

        private int depth(String label) {
            int d = 0;
            for (String s = label; s != null; d++) {
                ThingType t = schema.mutableTypes().get(s);
                RoleType r = schema.mutableRoles().get(s);
                s = t != null ? t.supertype() : r != null ? r.supertype() : null;
                if (d > SchemaDefiner.MAX_TYPE_DEPTH + 2) break;
            }
            return d;
        }

        private void checkSupertype(Statement st, String label, Property.Sub sub) throws SchemaException {
            String sup = name(sub.type(), sub.position());
            if (Schema.META_LABELS.contains(label)) {
                throw SchemaException.at(st.position(), "'" + label + "' is a built-in meta type and cannot be undefined");
            }
            ThingType t = schema.mutableTypes().get(label);
            RoleType r = schema.mutableRoles().get(label);
            boolean isRule = schema.mutableRules().containsKey(label);
            if (t == null && r == null && !isRule) {
                throw SchemaException.at(st.position(), "cannot undefine '" + label + "': it is not defined, fix the label");
            }
            boolean ok;
            if (isRule) ok = sup.equals("rule");
            else if (r != null) ok = sup.equals(RoleType.META) || isSuperRole(label, sup);
            else ok = sup.equals(t.supertype()) || (!sub.explicit() && schema.isSubtypeOf(label, sup));
            if (!ok) {
                String actual = isRule ? "rule" : r != null ? r.supertype() : t.supertype();
                throw SchemaException.at(sub.position(), "cannot undefine '" + label + " sub " + sup + "': '" + label
                        + "' is a subtype of '" + actual + "', write 'undefine " + label + " sub " + actual + ";'");
            }
        }

        private boolean isSuperRole(String role, String sup) {
            for (RoleType r = schema.mutableRoles().get(role); r != null; r = schema.mutableRoles().get(r.supertype())) {
                if (r.supertype().equals(sup)) return true;
            }
            return false;
        }

        private static String name(Term term, Position pos) throws SchemaException {
            if (term instanceof Label l) return l.name();
            throw SchemaException.at(pos, "variable " + term + " in an undefine statement, write a label instead");
        }

        private static Position at(Term term, Position fallback) {
            return term instanceof Label l && l.position() != null ? l.position() : fallback;
        }

        private ThingType type(String label, Property p) throws SchemaException {
            ThingType t = schema.mutableTypes().get(label);
            if (t == null) {
                String is = schema.mutableRoles().containsKey(label) ? "a role" : schema.mutableRules().containsKey(label)
                        ? "a rule" : Schema.META_LABELS.contains(label) ? "a built-in meta type" : "not defined";
                throw SchemaException.at(p.position(), "cannot undefine '" + p + "' of '" + label + "': '" + label
                        + "' is " + is + ", fix the label");
            }
            return t;
        }

        private void removeProperty(String label, Property p) throws SchemaException {
            if (p instanceof Property.Type) return;
            ThingType t = type(label, p);
            if (p instanceof Property.Has h || p instanceof Property.Key) {
                boolean key = p instanceof Property.Key;
                Term term = key ? ((Property.Key) p).attributeType() : ((Property.Has) p).attributeType();
                String a = name(term, p.position());
                Set<String> own = key ? t.mutableKeys() : t.mutableHas();
                if (!own.remove(a)) {
                    String other = key ? (t.has().contains(a) ? "'has " + a + "', not 'key'" : null)
                            : (t.keys().contains(a) ? "'key " + a + "', not 'has'" : null);
                    String why = other != null ? "it declares " + other + ", undefine that instead"
                            : inheritedOwner(t, a) != null ? "it inherits it from '" + inheritedOwner(t, a)
                            + "', undefine it there" : "it does not own '" + a + "', remove the statement";
                    throw SchemaException.at(at(term, p.position()), "cannot undefine '" + label + " " + p + "': " + why);
                }
                removed.add(new Removal(key ? What.KEY : What.HAS, label, a));
            } else if (p instanceof Property.Plays pl) {
                String r = name(pl.role(), p.position());
                if (!t.mutablePlays().remove(r)) {
                    throw SchemaException.at(at(pl.role(), p.position()), "cannot undefine '" + label + " plays " + r
                            + "': " + (schema.plays(label, r) ? "it inherits it from a supertype, undefine it there"
                            : "it does not play '" + r + "', remove the statement"));
                }
                removed.add(new Removal(What.PLAYS, label, r));
            } else if (p instanceof Property.Relates rl) {
                String r = name(rl.role(), p.position());
                if (!t.relates().containsKey(r)) {
                    throw SchemaException.at(at(rl.role(), p.position()), "cannot undefine '" + label + " relates " + r
                            + "': " + (schema.relates(label, r) ? "it inherits it from a supertype, undefine it there"
                            : "it does not relate '" + r + "', remove the statement"));
                }
                t.mutableRelates().remove(r);
                removed.add(new Removal(What.RELATES, label, r));
            } else if (p instanceof Property.Abstract) {
                if (!t.isAbstract()) {
                    throw SchemaException.at(p.position(), "cannot undefine 'abstract' of '" + label + "': it is not "
                            + "abstract, remove the statement");
                }
                t.setAbstract(false);
                removed.add(new Removal(What.ABSTRACT, label, null));
            } else if (p instanceof Property.Regex rx) {
                if (t.regex() == null || !t.regex().equals(rx.regex())) {
                    throw SchemaException.at(p.position(), "cannot undefine '" + p + "' of '" + label + "': "
                            + (t.regex() == null ? "it has no regex" : "its regex is " + GraqlStrings.quote(t.regex()))
                            + ", fix the statement");
                }
                t.setRegex(null);
                removed.add(new Removal(What.REGEX, label, null));
            } else if (p instanceof Property.ValueType) {
                throw SchemaException.at(p.position(), "the value type of '" + label + "' cannot be undefined on its "
                        + "own, undefine the whole type with 'undefine " + label + " sub " + t.supertype() + ";'");
            } else {
                throw SchemaException.at(p.position(), "'" + p + "' cannot be undefined on its own, undefine the whole "
                        + "rule with 'undefine " + label + " sub rule;'");
            }
        }

        private String inheritedOwner(ThingType t, String attribute) {
            for (ThingType s : schema.supertypes(t.label())) {
                if (s != t && (s.has().contains(attribute) || s.keys().contains(attribute))) return s.label();
            }
            return null;
        }

        private void removeWhole(String label, Statement st) throws SchemaException {
            Position pos = st.position();
            if (schema.mutableRules().containsKey(label)) {
                schema.mutableRules().remove(label);
                removed.add(new Removal(What.RULE, label, null));
                return;
            }
            // what still refers to it (ignoring what this query removes too) blocks the removal
            String user = null;
            for (ThingType t : schema.mutableTypes().values()) {
                if (t.label().equals(label) || doomed.containsKey(t.label())) continue;
                if (t.supertype().equals(label)) {
                    throw SchemaException.at(pos, "cannot undefine '" + label + "': it has subtypes ('" + t.label()
                            + "'), undefine them first");
                }
                if (t.has().contains(label) || t.keys().contains(label)) user = "'" + t.label() + "' owns it";
                else if (t.plays().contains(label)) user = "'" + t.label() + "' plays it";
                else if (t.relates().containsKey(label)) user = "'" + t.label() + "' relates it";
                if (user != null) break;
            }
            for (RoleType r : schema.mutableRoles().values()) {
                if (user != null) break;
                if (!r.label().equals(label) && !doomed.containsKey(r.label()) && r.supertype().equals(label)) {
                    throw SchemaException.at(pos, "cannot undefine role '" + label + "': role '" + r.label()
                            + "' specialises it, undefine that role first");
                }
            }
            if (user == null) {
                for (Rule rule : schema.mutableRules().values()) {
                    if (doomed.containsKey(rule.label())) continue;
                    Set<String> labels = new HashSet<>();
                    labels(rule.when(), labels);
                    labels(rule.then(), labels);
                    if (labels.contains(label)) {
                        user = "rule '" + rule.label() + "' uses it";
                        break;
                    }
                }
            }
            if (user != null) {
                throw SchemaException.at(pos, "cannot undefine '" + label + "': " + user + ", undefine that first "
                        + "(in the same query or before)");
            }
            if (schema.mutableTypes().remove(label) != null) {
                removed.add(new Removal(What.TYPE, label, null));
            } else {
                schema.mutableRoles().remove(label);
                for (ThingType t : schema.mutableTypes().values()) t.mutableRelates().remove(label);
                removed.add(new Removal(What.ROLE, label, null));
            }
        }

        private static void labels(Pattern p, Set<String> into) {
            if (p instanceof Pattern.Conjunction c) {
                for (Pattern q : c.patterns()) labels(q, into);
            } else if (p instanceof Pattern.Disjunction d) {
                for (Pattern q : d.branches()) labels(q, into);
            } else if (p instanceof Pattern.Negation n) {
                labels(n.body(), into);
            } else if (p instanceof Statement s) {
                if (s.subject() instanceof Label l) into.add(l.name());
                for (Property prop : s.properties()) {
                    if (prop instanceof Property.Isa i && i.type() instanceof Label l) into.add(l.name());
                    else if (prop instanceof Property.Sub sb && sb.type() instanceof Label l) into.add(l.name());
                    else if (prop instanceof Property.Has h && h.attributeType() instanceof Label l) into.add(l.name());
                    else if (prop instanceof Property.Type t) into.add(t.label().name());
                    else if (prop instanceof Property.Relation r) {
                        for (var rp : r.players()) if (rp.role() instanceof Label l) into.add(l.name());
                    }
                }
            }
        }
    }
}
