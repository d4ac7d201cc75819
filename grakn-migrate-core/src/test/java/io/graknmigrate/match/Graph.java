package io.graknmigrate.match;

import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.embedded.EmbeddedKeyspaces;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small graph kept in memory and written as a {@code .grakn} backup, imported into a keyspace.
 * Things are numbered 1, 2, … in the order they are added, and attribute values are unique per type,
 * so the import gives each thing that number as its store id (checked by {@link #load}): a test can
 * name things by store id ({@code V3}) and compare the store's answers with its own.
 */
final class Graph {

    static final String SCHEMA = """
            define
            name sub attribute, value string;
            email sub attribute, value string;
            age sub attribute, value long;
            score sub attribute, value double;
            active sub attribute, value boolean;
            born sub attribute, value datetime;
            nickname sub name;
            person sub entity, key email, has name, has nickname, has age, has active, has born,
                plays friend, plays employee, plays stop;
            student sub person, has score;
            company sub entity, has name, plays employer, plays stop;
            friendship sub relation, relates friend, has score;
            employment sub relation, relates employee, relates employer;
            route sub relation, relates stop;
            trip sub route, relates origin as stop, relates destination as stop;
            person plays origin, plays destination;
            """;

    /** One thing: its type label, value (attributes), ownerships and role players (role, player). */
    static final class Thing {
        final long id;
        final String type;
        final Object value;
        final List<Long> owns = new ArrayList<>();
        final List<Object[]> players = new ArrayList<>();

        Thing(long id, String type, Object value) {
            this.id = id;
            this.type = type;
            this.value = value;
        }
    }

    final Map<Long, Thing> things = new LinkedHashMap<>();

    long add(String type, Object value) {
        long id = things.size() + 1;
        things.put(id, new Thing(id, type, value));
        return id;
    }

    long entity(String type, long... attributes) {
        long id = add(type, null);
        for (long a : attributes) things.get(id).owns.add(a);
        return id;
    }

    long attribute(String type, Object value) { return add(type, value); }

    /** rolesAndPlayers: role, player id, role, player id, … */
    long relation(String type, Object... rolesAndPlayers) {
        long id = add(type, null);
        for (int i = 0; i < rolesAndPlayers.length; i += 2) {
            things.get(id).players.add(new Object[] {rolesAndPlayers[i], ((Number) rolesAndPlayers[i + 1]).longValue()});
        }
        return id;
    }

    void own(long owner, long attribute) { things.get(owner).owns.add(attribute); }

    /** Writes the graph as a backup, defines the schema and imports it into the keyspace. */
    void load(EmbeddedKeyspaces keyspaces, String keyspace, Path dir) throws Exception {
        Path file = dir.resolve(keyspace + ".grakn");
        try (ItemWriter w = ItemWriter.create(file)) {
            w.header("test", keyspace);
            for (Thing t : things.values()) w.write(item(t));
            w.finish();
        }
        keyspaces.define(keyspace, List.of(new GraqlSource("schema.gql", SCHEMA)), x -> { });
        try (ItemReader r = ItemReader.open(file)) {
            keyspaces.importFile(keyspace, r, ImportOptions.defaults(), ProgressListener.NONE);
        }
    }

    private static Item item(Thing t) {
        String id = Long.toString(t.id);
        if (t.value != null) {
            Item.Attribute.Builder a = Item.Attribute.newBuilder().setId(id).setLabel(t.type).setValue(value(t.value));
            for (long o : t.owns) a.addAttribute(Item.OwnedAttribute.newBuilder().setId(Long.toString(o)));
            return Item.newBuilder().setAttribute(a).build();
        }
        if (t.players.isEmpty()) {
            Item.Entity.Builder e = Item.Entity.newBuilder().setId(id).setLabel(t.type);
            for (long o : t.owns) e.addAttribute(Item.OwnedAttribute.newBuilder().setId(Long.toString(o)));
            return Item.newBuilder().setEntity(e).build();
        }
        Item.Relation.Builder r = Item.Relation.newBuilder().setId(id).setLabel(t.type);
        for (long o : t.owns) r.addAttribute(Item.OwnedAttribute.newBuilder().setId(Long.toString(o)));
        for (Object[] p : t.players) {
            r.addRole(Item.Relation.Role.newBuilder().setLabel((String) p[0])
                    .addPlayer(Item.Relation.Role.Player.newBuilder().setId(Long.toString((Long) p[1]))));
        }
        return Item.newBuilder().setRelation(r).build();
    }

    private static ValueObject value(Object v) {
        if (v instanceof String s) return ValueObject.newBuilder().setString(s).build();
        if (v instanceof Long l) return ValueObject.newBuilder().setLong(l).build();
        if (v instanceof Double d) return ValueObject.newBuilder().setDouble(d).build();
        if (v instanceof Boolean b) return ValueObject.newBuilder().setBoolean(b).build();
        if (v instanceof io.graknmigrate.graql.Literal.DateTimeLiteral d) return ValueObject.newBuilder().setDatetime(d.epochMillis()).build();
        throw new IllegalArgumentException(String.valueOf(v));
    }
}
