package io.graknmigrate.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * An entity, relation or attribute type as declared: only what its own statements say. Inherited
 * facts (value type, owns, plays, relates) are answered by {@link Schema}. Mutated only inside this
 * package, while a define is applied to a private copy of the schema.
 */
public final class ThingType {

    private final String label;
    private final TypeKind kind;
    private String supertype;
    private boolean isAbstract;
    private ValueType valueType;
    private String regex;
    private final Set<String> keys = new LinkedHashSet<>();
    private final Set<String> has = new LinkedHashSet<>();
    private final Set<String> plays = new LinkedHashSet<>();
    /** role label -> the role it specialises with {@code as}, or null. */
    private final Map<String, String> relates = new LinkedHashMap<>();

    ThingType(String label, TypeKind kind, String supertype) {
        this.label = label;
        this.kind = kind;
        this.supertype = supertype;
    }

    ThingType copy() {
        ThingType t = new ThingType(label, kind, supertype);
        t.isAbstract = isAbstract;
        t.valueType = valueType;
        t.regex = regex;
        t.keys.addAll(keys);
        t.has.addAll(has);
        t.plays.addAll(plays);
        t.relates.putAll(relates);
        return t;
    }

    public String label() { return label; }

    public TypeKind kind() { return kind; }

    /** The direct supertype's label; the meta type's label ({@code entity}, ...) at the top. */
    public String supertype() { return supertype; }

    public boolean isAbstract() { return isAbstract; }

    /** The value type declared on this type itself, or null (then it is inherited). */
    public ValueType declaredValueType() { return valueType; }

    /** The regex declared on this type itself, or null. */
    public String regex() { return regex; }

    /** Attribute types this type declares as {@code key}, in declaration order. */
    public Set<String> keys() { return Collections.unmodifiableSet(keys); }

    /** Attribute types this type declares with {@code has}, in declaration order. */
    public Set<String> has() { return Collections.unmodifiableSet(has); }

    /** Roles this type declares it plays. */
    public Set<String> plays() { return Collections.unmodifiableSet(plays); }

    /** Roles this relation type declares, each mapped to the role it overrides with {@code as}, or null. */
    public Map<String, String> relates() { return Collections.unmodifiableMap(relates); }

    void setSupertype(String supertype) { this.supertype = supertype; }

    void setAbstract(boolean isAbstract) { this.isAbstract = isAbstract; }

    void setValueType(ValueType valueType) { this.valueType = valueType; }

    void setRegex(String regex) { this.regex = regex; }

    Set<String> mutableKeys() { return keys; }

    Set<String> mutableHas() { return has; }

    Set<String> mutablePlays() { return plays; }

    Map<String, String> mutableRelates() { return relates; }

    @Override
    public String toString() {
        return label + " sub " + supertype;
    }
}
