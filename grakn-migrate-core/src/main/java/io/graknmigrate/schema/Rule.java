package io.graknmigrate.schema;

import io.graknmigrate.graql.Pattern;

import java.util.Objects;

/**
 * A rule: {@code label [sub rule,] when { ... }, then { ... };}. Immutable: Grakn 1.8 cannot change a
 * rule's body, only undefine the rule.
 */
public final class Rule {

    private final String label;
    private final Pattern.Conjunction when;
    private final Pattern.Conjunction then;

    Rule(String label, Pattern.Conjunction when, Pattern.Conjunction then) {
        this.label = Objects.requireNonNull(label);
        this.when = Objects.requireNonNull(when);
        this.then = Objects.requireNonNull(then);
    }

    public String label() { return label; }

    /** The condition: the patterns of {@code when { ... }} in the order written. */
    public Pattern.Conjunction when() { return when; }

    /**
     * The conclusion: {@code then { ... }}, statements that together conclude one fact (one isa, has or
     * relation, possibly with value statements such as {@code $n "the-company"} fixing its value).
     */
    public Pattern.Conjunction then() { return then; }

    @Override
    public String toString() { return label + " sub rule, when " + when + ", then " + then; }
}
