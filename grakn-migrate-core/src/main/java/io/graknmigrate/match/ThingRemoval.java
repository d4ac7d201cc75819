package io.graknmigrate.match;

import java.util.Collection;

/** What a match-delete asks of the store it runs in (store ids throughout). */
public interface ThingRemoval {

    /** Deletes a thing with its ownerships and role-player edges; relations left without players go too. Returns things deleted. */
    long deleteThing(long id);

    /** Removes one ownership (the attribute stays); false when there was none. */
    boolean deleteOwnership(long owner, long attribute);

    /** Removes the player from the relation in the given roles (any role when null); returns edges removed. */
    long deleteRolePlayer(long relation, Collection<Integer> roles, long player);
}
