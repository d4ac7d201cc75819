package io.graknmigrate.store;

import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.migrate.ImportSummary;
import io.graknmigrate.migrate.ItemSinks;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.embedded.EmbeddedKeyspaces;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The core tests' one set of {@code .grakn} test helpers: a small schema and seeded backups of it,
 * builders for attributes, entities, relations and values, reading and writing item files, and a
 * content-only view of a graph to compare two of them whatever ids they got. Public for the tests of
 * the other packages (load, typedb3), which build their own data with these.
 */
public final class TestData {

    static final String SCHEMA = """
            define
            name sub attribute, value string;
            email sub attribute, value string;
            age sub attribute, value long;
            score sub attribute, value double;
            active sub attribute, value boolean;
            born sub attribute, value datetime;
            nickname sub attribute, value string, has name;
            person sub entity, key email, has name, has age, has score, has active, has born, has nickname,
                plays friend, plays employee, plays witness;
            company sub entity, has name, plays employer;
            friendship sub relation, relates friend, plays evidence, has score;
            employment sub relation, relates employee, relates employer, plays evidence;
            testimony sub relation, relates evidence, relates witness;
            """;

    static List<GraqlSource> schema() {
        return List.of(new GraqlSource("test.gql", SCHEMA));
    }

    private TestData() { }

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

    /** A seeded backup of the test schema, shuffled (items in any order), with every kind of reference. */
    static List<Item> backup(long seed, int people) {
        Random r = new Random(seed);
        List<Item> things = new ArrayList<>();
        Map<String, String> names = new TreeMap<>();
        for (int i = 0; i < people / 3 + 1; i++) {
            String id = "n" + i;
            names.put(id, "name " + i);
            things.add(attribute(id, "name", str("name " + i)));
        }
        List<String> nameIds = new ArrayList<>(names.keySet());
        things.add(attribute("nick0", "nickname", str("ace"), nameIds.get(0)));
        things.add(attribute("a-true", "active", bool(true)));
        things.add(attribute("a-false", "active", bool(false)));
        for (int i = 0; i < people; i++) {
            String email = "e" + i;
            things.add(attribute(email, "email", str("p" + i + "@example.com")));
            List<String> owned = new ArrayList<>(List.of(email, nameIds.get(r.nextInt(nameIds.size()))));
            if (r.nextBoolean()) {
                things.add(attribute("age" + i, "age", lng(i - 5L)));
                owned.add("age" + i);
            }
            if (r.nextInt(3) == 0) {
                things.add(attribute("score" + i, "score", dbl(r.nextGaussian() * 100)));
                owned.add("score" + i);
            }
            if (r.nextInt(4) == 0) {
                things.add(attribute("born" + i, "born", date(r.nextLong() % 4_000_000_000_000L)));
                owned.add("born" + i);
            }
            owned.add(r.nextBoolean() ? "a-true" : "a-false");
            if (i == 0) owned.add("nick0");
            things.add(entity("p" + i, "person", owned.toArray(new String[0])));
        }
        things.add(entity("c0", "company", nameIds.get(0)));
        things.add(entity("c1", "company"));
        for (int i = 0; i + 1 < people; i += 2) {
            things.add(relation("f" + i, "friendship", r.nextBoolean() ? List.of() : List.of("score" + i),
                    "friend", "p" + i, "friend", "p" + (i + 1)));
            things.add(relation("w" + i, "employment", List.of(), "employee", "p" + i, "employer", "c" + (i % 2)));
            if (i % 4 == 0) {
                things.add(relation("t" + i, "testimony", List.of(), "evidence", "f" + i, "witness", "p" + (i + 1)));
            }
        }
        // scores owned by friendships must exist: add those that were not generated for people
        List<Item> extra = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Item t : things) ids.add(idOf(t));
        for (Item t : things) {
            if (t.hasRelation()) for (Item.OwnedAttribute o : t.getRelation().getAttributeList()) {
                if (ids.add(o.getId())) extra.add(attribute(o.getId(), "score", dbl(-1.0 - extra.size())));
            }
        }
        things.addAll(extra);
        Collections.shuffle(things, r);
        return things;
    }

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

    /**
     * Imports a file as the command line does (by path: the pre-check, and the faster ways of an empty
     * keyspace), named by its file name, with no warnings shown.
     */
    static ImportSummary importPath(EmbeddedKeyspaces ks, String keyspace, Path file, ImportOptions options, ProgressListener progress)
            throws io.graknmigrate.schema.SchemaException {
        return ks.importFile(keyspace, file, file.getFileName().toString(), options, w -> { }, progress);
    }

    /** Imports a file as a stream of items (no pre-check: the general way). */
    static ImportSummary importFile(EmbeddedKeyspaces ks, String keyspace, Path file, ImportOptions options) throws Exception {
        try (ItemReader r = ItemReader.open(file)) {
            return ks.importFile(keyspace, r, options, ProgressListener.NONE);
        }
    }

    static byte[] exportBytes(EmbeddedKeyspaces ks, String keyspace) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (ItemWriter w = ItemWriter.to(out, "test")) {
            ks.export(keyspace, ItemSinks.to(w), ProgressListener.NONE);
        }
        return out.toByteArray();
    }

    public static List<Item> read(byte[] bytes) {
        List<Item> items = new ArrayList<>();
        try (ItemReader r = ItemReader.open(new java.io.ByteArrayInputStream(bytes), "export")) {
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

    static boolean exists(Path p) { return Files.exists(p); }
}
