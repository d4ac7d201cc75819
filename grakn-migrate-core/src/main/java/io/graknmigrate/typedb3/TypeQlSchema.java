package io.graknmigrate.typedb3;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A TypeQL 3 schema: the types of one {@code define} query, with the inheritance questions the
 * translator and the validator ask. Functions are never produced (rules have no automatic
 * translation), so they are not modelled.
 */
public final class TypeQlSchema {

    private final Map<String, TypeQlType> types = new LinkedHashMap<>();

    public TypeQlType type(String label) { return types.get(label); }

    public Collection<TypeQlType> types() { return types.values(); }

    TypeQlType add(TypeQlType type) {
        types.put(type.label(), type);
        return type;
    }

    /** The type and its supertypes, nearest first; stops at a cycle or an unknown label. */
    public List<TypeQlType> supertypes(String label) {
        List<TypeQlType> chain = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        TypeQlType t = types.get(label);
        while (t != null && seen.add(t.label())) {
            chain.add(t);
            t = t.supertype() == null ? null : types.get(t.supertype());
        }
        return chain;
    }

    public boolean isSubtypeOf(String sub, String sup) {
        for (TypeQlType t : supertypes(sub)) if (t.label().equals(sup)) return true;
        return false;
    }

    /** The value type keyword, declared or inherited, or null. */
    public String valueType(String attributeType) {
        for (TypeQlType t : supertypes(attributeType)) if (t.valueType() != null) return t.valueType();
        return null;
    }

    /** Every regex that applies to the attribute type (its own and inherited ones). */
    public List<String> regexes(String attributeType) {
        List<String> result = new ArrayList<>();
        for (TypeQlType t : supertypes(attributeType)) if (t.regex() != null) result.add(t.regex());
        return result;
    }

    public boolean isIndependent(String attributeType) {
        for (TypeQlType t : supertypes(attributeType)) if (t.isIndependent()) return true;
        return false;
    }

    /** The type (this or a supertype) that declares {@code owns attributeType}, or null. */
    public TypeQlType ownsDeclarer(String ownerType, String attributeType) {
        for (TypeQlType t : supertypes(ownerType)) if (t.owns().containsKey(attributeType)) return t;
        return null;
    }

    public TypeQlType playsDeclarer(String playerType, String scopedRole) {
        for (TypeQlType t : supertypes(playerType)) if (t.plays().containsKey(scopedRole)) return t;
        return null;
    }

    /** The relation type (this or a supertype) that declares {@code relates role}, or null. */
    public TypeQlType relatesDeclarer(String relationType, String role) {
        for (TypeQlType t : supertypes(relationType)) if (t.relates().containsKey(role)) return t;
        return null;
    }

    /**
     * True when the relation type no longer accepts players of {@code declarer:role}: a type on the
     * way from {@code relationType} up to the declarer specialises it with {@code relates x as role}.
     */
    public boolean isSpecialisedAway(String relationType, String declarer, String role) {
        for (TypeQlType t : supertypes(relationType)) {
            if (t.label().equals(declarer)) return false;
            for (TypeQlType.Capability c : t.relates().values()) if (role.equals(c.specialises)) return true;
        }
        return false;
    }

    /** Roles (by name) that specialise {@code role} in the relation type's hierarchy, transitively, including itself. */
    public Set<String> roleAndSpecialisations(String role) {
        Set<String> result = new LinkedHashSet<>();
        result.add(role);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (TypeQlType t : types.values()) {
                for (Map.Entry<String, TypeQlType.Capability> e : t.relates().entrySet()) {
                    String sp = e.getValue().specialises;
                    if (sp != null && result.contains(sp) && result.add(e.getKey())) grew = true;
                }
            }
        }
        return result;
    }
}
