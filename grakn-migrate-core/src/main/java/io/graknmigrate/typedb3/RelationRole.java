package io.graknmigrate.typedb3;

/** A relation type and a role name, both Grakn 1.8 labels: {@code relation:role} once scoped for TypeDB 3. */
record RelationRole(String relation, String role) implements Comparable<RelationRole> {

    @Override
    public int compareTo(RelationRole o) {
        int c = relation.compareTo(o.relation);
        return c != 0 ? c : role.compareTo(o.role);
    }

    @Override
    public String toString() { return relation + ":" + role; }
}
