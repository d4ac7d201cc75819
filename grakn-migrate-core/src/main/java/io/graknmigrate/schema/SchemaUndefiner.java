package io.graknmigrate.schema;

import io.graknmigrate.graql.Query;

/** Applies Graql {@code undefine} queries to a schema the way Grakn 1.8 does. */
final class SchemaUndefiner {

    private SchemaUndefiner() { }

    static void apply(Schema schema, Query.Undefine query) throws SchemaException {
        throw SchemaException.at(query.position(), "undefine is not yet applied to schemas");
    }
}
