package io.graknmigrate.match;

import java.util.BitSet;

/**
 * Which rows of the instance tables a query can read, by what each row's type is: {@code thing}
 * rows by their type, {@code ownership} rows by their attribute's type, {@code role_player} rows by
 * their role (store ids of the keyspace's {@code type} and {@code role} tables). A row outside these
 * sets cannot change the query's answers, whether it is there or not: a writer holding such rows in
 * a buffer need not write them before the query runs.
 */
public final class TableReads {

    /** Reads every row of every table (a plan that cannot say). */
    public static final TableReads ALL = new TableReads(null, null, null);

    private final BitSet thingTypes;
    private final BitSet ownedAttributeTypes;
    private final BitSet roles;

    /** Null for a set means every row of that table. */
    private TableReads(BitSet thingTypes, BitSet ownedAttributeTypes, BitSet roles) {
        this.thingTypes = thingTypes;
        this.ownedAttributeTypes = ownedAttributeTypes;
        this.roles = roles;
    }

    /** True when a {@code thing} row of one of these types could be read. */
    public boolean thingsOfAny(BitSet types) { return meets(thingTypes, types); }

    /** True when an {@code ownership} row whose attribute has one of these types could be read. */
    public boolean ownershipsOfAny(BitSet attributeTypes) { return meets(ownedAttributeTypes, attributeTypes); }

    /** True when a {@code role_player} row in one of these roles could be read. */
    public boolean rolePlayersInAny(BitSet roleIds) { return meets(roles, roleIds); }

    /** True when any {@code role_player} row could be read. */
    public boolean readsRolePlayers() { return roles == null || !roles.isEmpty(); }

    private static boolean meets(BitSet read, BitSet rows) {
        if (rows.isEmpty()) return false;
        return read == null || read.intersects(rows);
    }

    @Override
    public String toString() {
        return "TableReads[things=" + show(thingTypes) + ", ownerships=" + show(ownedAttributeTypes) + ", rolePlayers=" + show(roles) + "]";
    }

    private static String show(BitSet s) { return s == null ? "all" : s.toString(); }

    /** Collects what a plan reads; a table never mentioned is not read at all. */
    static final class Builder {
        private BitSet thingTypes = new BitSet();
        private BitSet ownedAttributeTypes = new BitSet();
        private BitSet roles = new BitSet();

        /** Thing rows restricted to these types; null: of any type. */
        void things(Iterable<Integer> types) { thingTypes = add(thingTypes, types); }

        /** Ownership rows of attributes of these types; null: of any. */
        void ownerships(Iterable<Integer> attributeTypes) { ownedAttributeTypes = add(ownedAttributeTypes, attributeTypes); }

        /** Role-player rows in these roles; null: in any. */
        void rolePlayers(Iterable<Integer> roleIds) { roles = add(roles, roleIds); }

        private static BitSet add(BitSet into, Iterable<Integer> ids) {
            if (into == null) return null;
            if (ids == null) return null;
            for (int id : ids) into.set(id);
            return into;
        }

        TableReads build() { return new TableReads(thingTypes, ownedAttributeTypes, roles); }
    }
}
