package io.graknmigrate.match;

import io.graknmigrate.graql.Label;
import io.graknmigrate.graql.Literal;
import io.graknmigrate.graql.Pattern;
import io.graknmigrate.graql.Property;
import io.graknmigrate.graql.Statement;
import io.graknmigrate.schema.RoleType;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.ThingType;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.ValueType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The schema as the planner needs it: type and role labels with their store ids, the type and role
 * hierarchies closed (a type stands for itself and its subtypes, a role for itself and its sub-roles,
 * the role hierarchy being global), and the schema facts that type variables range over. Schema-sized.
 */
final class TypeCatalog {

    /** The meta thing types a pattern may name, root first. */
    static final List<String> META_TYPES = List.of("thing", "entity", "relation", "attribute");

    private final Schema schema;
    private final Map<String, Integer> typeIds;
    private final Map<String, Integer> roleIds;
    private final Map<Integer, String> typeLabels = new HashMap<>();
    private final Map<Integer, ValueType> valueTypes = new HashMap<>();
    private final Map<Integer, TypeKind> kinds = new HashMap<>();

    TypeCatalog(Schema schema, Map<String, Integer> typeIds, Map<String, Integer> roleIds) {
        this.schema = schema;
        this.typeIds = Map.copyOf(typeIds);
        this.roleIds = Map.copyOf(roleIds);
        for (ThingType t : schema.types()) {
            Integer id = typeIds.get(t.label());
            if (id == null) continue;
            typeLabels.put(id, t.label());
            kinds.put(id, t.kind());
            if (t.kind() == TypeKind.ATTRIBUTE) valueTypes.put(id, schema.valueType(t.label()));
        }
    }

    Schema schema() { return schema; }

    boolean isThingType(String label) { return META_TYPES.contains(label) || schema.type(label).isPresent(); }

    boolean isRole(String label) { return RoleType.META.equals(label) || schema.role(label).isPresent(); }

    String label(int typeId) { return typeLabels.get(typeId); }

    TypeKind kind(int typeId) { return kinds.get(typeId); }

    /** The value type of an attribute type by id; null for entity and relation types. */
    ValueType valueType(int typeId) { return valueTypes.get(typeId); }

    /** The kind of a type label; null for {@code thing}. */
    TypeKind kindOf(String label) {
        TypeKind meta = TypeKind.ofMeta(label);
        if (meta != null) return meta;
        return schema.type(label).map(ThingType::kind).orElse(null);
    }

    /** Labels of the type and everything below it ({@code sub}), or of its direct subtypes only ({@code sub!}). */
    Set<String> subtypeLabels(String label, boolean direct) {
        Set<String> out = new TreeSet<>();
        if (direct) {
            if (label.equals("thing")) out.addAll(META_TYPES.subList(1, 4));
            for (ThingType t : schema.types()) if (t.supertype().equals(label)) out.add(t.label());
            return out;
        }
        if (label.equals("thing")) out.addAll(META_TYPES);
        else if (TypeKind.ofMeta(label) != null) out.add(label);
        for (ThingType t : schema.types()) if (label.equals("thing") || schema.isSubtypeOf(t.label(), label)) out.add(t.label());
        return out;
    }

    /** True when a thing of type {@code type} is an instance of {@code of} (itself, a supertype or a meta type above it). */
    boolean isInstanceOf(String type, String of) {
        return of.equals("thing") || type.equals(of) || schema.isSubtypeOf(type, of);
    }

    /** Store ids of the thing types an {@code isa T} (or {@code isa! T} when direct) matches. */
    Set<Integer> instanceTypeIds(String label, boolean direct) {
        Set<Integer> ids = new TreeSet<>();
        for (ThingType t : schema.types()) {
            boolean match = direct ? t.label().equals(label)
                    : label.equals("thing") || schema.isSubtypeOf(t.label(), label);
            Integer id = typeIds.get(t.label());
            if (match && id != null) ids.add(id);
        }
        return ids;
    }

    /** Store ids of the attribute types whose values compare with the literal. */
    Set<Integer> attributeTypesComparableWith(Literal literal) {
        Set<ValueType> accepted = comparableValueTypes(literal);
        Set<Integer> ids = new TreeSet<>();
        valueTypes.forEach((id, vt) -> {
            if (vt != null && accepted.contains(vt)) ids.add(id);
        });
        return ids;
    }

    /** Value types of attributes whose values compare with a literal: numbers with numbers, and each other type with itself. */
    static Set<ValueType> comparableValueTypes(Literal literal) {
        ValueType vt = literal.valueType();
        return vt == ValueType.LONG || vt == ValueType.DOUBLE ? Set.of(ValueType.LONG, ValueType.DOUBLE) : Set.of(vt);
    }

    /** Attribute type ids grouped by comparability (string, number, boolean, datetime), empty groups left out. */
    List<Set<Integer>> comparableGroups() {
        Map<String, Set<Integer>> groups = new TreeMap<>();
        valueTypes.forEach((id, vt) -> {
            if (vt == null) return;
            String g = vt == ValueType.DOUBLE ? ValueType.LONG.name() : vt.name();
            groups.computeIfAbsent(g, k -> new TreeSet<>()).add(id);
        });
        return new ArrayList<>(groups.values());
    }

    /** Store ids of the role and all roles below it in the global role hierarchy; every role for {@code role}. */
    Set<Integer> roleIdsBelow(String role) {
        Set<Integer> ids = new TreeSet<>();
        for (RoleType r : schema.roles()) {
            if (isSubRole(r.label(), role)) {
                Integer id = roleIds.get(r.label());
                if (id != null) ids.add(id);
            }
        }
        return ids;
    }

    /** Labels of the role and all roles below it in the global role hierarchy; every role for {@code role}. */
    Set<String> roleLabelsBelow(String role) {
        Set<String> labels = new TreeSet<>();
        for (RoleType r : schema.roles()) if (isSubRole(r.label(), role)) labels.add(r.label());
        return labels;
    }

    private boolean isSubRole(String sub, String sup) {
        if (sup.equals(RoleType.META)) return true;
        Set<String> seen = new LinkedHashSet<>();
        String r = sub;
        while (r != null && seen.add(r)) {
            if (r.equals(sup)) return true;
            r = schema.role(r).map(RoleType::supertype).orElse(null);
        }
        return false;
    }

    /** All thing type labels including the meta types, in a stable order. */
    List<String> allTypeLabels() {
        List<String> all = new ArrayList<>(META_TYPES);
        for (ThingType t : schema.types()) all.add(t.label());
        return all;
    }

    /** The direct supertype of a label, null for {@code thing}. */
    String supertypeOf(String label) {
        if (label.equals("thing")) return null;
        if (TypeKind.ofMeta(label) != null) return "thing";
        return schema.type(label).map(ThingType::supertype).orElse(null);
    }

    Integer typeId(String label) { return typeIds.get(label); }

    boolean isAbstract(String label) {
        return META_TYPES.contains(label) || schema.type(label).map(ThingType::isAbstract).orElse(false);
    }

    /** Labels of the roles the type plays, declared on it or a supertype. */
    Set<String> plays(String label) {
        Set<String> roles = new TreeSet<>();
        for (ThingType t : schema.supertypes(label)) roles.addAll(t.plays());
        return roles;
    }

    /** Labels of the roles a relation type relates, declared on it or a supertype. */
    Set<String> relates(String label) { return schema.type(label).isPresent() ? new TreeSet<>(schema.relatedRoles(label)) : Set.of(); }

    /** Attribute types the type owns (has or key), declared on it or a supertype; true for keys. */
    Map<String, Boolean> owns(String label) {
        Map<String, Boolean> owned = new TreeMap<>();
        for (ThingType t : schema.supertypes(label)) {
            for (String h : t.has()) owned.putIfAbsent(h, false);
            for (String k : t.keys()) owned.put(k, true);
        }
        return owned;
    }

    /** Labels of types some rule concludes (its {@code then} writes an isa or a has of them). */
    Set<String> ruleConcludedTypes() {
        Set<String> out = new TreeSet<>();
        for (var rule : schema.rules()) collectConcluded(rule.then().patterns(), out);
        return out;
    }

    private static void collectConcluded(Collection<Pattern> patterns, Set<String> out) {
        for (var p : patterns) {
            if (p instanceof Statement s) {
                for (var prop : s.properties()) {
                    if (prop instanceof Property.Isa isa && isa.type() instanceof Label l) out.add(l.name());
                    if (prop instanceof Property.Has has && has.attributeType() instanceof Label l) out.add(l.name());
                }
            } else if (p instanceof Pattern.Conjunction c) {
                collectConcluded(c.patterns(), out);
            }
        }
    }
}
