package io.graknmigrate.format;

import io.graknmigrate.format.proto.Item;


/**
 * The five counts a checksums item carries, in Grakn's sense (role = role players). The one counts
 * type of the project: a file's summary, an export, an import and a remote transfer all report it;
 * {@link ChecksumTally} produces it.
 */
public record Counts(long entities, long attributes, long relations, long rolePlayers, long ownerships) {

    /** The counts a checksums item declares. */
    public static Counts of(Item.Checksums c) {
        return new Counts(c.getEntityCount(), c.getAttributeCount(), c.getRelationCount(), c.getRoleCount(), c.getOwnershipCount());
    }

    /** These counts as a checksums item, the last item of a backup. */
    public Item.Checksums toChecksums() {
        return Item.Checksums.newBuilder().setEntityCount(entities).setAttributeCount(attributes)
                .setRelationCount(relations).setRoleCount(rolePlayers).setOwnershipCount(ownerships).build();
    }

    /** Entities, attributes and relations together. */
    public long things() { return entities + attributes + relations; }

    @Override
    public String toString() {
        return count(entities, "entity", "entities") + ", " + count(attributes, "attribute", "attributes") + ", "
                + count(relations, "relation", "relations") + ", " + count(rolePlayers, "role player", "role players") + ", "
                + count(ownerships, "ownership", "ownerships");
    }

    /** A count with its noun, in the project's one number format ({@link Numbers#count(long, String, String)}). */
    public static String count(long n, String one, String many) {
        return Numbers.count(n, one, many);
    }
}
