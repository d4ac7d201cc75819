package io.graknmigrate.typedb3;

/** An owner type and an attribute type, both Grakn 1.8 labels. */
record OwnerAttribute(String owner, String attribute) { }
