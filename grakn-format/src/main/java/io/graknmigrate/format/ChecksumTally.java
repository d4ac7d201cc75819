package io.graknmigrate.format;

import io.graknmigrate.format.proto.Item;

/**
 * Counts items the way Grakn's checksums do (one per entity, attribute, relation; one per role
 * player; one per owned-attribute entry) and remembers the stream's own checksums item, so a
 * received stream can be checked once it has ended. {@link ItemWriter} tallies with it too.
 */
public final class ChecksumTally {

    private long entities;
    private long attributes;
    private long relations;
    private long rolePlayers;
    private long ownerships;
    private long items;
    private Item.Checksums declared;
    private int headers;
    private int checksumItems;

    public void add(Item item) {
        add(item, item.getItemCase());
    }

    /** {@link #add(Item)} with the item's case already known (the writer has it). */
    void add(Item item, Item.ItemCase itemCase) {
        items++;
        switch (itemCase) {
            case ENTITY -> {
                entities++;
                ownerships += item.getEntity().getAttributeCount();
            }
            case ATTRIBUTE -> {
                attributes++;
                ownerships += item.getAttribute().getAttributeCount();
            }
            case RELATION -> {
                Item.Relation r = item.getRelation();
                relations++;
                ownerships += r.getAttributeCount();
                for (int i = 0, n = r.getRoleCount(); i < n; i++) rolePlayers += r.getRole(i).getPlayerCount();
            }
            case HEADER -> headers++;
            case CHECKSUMS -> declare(item.getChecksums());
            default -> { }
        }
    }

    /**
     * Counts {@code things} already-encoded things of these counts, as if each had been
     * {@link #add(Item) added} ({@link ItemWriter#writeFrames}, an export's frames).
     */
    public void add(Counts counts, long things) {
        items += things;
        entities += counts.entities();
        attributes += counts.attributes();
        relations += counts.relations();
        rolePlayers += counts.rolePlayers();
        ownerships += counts.ownerships();
    }

    /**
     * What a stream's own checksums say about its items. The one rule for every reader (import,
     * verify, inspect, the writer, typedb3): a file SHOULD carry exactly one checksums item; the
     * first one is the file's, and any further one makes the checksums {@link #REPEATED}, a problem
     * whether or not it agrees (files were probably concatenated).
     */
    public enum Verdict {
        /** One checksums item, equal to the counts of the items. */
        MATCH,
        /** One checksums item that disagrees with the items: truncated or altered. */
        MISMATCH,
        /** No checksums item: the export did not finish, or its end is lost. */
        MISSING,
        /** More than one checksums item. */
        REPEATED
    }

    /** Judges a stream's checksums items (how many, and the first) against the counts of its items. */
    public static Verdict judge(long checksumItems, Item.Checksums first, Counts counted) {
        if (checksumItems > 1) return Verdict.REPEATED;
        if (checksumItems == 0 || first == null) return Verdict.MISSING;
        return Counts.of(first).equals(counted) ? Verdict.MATCH : Verdict.MISMATCH;
    }

    /** Records a checksums item of the stream; only the first is kept (see {@link Verdict}). */
    public void declare(Item.Checksums checksums) {
        if (checksumItems++ == 0) declared = checksums;
    }

    /** This stream's verdict so far. */
    public Verdict verdict() {
        return judge(checksumItems, declared, counts());
    }

    /** The stream's checksums: its first checksums item, or null. */
    public Item.Checksums declared() { return declared; }

    /** How many checksums items the stream carried. */
    public int checksumItems() { return checksumItems; }

    public long things() { return entities + attributes + relations; }

    public long items() { return items; }

    public boolean hasHeader() { return headers > 0; }

    public boolean hasChecksums() { return declared != null; }

    /** The counts of what was seen. */
    public Counts counts() {
        return new Counts(entities, attributes, relations, rolePlayers, ownerships);
    }

    /** The counts of what was seen, as a checksums item. */
    public Item.Checksums counted() {
        return counts().toChecksums();
    }

    /**
     * Where the stream's own checksums disagree with what arrived, in words, or null when they agree
     * (or the stream had none: see {@link #hasChecksums()}).
     */
    public String mismatch() {
        if (checksumItems > 1) return "the stream carries " + checksumItems + " checksums items";
        if (declared == null) return null;
        StringBuilder sb = new StringBuilder();
        compare(sb, "entities", declared.getEntityCount(), entities);
        compare(sb, "attributes", declared.getAttributeCount(), attributes);
        compare(sb, "relations", declared.getRelationCount(), relations);
        compare(sb, "role players", declared.getRoleCount(), rolePlayers);
        compare(sb, "ownerships", declared.getOwnershipCount(), ownerships);
        return sb.length() == 0 ? null : sb.toString();
    }

    private static void compare(StringBuilder sb, String what, long declared, long seen) {
        if (declared == seen) return;
        if (sb.length() > 0) sb.append(", ");
        sb.append(what).append(": checksums say ").append(declared).append(", received ").append(seen);
    }
}
