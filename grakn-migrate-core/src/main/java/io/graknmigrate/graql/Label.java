package io.graknmigrate.graql;

import java.util.Objects;

/**
 * A type, role or rule label as written ({@code person}, {@code relation}, {@code k-core}). Equality and
 * hash use the name only, so labels work as map keys; the position says where it was written.
 */
public record Label(String name, Position position) implements Term {
    public Label {
        Objects.requireNonNull(name, "name");
    }

    /** A label that was not read from a source (position null). */
    public static Label of(String name) { return new Label(name, null); }

    @Override
    public boolean equals(Object o) { return o instanceof Label l && l.name.equals(name); }

    @Override
    public int hashCode() { return name.hashCode(); }

    @Override
    public String toString() { return name; }
}
