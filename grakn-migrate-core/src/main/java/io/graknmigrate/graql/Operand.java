package io.graknmigrate.graql;

/** The right side of a comparison: a {@link Literal} or a {@link Variable} ({@code $a > $b}). */
public sealed interface Operand permits Literal, Variable {
}
