package io.graknmigrate.store;

import io.graknmigrate.migrate.KeyspaceSource;
import io.graknmigrate.migrate.StoredThing;
import io.graknmigrate.schema.TypeKind;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link StoredThing} held when it was handed out (a source refills it for the next thing),
 * as a value tests can keep and compare: equal exactly when every field is (values by
 * {@link Object#equals}, so a double's bits count: -0.0 is not 0.0).
 */
record StoredThingCopy(long id, String type, Object value, List<Long> owned, List<String> roles, List<Long> players) {

    static StoredThingCopy of(StoredThing t) {
        List<Long> owned = new ArrayList<>();
        for (int i = 0; i < t.ownedCount(); i++) owned.add(t.owned(i));
        List<String> roles = new ArrayList<>();
        List<Long> players = new ArrayList<>();
        for (int i = 0; i < t.playerCount(); i++) {
            roles.add(t.role(i));
            players.add(t.player(i));
        }
        return new StoredThingCopy(t.id(), t.type(), t.value(), owned, roles, players);
    }

    /** Every thing of the kind the source streams, in its order. */
    static List<StoredThingCopy> all(KeyspaceSource source, TypeKind kind) {
        List<StoredThingCopy> all = new ArrayList<>();
        source.forEach(kind, t -> all.add(of(t)));
        return all;
    }
}
