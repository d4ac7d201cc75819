package io.graknmigrate.graql;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A Graql pattern: a {@link Statement}, a conjunction {@code { ...; ...; }}, a disjunction
 * {@code { ... } or { ... }} or a negation {@code not { ... }}. {@link #toString()} is the canonical
 * one-line form without the closing {@code ;}.
 */
public sealed interface Pattern permits Statement, Pattern.Conjunction, Pattern.Disjunction, Pattern.Negation {

    /** Where the pattern starts. */
    Position position();

    /** Patterns that must all hold, in the order written. */
    record Conjunction(Position position, List<Pattern> patterns) implements Pattern {
        public Conjunction {
            patterns = List.copyOf(patterns);
        }

        @Override
        public String toString() {
            return "{ " + patterns.stream().map(p -> p + ";").collect(Collectors.joining(" ")) + " }";
        }
    }

    /** {@code { ... } or { ... }}: at least two branches. */
    record Disjunction(Position position, List<Conjunction> branches) implements Pattern {
        public Disjunction {
            branches = List.copyOf(branches);
        }

        @Override
        public String toString() {
            return branches.stream().map(Conjunction::toString).collect(Collectors.joining(" or "));
        }
    }

    /** {@code not { ... }}. */
    record Negation(Position position, Conjunction body) implements Pattern {
        @Override
        public String toString() { return "not " + body; }
    }
}
