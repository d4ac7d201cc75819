package io.graknmigrate.benchmarks;

import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.schema.SchemaException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The keyspace the match benchmarks query: {@code people} people, each with an {@code email} key
 * ({@code p<i>@example.com}) and, one in ten, a {@code name}; a {@code friendship} between each odd
 * person and the one before. Built once by a {@code .grakn} import (the fastest way to fill a
 * keyspace) and kept in the scratch directory; with {@code filler} extra things (entities of a type
 * of their own, {@code item}) the keyspace reaches 10M things with the same people in it.
 */
public final class PeopleGraph {

    static final String SCHEMA = """
            define
            email sub attribute, value string;
            name sub attribute, value string;
            person sub entity, key email, has name, plays friend;
            friendship sub relation, relates friend;
            item sub entity;
            """;

    static final String KEYSPACE = "people";

    private PeopleGraph() { }

    /** Things the keyspace holds: people, emails, names, friendships and the filler. */
    static long things(long people, long filler) {
        return people * 2 + (people + 9) / 10 + people / 2 + filler;
    }

    /**
     * The data directory holding keyspace {@value #KEYSPACE} of this size, built under {@code root}
     * when it is not there yet.
     */
    static Path build(Path root, int people, long filler) throws IOException, SchemaException {
        Path data = root.resolve("data");
        if (Files.exists(root.resolve("ready"))) return data;
        Datasets.deleteTree(root);
        Files.createDirectories(root);
        Path backup = root.resolve("people.grakn");
        try (ItemWriter w = ItemWriter.create(backup)) {
            w.header("benchmark", KEYSPACE);
            for (int i = 0; i < people; i++) {
                w.write(attribute("e" + i, "email", email(i)));
                if (i % 10 == 0) w.write(attribute("n" + i, "name", "name " + i));
                Item.Entity.Builder e = Item.Entity.newBuilder().setId("p" + i).setLabel("person")
                        .addAttribute(Item.OwnedAttribute.newBuilder().setId("e" + i))
                        .addAttribute(Item.OwnedAttribute.newBuilder().setId("n" + (i - i % 10)));
                w.write(Item.newBuilder().setEntity(e).build());
                if (i % 2 == 1) {
                    w.write(Item.newBuilder().setRelation(Item.Relation.newBuilder().setId("f" + i).setLabel("friendship")
                            .addRole(Item.Relation.Role.newBuilder().setLabel("friend")
                                    .addPlayer(Item.Relation.Role.Player.newBuilder().setId("p" + (i - 1)))
                                    .addPlayer(Item.Relation.Role.Player.newBuilder().setId("p" + i)))).build());
                }
            }
            for (long i = 0; i < filler; i++) {
                w.write(Item.newBuilder().setEntity(Item.Entity.newBuilder().setId("i" + i).setLabel("item")).build());
            }
            w.finish();
        }
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(data, "grakn-migrate benchmarks");
        keyspaces.define(KEYSPACE, List.of(new GraqlSource("people.gql", SCHEMA)), w -> { });
        try (ItemReader r = ItemReader.open(backup)) {
            keyspaces.importFile(KEYSPACE, r, ImportOptions.defaults(), ProgressListener.NONE);
        }
        Files.delete(backup);
        Files.createFile(root.resolve("ready"));
        return data;
    }

    static String email(long person) { return "p" + person + "@example.com"; }

    private static Item attribute(String id, String type, String value) {
        return Item.newBuilder().setAttribute(Item.Attribute.newBuilder().setId(id).setLabel(type)
                .setValue(ValueObject.newBuilder().setString(value))).build();
    }

    /** One match-insert query: two people by key, a friendship between them (one line). */
    static void appendMatchInsert(StringBuilder sb, long a, long b) {
        sb.append("match $a isa person, has email \"").append(email(a)).append("\"; $b isa person, has email \"")
                .append(email(b)).append("\"; insert (friend: $a, friend: $b) isa friendship;\n");
    }

    /** A file of match-insert queries between random people (seeded), written when missing. */
    static Path matchInserts(Path dir, int people, long queries, long seed) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("match-insert-" + people + "-" + queries + "-seed" + seed + ".gql");
        if (Files.isRegularFile(file)) return file;
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            SplittableRandom random = new SplittableRandom(seed);
            StringBuilder sb = new StringBuilder(256);
            try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8), 1 << 16)) {
                for (long q = 0; q < queries; q++) {
                    sb.setLength(0);
                    appendMatchInsert(sb, random.nextInt(people), random.nextInt(people));
                    w.append(sb);
                }
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return file;
    }

    /** A file of key lookups ({@code match $p isa person, has email "…"; get;}) of random people (seeded), written when missing. */
    static Path lookups(Path dir, int people, long queries, long seed) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("lookup-" + people + "-" + queries + "-seed" + seed + ".gql");
        if (Files.isRegularFile(file)) return file;
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            SplittableRandom random = new SplittableRandom(seed);
            try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8), 1 << 16)) {
                for (long q = 0; q < queries; q++) {
                    w.append("match $p isa person, has email \"").append(email(random.nextInt(people))).append("\"; get;\n");
                }
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return file;
    }

    /**
     * {@code java -cp benchmarks.jar io.graknmigrate.benchmarks.PeopleGraph --people N [--filler M]
     * [--inserts Q] [--lookups Q] --dir DIR}: builds the keyspace under {@code DIR/people-N[-M]} and the
     * query files beside it.
     */
    public static void main(String[] args) throws IOException, SchemaException {
        long people = -1;
        long filler = 0;
        long inserts = 0;
        long lookups = 0;
        Path dir = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--people" -> people = SyntheticBackup.parseCount(args[i + 1]);
                case "--filler" -> filler = SyntheticBackup.parseCount(args[i + 1]);
                case "--inserts" -> inserts = SyntheticBackup.parseCount(args[i + 1]);
                case "--lookups" -> lookups = SyntheticBackup.parseCount(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                default -> { }
            }
        }
        if (people < 1 || people > Integer.MAX_VALUE || dir == null) {
            System.err.println("usage: java -cp benchmarks.jar io.graknmigrate.benchmarks.PeopleGraph --people N [--filler M]"
                    + " [--inserts Q] [--lookups Q] --dir DIR");
            System.exit(2);
            return;
        }
        Path root = dir.resolve("people-" + people + (filler > 0 ? "-" + filler : ""));
        Path data = build(root, (int) people, filler);
        System.err.println("keyspace " + KEYSPACE + " in " + data + ": " + things(people, filler) + " things");
        if (inserts > 0) System.err.println("wrote " + matchInserts(dir, (int) people, inserts, Datasets.SEED));
        if (lookups > 0) System.err.println("wrote " + lookups(dir, (int) people, lookups, Datasets.SEED));
    }
}
