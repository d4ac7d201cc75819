package io.graknmigrate.match;

import io.graknmigrate.keyspace.ThingId;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.ValueType;

/** What a variable of an answer is bound to: a thing of the keyspace, or a type of its schema. */
public sealed interface Concept permits Concept.Thing, Concept.Type {

    /**
     * A thing: its stable id ({@code V} and the store id, found again by {@code $x id V…}), its type's
     * label and kind, and for an attribute its value type and value (String, Long, Double, Boolean, or
     * for a datetime the epoch milliseconds as a Long).
     */
    record Thing(String id, String type, TypeKind kind, ValueType valueType, Object value) implements Concept {
        /** The store's row id of this thing. */
        public long storeId() { return ThingId.rowId(id); }
    }

    /** A thing type, by label ({@code thing}, {@code entity}, … for the meta types). */
    record Type(String label) implements Concept { }
}
