package io.graknmigrate.match;

import io.graknmigrate.graql.Comparator;
import io.graknmigrate.graql.Literal;

import java.util.List;

/**
 * A match pattern as the planner reads it: variables are plain names (no {@code $}; an anonymous
 * variable has a name no user can write, see {@link #anonymous}), types and roles are labels, every
 * constraint says where it was written ({@code file:line:col}, or null) for error messages.
 */
public final class MatchPattern {

    private MatchPattern() { }

    /** A variable name no Graql source can spell (Graql variables are letters, digits, '_' and '-'). */
    public static String anonymous(int n) { return "#" + n; }

    /** True for a name made by {@link #anonymous}: such variables are never part of an answer. */
    public static boolean isAnonymous(String var) { return var.startsWith("#"); }

    /** One part of a pattern. */
    public sealed interface Constraint permits Isa, Has, Value, RolePlayer, Id, NotSame, Sub, Plays, Owns, Relates,
            TypeIs, Abstract, Or, Not { }

    /** Constraints that must all hold. */
    public record Conjunction(List<Constraint> constraints) {
        public Conjunction {
            constraints = List.copyOf(constraints);
        }
    }

    /** A type position: a label or a type variable; exactly one is set. */
    public record TypeRef(String label, String var) {
        public static TypeRef label(String label) { return new TypeRef(label, null); }

        public static TypeRef var(String var) { return new TypeRef(null, var); }

        public boolean isVar() { return var != null; }

        @Override
        public String toString() { return isVar() ? "$" + var : label; }
    }

    /** {@code $x isa T} (with T's subtypes) or {@code $x isa! T} (direct instances). */
    public record Isa(String thing, TypeRef type, boolean direct, String where) implements Constraint { }

    /** {@code $owner has A $attribute}; the attribute variable is anonymous when the pattern named none. */
    public record Has(String owner, String attributeType, String attribute, String where) implements Constraint { }

    /** {@code $a <comparator> operand}: a comparison of an attribute's value with a literal or another attribute. */
    public record Value(String attribute, Comparator comparator, Literal literal, String otherVar, String where)
            implements Constraint {
        public static Value literal(String attribute, Comparator c, Literal literal, String where) {
            return new Value(attribute, c, literal, null, where);
        }

        public static Value variable(String attribute, Comparator c, String other, String where) {
            return new Value(attribute, c, null, other, where);
        }
    }

    /** {@code $relation (role: $player)}; role null when left open. The role matches its sub-roles. */
    public record RolePlayer(String relation, String role, String player, String where) implements Constraint { }

    /** {@code $x id V123}. */
    public record Id(String thing, String id, String where) implements Constraint { }

    /** {@code $x != $y}: different concepts. */
    public record NotSame(String a, String b, String where) implements Constraint { }

    /** {@code $t sub T} (T and below) or {@code $t sub! T} (direct subtypes). */
    public record Sub(String typeVar, TypeRef supertype, boolean direct, String where) implements Constraint { }

    /** {@code T plays R}, with inherited plays. */
    public record Plays(TypeRef type, String role, String where) implements Constraint { }

    /** {@code T has A} (or {@code key A} when keyOnly), with inherited ownerships. */
    public record Owns(TypeRef type, String attributeType, boolean keyOnly, String where) implements Constraint { }

    /** {@code T relates R}, with inherited roles. */
    public record Relates(TypeRef type, String role, String where) implements Constraint { }

    /** {@code $t type person}. */
    public record TypeIs(String typeVar, String label, String where) implements Constraint { }

    /** {@code $t abstract}. */
    public record Abstract(String typeVar, String where) implements Constraint { }

    /** {@code { … } or { … }}. */
    public record Or(List<Conjunction> branches, String where) implements Constraint {
        public Or {
            branches = List.copyOf(branches);
        }
    }

    /** {@code not { … }}. */
    public record Not(Conjunction body, String where) implements Constraint { }

}
