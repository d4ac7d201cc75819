package io.graknmigrate.format;

/** The case of the {@code ValueObject.value} oneof. */
public enum ValueKind {
    STRING("string"), BOOLEAN("boolean"), LONG("long"), DOUBLE("double"), DATETIME("datetime"),
    /** No value (or a value kind this version does not know). */
    NONE("none");

    private final String label;

    ValueKind(String label) { this.label = label; }

    /** Lower-case name as used in JSON output. */
    public String label() { return label; }
}
