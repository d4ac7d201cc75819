package io.graknmigrate.schema;

/** A role. Grakn 1.x role labels are global; {@code relates X as Y} makes Y the supertype of X. */
public final class RoleType {

    public static final String META = "role";

    private final String label;
    private String supertype;

    RoleType(String label, String supertype) {
        this.label = label;
        this.supertype = supertype;
    }

    public String label() { return label; }

    /** The role this one specialises, or {@code role} (the meta role). */
    public String supertype() { return supertype; }

    void setSupertype(String supertype) { this.supertype = supertype; }

    RoleType copy() { return new RoleType(label, supertype); }

    @Override
    public String toString() { return label + " sub " + supertype; }
}
