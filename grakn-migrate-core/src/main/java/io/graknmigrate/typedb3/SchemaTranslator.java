package io.graknmigrate.typedb3;

import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.RoleType;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.ThingType;
import io.graknmigrate.schema.ValueType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Translates the Grakn 1.8 schema into a TypeQL 3 schema that fits the observed data: kinds,
 * {@code integer}, anchored regexes TypeDB's engine accepts, keys and cardinalities the data holds,
 * scoped {@code plays}, {@code as} only where TypeDB 3 allows it, no re-stated inherited
 * capabilities, and the {@code owns}/{@code plays} the data needs. Every choice is recorded as a
 * {@link Decision}, every constraint not carried over as a {@link Loss}.
 */
final class SchemaTranslator {

    private final Schema schema;
    private final ObservedFacts facts;
    private final TypeNames names;
    private final Typedb3Converter.AttributeOwners attributeOwners;
    private final List<Decision> decisions = new ArrayList<>();
    private final List<Loss> losses = new ArrayList<>();
    /** Relation type -> the abstract supertype added to declare its general roles (TypeQL 3 name). */
    private final Map<String, String> bases = new HashMap<>();
    /** Relation type -> its general roles that moved to that supertype. */
    private final Map<String, Set<String>> movedRoles = new HashMap<>();

    /** The translated schema and what was decided and lost on the way. */
    record Translation(TypeQlSchema schema, List<Decision> decisions, List<Loss> losses) { }

    private SchemaTranslator(Schema schema, ObservedFacts facts, TypeNames names, Typedb3Converter.AttributeOwners attributeOwners) {
        this.schema = schema;
        this.facts = facts;
        this.names = names;
        this.attributeOwners = attributeOwners;
    }

    static Translation translate(Schema schema, ObservedFacts facts, TypeNames names, Typedb3Converter.AttributeOwners attributeOwners) {
        SchemaTranslator t = new SchemaTranslator(schema, facts, names, attributeOwners);
        for (TypeNames.Renaming r : names.renamings()) {
            long n = r.what().equals("type") ? facts.instances().getOrDefault(r.from(), 0L) : 0;
            t.decisions.add(new Decision(r.from(), n, r.what() + " '" + r.from() + "' renamed to '" + r.to() + "': " + r.why()
                    + (n > 0 ? "; its " + n + " instances are relabelled to match" : "; the data is relabelled to match")));
        }
        TypeQlSchema out = t.build();
        return new Translation(out, List.copyOf(t.decisions), List.copyOf(t.losses));
    }

    private void decide(String type, String text) { decisions.add(new Decision(type, 0, text)); }

    private void constraintLost(String type, String text) {
        losses.add(new Loss(LossReason.CONSTRAINT, type, 0, text, List.of()));
    }

    private boolean isStrictSubtype(String sub, String sup) { return !sub.equals(sup) && schema.isSubtypeOf(sub, sup); }

    private List<ThingType> topDown() {
        List<ThingType> all = new ArrayList<>(schema.types());
        all.sort((a, b) -> {
            int d = Integer.compare(schema.supertypes(a.label()).size(), schema.supertypes(b.label()).size());
            return d != 0 ? d : a.label().compareTo(b.label());
        });
        return all;
    }

    /**
     * A root relation type that specialises a role it declares itself ({@code route relates stop,
     * relates origin as stop}) keeps the specialisation when the general role moves to a new abstract
     * supertype: TypeDB 3 specialises only inherited roles. Possible only when no relation of the type
     * has players in the general role itself, because TypeDB 3 refuses those after {@code as}.
     */
    private void planBases() {
        Set<String> taken = new HashSet<>();
        for (ThingType t : schema.types()) taken.add(names.type(t.label()));
        for (ThingType t : schema.types()) {
            if (t.kind() != TypeKind.RELATION || !Schema.META_LABELS.contains(t.supertype())) continue;
            Set<String> general = new TreeSet<>();
            for (Map.Entry<String, String> e : t.relates().entrySet()) {
                String as = e.getValue();
                if (as == null || as.equals(RoleType.META) || !t.relates().containsKey(as)) continue;
                String above = t.relates().get(as);
                if (above != null && !above.equals(RoleType.META)) continue;
                if (playersIn(t.label(), as) == 0) general.add(as);
            }
            if (general.isEmpty()) continue;
            String base = names.type(t.label()) + "-base";
            while (taken.contains(base) || Labels.isReserved(base)) base += "_";
            taken.add(base);
            bases.put(t.label(), base);
            movedRoles.put(t.label(), general);
        }
    }

    private TypeQlSchema build() {
        planBases();
        TypeQlSchema out = new TypeQlSchema();
        Map<String, Map<String, TypeQlType.Capability>> owns = new TreeMap<>();
        Map<String, Map<RelationRole, TypeQlType.Capability>> plays = new TreeMap<>();
        Set<OwnerAttribute> keyDeclared = new HashSet<>();

        for (ThingType t : topDown()) {
            TypeQlType q = out.add(new TypeQlType(names.type(t.label()), t.kind()));
            boolean root = Schema.META_LABELS.contains(t.supertype());
            if (!root) q.supertype = names.type(t.supertype());
            if (bases.containsKey(t.label())) {
                TypeQlType base = out.add(new TypeQlType(bases.get(t.label()), TypeKind.RELATION));
                base.isAbstract = true;
                q.supertype = base.label();
            }
            abstractness(t, q, out);
            if (t.kind() == TypeKind.ATTRIBUTE) {
                attributeType(t, q, root);
                continue;
            }
            for (String a : concat(t.keys(), t.has())) {
                boolean isKey = t.keys().contains(a);
                ThingType sup = schema.type(t.supertype()).orElse(null);
                if (sup != null && schema.owns(sup.label(), a)) {
                    decide(t.label(), t.label() + ": '" + (isKey ? "key " : "has ") + a + "' not re-stated, the supertype already owns it (SVL42)"
                            + (isKey && !schema.keys(sup.label()).contains(a) ? "; the key constraint on the subtype is lost" : ""));
                    continue;
                }
                owns.computeIfAbsent(t.label(), k -> new LinkedHashMap<>()).put(a, new TypeQlType.Capability());
                if (isKey) keyDeclared.add(new OwnerAttribute(t.label(), a));
            }
            for (String role : t.plays()) {
                ThingType sup = schema.type(t.supertype()).orElse(null);
                if (sup != null && schema.plays(sup.label(), role)) {
                    decide(t.label(), t.label() + ": 'plays " + role + "' not re-stated, the supertype already plays it (SVL42)");
                    continue;
                }
                List<String> declarers = new ArrayList<>();
                for (ThingType r : schema.types()) {
                    if (r.kind() == TypeKind.RELATION && r.relates().containsKey(role)) {
                        ThingType rs = schema.type(r.supertype()).orElse(null);
                        if (rs == null || !schema.relates(rs.label(), role)) declarers.add(r.label());
                    }
                }
                if (declarers.isEmpty()) {
                    decide(t.label(), t.label() + ": 'plays " + role + "' dropped, no relation type relates '" + role + "'");
                    continue;
                }
                if (declarers.size() > 1) {
                    decide(t.label(), t.label() + ": 'plays " + role + "' became " + declarers.size()
                            + " scoped plays, one per relation type that declares the role: " + String.join(", ", declarers));
                }
                for (String d : declarers) {
                    String scope = movedRoles.getOrDefault(d, Set.of()).contains(role) ? bases.get(d) : d;
                    plays.computeIfAbsent(t.label(), k -> new LinkedHashMap<>()).put(new RelationRole(scope, role), new TypeQlType.Capability());
                }
            }
            if (t.kind() == TypeKind.RELATION) relates(t, q, out);
        }

        addObservedOwns(owns);
        addObservedPlays(plays);
        normalise(owns, "owns", a -> a);
        normalise(plays, "plays", RelationRole::toString);

        for (Map.Entry<String, Map<String, TypeQlType.Capability>> e : owns.entrySet()) {
            TypeQlType q = out.type(names.type(e.getKey()));
            for (Map.Entry<String, TypeQlType.Capability> o : e.getValue().entrySet()) {
                ownsAnnotations(e.getKey(), o.getKey(), keyDeclared.contains(new OwnerAttribute(e.getKey(), o.getKey())), o.getValue());
                q.owns.put(names.type(o.getKey()), o.getValue());
            }
        }
        for (Map.Entry<String, Map<RelationRole, TypeQlType.Capability>> e : plays.entrySet()) {
            TypeQlType q = out.type(names.type(e.getKey()));
            for (Map.Entry<RelationRole, TypeQlType.Capability> p : e.getValue().entrySet()) q.plays.put(names.scoped(p.getKey()), p.getValue());
        }
        return out;
    }

    private static List<String> concat(Set<String> a, Set<String> b) {
        List<String> l = new ArrayList<>(a);
        for (String x : b) if (!a.contains(x)) l.add(x);
        return l;
    }

    private void abstractness(ThingType t, TypeQlType q, TypeQlSchema out) {
        if (!t.isAbstract()) return;
        long n = facts.instances().getOrDefault(t.label(), 0L);
        if (n > 0) {
            decide(t.label(), t.label() + ": @abstract dropped, the data has " + n + " instances of it");
            return;
        }
        if (q.supertype != null && !out.type(q.supertype).isAbstract()) {
            decide(t.label(), t.label() + ": @abstract dropped, its supertype '" + t.supertype()
                    + "' is concrete and TypeDB 3 requires abstract types to have abstract supertypes (SVL14)");
            return;
        }
        q.isAbstract = true;
    }

    private void attributeType(ThingType t, TypeQlType q, boolean root) {
        ValueType declared = t.declaredValueType();
        ValueType inherited = root ? null : schema.valueType(t.supertype());
        ValueType effective = declared != null ? declared : inherited;
        if (declared != null && inherited == null) q.valueType = keyword(declared);
        if (declared != null && inherited != null && declared != inherited) {
            q.valueType = keyword(declared);
            decide(t.label(), t.label() + ": value type " + declared.keyword() + " differs from the supertype's " + inherited.keyword() + "; kept as declared");
        }
        if (effective == null && !q.isAbstract) {
            q.isAbstract = true;
            decide(t.label(), t.label() + ": has no value type, made @abstract (SVL22)");
        }
        if (t.regex() != null) regex(t, q, effective);
        for (String a : concat(t.keys(), t.has())) {
            decide(t.label(), t.label() + ": '" + (t.keys().contains(a) ? "key " : "has ") + a
                    + "' removed, TypeDB 3 attributes cannot own attributes (DEX11); the ownerships are "
                    + (attributeOwners == Typedb3Converter.AttributeOwners.REHOME ? "re-homed to the owners' owners" : "dropped"));
        }
        for (String r : t.plays()) {
            decide(t.label(), t.label() + ": 'plays " + r + "' removed, TypeDB 3 attributes cannot play roles (DEX11); such players are dropped");
        }
        long n = facts.orphans().getOrDefault(t.label(), 0L);
        if (n > 0) {
            boolean inheritedIndependence = false;
            for (ThingType s : schema.supertypes(t.label())) {
                if (!s.label().equals(t.label()) && facts.orphans().getOrDefault(s.label(), 0L) > 0) inheritedIndependence = true;
            }
            if (!inheritedIndependence) q.independent = true;
            decisions.add(new Decision(t.label(), n, t.label() + ": @independent" + (inheritedIndependence ? " (inherited)" : "") + ", " + n
                    + " of its instances have no owner and TypeDB 3 would delete them otherwise"));
        }
    }

    private static String keyword(ValueType v) {
        return v == ValueType.LONG ? "integer" : v.keyword();
    }

    private void regex(ThingType t, TypeQlType q, ValueType effective) {
        String p = t.regex();
        String why = null;
        if (effective != ValueType.STRING) why = "it is on a non-string attribute type";
        else if (!isJavaRegex(p)) why = "it is not a valid regular expression";
        else {
            String unsupported = RegexCompatibility.unsupported(p);
            if (unsupported != null) why = unsupported + ", and TypeDB 3's engine is of the RE2 family (SVL31)";
        }
        long bad = facts.regexViolations().getOrDefault(t.label(), 0L);
        if (why == null && bad > 0) why = bad + " values in the data do not match it (TypeDB 3 also applies it to subtypes)";
        if (why != null) {
            decide(t.label(), t.label() + ": regex \"" + p + "\" dropped, " + why);
            String text = "regex constraint of '" + t.label() + "' (\"" + p + "\") not carried over: " + why;
            losses.add(new Loss(LossReason.CONSTRAINT, t.label(), bad, text, List.of()));
            return;
        }
        q.regex = RegexCompatibility.anchored(p);
        if (q.valueType == null) q.valueType = keyword(effective);
        decide(t.label(), t.label() + ": regex anchored as @regex(\"" + q.regex + "\") because TypeDB 3 matches substrings and Grakn matched whole values");
    }

    private static boolean isJavaRegex(String p) {
        try {
            Pattern.compile(p);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private void relates(ThingType t, TypeQlType q, TypeQlSchema out) {
        ThingType sup = schema.type(t.supertype()).orElse(null);
        Set<String> moved = movedRoles.getOrDefault(t.label(), Set.of());
        if (!moved.isEmpty()) {
            for (String general : moved) {
                List<String> special = new ArrayList<>();
                long n = 0;
                for (Map.Entry<String, String> e : t.relates().entrySet()) {
                    if (general.equals(e.getValue())) {
                        special.add(e.getKey());
                        n += playersIn(t.label(), e.getKey());
                    }
                }
                decisions.add(new Decision(t.label(), n, t.label() + ": role '" + general + "' declared on a new abstract supertype '"
                        + bases.get(t.label()) + "' so that " + String.join(", ", special.stream().map(r -> "'relates " + r + " as " + general + "'").toList())
                        + " stay specialisations (TypeDB 3 specialises only inherited roles); a query on '" + general
                        + "' still finds their " + n + " players"));
            }
        }
        for (Map.Entry<String, String> e : t.relates().entrySet()) {
            String role = e.getKey();
            if (sup != null && schema.relates(sup.label(), role)) {
                decide(t.label(), t.label() + ": 'relates " + role + "' not re-stated, the supertype already relates it (SVL7/SVL42)");
                continue;
            }
            TypeQlType.Capability cap = new TypeQlType.Capability();
            String as = e.getValue();
            if (as != null && !as.equals(RoleType.META) && moved.contains(as)) {
                cap.specialises = names.role(as);
            } else if (as != null && !as.equals(RoleType.META)) {
                String why = null;
                if (sup == null || !schema.relates(sup.label(), as)) {
                    why = t.relates().containsKey(as) ? "'" + as + "' is a role of '" + t.label() + "' itself, its relations have "
                            + playersIn(t.label(), as) + " players in it, and TypeDB 3 refuses those after 'as'"
                            : "no supertype relates '" + as + "' (SVL11)";
                }
                else if (specialisedAbove(sup.label(), as)) why = "a supertype already specialises '" + as + "' (SVL12)";
                else if (facts.brokenSpecialisations().contains(new RelationRole(t.label(), role))) {
                    why = "the data has '" + as + "' players in '" + t.label() + "' relations, which TypeDB 3 rejects after 'as'";
                }
                if (why == null) {
                    cap.specialises = names.role(as);
                } else {
                    long players = playersIn(t.label(), role);
                    decisions.add(new Decision(t.label(), players, t.label() + ": 'relates " + role + " as " + as + "' written as the plain role 'relates "
                            + role + "': " + why + "; a query on the role '" + as + "' no longer finds the " + players + " '" + role
                            + "' players of '" + t.label() + "' relations (Grakn's role hierarchy found them), query '" + role + "' for them"));
                }
            }
            if (anyMultiPlayed(t.label(), role)) {
                cap.card(0, -1);
                decide(t.label(), t.label() + ": 'relates " + role + " @card(0..)', some relations have several players in it (default would be 0..1)");
            }
            if (moved.contains(role)) out.type(bases.get(t.label())).relates.put(names.role(role), cap);
            else q.relates.put(names.role(role), cap);
        }
    }

    /** Role players written in {@code role} of relations of {@code relation} or its subtypes. */
    private long playersIn(String relation, String role) {
        long n = 0;
        for (Map.Entry<RelationRole, Long> e : facts.playersByRole().entrySet()) {
            if (e.getKey().role().equals(role) && schema.isSubtypeOf(e.getKey().relation(), relation)) n += e.getValue();
        }
        return n;
    }

    private boolean specialisedAbove(String relation, String role) {
        for (ThingType t : schema.supertypes(relation)) if (t.relates().containsValue(role)) return true;
        return false;
    }

    /** True when some subtype of {@code declarer} (or itself) had two or more {@code attribute}s in one owner. */
    private boolean anyMultiOwned(String declarer, String attribute) {
        for (OwnerAttribute f : facts.multiOwned()) {
            if (f.attribute().equals(attribute) && schema.isSubtypeOf(f.owner(), declarer)) return true;
        }
        return false;
    }

    /** True when some subtype of {@code declarer} (or itself) had two or more players of {@code role} in one relation. */
    private boolean anyMultiPlayed(String declarer, String role) {
        for (RelationRole f : facts.multiPlayed()) {
            if (f.role().equals(role) && schema.isSubtypeOf(f.relation(), declarer)) return true;
        }
        return false;
    }

    private void ownsAnnotations(String owner, String attr, boolean isKey, TypeQlType.Capability cap) {
        boolean multi = anyMultiOwned(owner, attr);
        if (isKey) {
            OwnerAttribute k = new OwnerAttribute(owner, attr);
            String why = null;
            boolean unique = false;
            if (schema.valueType(attr) == ValueType.DOUBLE) why = "TypeDB 3 cannot key on a double attribute (SVL26)";
            else if (facts.keyUniquenessViolations().containsKey(k)) why = facts.keyUniquenessViolations().get(k) + " key values are shared by several owners";
            else if (facts.keyCardinalityViolations().containsKey(k)) {
                why = facts.keyCardinalityViolations().get(k) + " owners do not have exactly one";
                unique = true;
            }
            if (why == null) {
                cap.key = true;
                return;
            }
            cap.unique = unique;
            decide(owner, owner + ": 'key " + attr + "' written as 'owns " + attr + (unique ? " @unique" : "")
                    + (multi ? " @card(0..)" : "") + "': " + why);
            constraintLost(owner, "key constraint '" + owner + " key " + attr + "' weakened: " + why);
        }
        if (multi) {
            cap.card(0, -1);
            decide(owner, owner + ": 'owns " + attr + " @card(0..)', some owners have several (default would be 0..1)");
        }
    }

    /** Adds an owns for every owner/attribute type pair the data has that no declaration covers exactly. */
    private void addObservedOwns(Map<String, Map<String, TypeQlType.Capability>> owns) {
        for (Map.Entry<String, Set<String>> e : facts.ownedTypes().entrySet()) {
            String owner = e.getKey();
            for (String attr : e.getValue()) {
                if (declarer(owns, owner, attr) != null) continue;
                String place = null;
                String reason = null;
                for (ThingType t : schema.supertypes(owner)) {
                    Map<String, TypeQlType.Capability> m = owns.get(t.label());
                    if (m == null) continue;
                    for (String x : m.keySet()) {
                        if (isStrictSubtype(attr, x)) {
                            place = t.label();
                            reason = "it owns '" + x + "', and in TypeDB 3 owning a supertype does not cover its subtypes";
                        } else if (schema.owns(x, attr)) {
                            place = t.label();
                            reason = "re-homed from '" + x + "', which owned '" + attr + "' in Grakn";
                        }
                    }
                }
                if (place == null) {
                    place = owner;
                    reason = "the data has such ownerships although the Grakn schema does not declare them";
                }
                owns.computeIfAbsent(place, k -> new LinkedHashMap<>()).put(attr, new TypeQlType.Capability());
                decide(place, place + ": 'owns " + attr + "' added: " + reason);
            }
        }
    }

    private void addObservedPlays(Map<String, Map<RelationRole, TypeQlType.Capability>> plays) {
        for (Map.Entry<String, Set<RelationRole>> e : facts.playedRoles().entrySet()) {
            for (RelationRole scoped : e.getValue()) {
                if (declarer(plays, e.getKey(), scoped) != null) continue;
                plays.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>()).put(scoped, new TypeQlType.Capability());
                decide(e.getKey(), e.getKey() + ": 'plays " + scoped
                        + "' added: the data has such players although the Grakn schema does not declare them");
            }
        }
    }

    private <K> String declarer(Map<String, Map<K, TypeQlType.Capability>> decls, String type, K target) {
        for (ThingType t : schema.supertypes(type)) {
            Map<K, TypeQlType.Capability> m = decls.get(t.label());
            if (m != null && m.containsKey(target)) return t.label();
        }
        return null;
    }

    /** Removes declarations a supertype already makes (added ones can make older ones redundant). */
    private <K> void normalise(Map<String, Map<K, TypeQlType.Capability>> decls, String what, Function<K, String> show) {
        for (Map.Entry<String, Map<K, TypeQlType.Capability>> e : decls.entrySet()) {
            ThingType sup = schema.type(schema.type(e.getKey()).map(ThingType::supertype).orElse("")).orElse(null);
            if (sup == null) continue;
            e.getValue().keySet().removeIf(target -> {
                String above = declarer(decls, sup.label(), target);
                if (above == null) return false;
                decide(e.getKey(), e.getKey() + ": '" + what + " " + show.apply(target) + "' not re-stated, '" + above + "' declares it (SVL42)");
                return true;
            });
        }
    }
}
