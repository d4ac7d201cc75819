package io.graknmigrate.server;

import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small schema and generated things for server tests. */
final class TestData {

    static final String SCHEMA = """
            define
            name sub attribute, value string;
            person sub entity, has name;
            employment sub relation, relates employee;
            person plays employee;
            """;

    private TestData() { }

    /** {@code n} people, each owning a name, and one employment per ten people. */
    static List<Item> people(int n, String personLabel) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(Item.newBuilder().setAttribute(Item.Attribute.newBuilder().setId("a" + i).setLabel("name")
                    .setValue(ValueObject.newBuilder().setString("name-" + i))).build());
            items.add(Item.newBuilder().setEntity(Item.Entity.newBuilder().setId("p" + i).setLabel(personLabel)
                    .addAttribute(Item.OwnedAttribute.newBuilder().setId("a" + i))).build());
            if (i % 10 == 9) {
                Item.Relation.Role.Builder role = Item.Relation.Role.newBuilder().setLabel("employee");
                for (int j = i - 9; j <= i; j++) role.addPlayer(Item.Relation.Role.Player.newBuilder().setId("p" + j));
                items.add(Item.newBuilder().setRelation(Item.Relation.newBuilder().setId("r" + i).setLabel("employment").addRole(role)).build());
            }
        }
        return items;
    }

    /** A complete .grakn file: header, the things, checksums. */
    static Path file(Path path, List<Item> things) throws IOException {
        ItemTally tally = new ItemTally();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path))) {
            Item.newBuilder().setHeader(Item.Header.newBuilder().setGraknVersion("1.8.4").setOriginalDatabase("test")).build().writeDelimitedTo(out);
            for (Item item : things) {
                tally.add(item);
                item.writeDelimitedTo(out);
            }
            Item.newBuilder().setChecksums(tally.counted()).build().writeDelimitedTo(out);
        }
        return path;
    }

    /** A thing's label and, for attributes, value: what survives an export/import (ids do not). */
    static String signature(Item item) {
        if (item.hasAttribute()) return "attribute " + item.getAttribute().getLabel() + "=" + item.getAttribute().getValue().getString();
        if (item.hasEntity()) return "entity " + item.getEntity().getLabel() + " owns " + item.getEntity().getAttributeCount();
        if (item.hasRelation()) {
            int players = 0;
            for (Item.Relation.Role r : item.getRelation().getRoleList()) players += r.getPlayerCount();
            return "relation " + item.getRelation().getLabel() + " players " + players;
        }
        return item.getItemCase().toString();
    }
}
