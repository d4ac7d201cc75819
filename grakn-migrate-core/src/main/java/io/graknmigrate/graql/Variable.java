package io.graknmigrate.graql;

import java.util.Objects;

/**
 * A variable, named without its {@code $} ({@code $x} has name {@code x}). {@code $_} is anonymous:
 * each occurrence stands for a different concept.
 */
public record Variable(String name) implements Term, Operand {
    public Variable {
        Objects.requireNonNull(name, "name");
    }

    /** True for {@code $_}. */
    public boolean isAnonymous() { return name.equals("_"); }

    @Override
    public String toString() { return "$" + name; }
}
