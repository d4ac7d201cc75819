package io.graknmigrate.match;

/** What a match-delete asks of the store it runs in (store ids throughout). */
public interface ThingRemoval {

    /** Deletes a thing with its ownerships and role-player edges; relations left without players go too. Returns things deleted. */
    long deleteThing(long id);

    /** Removes one ownership (the attribute stays); false when there was none. */
    boolean deleteOwnership(long owner, long attribute);

    /** Removes the player from the relation in the role (a relation left without players goes too); false when it was not there. */
    boolean deleteRolePlayer(long relation, String role, long player);
}
