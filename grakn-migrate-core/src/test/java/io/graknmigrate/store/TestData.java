package io.graknmigrate.store;

import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.proto.Item;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.graknmigrate.testing.Items.*;

/** A small schema and seeded backups of it, plus helpers to compare keyspaces by content. */
final class TestData {

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

    static boolean exists(Path p) { return Files.exists(p); }
}
