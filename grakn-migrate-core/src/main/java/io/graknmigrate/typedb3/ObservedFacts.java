package io.graknmigrate.typedb3;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the data passes observed that the schema translation depends on, all in Grakn 1.8 labels and
 * all schema-sized (per type or type pair, never per item).
 *
 * @param instances type -> number of items of exactly that type that were kept
 * @param orphans attribute type -> number of its attributes that no entity or relation owns
 * @param ownedTypes owner type -> the exact attribute types its things own (after re-homing)
 * @param multiOwned (owner type, attribute type or supertype) pairs where one owner has two or more
 * @param playedRoles player type -> the (declaring relation, role) pairs its things play
 * @param multiPlayed (relation type, role or a role it specialises) pairs with two or more players in one relation
 * @param brokenSpecialisations (relation type, role) where the type writes {@code relates role as x}
 *        and its relations still have players in {@code x}
 * @param keyCardinalityViolations (declaring owner type, key) -> owners without exactly one key value
 * @param keyUniquenessViolations (declaring owner type, key) -> key values shared by several owners
 * @param regexViolations attribute type -> values of it or its subtypes that do not match its regex
 * @param playersByRole (relation type of the item, role as the data names it) -> role players written
 */
record ObservedFacts(Map<String, Long> instances, Map<String, Long> orphans, Map<String, Set<String>> ownedTypes,
                     Set<OwnerAttribute> multiOwned, Map<String, Set<RelationRole>> playedRoles,
                     Set<RelationRole> multiPlayed, Set<RelationRole> brokenSpecialisations,
                     Map<OwnerAttribute, Long> keyCardinalityViolations, Map<OwnerAttribute, Long> keyUniquenessViolations,
                     Map<String, Long> regexViolations, Map<RelationRole, Long> playersByRole) {

    ObservedFacts {
        instances = Map.copyOf(instances);
        orphans = Collections.unmodifiableMap(new TreeMap<>(orphans));
        TreeMap<String, Set<String>> owned = new TreeMap<>();
        ownedTypes.forEach((k, v) -> owned.put(k, Collections.unmodifiableSet(new TreeSet<>(v))));
        ownedTypes = Collections.unmodifiableMap(owned);
        multiOwned = Set.copyOf(multiOwned);
        TreeMap<String, Set<RelationRole>> played = new TreeMap<>();
        playedRoles.forEach((k, v) -> played.put(k, Collections.unmodifiableSet(new TreeSet<>(v))));
        playedRoles = Collections.unmodifiableMap(played);
        multiPlayed = Set.copyOf(multiPlayed);
        brokenSpecialisations = Set.copyOf(brokenSpecialisations);
        keyCardinalityViolations = Map.copyOf(keyCardinalityViolations);
        keyUniquenessViolations = Map.copyOf(keyUniquenessViolations);
        regexViolations = Map.copyOf(regexViolations);
        playersByRole = Map.copyOf(playersByRole);
    }
}
