package io.graknmigrate.cli.reliability;

import com.google.protobuf.CodedOutputStream;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A deterministic, schema-conforming backup of any size for crash, concurrency and large-data
 * tests, written with protobuf directly (not with the project's writer, which is under test).
 * Ids are a function of position, so memory stays constant for any size. Per block of ten things:
 * four attributes (string, long, double, datetime, each unique per type), three people owning three
 * of them, three friendships whose second player is in the NEXT block (forward references the
 * importer must resolve at the end; the last block points back to block 0). Two boolean attributes
 * come first and every person owns one of them.
 */
final class GeneratedBackup {

    static final String SCHEMA = """
            define

            name sub attribute, value string;
            age sub attribute, value long;
            score sub attribute, value double;
            active sub attribute, value boolean;
            since sub attribute, value datetime;

            person sub entity,
                has name,
                has age,
                has score,
                has active,
                plays friend;

            friendship sub relation,
                relates friend,
                has since;
            """;

    record Counts(long entities, long attributes, long relations, long rolePlayers, long ownerships, long bytes) {
        long items() { return entities + attributes + relations; }
    }

    private GeneratedBackup() { }

    static Path writeSchema(Path file) throws IOException {
        return Files.writeString(file, SCHEMA);
    }

    /** Writes {@code blocks} blocks (10 things each, plus 2 booleans, a header and checksums). */
    static Counts write(Path file, long blocks) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            return write(out, blocks);
        }
    }

    static Counts write(OutputStream out, long blocks) throws IOException {
        if (blocks < 1) throw new IllegalArgumentException("at least one block");
        CodedOutputStream coded = CodedOutputStream.newInstance(out, 1 << 16);
        long bytes = 0;
        long entities = 0, attributes = 0, relations = 0, players = 0, ownerships = 0;
        bytes += put(coded, Item.newBuilder().setHeader(Item.Header.newBuilder()
                .setGraknVersion("1.8.4").setOriginalDatabase("generated")).build());
        for (int b = 0; b < 2; b++) {
            bytes += put(coded, attribute("b" + b, "active", ValueObject.newBuilder().setBoolean(b == 1).build()));
            attributes++;
        }
        for (long block = 0; block < blocks; block++) {
            String p = "k" + block + "_";
            bytes += put(coded, attribute(p + "n", "name", ValueObject.newBuilder().setString("person name " + block).build()));
            bytes += put(coded, attribute(p + "a", "age", ValueObject.newBuilder().setLong(block - blocks / 2).build()));
            bytes += put(coded, attribute(p + "s", "score", ValueObject.newBuilder().setDouble(block * 0.25 + 0.125).build()));
            bytes += put(coded, attribute(p + "t", "since", ValueObject.newBuilder().setDatetime(1_000_000L * block - 86_400_000L).build()));
            attributes += 4;
            for (int e = 0; e < 3; e++) {
                Item.Entity.Builder person = Item.Entity.newBuilder().setId(p + "e" + e).setLabel("person")
                        .addAttribute(owned("b" + ((block + e) % 2)));
                // Each name/age/score belongs to one person of its block, as Grakn's uniqueness allows many owners,
                // but spreading them keeps the ownership count easy to reason about.
                person.addAttribute(owned(p + (e == 0 ? "n" : e == 1 ? "a" : "s")));
                bytes += put(coded, Item.newBuilder().setEntity(person).build());
                entities++;
                ownerships += 2;
            }
            long next = (block + 1) % blocks;
            for (int r = 0; r < 3; r++) {
                Item.Relation.Builder friendship = Item.Relation.newBuilder().setId(p + "r" + r).setLabel("friendship")
                        .addRole(Item.Relation.Role.newBuilder().setLabel("friend")
                                .addPlayer(Item.Relation.Role.Player.newBuilder().setId(p + "e" + r))
                                .addPlayer(Item.Relation.Role.Player.newBuilder().setId("k" + next + "_e" + ((r + 1) % 3))));
                if (r == 0) {
                    friendship.addAttribute(owned(p + "t"));
                    ownerships++;
                }
                bytes += put(coded, Item.newBuilder().setRelation(friendship).build());
                relations++;
                players += 2;
            }
        }
        bytes += put(coded, Item.newBuilder().setChecksums(Item.Checksums.newBuilder()
                .setEntityCount(entities).setAttributeCount(attributes).setRelationCount(relations)
                .setRoleCount(players).setOwnershipCount(ownerships)).build());
        coded.flush();
        return new Counts(entities, attributes, relations, players, ownerships, bytes);
    }

    private static Item attribute(String id, String label, ValueObject value) {
        return Item.newBuilder().setAttribute(Item.Attribute.newBuilder().setId(id).setLabel(label).setValue(value)).build();
    }

    private static Item.OwnedAttribute owned(String id) {
        return Item.OwnedAttribute.newBuilder().setId(id).build();
    }

    private static int put(CodedOutputStream coded, Item item) throws IOException {
        int size = item.getSerializedSize();
        coded.writeUInt32NoTag(size);
        item.writeTo(coded);
        return CodedOutputStream.computeUInt32SizeNoTag(size) + size;
    }
}
