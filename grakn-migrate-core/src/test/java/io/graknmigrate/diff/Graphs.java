package io.graknmigrate.diff;

import io.graknmigrate.format.Compression;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.Relabel;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import io.graknmigrate.format.ProgressListener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small graphs as items, the ways to rewrite one without changing it, and running the comparison. */
final class Graphs {

    private Graphs() { }

    static Item attribute(String id, String label, ValueObject v, String... owned) {
        Item.Attribute.Builder a = Item.Attribute.newBuilder().setId(id).setLabel(label).setValue(v);
        for (String o : owned) a.addAttribute(Item.OwnedAttribute.newBuilder().setId(o));
        return Item.newBuilder().setAttribute(a).build();
    }

    static Item entity(String id, String label, String... owned) {
        Item.Entity.Builder e = Item.Entity.newBuilder().setId(id).setLabel(label);
        for (String o : owned) e.addAttribute(Item.OwnedAttribute.newBuilder().setId(o));
        return Item.newBuilder().setEntity(e).build();
    }

    /** rolesAndPlayers: role, player, role, player, ... (one role entry per pair). */
    static Item relation(String id, String label, String... rolesAndPlayers) {
        return relationOwning(id, label, List.of(), rolesAndPlayers);
    }

    static Item relationOwning(String id, String label, List<String> owned, String... rolesAndPlayers) {
        Item.Relation.Builder r = Item.Relation.newBuilder().setId(id).setLabel(label);
        for (String o : owned) r.addAttribute(Item.OwnedAttribute.newBuilder().setId(o));
        for (int i = 0; i < rolesAndPlayers.length; i += 2) {
            r.addRole(Item.Relation.Role.newBuilder().setLabel(rolesAndPlayers[i])
                    .addPlayer(Item.Relation.Role.Player.newBuilder().setId(rolesAndPlayers[i + 1])));
        }
        return Item.newBuilder().setRelation(r).build();
    }

    static ValueObject str(String s) { return ValueObject.newBuilder().setString(s).build(); }

    static ValueObject lng(long l) { return ValueObject.newBuilder().setLong(l).build(); }

    static ValueObject dbl(double d) { return ValueObject.newBuilder().setDouble(d).build(); }

    static ValueObject date(long ms) { return ValueObject.newBuilder().setDatetime(ms).build(); }

    static ValueObject bool(boolean b) { return ValueObject.newBuilder().setBoolean(b).build(); }

    static Path write(Path file, List<Item> things) {
        return write(file, things, Compression.fromFileName(file.toString()));
    }

    static Path write(Path file, List<Item> things, Compression compression) {
        try (ItemWriter w = ItemWriter.create(file, compression)) {
            w.header("test", "diff");
            for (Item t : things) w.write(t);
            w.finish();
        }
        return file;
    }

    /** A side of a comparison read from {@code file} and resolved, its state in {@code dir}. */
    static SideGraph side(Path file, String name, Path dir) {
        SideGraph g = new SideGraph(name, Relabel.none(), dir);
        DiffInput.file(file, name).readInto(g, ProgressListener.NONE);
        g.finish();
        return g;
    }

    static DiffResult diff(Path a, Path b) {
        return diff(a, b, Relabel.none());
    }

    static DiffResult diff(Path a, Path b, Relabel relabel) {
        return GraphDiff.compare(DiffInput.file(a, "a.grakn"), DiffInput.file(b, "b.grakn"), relabel,
                GraphDiff.DEFAULT_LIMIT, a.getParent(), ProgressListener.NONE);
    }

    /** The same graph: items in another order. */
    static List<Item> shuffled(List<Item> things, long seed) {
        List<Item> copy = new ArrayList<>(things);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }

    /** The same graph: every id replaced by a fresh one. */
    static List<Item> reIdentified(List<Item> things, long seed) {
        Map<String, String> ids = new HashMap<>();
        Random r = new Random(seed);
        for (Item t : things) ids.put(idOf(t), "X" + Long.toHexString(r.nextLong()) + "-" + ids.size());
        return renamed(things, ids);
    }

    /** The same graph with ids of Grakn's form, {@code V} and a number, numbered from a seeded random start. */
    static List<Item> withGraknIds(List<Item> things, long seed) {
        Map<String, String> ids = new HashMap<>();
        long next = 1 + new Random(seed).nextInt(1 << 20);
        for (Item t : things) ids.put(idOf(t), "V" + (next += 1 + (next & 7)));
        return renamed(things, ids);
    }

    private static List<Item> renamed(List<Item> things, Map<String, String> ids) {
        List<Item> out = new ArrayList<>();
        for (Item t : things) {
            Item.Builder b = t.toBuilder();
            switch (t.getItemCase()) {
                case ENTITY -> {
                    Item.Entity.Builder e = b.getEntityBuilder().setId(ids.get(t.getEntity().getId()));
                    e.getAttributeBuilderList().forEach(o -> o.setId(ids.get(o.getId())));
                }
                case ATTRIBUTE -> {
                    Item.Attribute.Builder a = b.getAttributeBuilder().setId(ids.get(t.getAttribute().getId()));
                    a.getAttributeBuilderList().forEach(o -> o.setId(ids.get(o.getId())));
                }
                case RELATION -> {
                    Item.Relation.Builder rel = b.getRelationBuilder().setId(ids.get(t.getRelation().getId()));
                    rel.getAttributeBuilderList().forEach(o -> o.setId(ids.get(o.getId())));
                    rel.getRoleBuilderList().forEach(role -> role.getPlayerBuilderList().forEach(p -> p.setId(ids.get(p.getId()))));
                }
                default -> { }
            }
            out.add(b.build());
        }
        return out;
    }

    /** The same graph: role entries of one label merged into one entry, players and ownerships reversed. */
    static List<Item> regrouped(List<Item> things) {
        List<Item> out = new ArrayList<>();
        for (Item t : things) {
            if (t.getItemCase() != Item.ItemCase.RELATION) {
                out.add(t);
                continue;
            }
            Item.Relation r = t.getRelation();
            Map<String, List<Item.Relation.Role.Player>> byRole = new java.util.LinkedHashMap<>();
            for (Item.Relation.Role role : r.getRoleList()) byRole.computeIfAbsent(role.getLabel(), k -> new ArrayList<>()).addAll(role.getPlayerList());
            Item.Relation.Builder b = r.toBuilder().clearRole().clearAttribute();
            List<Item.OwnedAttribute> owned = new ArrayList<>(r.getAttributeList());
            Collections.reverse(owned);
            b.addAllAttribute(owned);
            List<String> roles = new ArrayList<>(byRole.keySet());
            Collections.reverse(roles);
            for (String role : roles) {
                List<Item.Relation.Role.Player> players = new ArrayList<>(byRole.get(role));
                Collections.reverse(players);
                b.addRole(Item.Relation.Role.newBuilder().setLabel(role).addAllPlayer(players));
            }
            out.add(Item.newBuilder().setRelation(b).build());
        }
        return out;
    }

    /** Shuffled, re-identified and regrouped. */
    static List<Item> disguised(List<Item> things, long seed) {
        return shuffled(regrouped(reIdentified(things, seed)), seed + 1);
    }

    static String idOf(Item t) {
        return switch (t.getItemCase()) {
            case ENTITY -> t.getEntity().getId();
            case ATTRIBUTE -> t.getAttribute().getId();
            case RELATION -> t.getRelation().getId();
            default -> throw new IllegalArgumentException("not a thing: " + t);
        };
    }
}
