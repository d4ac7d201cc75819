package io.graknmigrate.cli;

import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;

import java.io.ByteArrayOutputStream;

/** The small social schema and backup that the keyspace and typedb3 command tests feed the CLI. */
final class SocialBackup {

    static final String SCHEMA = """
            define
            name sub attribute, value string;
            email sub attribute, value string;
            person sub entity, key email, has name, plays friend;
            friendship sub relation, relates friend;
            """;

    private SocialBackup() { }

    /** A complete .grakn stream: three attributes, two people labelled {@code personLabel}, one friendship. */
    static byte[] backup(String graknVersion, String database, String personLabel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ItemWriter w = ItemWriter.to(out, "test")) {
            w.header(graknVersion, database);
            w.write(attr("e1", "email", "a@x"));
            w.write(attr("e2", "email", "b@x"));
            w.write(attr("n", "name", "Ann"));
            w.write(Item.newBuilder().setEntity(Item.Entity.newBuilder().setId("p1").setLabel(personLabel)
                    .addAttribute(Item.OwnedAttribute.newBuilder().setId("e1")).addAttribute(Item.OwnedAttribute.newBuilder().setId("n"))).build());
            w.write(Item.newBuilder().setEntity(Item.Entity.newBuilder().setId("p2").setLabel(personLabel)
                    .addAttribute(Item.OwnedAttribute.newBuilder().setId("e2"))).build());
            w.write(Item.newBuilder().setRelation(Item.Relation.newBuilder().setId("f").setLabel("friendship")
                    .addRole(Item.Relation.Role.newBuilder().setLabel("friend")
                            .addPlayer(Item.Relation.Role.Player.newBuilder().setId("p1"))
                            .addPlayer(Item.Relation.Role.Player.newBuilder().setId("p2")))).build());
            w.finish();
        }
        return out.toByteArray();
    }

    private static Item attr(String id, String label, String value) {
        return Item.newBuilder().setAttribute(Item.Attribute.newBuilder().setId(id).setLabel(label)
                .setValue(ValueObject.newBuilder().setString(value))).build();
    }
}
