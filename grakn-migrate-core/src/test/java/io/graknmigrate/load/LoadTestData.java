package io.graknmigrate.load;

import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The schema and data the load tests use, and a content-only view of an export to compare keyspaces. */
final class LoadTestData {

    private LoadTestData() { }

    static final String SCHEMA = """
            define
            name sub attribute, value string;
            email sub attribute, value string, regex "[a-z0-9.]+@[a-z.]+";
            age sub attribute, value long;
            score sub attribute, value double;
            born sub attribute, value datetime;
            active sub attribute, value boolean;
            person sub entity, key email, has name, has age, has score, has born, has active, plays friend, plays employee;
            student sub person;
            company sub entity, has name, plays employer;
            pet sub entity, abstract;
            friendship sub relation, relates friend, has score;
            employment sub relation, relates employee, relates employer;
            """;

    static final String BASE_DATA = """
            insert $p isa person, has email "base@x.org", has name "Base";
            insert $c isa company, has name "Base Inc";
            """;

    static List<Item> read(byte[] bytes) {
        List<Item> items = new ArrayList<>();
        try (ItemReader r = ItemReader.open(new java.io.ByteArrayInputStream(bytes), "export")) {
            r.forEachRemaining(items::add);
        }
        return items;
    }

    /**
     * The graph of an export as a sorted list of descriptions with ids replaced by content: attributes by
     * type and value, entities by type and owned attributes, relations also by their players (one level deep).
     */
    static List<String> canonical(byte[] export) {
        List<Item> items = read(export);
        Map<String, String> attr = new HashMap<>();
        for (Item t : items) {
            if (t.hasAttribute()) attr.put(t.getAttribute().getId(), t.getAttribute().getLabel() + "=" + valueText(t.getAttribute().getValue()));
        }
        Map<String, String> shallow = new HashMap<>();
        for (Item t : items) {
            if (t.hasEntity()) shallow.put(t.getEntity().getId(), t.getEntity().getLabel() + owned(t.getEntity().getAttributeList(), attr));
            if (t.hasRelation()) shallow.put(t.getRelation().getId(), t.getRelation().getLabel() + owned(t.getRelation().getAttributeList(), attr));
        }
        List<String> out = new ArrayList<>();
        for (Item t : items) {
            if (t.hasAttribute()) out.add("A " + attr.get(t.getAttribute().getId()) + owned(t.getAttribute().getAttributeList(), attr));
            else if (t.hasEntity()) out.add("E " + shallow.get(t.getEntity().getId()));
            else if (t.hasRelation()) {
                List<String> players = new ArrayList<>();
                for (Item.Relation.Role role : t.getRelation().getRoleList()) {
                    for (Item.Relation.Role.Player p : role.getPlayerList()) players.add(role.getLabel() + ":" + shallow.get(p.getId()));
                }
                Collections.sort(players);
                out.add("R " + shallow.get(t.getRelation().getId()) + " " + players);
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
}
