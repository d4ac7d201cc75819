package io.graknmigrate.testing;

import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The core tests' one set of {@code .grakn} item helpers: builders for attributes, entities,
 * relations and values, reading and writing item files, and a content-only view of a graph to
 * compare two of them whatever ids they got. Each package's test data (schemas, seeded backups)
 * builds on these.
 */
public final class Items {

    private Items() { }

    public static Item attribute(String id, String label, ValueObject v, String... owned) {
        Item.Attribute.Builder a = Item.Attribute.newBuilder().setId(id).setLabel(label).setValue(v);
        for (String o : owned) a.addAttribute(Item.OwnedAttribute.newBuilder().setId(o));
        return Item.newBuilder().setAttribute(a).build();
    }

    public static Item entity(String id, String label, String... owned) {
        Item.Entity.Builder e = Item.Entity.newBuilder().setId(id).setLabel(label);
        for (String o : owned) e.addAttribute(Item.OwnedAttribute.newBuilder().setId(o));
        return Item.newBuilder().setEntity(e).build();
    }

    /** roles: label, player, label, player, ... */
    public static Item relation(String id, String label, List<String> owned, String... rolesAndPlayers) {
        Item.Relation.Builder r = Item.Relation.newBuilder().setId(id).setLabel(label);
        for (String o : owned) r.addAttribute(Item.OwnedAttribute.newBuilder().setId(o));
        for (int i = 0; i < rolesAndPlayers.length; i += 2) {
            r.addRole(Item.Relation.Role.newBuilder().setLabel(rolesAndPlayers[i])
                    .addPlayer(Item.Relation.Role.Player.newBuilder().setId(rolesAndPlayers[i + 1])));
        }
        return Item.newBuilder().setRelation(r).build();
    }

    public static ValueObject str(String s) { return ValueObject.newBuilder().setString(s).build(); }

    public static ValueObject lng(long l) { return ValueObject.newBuilder().setLong(l).build(); }

    public static ValueObject dbl(double d) { return ValueObject.newBuilder().setDouble(d).build(); }

    public static ValueObject bool(boolean b) { return ValueObject.newBuilder().setBoolean(b).build(); }

    public static ValueObject date(long ms) { return ValueObject.newBuilder().setDatetime(ms).build(); }

    public static String idOf(Item t) {
        return switch (t.getItemCase()) {
            case ENTITY -> t.getEntity().getId();
            case ATTRIBUTE -> t.getAttribute().getId();
            case RELATION -> t.getRelation().getId();
            default -> "";
        };
    }

    /** Writes header, things and (true) checksums, or the given checksums when not null. */
    public static Path write(Path file, List<Item> things, Item.Checksums checksums) {
        try (ItemWriter w = ItemWriter.create(file)) {
            w.header("test", "test");
            for (Item t : things) w.write(t);
            if (checksums == null) w.finish();
            else {
                w.writeAsIs(Item.newBuilder().setChecksums(checksums).build());
                w.complete();
            }
        }
        return file;
    }

    public static List<Item> read(byte[] bytes) {
        List<Item> items = new ArrayList<>();
        try (ItemReader r = ItemReader.open(new ByteArrayInputStream(bytes), "export")) {
            r.forEachRemaining(items::add);
        }
        return items;
    }

    public static List<Item> read(Path file) {
        List<Item> items = new ArrayList<>();
        try (ItemReader r = ItemReader.open(file)) {
            r.forEachRemaining(items::add);
        }
        return items;
    }

    /**
     * The graph as a sorted multiset of descriptions with ids replaced by content: attributes by
     * type and value, entities by type and owned attributes, relations by type, owned attributes and
     * role players (described one level deep).
     */
    public static List<String> canonical(List<Item> items) {
        Map<String, String> attr = new HashMap<>();
        Map<String, Item> byId = new HashMap<>();
        for (Item t : items) {
            byId.put(idOf(t), t);
            if (t.hasAttribute()) attr.put(t.getAttribute().getId(), t.getAttribute().getLabel() + "=" + valueText(t.getAttribute().getValue()));
        }
        Map<String, String> shallow = new HashMap<>();
        for (Item t : items) {
            if (t.hasEntity()) shallow.put(t.getEntity().getId(), t.getEntity().getLabel() + owned(t.getEntity().getAttributeList(), attr));
            if (t.hasRelation()) shallow.put(t.getRelation().getId(), t.getRelation().getLabel() + owned(t.getRelation().getAttributeList(), attr));
            if (t.hasAttribute()) shallow.put(t.getAttribute().getId(), attr.get(t.getAttribute().getId()));
        }
        List<String> out = new ArrayList<>();
        for (Item t : items) {
            switch (t.getItemCase()) {
                case ATTRIBUTE -> out.add("A " + attr.get(t.getAttribute().getId()) + owned(t.getAttribute().getAttributeList(), attr));
                case ENTITY -> out.add("E " + shallow.get(t.getEntity().getId()));
                case RELATION -> {
                    List<String> players = new ArrayList<>();
                    for (Item.Relation.Role role : t.getRelation().getRoleList()) {
                        for (Item.Relation.Role.Player p : role.getPlayerList()) players.add(role.getLabel() + ":" + shallow.get(p.getId()));
                    }
                    Collections.sort(players);
                    out.add("R " + shallow.get(t.getRelation().getId()) + " " + players);
                }
                default -> { }
            }
        }
        Collections.sort(out);
        return out;
    }

    private static String owned(List<Item.OwnedAttribute> owned, Map<String, String> attr) {
        List<String> s = new ArrayList<>();
        for (Item.OwnedAttribute o : owned) s.add(attr.get(o.getId()));
        Collections.sort(s);
        return s.toString();
    }

    private static String valueText(ValueObject v) {
        return v.getValueCase() + ":" + switch (v.getValueCase()) {
            case STRING -> v.getString();
            case LONG -> Long.toString(v.getLong());
            case DOUBLE -> Double.toString(v.getDouble());
            case BOOLEAN -> Boolean.toString(v.getBoolean());
            case DATETIME -> Long.toString(v.getDatetime());
            case VALUE_NOT_SET -> "";
        };
    }

    public static Item.Checksums checksumsOf(List<Item> items) {
        for (Item i : items) if (i.hasChecksums()) return i.getChecksums();
        return null;
    }
}
