package io.graknmigrate.graql;

import java.util.Objects;

/**
 * A value condition: {@code > 30}, {@code contains "ab"}, {@code == $b}, or a bare literal ({@code "Bob"},
 * read as {@link Comparator#EQ}). In an insert only an {@code EQ} of a literal is a value to write.
 */
public record Predicate(Position position, Comparator comparator, Operand operand) {
    public Predicate {
        Objects.requireNonNull(comparator, "comparator");
        Objects.requireNonNull(operand, "operand");
    }

    /** The literal when this is {@code == literal} (or a bare literal), else null. */
    public Literal equalsLiteral() {
        return comparator == Comparator.EQ && operand instanceof Literal l ? l : null;
    }

    /** Canonical Graql: an equality with a literal prints as the bare literal. */
    @Override
    public String toString() {
        if (equalsLiteral() != null) return operand.toString();
        return comparator.symbol() + " " + operand;
    }
}
