package io.graknmigrate.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A Graql 1.8 pattern from a rule's {@code when} or {@code then}: a statement, a negation
 * ({@code not { ... };}), a disjunction ({@code { ... } or { ... };}) or a conjunction of them.
 * Terms are plain strings: variables keep their {@code $}, type and role labels are bare.
 * {@link #toString()} is the canonical one-line form; {@link SchemaPrinter} lays out blocks.
 */
public sealed interface Pattern permits Pattern.Statement, Pattern.Negation, Pattern.Disjunction, Pattern.Conjunction {

    /** Patterns that must all hold, in the order written. */
    record Conjunction(List<Pattern> patterns) implements Pattern {
        public Conjunction {
            patterns = List.copyOf(patterns);
        }

        @Override
        public String toString() {
            return "{ " + patterns.stream().map(p -> p + ";").collect(Collectors.joining(" ")) + " }";
        }
    }

    /** {@code { ... } or { ... }}: at least two branches. */
    record Disjunction(List<Conjunction> branches) implements Pattern {
        public Disjunction {
            branches = List.copyOf(branches);
        }

        @Override
        public String toString() {
            return branches.stream().map(Conjunction::toString).collect(Collectors.joining(" or "));
        }
    }

    /** {@code not { ... }}. */
    record Negation(Conjunction body) implements Pattern {
        @Override
        public String toString() { return "not " + body; }
    }

    /**
     * One statement: an optional subject ({@code $x}, or a type label), an optional relation tuple,
     * an optional value predicate written right after the subject ({@code $x > 5}, {@code $x "a"},
     * {@code $a !== $b}) and comma-separated properties.
     */
    record Statement(String subject, List<RolePlayer> relation, Predicate value, List<Property> properties)
            implements Pattern {
        public Statement {
            relation = relation == null ? null : List.copyOf(relation);
            properties = List.copyOf(properties);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (subject != null) sb.append(subject);
            if (relation != null) {
                if (!sb.isEmpty()) sb.append(' ');
                sb.append('(')
                        .append(relation.stream().map(RolePlayer::toString).collect(Collectors.joining(", ")))
                        .append(')');
            }
            if (value != null) {
                if (!sb.isEmpty()) sb.append(' ');
                sb.append(value);
            }
            if (!properties.isEmpty()) {
                if (!sb.isEmpty()) sb.append(' ');
                sb.append(properties.stream().map(Property::toString).collect(Collectors.joining(", ")));
            }
            return sb.toString();
        }
    }

    /** {@code role: $player}, or just {@code $player} when the role is left open (role null). */
    record RolePlayer(String role, String player) {
        @Override
        public String toString() { return role == null ? player : role + ": " + player; }
    }

    /** A statement property. */
    sealed interface Property permits Isa, Sub, TypeLabel, Has { }

    /** {@code isa T} or, explicit (direct instances only), {@code isa! T}. */
    record Isa(String type, boolean explicit) implements Property {
        @Override
        public String toString() { return (explicit ? "isa! " : "isa ") + type; }
    }

    /** {@code sub T} or {@code sub! T}, for type variables. */
    record Sub(String type, boolean explicit) implements Property {
        @Override
        public String toString() { return (explicit ? "sub! " : "sub ") + type; }
    }

    /** {@code type label}: binds a type variable to a label. */
    record TypeLabel(String label) implements Property {
        @Override
        public String toString() { return "type " + label; }
    }

    /**
     * {@code has T $v}, {@code has T "literal"}, {@code has T > 5}; value null for a bare {@code has T};
     * {@code via} the ownership's variable ({@code has T $v via $r}) or null.
     */
    record Has(String type, Predicate value, String via) implements Property {
        @Override
        public String toString() {
            return "has " + type + (value == null ? "" : " " + value) + (via == null ? "" : " via " + via);
        }
    }

    /**
     * A comparison: operator ({@code ==, !=, !==, >, >=, <, <=, contains, like}) and operand; an empty
     * operator is a bare value ({@code has name "Bob"}, {@code has name $n}, {@code $x "Bob"}).
     */
    record Predicate(String operator, Value operand) {
        @Override
        public String toString() { return operator.isEmpty() ? operand.toString() : operator + " " + operand; }
    }

    /** What a literal or variable operand is. */
    enum ValueKind { VARIABLE, STRING, LONG, DOUBLE, BOOLEAN, DATETIME }

    /**
     * An operand. {@code text} is the variable with its {@code $}, a string's value (unescaped), or the
     * canonical literal of a number, boolean or date-time.
     */
    record Value(ValueKind kind, String text) {
        @Override
        public String toString() { return kind == ValueKind.STRING ? GraqlStrings.quote(text) : text; }
    }
}
