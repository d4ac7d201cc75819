package io.graknmigrate.typedb3;

import io.graknmigrate.schema.TypeKind;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One type of a TypeQL 3 schema, as its own statements declare it (inherited capabilities are not
 * repeated here, because TypeDB 3 rejects re-stated ones: SVL39, SVL42).
 */
public final class TypeQlType {

    /** Annotations of one {@code owns}, {@code plays} or {@code relates}. Card max -1 means unbounded. */
    public static final class Capability {
        public boolean key;
        public boolean unique;
        /** Null when no {@code @card} is written (the default applies). */
        public Long cardMin;
        public long cardMax = -1;
        /** For {@code relates X as Y}: Y, else null. */
        public String specialises;

        public boolean hasCard() { return cardMin != null; }

        public Capability card(long min, long max) {
            this.cardMin = min;
            this.cardMax = max;
            return this;
        }

        public boolean hasAnnotations() { return key || unique || cardMin != null; }

        String annotations() {
            StringBuilder sb = new StringBuilder();
            if (key) sb.append(" @key");
            if (unique) sb.append(" @unique");
            if (cardMin != null) {
                sb.append(" @card(").append(cardMin);
                if (cardMax != cardMin) sb.append("..").append(cardMax < 0 ? "" : String.valueOf(cardMax));
                sb.append(')');
            }
            return sb.toString();
        }
    }

    private final String label;
    private final TypeKind kind;
    String supertype;
    boolean isAbstract;
    boolean independent;
    /** TypeQL 3 value type keyword declared on this type, or null. */
    String valueType;
    /** The regex annotation's pattern as TypeDB will see it (already anchored), or null. */
    String regex;
    final Map<String, Capability> owns = new LinkedHashMap<>();
    /** Scoped role label {@code relation:role} -> annotations. */
    final Map<String, Capability> plays = new LinkedHashMap<>();
    /** Role name -> annotations (and the role it specialises). */
    final Map<String, Capability> relates = new LinkedHashMap<>();

    public TypeQlType(String label, TypeKind kind) {
        this.label = label;
        this.kind = kind;
    }

    public String label() { return label; }

    public TypeKind kind() { return kind; }

    /** Direct supertype, or null for a root type of its kind. */
    public String supertype() { return supertype; }

    public boolean isAbstract() { return isAbstract; }

    public boolean isIndependent() { return independent; }

    public String valueType() { return valueType; }

    public String regex() { return regex; }

    public Map<String, Capability> owns() { return owns; }

    public Map<String, Capability> plays() { return plays; }

    public Map<String, Capability> relates() { return relates; }
}
