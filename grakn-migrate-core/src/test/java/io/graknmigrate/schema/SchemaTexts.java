package io.graknmigrate.schema;

import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** Test helpers: load text, and describe a schema's effective facts (inheritance resolved) for comparison. */
final class SchemaTexts {

    private SchemaTexts() { }

    static Schema load(String text) throws SchemaException {
        return SchemaDefiner.define(new Schema(), List.of(new GraqlSource("test.gql", text)), w -> { });
    }

    static String roundTrip(String printed) throws SchemaException {
        return SchemaPrinter.print(SchemaDefiner.define(new Schema(), List.of(new GraqlSource("printed.gql", printed)), w -> { }));
    }

    /** Everything a schema means, one line per type, role and rule. */
    static String describe(Schema s) {
        TreeMap<String, String> lines = new TreeMap<>();
        for (ThingType t : s.types()) {
            TreeSet<String> plays = new TreeSet<>();
            for (ThingType sup : s.supertypes(t.label())) plays.addAll(sup.plays());
            lines.put(t.label(), t.kind() + " sub " + t.supertype() + (t.isAbstract() ? " abstract" : "")
                    + " value=" + s.valueType(t.label()) + " regex=" + t.regex()
                    + " keys=" + new TreeSet<>(s.keys(t.label())) + " owns=" + new TreeSet<>(s.ownedAttributeTypes(t.label()))
                    + " plays=" + plays + " relates=" + new TreeSet<>(s.relatedRoles(t.label())));
        }
        for (RoleType r : s.roles()) lines.put("role " + r.label(), r.supertype());
        for (Rule r : s.rules()) lines.put("rule " + r.label(), r.toString());
        StringBuilder sb = new StringBuilder();
        lines.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }
}
