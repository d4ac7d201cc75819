package io.graknmigrate.migrate;

import io.graknmigrate.keyspace.ThingId;

import java.util.Arrays;

/**
 * One thing as the embedded store holds it: its store row id rather than its name ({@link ThingId}
 * spells it), the type's label, the value (attributes only: String, Long, Double, Boolean, or Long
 * epoch milliseconds for datetime), the row ids of the attributes it owns and, for relations, its role
 * players in role order. A source fills one instance again for each thing it hands out, so it is
 * valid only during the call that receives it.
 */
public final class StoredThing {

    private long id;
    private String type;
    private Object value;
    private long[] owned = new long[16];
    private int ownedCount;
    private String[] roles = new String[16];
    private long[] players = new long[16];
    private int playerCount;

    /** Starts the next thing: its row id, type label and value, with nothing owned and no players yet. */
    public void reset(long id, String type, Object value) {
        this.id = id;
        this.type = type;
        this.value = value;
        ownedCount = 0;
        playerCount = 0;
    }

    /** Adds the row id of an attribute the thing owns. */
    public void addOwned(long attribute) {
        if (ownedCount == owned.length) owned = Arrays.copyOf(owned, ownedCount * 2);
        owned[ownedCount++] = attribute;
    }

    /** Adds a role player: the role's label and the player's row id. */
    public void addPlayer(String role, long player) {
        if (playerCount == players.length) {
            players = Arrays.copyOf(players, playerCount * 2);
            roles = Arrays.copyOf(roles, playerCount * 2);
        }
        roles[playerCount] = role;
        players[playerCount++] = player;
    }

    /** The thing's store row id. */
    public long id() { return id; }

    /** The label of the thing's type. */
    public String type() { return type; }

    /** The attribute's value; null for entities and relations. */
    public Object value() { return value; }

    /** How many attributes the thing owns. */
    public int ownedCount() { return ownedCount; }

    /** The row id of the {@code i}-th attribute the thing owns. */
    public long owned(int i) { return owned[i]; }

    /** How many role players the relation has. */
    public int playerCount() { return playerCount; }

    /** The role label of the {@code i}-th role player. */
    public String role(int i) { return roles[i]; }

    /** The row id of the {@code i}-th role player. */
    public long player(int i) { return players[i]; }
}
