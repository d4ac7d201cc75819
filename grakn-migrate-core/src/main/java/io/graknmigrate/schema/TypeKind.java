package io.graknmigrate.schema;

/** The three kinds of thing type. Each is also the label of its meta type. */
public enum TypeKind {
    ENTITY("entity"),
    RELATION("relation"),
    ATTRIBUTE("attribute");

    private final String meta;

    TypeKind(String meta) {
        this.meta = meta;
    }

    /** The meta type's label: {@code entity}, {@code relation} or {@code attribute}. */
    public String meta() {
        return meta;
    }

    /** The kind whose meta type has this label, or null. */
    public static TypeKind ofMeta(String label) {
        for (TypeKind k : values()) if (k.meta.equals(label)) return k;
        return null;
    }
}
