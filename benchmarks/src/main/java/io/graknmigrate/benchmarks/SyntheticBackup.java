package io.graknmigrate.benchmarks;

import com.google.protobuf.CodedOutputStream;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic {@code .grakn} backup and the Graql schema it conforms to.
 *
 * <p>The mix follows real exports: per block of ten things, five attributes, two entities and three
 * relations, interleaved the way Grakn 1.8.4's parallel export interleaves types. Entities and
 * relations own one to three distinct attributes; relations have two or three role players; the
 * attributes cover all five value kinds with values unique per type (Grakn keeps one attribute per
 * type and value, so a real export never repeats one). The header comes first, the checksums last.
 *
 * <p>Ids are a pure function of an item's position, so references are resolved without any table
 * and memory stays constant for any size (the 10M-item file is generated in a few MB of heap). It is
 * written with protobuf's {@link CodedOutputStream} directly so the project's own writer is not
 * needed to produce its test input. The same seed and size always give the same bytes.
 */
public final class SyntheticBackup {

    /** Things per block and how the block splits into kinds. */
    static final int BLOCK = 10;
    static final int ATTRIBUTES_PER_BLOCK = 5;
    static final int ENTITIES_PER_BLOCK = 2;

    /** Two blocks: enough entities (4) for a meeting's three distinct players. */
    static final int MIN_ITEMS = 2 * BLOCK;

    static final String[] ENTITY_TYPES = {"person", "company", "place"};
    static final String[] RELATION_TYPES = {"employment", "friendship", "meeting"};

    /** Kinds of values; the boolean type holds only the two attributes {@code true} and {@code false}. */
    enum ValueKind {
        STRING("name", "string"), BOOLEAN("flag", "boolean"), LONG("amount", "long"),
        DOUBLE("score", "double"), DATETIME("moment", "datetime");

        final String label;
        final String graql;

        ValueKind(String label, String graql) {
            this.label = label;
            this.graql = graql;
        }
    }

    private static final long EPOCH_2020 = 1_577_836_800_000L;

    /** What was written, as Grakn's checksums count it. */
    public record Counts(long entities, long attributes, long relations, long rolePlayers, long ownerships,
                         long[] perValueKind, long bytes) {
        public long things() {
            return entities + attributes + relations;
        }
    }

    private final long things;
    private final long seed;
    private final long attributeCount;
    private final long entityCount;
    private final long relationCount;

    public SyntheticBackup(long things, long seed) {
        if (things < MIN_ITEMS) {
            throw new IllegalArgumentException("a synthetic backup needs at least " + MIN_ITEMS + " items, got " + things);
        }
        this.things = things;
        this.seed = seed;
        long full = things / BLOCK;
        int rest = (int) (things % BLOCK);
        this.attributeCount = full * ATTRIBUTES_PER_BLOCK + Math.min(rest, ATTRIBUTES_PER_BLOCK);
        this.entityCount = full * ENTITIES_PER_BLOCK
                + Math.max(0, Math.min(rest - ATTRIBUTES_PER_BLOCK, ENTITIES_PER_BLOCK));
        this.relationCount = things - attributeCount - entityCount;
    }

    public long attributeCount() {
        return attributeCount;
    }

    public long entityCount() {
        return entityCount;
    }

    public long relationCount() {
        return relationCount;
    }

    /** Writes the backup to {@code out} (not closed). */
    public Counts writeTo(OutputStream out) throws IOException {
        CodedOutputStream coded = CodedOutputStream.newInstance(out, 1 << 16);
        SplittableRandom random = new SplittableRandom(seed);
        long ownerships = 0;
        long players = 0;
        long[] perKind = new long[ValueKind.values().length];
        long bytes = 0;

        bytes += writeDelimited(coded, Item.newBuilder()
                .setHeader(Item.Header.newBuilder().setGraknVersion("1.8.4").setOriginalDatabase("synthetic"))
                .build());
        long a = 0;
        long e = 0;
        long r = 0;
        for (long position = 0; position < things; position++) {
            int slot = (int) (position % BLOCK);
            Item item;
            if (slot < ATTRIBUTES_PER_BLOCK) {
                ValueKind kind = kindOf(a);
                perKind[kind.ordinal()]++;
                item = Item.newBuilder().setAttribute(Item.Attribute.newBuilder()
                        .setId(attributeId(a)).setLabel(kind.label).setValue(valueOf(kind, a, random))).build();
                a++;
            } else if (slot < ATTRIBUTES_PER_BLOCK + ENTITIES_PER_BLOCK) {
                Item.Entity.Builder entity = Item.Entity.newBuilder()
                        .setId(entityId(e)).setLabel(ENTITY_TYPES[random.nextInt(ENTITY_TYPES.length)]);
                ownerships += addOwnerships(random, entity::addAttribute);
                item = Item.newBuilder().setEntity(entity).build();
                e++;
            } else {
                Item.Relation.Builder relation = Item.Relation.newBuilder().setId(relationId(r));
                ownerships += addOwnerships(random, relation::addAttribute);
                players += addRoles(random, relation);
                item = Item.newBuilder().setRelation(relation).build();
                r++;
            }
            bytes += writeDelimited(coded, item);
        }
        bytes += writeDelimited(coded, Item.newBuilder().setChecksums(Item.Checksums.newBuilder()
                .setEntityCount(e).setAttributeCount(a).setRelationCount(r)
                .setRoleCount(players).setOwnershipCount(ownerships)).build());
        coded.flush();
        return new Counts(e, a, r, players, ownerships, perKind, bytes);
    }

    /** Writes the backup to {@code file} through a temporary file in the same directory. */
    public Counts writeTo(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Counts counts;
            try (OutputStream out = Files.newOutputStream(temp)) {
                counts = writeTo(out);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return counts;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The Graql 1.8 {@code define} query every synthetic backup conforms to, whatever its size or seed. */
    public static String schema() {
        StringBuilder gql = new StringBuilder("define\n\n");
        for (ValueKind kind : ValueKind.values()) {
            gql.append(kind.label).append(" sub attribute,\n    value ").append(kind.graql).append(";\n\n");
        }
        StringBuilder owns = new StringBuilder();
        for (ValueKind kind : ValueKind.values()) {
            owns.append(",\n    has ").append(kind.label);
        }
        String[] roles = {"employment_employee", "employment_employer", "friendship_friend",
                "meeting_attendee", "meeting_venue"};
        StringBuilder plays = new StringBuilder();
        for (String role : roles) {
            plays.append(",\n    plays ").append(role);
        }
        gql.append("employment sub relation,\n    relates employment_employee,\n    relates employment_employer")
                .append(owns).append(";\n\n");
        gql.append("friendship sub relation,\n    relates friendship_friend").append(owns).append(";\n\n");
        gql.append("meeting sub relation,\n    relates meeting_attendee,\n    relates meeting_venue")
                .append(owns).append(";\n\n");
        for (String entity : ENTITY_TYPES) {
            gql.append(entity).append(" sub entity").append(owns).append(plays).append(";\n\n");
        }
        return gql.toString();
    }

    private static long writeDelimited(CodedOutputStream coded, Item item) throws IOException {
        int size = item.getSerializedSize();
        coded.writeUInt32NoTag(size);
        item.writeTo(coded);
        return CodedOutputStream.computeUInt32SizeNoTag(size) + size;
    }

    private interface OwnedSink {
        void add(Item.OwnedAttribute owned);
    }

    /** One to three distinct attributes, drawn uniformly from the whole file. */
    private int addOwnerships(SplittableRandom random, OwnedSink sink) {
        int count = 1 + random.nextInt(3);
        long first = -1;
        long second = -1;
        for (int i = 0; i < count; i++) {
            long pick;
            do {
                pick = random.nextLong(attributeCount);
            } while (pick == first || pick == second);
            if (i == 0) {
                first = pick;
            } else {
                second = pick;
            }
            sink.add(Item.OwnedAttribute.newBuilder().setId(attributeId(pick)).build());
        }
        // with attributeCount >= 5 the loop always finds distinct picks; count is what was added
        return count;
    }

    /** Two players (employment, friendship) or three (a meeting: two attendees and a venue). */
    private int addRoles(SplittableRandom random, Item.Relation.Builder relation) {
        int type = random.nextInt(RELATION_TYPES.length);
        relation.setLabel(RELATION_TYPES[type]);
        long p1 = random.nextLong(entityCount);
        long p2;
        do {
            p2 = random.nextLong(entityCount);
        } while (p2 == p1);
        switch (type) {
            case 0 -> {
                relation.addRole(role("employment_employee", p1));
                relation.addRole(role("employment_employer", p2));
                return 2;
            }
            case 1 -> {
                relation.addRole(role("friendship_friend", p1, p2));
                return 2;
            }
            default -> {
                long p3;
                do {
                    p3 = random.nextLong(entityCount);
                } while (p3 == p1 || p3 == p2);
                relation.addRole(role("meeting_attendee", p1, p2));
                relation.addRole(role("meeting_venue", p3));
                return 3;
            }
        }
    }

    private Item.Relation.Role role(String label, long... entities) {
        Item.Relation.Role.Builder role = Item.Relation.Role.newBuilder().setLabel(label);
        for (long entity : entities) {
            role.addPlayer(Item.Relation.Role.Player.newBuilder().setId(entityId(entity)));
        }
        return role.build();
    }

    /**
     * The kind of attribute {@code index}, a pure function of the seed and the index so an owner can be
     * generated without remembering attributes. Indexes 0 and 1 are the only booleans.
     */
    ValueKind kindOf(long index) {
        if (index < 2) {
            return ValueKind.BOOLEAN;
        }
        int bucket = (int) Long.remainderUnsigned(mix(seed ^ index * 0x9E3779B97F4A7C15L), 100);
        if (bucket < 40) {
            return ValueKind.STRING;
        } else if (bucket < 65) {
            return ValueKind.LONG;
        } else if (bucket < 85) {
            return ValueKind.DOUBLE;
        }
        return ValueKind.DATETIME;
    }

    /** Values are derived from the index so they are unique per type; the random part only pads. */
    private static ValueObject valueOf(ValueKind kind, long index, SplittableRandom random) {
        ValueObject.Builder value = ValueObject.newBuilder();
        switch (kind) {
            case BOOLEAN -> value.setBoolean(index == 0);
            case LONG -> value.setLong(index * 7 - 1_000_000);
            case DOUBLE -> value.setDouble(index + 0.25);
            case DATETIME -> value.setDatetime(EPOCH_2020 + index * 60_000L);
            case STRING -> value.setString(text(index, random));
        }
        return value.build();
    }

    private static final String[] WORDS = {"north", "river", "stone", "amber", "field", "cedar", "harbour",
            "lantern", "meadow", "quartz", "violet", "willow"};

    private static String text(long index, SplittableRandom random) {
        StringBuilder s = new StringBuilder(40);
        int words = 1 + random.nextInt(4);
        for (int i = 0; i < words; i++) {
            s.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        return s.append(Long.toString(index, 36)).toString();
    }

    private static String attributeId(long index) {
        return "V" + (4096 + 4 * (index / ATTRIBUTES_PER_BLOCK * BLOCK + index % ATTRIBUTES_PER_BLOCK));
    }

    private static String entityId(long index) {
        return "V" + (4096 + 4 * (index / ENTITIES_PER_BLOCK * BLOCK + ATTRIBUTES_PER_BLOCK
                + index % ENTITIES_PER_BLOCK));
    }

    private static String relationId(long index) {
        int perBlock = BLOCK - ATTRIBUTES_PER_BLOCK - ENTITIES_PER_BLOCK;
        return "V" + (4096 + 4 * (index / perBlock * BLOCK + ATTRIBUTES_PER_BLOCK + ENTITIES_PER_BLOCK
                + index % perBlock));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * {@code java -cp benchmarks.jar io.graknmigrate.benchmarks.SyntheticBackup --items N --seed S
     * --out file.grakn [--schema-out file.gql]}
     */
    public static void main(String[] args) {
        long items = -1;
        long seed = 42;
        Path out = null;
        Path schemaOut = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("-h") || arg.equals("--help")) {
                    System.out.println(USAGE);
                    return;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + arg + " needs a value");
                }
                String value = args[++i];
                switch (arg) {
                    case "--items" -> items = parseCount(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--out" -> out = Path.of(value);
                    case "--schema-out" -> schemaOut = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (items < MIN_ITEMS || out == null) {
                throw new IllegalArgumentException("--items (at least " + MIN_ITEMS + ") and --out are required");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage() + ", on the command line, see the usage below");
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try {
            long start = System.nanoTime();
            Counts counts = new SyntheticBackup(items, seed).writeTo(out);
            if (schemaOut != null) {
                writeSchema(schemaOut);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.err.printf(Locale.ROOT,
                    "wrote %s: %d things (%d attributes, %d entities, %d relations), %d role players, "
                            + "%d ownerships, %d bytes in %.1f s%n",
                    out, counts.things(), counts.attributes(), counts.entities(), counts.relations(),
                    counts.rolePlayers(), counts.ownerships(), counts.bytes(), seconds);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("error: could not write the synthetic backup, " + out + ": " + e.getMessage()
                    + ", check the directory exists and has space");
            System.exit(1);
        }
    }

    /** Writes {@link #schema()} through a temporary file in the same directory. */
    public static void writeSchema(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, schema(), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Accepts 10000, 10k, 1m, 10M. */
    static long parseCount(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
        long factor = 1;
        if (t.endsWith("k")) {
            factor = 1_000;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            factor = 1_000_000;
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a count (examples: 10000, 10k, 1m)");
        }
    }

    private static final String USAGE = """
            usage: java -cp benchmarks.jar io.graknmigrate.benchmarks.SyntheticBackup \\
                     --items N --out FILE.grakn [--seed S] [--schema-out FILE.gql]
              --items N        things to write (10000, 10k, 1m, 10m); header and checksums come on top
              --seed S         random seed (default 42); the same seed and size give the same bytes
              --out FILE       the .grakn file to write
              --schema-out F   also write the Graql schema the file conforms to""";
}
