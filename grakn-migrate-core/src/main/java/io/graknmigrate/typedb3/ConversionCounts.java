package io.graknmigrate.typedb3;

import io.graknmigrate.format.Counts;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every count a conversion keeps, typed. The sums hold for every input: each item, ownership entry
 * and role player that comes in is written, merged away as a duplicate, or dropped for one named reason.
 *
 * @param attributes attribute items
 * @param entities entity items
 * @param relations relation items
 * @param headersIn header items read (replaced by one written header)
 * @param checksumItemsIn checksums items read (replaced by recomputed checksums)
 * @param unknownItemsIn empty or unknown items read (dropped)
 * @param ownerships ownership entries
 * @param players role players
 * @param relationsWithoutPlayers written relations left with no player (TypeDB 3 deletes them)
 * @param written what {@code data.typedb}'s checksums item says
 * @param writtenByType Grakn 1.8 type label -> items of exactly that type written (the losses hold the dropped ones by type)
 */
public record ConversionCounts(ItemCounts attributes, ItemCounts entities, ItemCounts relations,
                               long headersIn, long checksumItemsIn, long unknownItemsIn,
                               OwnershipCounts ownerships, PlayerCounts players, long relationsWithoutPlayers,
                               Counts written, Map<String, Long> writtenByType) {

    public ConversionCounts {
        writtenByType = Collections.unmodifiableMap(new TreeMap<>(writtenByType));
    }

    /** Items of one kind: {@code in = written + dropped}. */
    public record ItemCounts(long in, long written, long dropped) { }

    /**
     * Ownership entries: {@code in = kept + ownedByAttributes + duplicates + dangling + toDroppedAttributes
     * + ofDroppedOwners}; {@code ownedByAttributes = rehomed + orphaned + droppedByOption + ownedByAttributesDangling};
     * {@code written = kept + addedByRehoming}.
     *
     * @param rehomed owned by an attribute, moved to the entities/relations owning that attribute
     * @param orphaned owned by an attribute that no entity or relation owns: dropped, the value kept
     * @param droppedByOption owned by an attribute, dropped because of {@code --attribute-owners drop}
     * @param ownedByAttributesDangling owned by an attribute, the owned id is not an attribute in the file
     * @param dangling the owned id is not an attribute in the file
     * @param toDroppedAttributes the owned attribute was itself dropped
     * @param ofDroppedOwners dropped with their owner item
     * @param addedByRehoming entries written on the new owners
     * @param rehomedAlreadyOwned re-homed values the new owner already had (merged)
     */
    public record OwnershipCounts(long in, long kept, long ownedByAttributes, long rehomed, long orphaned,
                                  long droppedByOption, long ownedByAttributesDangling, long duplicates, long dangling,
                                  long toDroppedAttributes, long ofDroppedOwners, long addedByRehoming,
                                  long rehomedAlreadyOwned) {
        public long written() { return kept + addedByRehoming; }
    }

    /**
     * Role players: {@code in = written + duplicates + dangling + droppedPlayers + attributePlayers
     * + roleNotRelated + ofDroppedRelations}.
     *
     * @param dangling the player id is not in the file
     * @param droppedPlayers the player item was itself dropped
     * @param attributePlayers the player is an attribute (TypeDB 3 attributes cannot play roles)
     * @param roleNotRelated the relation's type does not relate the role
     */
    public record PlayerCounts(long in, long written, long duplicates, long dangling, long droppedPlayers,
                               long attributePlayers, long roleNotRelated, long ofDroppedRelations) { }

    /** What came in, in the checksums' terms. */
    public Counts in() {
        return new Counts(entities.in, attributes.in, relations.in, players.in, ownerships.in);
    }

    public long itemsDropped() { return attributes.dropped + entities.dropped + relations.dropped + unknownItemsIn; }
}
