package io.graknmigrate.benchmarks;

import com.google.protobuf.CodedOutputStream;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An insert-only Graql file and the {@code .grakn} backup of the very graph it loads, so that
 * {@code load} and {@code import} can be measured on the same data in one run.
 *
 * <p>Query {@code i} (one per line) inserts a person with a key ({@code email}, unique) and two
 * attributes ({@code name}, one of {@link #NAMES} values; {@code age}, one of {@link #AGES}); every
 * odd query also inserts a second person and a {@code friendship} between the two. Names and ages
 * repeat, as in real data, so most of their puts reuse an attribute. Everything is a pure function of
 * the query index: no seed, no memory that grows with the size.
 */
public final class SyntheticGraql {

    static final int NAMES = 50_000;
    static final int AGES = 80;

    private final long queries;

    public SyntheticGraql(long queries) {
        if (queries < 1) throw new IllegalArgumentException("a synthetic Graql file needs at least one query");
        this.queries = queries;
    }

    /** The schema both files conform to. */
    public static String schema() {
        return """
                define
                email sub attribute, value string;
                name sub attribute, value string;
                age sub attribute, value long;
                person sub entity, key email, has name, has age, plays friend;
                friendship sub relation, relates friend;
                """;
    }

    /** People in the whole file: one per query, plus one per odd query. */
    public long people() { return queries + queries / 2; }

    /** Things a keyspace holds after loading the file: people, their emails, the names and ages used, friendships. */
    public long things() {
        long people = people();
        return people * 2 + Math.min(people, NAMES) + Math.min(people, AGES) + queries / 2;
    }

    private static String email(long person) { return "person" + person + "@example.org"; }

    private static String name(long person) { return "name " + Long.toString(person % NAMES, 36); }

    private static long age(long person) { return 18 + person % AGES; }

    /** Writes the Graql file, one insert query per line. */
    public void writeGraql(Writer out) throws IOException {
        StringBuilder line = new StringBuilder(256);
        long person = 0;
        for (long q = 0; q < queries; q++) {
            line.setLength(0);
            line.append("insert ");
            appendPerson(line, "a", person++);
            if ((q & 1) == 1) {
                line.append(' ');
                appendPerson(line, "b", person++);
                line.append(" (friend: $a, friend: $b) isa friendship;");
            }
            line.append('\n');
            out.append(line);
        }
    }

    private static void appendPerson(StringBuilder line, String var, long person) {
        line.append('$').append(var).append(" isa person, has email \"").append(email(person))
                .append("\", has name \"").append(name(person)).append("\", has age ").append(age(person)).append(';');
    }

    // Ids of the backup: the kind in the low digit, the index above it.
    private static String emailId(long person) { return "V" + (person * 10 + 1); }

    private static String nameId(long person) { return "V" + ((person % NAMES) * 10 + 2); }

    private static String ageId(long person) { return "V" + ((person % AGES) * 10 + 3); }

    private static String personId(long person) { return "V" + (person * 10 + 4); }

    private static String relationId(long query) { return "V" + (query * 10 + 5); }

    /** Writes the {@code .grakn} backup of the same graph (header, things, checksums). */
    public void writeGrakn(OutputStream out) throws IOException {
        CodedOutputStream coded = CodedOutputStream.newInstance(out, 1 << 16);
        long entities = 0, attributes = 0, relations = 0, players = 0, ownerships = 0;
        write(coded, Item.newBuilder().setHeader(Item.Header.newBuilder().setGraknVersion("1.8.4").setOriginalDatabase("synthetic-graql")).build());
        long person = 0;
        for (long q = 0; q < queries; q++) {
            int people = (q & 1) == 1 ? 2 : 1;
            for (int k = 0; k < people; k++, person++) {
                write(coded, attribute(emailId(person), "email", ValueObject.newBuilder().setString(email(person))));
                attributes++;
                if (person < NAMES) {
                    write(coded, attribute(nameId(person), "name", ValueObject.newBuilder().setString(name(person))));
                    attributes++;
                }
                if (person < AGES) {
                    write(coded, attribute(ageId(person), "age", ValueObject.newBuilder().setLong(age(person))));
                    attributes++;
                }
                write(coded, Item.newBuilder().setEntity(Item.Entity.newBuilder().setId(personId(person)).setLabel("person")
                        .addAttribute(owned(emailId(person))).addAttribute(owned(nameId(person))).addAttribute(owned(ageId(person)))).build());
                entities++;
                ownerships += 3;
            }
            if (people == 2) {
                write(coded, Item.newBuilder().setRelation(Item.Relation.newBuilder().setId(relationId(q)).setLabel("friendship")
                        .addRole(Item.Relation.Role.newBuilder().setLabel("friend")
                                .addPlayer(Item.Relation.Role.Player.newBuilder().setId(personId(person - 2)))
                                .addPlayer(Item.Relation.Role.Player.newBuilder().setId(personId(person - 1))))).build());
                relations++;
                players += 2;
            }
        }
        write(coded, Item.newBuilder().setChecksums(Item.Checksums.newBuilder().setEntityCount(entities).setAttributeCount(attributes)
                .setRelationCount(relations).setRoleCount(players).setOwnershipCount(ownerships)).build());
        coded.flush();
    }

    private static Item attribute(String id, String label, ValueObject.Builder value) {
        return Item.newBuilder().setAttribute(Item.Attribute.newBuilder().setId(id).setLabel(label).setValue(value)).build();
    }

    private static Item.OwnedAttribute owned(String id) {
        return Item.OwnedAttribute.newBuilder().setId(id).build();
    }

    private static void write(CodedOutputStream coded, Item item) throws IOException {
        coded.writeUInt32NoTag(item.getSerializedSize());
        item.writeTo(coded);
    }

    /** The Graql file, the backup and the schema for {@code queries}, generated into the directory when missing. */
    public static Generated files(Path dir, long queries) throws IOException {
        Files.createDirectories(dir);
        SyntheticGraql g = new SyntheticGraql(queries);
        Path gql = dir.resolve("synthetic-graql-" + queries + ".gql");
        Path grakn = dir.resolve("synthetic-graql-" + queries + ".grakn");
        Path schema = dir.resolve("synthetic-graql-schema.gql");
        if (!Files.isRegularFile(gql)) {
            writeAtomically(gql, out -> {
                try (Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
                    g.writeGraql(w);
                }
            });
        }
        if (!Files.isRegularFile(grakn)) writeAtomically(grakn, g::writeGrakn);
        if (!Files.isRegularFile(schema)) writeAtomically(schema, out -> out.write(schema().getBytes(StandardCharsets.UTF_8)));
        return new Generated(gql, grakn, schema, g.things());
    }

    /** The generated files and the things the graph holds. */
    public record Generated(Path graql, Path grakn, Path schema, long things) { }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path file, Body body) throws IOException {
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                body.write(out);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** {@code java -cp benchmarks.jar io.graknmigrate.benchmarks.SyntheticGraql --queries N --dir DIR}: writes the three files. */
    public static void main(String[] args) throws IOException {
        long n = -1;
        Path dir = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--queries")) n = SyntheticBackup.parseCount(args[i + 1]);
            else if (args[i].equals("--dir")) dir = Path.of(args[i + 1]);
        }
        if (n < 1 || dir == null) {
            System.err.println("usage: java -cp benchmarks.jar io.graknmigrate.benchmarks.SyntheticGraql --queries N --dir DIR");
            System.exit(2);
            return;
        }
        Generated g = files(dir, n);
        System.err.println("wrote " + g.graql() + ", " + g.grakn() + " and " + g.schema() + ": " + g.things() + " things");
    }
}
