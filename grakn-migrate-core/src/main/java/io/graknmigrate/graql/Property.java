package io.graknmigrate.graql;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One property of a {@link Statement}. {@link #position()} is where its keyword (or, for a relation
 * tuple or a value, its first character) was written. {@link #toString()} is canonical Graql.
 */
public sealed interface Property
        permits Property.Isa, Property.Sub, Property.Abstract, Property.ValueType, Property.Regex, Property.Key,
        Property.Has, Property.Plays, Property.Relates, Property.When, Property.Then, Property.Type, Property.Id,
        Property.Neq, Property.Relation, Property.Value {

    Position position();

    /** {@code isa T} or {@code isa! T} (explicit: direct instances only). */
    record Isa(Position position, Term type, boolean explicit) implements Property {
        @Override
        public String toString() { return (explicit ? "isa! " : "isa ") + type; }
    }

    /** {@code sub T} or {@code sub! T} (explicit: direct subtypes only). */
    record Sub(Position position, Term type, boolean explicit) implements Property {
        @Override
        public String toString() { return (explicit ? "sub! " : "sub ") + type; }
    }

    /** {@code abstract}. */
    record Abstract(Position position) implements Property {
        @Override
        public String toString() { return "abstract"; }
    }

    /** {@code value long|double|string|boolean|datetime} (Grakn 1.5–1.7 {@code datatype}, {@code date} read too). */
    record ValueType(Position position, io.graknmigrate.schema.ValueType valueType) implements Property {
        @Override
        public String toString() { return "value " + valueType.keyword(); }
    }

    /** {@code regex "pattern"}, the pattern unescaped. */
    record Regex(Position position, String regex) implements Property {
        @Override
        public String toString() { return "regex " + GraqlStrings.quote(regex); }
    }

    /** {@code key A}. */
    record Key(Position position, Term attributeType) implements Property {
        @Override
        public String toString() { return "key " + attributeType; }
    }

    /**
     * {@code has A} (a type owns A), {@code has A $v} (attribute bound to {@code $v}), {@code has A "x"} /
     * {@code has A > 5} (a value condition, or in an insert the value), with an optional {@code via $r}.
     * At most one of {@code attribute} and {@code predicate} is set; both null is the type-level form.
     */
    record Has(Position position, Term attributeType, Variable attribute, Predicate predicate, Variable via)
            implements Property {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("has ").append(attributeType);
            if (attribute != null) sb.append(' ').append(attribute);
            if (predicate != null) sb.append(' ').append(predicate);
            if (via != null) sb.append(" via ").append(via);
            return sb.toString();
        }
    }

    /** {@code plays R}. */
    record Plays(Position position, Term role) implements Property {
        @Override
        public String toString() { return "plays " + role; }
    }

    /** {@code relates R} or {@code relates R as S} ({@code as} null when absent): R specialises role S. */
    record Relates(Position position, Term role, Term as) implements Property {
        @Override
        public String toString() { return as == null ? "relates " + role : "relates " + role + " as " + as; }
    }

    /** A rule's condition {@code when { ... }}. */
    record When(Position position, Pattern.Conjunction pattern) implements Property {
        @Override
        public String toString() { return "when " + pattern; }
    }

    /** A rule's conclusion {@code then { ... }}. */
    record Then(Position position, Pattern.Conjunction pattern) implements Property {
        @Override
        public String toString() { return "then " + pattern; }
    }

    /** {@code type person}: the statement's variable is that type. */
    record Type(Position position, Label label) implements Property {
        @Override
        public String toString() { return "type " + label; }
    }

    /** {@code id V123}. */
    record Id(Position position, String id) implements Property {
        @Override
        public String toString() { return "id " + id; }
    }

    /** {@code $x != $y}: two different concepts. */
    record Neq(Position position, Variable other) implements Property {
        @Override
        public String toString() { return "!= " + other; }
    }

    /** A relation tuple {@code (role: $x, $y)}: at least one player. */
    record Relation(Position position, List<RolePlayer> players) implements Property {
        public Relation {
            players = List.copyOf(players);
            if (players.isEmpty()) throw new IllegalArgumentException("a relation tuple needs a player");
        }

        @Override
        public String toString() {
            return players.stream().map(RolePlayer::toString).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /** A value written after the subject: {@code $a "Bob"}, {@code $a > 30}, {@code $a == $b}. */
    record Value(Position position, Predicate predicate) implements Property {
        public Value {
            Objects.requireNonNull(predicate, "predicate");
        }

        @Override
        public String toString() { return predicate.toString(); }
    }
}
