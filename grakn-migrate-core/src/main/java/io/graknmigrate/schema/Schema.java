package io.graknmigrate.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A keyspace's schema: thing types, roles and rules, and the questions import and export ask of it,
 * with inheritance resolved. Meta types ({@code thing, entity, relation, attribute, role, rule}) are
 * implicit and never stored.
 */
public final class Schema {

    public static final Set<String> META_LABELS =
            Set.of("thing", "entity", "relation", "attribute", "role", "rule");

    private final Map<String, ThingType> types = new TreeMap<>();
    private final Map<String, RoleType> roles = new TreeMap<>();
    private final Map<String, Rule> rules = new TreeMap<>();

    public Schema() { }

    /** A deep copy: defines are applied to a copy and swapped in only when valid. */
    public Schema copy() {
        Schema s = new Schema();
        types.forEach((k, v) -> s.types.put(k, v.copy()));
        roles.forEach((k, v) -> s.roles.put(k, v.copy()));
        s.rules.putAll(rules);
        return s;
    }

    // ---- lookups

    public Optional<ThingType> type(String label) { return Optional.ofNullable(types.get(label)); }

    public Optional<RoleType> role(String label) { return Optional.ofNullable(roles.get(label)); }

    public Optional<Rule> rule(String label) { return Optional.ofNullable(rules.get(label)); }

    /** All thing types, sorted by label. */
    public Collection<ThingType> types() { return Collections.unmodifiableCollection(types.values()); }

    /** All roles, sorted by label. */
    public Collection<RoleType> roles() { return Collections.unmodifiableCollection(roles.values()); }

    /** All rules, sorted by label. */
    public Collection<Rule> rules() { return Collections.unmodifiableCollection(rules.values()); }

    public boolean isEmpty() { return types.isEmpty() && roles.isEmpty() && rules.isEmpty(); }

    /** Direct subtypes of a type (or of a meta type, by its label), sorted by label. */
    public List<ThingType> subtypes(String label) {
        List<ThingType> result = new ArrayList<>();
        for (ThingType t : types.values()) if (t.supertype().equals(label)) result.add(t);
        return result;
    }

    /** The type and its supertypes, nearest first, meta types excluded. Empty for an unknown label. */
    public List<ThingType> supertypes(String label) {
        List<ThingType> chain = new ArrayList<>();
        ThingType t = types.get(label);
        Set<String> seen = new LinkedHashSet<>();
        while (t != null && seen.add(t.label())) {
            chain.add(t);
            t = types.get(t.supertype());
        }
        return chain;
    }

    /** True when {@code sub} is {@code sup} or one of its subtypes. */
    public boolean isSubtypeOf(String sub, String sup) {
        for (ThingType t : supertypes(sub)) if (t.label().equals(sup)) return true;
        ThingType t = types.get(sub);
        return t != null && t.kind().meta().equals(sup);
    }

    /** The value type of an attribute type, declared or inherited; null when none. */
    public ValueType valueType(String attributeType) {
        for (ThingType t : supertypes(attributeType)) if (t.declaredValueType() != null) return t.declaredValueType();
        return null;
    }

    /** True when the type (or a supertype) owns the attribute type with {@code has} or {@code key}. */
    public boolean owns(String ownerType, String attributeType) {
        for (ThingType t : supertypes(ownerType)) {
            if (t.has().contains(attributeType) || t.keys().contains(attributeType)) return true;
        }
        return false;
    }

    /** Attribute types the type (or a supertype) declares as {@code key}. */
    public Set<String> keys(String ownerType) {
        Set<String> keys = new LinkedHashSet<>();
        for (ThingType t : supertypes(ownerType)) keys.addAll(t.keys());
        return keys;
    }

    /** Attribute types the type (or a supertype) owns with {@code has} or {@code key}. */
    public Set<String> ownedAttributeTypes(String ownerType) {
        Set<String> owned = new LinkedHashSet<>();
        for (ThingType t : supertypes(ownerType)) {
            owned.addAll(t.keys());
            owned.addAll(t.has());
        }
        return owned;
    }

    /** True when the type (or a supertype) plays the role. */
    public boolean plays(String type, String role) {
        for (ThingType t : supertypes(type)) if (t.plays().contains(role)) return true;
        return false;
    }

    /** True when the relation type (or a supertype) declares the role. */
    public boolean relates(String relationType, String role) {
        for (ThingType t : supertypes(relationType)) if (t.relates().containsKey(role)) return true;
        return false;
    }

    /** Roles the relation type (or a supertype) declares. */
    public Set<String> relatedRoles(String relationType) {
        Set<String> related = new LinkedHashSet<>();
        for (ThingType t : supertypes(relationType)) related.addAll(t.relates().keySet());
        return related;
    }

    // ---- package-private mutation, used while applying a define to a copy

    Map<String, ThingType> mutableTypes() { return types; }

    Map<String, RoleType> mutableRoles() { return roles; }

    Map<String, Rule> mutableRules() { return rules; }
}
