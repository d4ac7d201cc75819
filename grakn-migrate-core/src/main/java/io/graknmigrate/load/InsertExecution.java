package io.graknmigrate.load;

import io.graknmigrate.keyspace.ThingId;
import io.graknmigrate.graql.Label;
import io.graknmigrate.graql.Literal;
import io.graknmigrate.graql.Position;
import io.graknmigrate.graql.Predicate;
import io.graknmigrate.graql.Property;
import io.graknmigrate.graql.RolePlayer;
import io.graknmigrate.graql.Statement;
import io.graknmigrate.graql.Term;
import io.graknmigrate.graql.Variable;
import io.graknmigrate.migrate.AttributeRegexes;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.ThingType;
import io.graknmigrate.schema.ValueType;
import io.graknmigrate.store.InstanceWriter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instance statements of one insert, with Grakn 1.8.4's semantics: {@code isa} of an entity or
 * relation type makes a new thing, of an attribute type puts the attribute (reused per type and
 * value); {@code has} adds an ownership once; relation players must be bound in the query (inserted
 * in it, matched, or named by {@code id}) and have their role written. Everything that depends on
 * types only is checked here, before anything is written for the statement; what depends on the whole
 * file is the writer's end-of-file check.
 *
 * <p>Two passes: first every variable becomes a thing (so a relation may name a player described
 * further down), then ownerships and role players.
 */
final class InsertExecution {

    /** A variable of the query bound to a thing: its store id and type. */
    record Bound(long id, String type, TypeKind kind) { }

    /** A statement's variable with every property written for it in the query. */
    private static final class Subject {
        final String name;
        final Position position;
        final List<Property> properties = new ArrayList<>();
        Bound bound;

        Subject(String name, Position position) {
            this.name = name;
            this.position = position;
        }
    }

    private final InstanceWriter writer;
    private final Schema schema;
    private final AttributeRegexes regexes;
    private final RegexViolations regexViolations;

    /**
     * Answers of the schema by type pair (owns, plays, relates, value types): the schema walks
     * supertypes on every call, and a file asks the same few questions millions of times. Bounded by
     * the schema's size.
     */
    private final Map<String, Map<String, Boolean>> owns = new HashMap<>();
    private final Map<String, Map<String, Boolean>> plays = new HashMap<>();
    private final Map<String, Map<String, Boolean>> relates = new HashMap<>();
    private final Map<String, Optional<ValueType>> valueTypes = new HashMap<>();

    InsertExecution(InstanceWriter writer, Schema schema, AttributeRegexes regexes, RegexViolations regexViolations) {
        this.writer = writer;
        this.schema = schema;
        this.regexes = regexes;
        this.regexViolations = regexViolations;
    }

    private interface PairRule {
        boolean test(String a, String b);
    }

    private static boolean cached(Map<String, Map<String, Boolean>> cache, String a, String b, PairRule rule) {
        return cache.computeIfAbsent(a, k -> new HashMap<>()).computeIfAbsent(b, k -> rule.test(a, b));
    }

    /**
     * Runs the statements once. {@code given} holds variables already bound (by a match answer), by
     * name without {@code $}.
     */
    void run(List<Statement> statements, Map<String, Bound> given) throws QueryFailedException {
        Map<String, Subject> subjects = new LinkedHashMap<>();
        int anonymous = 0;
        for (Statement st : statements) {
            Variable v = st.variable();
            if (st.subject() != null && v == null) {
                throw new QueryFailedException(st.position(), "an insert writes things, not types: '" + st.subject()
                        + "' is a label here, write a variable ($x isa " + st.subject() + ")");
            }
            String name = v == null || v.isAnonymous() ? "\0" + (anonymous++) : v.name();
            Subject s = subjects.computeIfAbsent(name, n -> new Subject(n, st.position()));
            s.properties.addAll(st.properties());
        }
        for (Map.Entry<String, Bound> e : given.entrySet()) {
            Subject s = subjects.get(e.getKey());
            if (s != null) s.bound = e.getValue();
        }
        // Pass 1: things.
        for (Subject s : subjects.values()) {
            if (s.bound == null) s.bound = create(s);
        }
        // Pass 2: ownerships and role players.
        for (Subject s : subjects.values()) {
            for (Property p : s.properties) {
                if (p instanceof Property.Has h) has(s, h, subjects, given);
                else if (p instanceof Property.Relation r) players(s, r, subjects, given);
            }
        }
    }

    /** Makes the thing a subject describes (or finds it by id). */
    private Bound create(Subject s) throws QueryFailedException {
        Property.Isa isa = null;
        Property.Value value = null;
        Property.Id id = null;
        Property.Relation relation = null;
        for (Property p : s.properties) {
            if (p instanceof Property.Isa i) {
                if (isa != null && !sameType(isa, i)) {
                    throw new QueryFailedException(i.position(), "variable " + shown(s) + " is given two types (" + isa.type() + " and " + i.type() + ")");
                }
                isa = i;
            } else if (p instanceof Property.Value v) {
                if (value != null && !value.predicate().toString().equals(v.predicate().toString())) {
                    throw new QueryFailedException(v.position(), "variable " + shown(s) + " is given two values");
                }
                value = v;
            } else if (p instanceof Property.Id i) {
                id = i;
            } else if (p instanceof Property.Relation r) {
                relation = r;
            } else if (p instanceof Property.Neq n) {
                throw new QueryFailedException(n.position(), "'!=' compares matched things; an insert has nothing to compare, remove it");
            } else if (!(p instanceof Property.Has)) {
                throw new QueryFailedException(p.position(), "'" + p + "' describes a type; an insert writes things (isa, has,"
                        + " a relation tuple, a value), use define for types");
            }
        }
        if (id != null) return byId(s, id, isa);
        if (isa == null) {
            Position where = value != null ? value.position() : relation != null ? relation.position() : s.position;
            throw new QueryFailedException(where, "variable " + shown(s) + " is neither given a type with isa nor bound by a match,"
                    + " so there is nothing to insert for it; add 'isa <type>'");
        }
        ThingType type = typeOf(isa);
        if (type.kind() == TypeKind.ATTRIBUTE) {
            if (relation != null) {
                throw new QueryFailedException(relation.position(), type.label() + " is an attribute type: an attribute cannot have role players");
            }
            if (value == null) {
                throw new QueryFailedException(isa.position(), "an attribute needs its value: write " + shown(s) + " <value> isa " + type.label());
            }
            return new Bound(putAttribute(type.label(), value.predicate()), type.label(), TypeKind.ATTRIBUTE);
        }
        if (value != null) {
            throw new QueryFailedException(value.position(), type.label() + " is an " + type.kind().meta() + " type: only attributes have a value");
        }
        if (type.kind() == TypeKind.RELATION) {
            if (relation == null) {
                throw new QueryFailedException(isa.position(), "a relation needs its role players: write (role: $x, ...) isa " + type.label());
            }
            return new Bound(writer.newRelation(type.label()), type.label(), TypeKind.RELATION);
        }
        if (relation != null) {
            throw new QueryFailedException(relation.position(), type.label() + " is an entity type: only relations have role players");
        }
        return new Bound(writer.newEntity(type.label()), type.label(), TypeKind.ENTITY);
    }

    private static boolean sameType(Property.Isa a, Property.Isa b) {
        return a.type().toString().equals(b.type().toString());
    }

    private Bound byId(Subject s, Property.Id id, Property.Isa isa) throws QueryFailedException {
        long n = ThingId.rowId(id.id());
        String type = n < 0 ? null : writer.typeOf(n);
        if (type == null) {
            throw new QueryFailedException(id.position(), "no thing has the id " + id.id() + " in this keyspace (ids are V followed by digits)");
        }
        if (isa != null && !schema.isSubtypeOf(type, typeOf(isa).label())) {
            throw new QueryFailedException(isa.position(), "the thing " + id.id() + " is a " + type + ", not a " + isa.type());
        }
        ThingType t = schema.type(type).orElseThrow();
        return new Bound(n, type, t.kind());
    }

    private ThingType typeOf(Property.Isa isa) throws QueryFailedException {
        if (!(isa.type() instanceof Label label)) {
            throw new QueryFailedException(isa.position(), "the type of an inserted thing must be a label, not the variable " + isa.type());
        }
        String l = label.name();
        ThingType t = schema.type(l).orElse(null);
        if (t == null) {
            if (Schema.META_LABELS.contains(l)) {
                throw new QueryFailedException(isa.position(), l + " is abstract (a built-in type): insert things of one of its subtypes");
            }
            throw new QueryFailedException(isa.position(), "type " + l + " is not in the schema: define it first, or check the spelling");
        }
        if (t.isAbstract()) {
            throw new QueryFailedException(isa.position(), "type " + l + " is abstract: it cannot have instances, insert one of its subtypes");
        }
        return t;
    }

    /** Puts an attribute from a written value, converted as Graql 1.8 reads it for the type's value type. */
    private long putAttribute(String type, Predicate predicate) throws QueryFailedException {
        Literal literal = predicate.equalsLiteral();
        if (literal == null) {
            throw new QueryFailedException(predicate.position(), "an insert writes values, '" + predicate
                    + "' is a condition: write the value itself (has age 30, $a \"Bob\" isa name)");
        }
        ValueType vt = valueTypes.computeIfAbsent(type, t -> Optional.ofNullable(schema.valueType(t))).orElse(null);
        Object value = convert(literal, vt);
        if (value == null) {
            throw new QueryFailedException(predicate.position(), "attribute type " + type + " holds "
                    + (vt == null ? "no value type" : vt.keyword()) + " values, but " + literal + " is a " + literal.valueType().keyword());
        }
        if (value instanceof String text && !regexes.allows(type, text)) {
            regexViolations.add(type, regexes.regexOf(type), text, predicate.position());
        }
        return writer.putAttribute(type, value);
    }

    /** The value to store, or null when the literal does not fit the value type. */
    static Object convert(Literal literal, ValueType vt) {
        if (vt == null) return null;
        if (literal.valueType() == vt) return literal.value();
        if (vt == ValueType.DOUBLE && literal instanceof Literal.LongLiteral l) return (double) l.longValue();
        return null;
    }

    private void has(Subject owner, Property.Has h, Map<String, Subject> subjects, Map<String, Bound> given) throws QueryFailedException {
        if (!(h.attributeType() instanceof Label label)) {
            throw new QueryFailedException(h.position(), "the attribute type of 'has' must be a label, not the variable " + h.attributeType());
        }
        if (h.via() != null) {
            throw new QueryFailedException(h.position(), "'via' names an ownership in a match; an insert cannot use it, remove it");
        }
        String a = label.name();
        ThingType at = schema.type(a).orElse(null);
        if (at == null || at.kind() != TypeKind.ATTRIBUTE) {
            throw new QueryFailedException(h.position(), at == null ? "attribute type " + a + " is not in the schema: define it first"
                    : a + " is an " + at.kind().meta() + " type, not an attribute type");
        }
        long attribute;
        String attributeType;
        if (h.attribute() != null) {
            Bound b = bound(h.attribute(), subjects, given, h.position());
            if (b.kind() != TypeKind.ATTRIBUTE || !schema.isSubtypeOf(b.type(), a)) {
                throw new QueryFailedException(h.position(), h.attribute() + " is a " + b.type() + ", not a " + a + " attribute");
            }
            attribute = b.id();
            attributeType = b.type();
        } else if (h.predicate() != null) {
            if (at.isAbstract()) {
                throw new QueryFailedException(h.position(), "attribute type " + a + " is abstract: it cannot have instances, use one of its subtypes");
            }
            attribute = -1;
            attributeType = a;
        } else {
            throw new QueryFailedException(h.position(), "'has " + a + "' in an insert needs the value or an attribute variable: has " + a + " <value>");
        }
        if (!cached(owns, owner.bound.type(), attributeType, schema::owns)) {
            throw new QueryFailedException(h.position(), owner.bound.type() + " cannot have " + attributeType + ": the schema declares no '"
                    + owner.bound.type() + " has " + attributeType + "' (nor key, on it or a supertype)");
        }
        if (attribute < 0) attribute = putAttribute(a, h.predicate());
        writer.addOwnership(owner.bound.id(), owner.bound.type(), attribute, attributeType);
    }

    private void players(Subject relation, Property.Relation r, Map<String, Subject> subjects, Map<String, Bound> given) throws QueryFailedException {
        Bound rel = relation.bound;
        if (rel.kind() != TypeKind.RELATION) {
            throw new QueryFailedException(r.position(), shown(relation) + " is a " + rel.type() + ", which is not a relation: it cannot have role players");
        }
        for (RolePlayer p : r.players()) {
            Term role = p.role();
            if (role == null) {
                throw new QueryFailedException(p.position(), "every player of an inserted relation needs its role: write (role: " + p.player() + ")");
            }
            if (!(role instanceof Label roleLabel)) {
                throw new QueryFailedException(p.position(), "the role of an inserted player must be a label, not the variable " + role);
            }
            String rl = roleLabel.name();
            if (schema.role(rl).isEmpty()) {
                throw new QueryFailedException(p.position(), "role " + rl + " is not in the schema: define it with 'relates " + rl + "'");
            }
            if (!cached(relates, rel.type(), rl, schema::relates)) {
                throw new QueryFailedException(p.position(), "relation type " + rel.type() + " does not relate the role " + rl
                        + " (neither it nor a supertype declares 'relates " + rl + "')");
            }
            Bound player = bound(p.player(), subjects, given, p.position());
            if (!cached(plays, player.type(), rl, schema::plays)) {
                throw new QueryFailedException(p.position(), player.type() + " cannot play " + rl + ": the schema declares no '"
                        + player.type() + " plays " + rl + "' (on it or a supertype)");
            }
            writer.addRolePlayer(rel.id(), rl, player.id());
        }
    }

    private static Bound bound(Variable v, Map<String, Subject> subjects, Map<String, Bound> given, Position where) throws QueryFailedException {
        Subject s = v.isAnonymous() ? null : subjects.get(v.name());
        if (s != null && s.bound != null) return s.bound;
        Bound b = given.get(v.name());
        if (b != null) return b;
        throw new QueryFailedException(where, "variable " + v + " is not bound: insert it in this query (" + v
                + " isa <type>) or match it first");
    }

    private static String shown(Subject s) {
        return s.name.startsWith("\0") ? "(the anonymous one)" : "$" + s.name;
    }
}
