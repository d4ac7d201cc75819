package io.graknmigrate.typedb3;

/**
 * What the conversion did with one rule: it is always kept as a comment; {@code drafted} says
 * whether a draft TypeQL 3 function was written next to it.
 *
 * @param note the draft function's name, or why there is no draft
 */
public record RuleOutcome(String rule, boolean drafted, String note) { }
