package io.graknmigrate.format;

/** What an item is: the case of the {@code Item.item} oneof. */
public enum ItemKind {
    ENTITY("entity"), ATTRIBUTE("attribute"), RELATION("relation"), HEADER("header"), CHECKSUMS("checksums"),
    /** The oneof is unset or holds a kind this version does not know. */
    UNKNOWN("unknown");

    private final String label;

    ItemKind(String label) { this.label = label; }

    /** Lower-case name as used in JSON output and messages. */
    public String label() { return label; }

    public boolean isThing() { return this == ENTITY || this == ATTRIBUTE || this == RELATION; }
}
