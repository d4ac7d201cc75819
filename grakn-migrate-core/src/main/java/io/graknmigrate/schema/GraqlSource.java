package io.graknmigrate.schema;

import java.util.Objects;

/** One piece of Graql text to define; {@code name} (usually the file path) is what messages call it. */
public record GraqlSource(String name, String text) {
    public GraqlSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }
}
