package io.graknmigrate.typedb3;

import io.graknmigrate.schema.RoleType;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.ThingType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The TypeQL 3 name of every Grakn 1.8 type and role. Labels that are TypeQL 3 keywords get a
 * trailing underscore (more if that is taken too, DEX31); labels that are not TypeQL identifiers
 * (Graql allowed {@code 1st-place}) get their odd characters replaced and, if needed, an x in front.
 */
final class TypeNames {

    /** One renamed label. */
    record Renaming(String what, String from, String to, String why) { }

    private final Map<String, String> types = new HashMap<>();
    private final Map<String, String> roles = new HashMap<>();
    private final List<Renaming> renamings = new ArrayList<>();

    private TypeNames() { }

    static TypeNames plan(Schema schema) {
        TypeNames n = new TypeNames();
        Set<String> taken = new HashSet<>();
        for (ThingType t : schema.types()) taken.add(t.label());
        for (RoleType r : schema.roles()) taken.add(r.label());
        for (ThingType t : schema.types()) n.types.put(t.label(), n.rename(t.label(), taken, "type"));
        for (RoleType r : schema.roles()) n.roles.put(r.label(), n.rename(r.label(), taken, "role"));
        return n;
    }

    private String rename(String label, Set<String> taken, String what) {
        if (Labels.isIdentifier(label) && !Labels.isReserved(label)) return label;
        String name;
        String why;
        if (!Labels.isIdentifier(label)) {
            name = label.replaceAll("[^\\p{L}\\p{N}_-]", "_");
            if (!Labels.isIdentifier(name)) name = "x" + name;
            why = "it is not a TypeQL 3 identifier";
        } else {
            name = label + "_";
            why = "'" + label + "' is a TypeQL 3 keyword (DEX31)";
        }
        while (taken.contains(name) || Labels.isReserved(name)) name += "_";
        taken.add(name);
        renamings.add(new Renaming(what, label, name, why));
        return name;
    }

    String type(String label) { return types.getOrDefault(label, label); }

    String role(String label) { return roles.getOrDefault(label, label); }

    /** {@code relation:role} in TypeQL 3 names. */
    String scoped(RelationRole r) { return type(r.relation()) + ":" + role(r.role()); }

    List<Renaming> renamings() { return List.copyOf(renamings); }
}
