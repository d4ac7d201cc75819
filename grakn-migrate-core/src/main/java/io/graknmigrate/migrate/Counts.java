package io.graknmigrate.migrate;

import io.graknmigrate.format.proto.Item;

/** The five counts a checksums item carries, in Grakn's sense (role = role players). */
public record Counts(long entities, long attributes, long relations, long rolePlayers, long ownerships) {

    public static Counts of(Item.Checksums c) {
        return new Counts(c.getEntityCount(), c.getAttributeCount(), c.getRelationCount(), c.getRoleCount(), c.getOwnershipCount());
    }

    public Item.Checksums toChecksums() {
        return Item.Checksums.newBuilder().setEntityCount(entities).setAttributeCount(attributes)
                .setRelationCount(relations).setRoleCount(rolePlayers).setOwnershipCount(ownerships).build();
    }

    public long things() { return entities + attributes + relations; }

    @Override
    public String toString() {
        return Format.count(entities) + " entities, " + Format.count(attributes) + " attributes, "
                + Format.count(relations) + " relations, " + Format.count(rolePlayers) + " role players, "
                + Format.count(ownerships) + " ownerships";
    }
}
