package io.graknmigrate.schema;

import java.util.List;
import java.util.function.Consumer;

/** TEMPORARY stand-in until h/schema lands; replaced by the real parser on merge. */
public final class SchemaDefiner {
    private SchemaDefiner() { }

    public static Schema define(Schema base, List<GraqlSource> sources, Consumer<String> warnings) throws SchemaException {
        throw new SchemaException("schema parser not merged yet");
    }
}
