package io.graknmigrate.store;

import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import io.graknmigrate.migrate.Exporter;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.migrate.ItemSink;
import io.graknmigrate.migrate.ItemSinks;
import io.graknmigrate.migrate.KeyspaceSource;
import io.graknmigrate.schema.TypeKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.graknmigrate.store.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export's reader ({@link ReadSnapshot}, sliced, one or two connections) hands out exactly what a
 * plain row-by-row JDBC read of the same file hands out, and the export written from it is that
 * read's export byte for byte: for every value type and the values that are hard to carry in text
 * (separators, newlines, NUL, non-BMP characters, long text, -0.0, infinities, subnormals, extreme
 * longs and datetimes), for things with no and with tens of thousands of ownerships or role players,
 * with the kinds' ids interleaved, across slice boundaries. A faster reader must pass these unchanged.
 */
class ExportHardValuesTest {

    /** With the rest, more things than one slice holds, so slices have boundaries inside the data. */
    static final int FILLER = 12_000;
    /** Ownerships of one thing, and players of one relation: more than any page a reader might fetch at once. */
    static final int MANY = 20_000;

    /** A length around which a reader might switch from carrying text inline to reading it on its own. */
    static final int TEXT_BYTES = 512;

    @TempDir
    static Path shared;

    static EmbeddedKeyspaces keyspaces;

    static final List<String> HARD_STRINGS = List.of("", " ", ",", ":", "a,b", "a b", "line\nbreak\r\nand\ttab", "quote\"'`",
            "nul\u0000byte", "\u0000", "emoji \uD83D\uDE00 clef \uD834\uDD1E", "lone \uD800 surrogate", "12 34", "t5:xx", "i7,", "x", "n",
            "é".repeat(TEXT_BYTES / 2), "a".repeat(TEXT_BYTES),
            "a".repeat(TEXT_BYTES + 1), "é".repeat(TEXT_BYTES / 2) + "b",
            "\uD83D\uDE00".repeat(200), "big ".repeat(100_000));

    static final double[] HARD_DOUBLES = {-0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
        -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 0.1, 1e300, -1.5, 3.0, 4.9e-320, 123456789.123456789};

    static final long[] HARD_LONGS = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L};

    static final long[] HARD_DATES = {0, -1, 1, -62_135_596_800_000L, 253_402_300_799_999L, 1_700_000_000_123L};

    @BeforeAll
    static void buildKeyspace() throws Exception {
        keyspaces = new EmbeddedKeyspaces(shared.resolve("data"), "grakn-migrate test");
        keyspaces.define("hard", schema(), w -> { });
        importFile(keyspaces, "hard", write(shared.resolve("hard.grakn"), hardThings(), null), ImportOptions.defaults());
    }

    static List<Item> hardThings() {
        Random r = new Random(42);
        List<Item> things = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < HARD_STRINGS.size(); i++) {
            things.add(attribute("s" + i, "name", str(HARD_STRINGS.get(i))));
            names.add("s" + i);
        }
        for (int i = 0; i < HARD_DOUBLES.length; i++) things.add(attribute("d" + i, "score", dbl(HARD_DOUBLES[i])));
        for (int i = 0; i < HARD_LONGS.length; i++) things.add(attribute("l" + i, "age", lng(HARD_LONGS[i])));
        for (int i = 0; i < HARD_DATES.length; i++) things.add(attribute("t" + i, "born", date(HARD_DATES[i])));
        things.add(attribute("b0", "active", bool(true)));
        things.add(attribute("b1", "active", bool(false)));
        // a nickname (an attribute) owning every hard string
        things.add(attribute("nick", "nickname", str("owner of names"), names.toArray(new String[0])));
        // a person owning tens of thousands of names
        List<String> many = new ArrayList<>(List.of("e-many"));
        things.add(attribute("e-many", "email", str("many@example.com")));
        for (int i = 0; i < MANY; i++) {
            things.add(attribute("m" + i, "name", str("name " + i)));
            many.add("m" + i);
        }
        things.add(entity("p-many", "person", many.toArray(new String[0])));
        // people with every hard value, and friends for a friendship with tens of thousands of players
        List<String> friends = new ArrayList<>();
        for (int i = 0; i < MANY; i++) {
            things.add(attribute("e" + i, "email", str("p" + i + "@example.com")));
            List<String> owned = new ArrayList<>(List.of("e" + i));
            if (i < HARD_DOUBLES.length) owned.add("d" + i);
            if (i < HARD_LONGS.length) owned.add("l" + i);
            if (i < HARD_DATES.length) owned.add("t" + i);
            if (i % 3 == 0) owned.add("b" + (i % 2));
            things.add(entity("p" + i, "person", owned.toArray(new String[0])));
            friends.add("friend");
            friends.add("p" + i);
        }
        things.add(relation("f-many", "friendship", List.of("d0", "d1"), friends.toArray(new String[0])));
        for (int i = 0; i + 1 < FILLER; i += 2) {
            things.add(entity("c" + i, "company")); // no ownerships at all
            things.add(relation("w" + i, "employment", List.of(), "employee", "p" + (i % MANY), "employer", "c" + i));
        }
        Collections.shuffle(things, r); // the kinds' ids interleave
        return things;
    }

    private static byte[] export(KeyspaceSource source) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ItemWriter w = ItemWriter.to(out, "test")) {
            Exporter.export(source, ItemSinks.to(w), "grakn-migrate test", ProgressListener.NONE);
        }
        return out.toByteArray();
    }

    /** The export through a sink that takes items only: the readers build items and the writer encodes them. */
    private static byte[] exportAsItems(KeyspaceSource source) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ItemWriter w = ItemWriter.to(out, "test")) {
            ItemSink items = ItemSinks.to(w);
            Exporter.export(source, item -> items.accept(item), "grakn-migrate test", ProgressListener.NONE);
        }
        return out.toByteArray();
    }

    private static List<StoredThingCopy> records(KeyspaceSource s, TypeKind kind) {
        return StoredThingCopy.all(s, kind);
    }

    private static void assertReadsAsRowByRow(KeyspaceStore store, String keyspace) throws Exception {
        try (ReadSnapshot s = store.read(keyspace, 1); RowByRowSource plain = new RowByRowSource(s, store.file(keyspace))) {
            for (TypeKind kind : TypeKind.values()) {
                if (kind == TypeKind.ENTITY || kind == TypeKind.ATTRIBUTE || kind == TypeKind.RELATION) {
                    assertThat(records(s, kind)).as(kind.name()).isEqualTo(records(plain, kind));
                }
            }
        }
    }

    @Test
    void everyThingIsReadAsARowByRowReadReadsIt() throws Exception {
        KeyspaceStore store = keyspaces.store();
        try (ReadSnapshot s = store.read("hard", 1)) {
            assertThat(s.slices(TypeKind.ATTRIBUTE)).isGreaterThanOrEqualTo(2);
            List<StoredThingCopy> attributes = records(s, TypeKind.ATTRIBUTE);
            // the hard values are there, as themselves (Double.equals compares bits: -0.0 is not 0.0)
            List<Object> values = attributes.stream().map(StoredThingCopy::value).toList();
            for (String v : HARD_STRINGS) {
                if (!v.contains("\uD800")) assertThat(values).contains(v);
            }
            for (double d : HARD_DOUBLES) assertThat(values).contains(d);
            for (long l : HARD_LONGS) assertThat(values).contains(l);
            StoredThingCopy many = records(s, TypeKind.ENTITY).stream().filter(t -> t.owned().size() == MANY + 1).findFirst().orElseThrow();
            assertThat(many.type()).isEqualTo("person");
            assertThat(records(s, TypeKind.RELATION).stream().mapToInt(t -> t.players().size()).max().orElseThrow()).isEqualTo(MANY);
        }
        assertReadsAsRowByRow(store, "hard");
    }

    @Test
    void theExportIsTheRowByRowExportByteForByte() throws Exception {
        KeyspaceStore store = keyspaces.store();
        byte[] plain;
        try (ReadSnapshot s = store.read("hard", 1); RowByRowSource r = new RowByRowSource(s, store.file("hard"))) {
            plain = export(r);
        }
        for (int readers : new int[] {1, 2}) {
            try (ReadSnapshot s = store.read("hard", readers)) {
                assertThat(export(s)).isEqualTo(plain);
            }
        }
        assertThat(canonical(read(plain).subList(1, read(plain).size() - 1))).isEqualTo(canonical(hardThingsAsStored()));
    }

    @Test
    void framesEncodedOnTheReadersAreTheBytesTheWriterEncodesFromItems() throws Exception {
        KeyspaceStore store = keyspaces.store();
        for (int readers : new int[] {1, 2}) {
            try (ReadSnapshot s = store.read("hard", readers)) {
                assertThat(s.slices(TypeKind.ATTRIBUTE)).isGreaterThanOrEqualTo(2);
                byte[] items = exportAsItems(s);
                byte[] frames = export(s);
                assertThat(java.util.Arrays.mismatch(frames, items)).as("first differing byte (of %d)", items.length).isEqualTo(-1);
            }
        }
    }

    /** The hard things as the store keeps them: a lone surrogate is stored as '?'. (No keyspace holds NaN: the import refuses it.) */
    private static List<Item> hardThingsAsStored() {
        List<Item> stored = new ArrayList<>();
        for (Item t : hardThings()) {
            if (t.hasAttribute()) {
                ValueObject v = t.getAttribute().getValue();
                if (v.hasString() && v.getString().contains("\uD800")) v = str(v.getString().replace('\uD800', '?'));
                t = Item.newBuilder().setAttribute(t.getAttribute().toBuilder().setValue(v)).build();
            }
            stored.add(t);
        }
        return stored;
    }

    @Test
    void valuesStoredOtherThanTheirValueTypeStoresThemAreReadAsJdbcReadsThem() throws Exception {
        Path dir = shared.resolve("odd");
        EmbeddedKeyspaces ks = new EmbeddedKeyspaces(dir, "grakn-migrate test");
        ks.define("odd", schema(), w -> { });
        List<Item> things = List.of(attribute("a", "age", lng(1)), attribute("b", "score", dbl(2.5)), attribute("c", "name", str("c")),
                attribute("d", "active", bool(true)), attribute("e", "born", date(5)), attribute("f", "name", str("f")),
                attribute("g", "age", lng(7)), attribute("h", "score", dbl(8.5)), entity("x", "company", "c"));
        importFile(ks, "odd", write(dir.resolve("odd.grakn"), things, null), ImportOptions.defaults());
        Path file = ks.store().file("odd");
        try (Connection c = Sqlite.open(file, true)) {
            // text in a long, an integer in a double, a real and a blob in a string, text in a boolean, NULL in a datetime
            String[] updates = {"'12abc'", "7", "2.25", "X'00ff'", "'yes'", "NULL", "'-3'", "'x'"};
            int i = 0;
            for (String label : new String[] {"1", "2.5", "c", "f", "1", "5", "7", "8.5"}) {
                try (PreparedStatement s = c.prepareStatement("UPDATE thing SET value = " + updates[i++]
                        + " WHERE id = (SELECT min(id) FROM thing WHERE CAST(value AS TEXT) = ?)")) {
                    s.setString(1, label);
                    s.executeUpdate();
                }
            }
        }
        assertReadsAsRowByRow(ks.store(), "odd");
    }

    @Test
    void anEmptyKeyspaceAndOneWithOneKindOnlyReadAsRowByRow() throws Exception {
        Path dir = shared.resolve("small");
        EmbeddedKeyspaces ks = new EmbeddedKeyspaces(dir, "grakn-migrate test");
        ks.define("empty", schema(), w -> { });
        assertReadsAsRowByRow(ks.store(), "empty");
        ks.define("one", schema(), w -> { });
        importFile(ks, "one", write(dir.resolve("one.grakn"), List.of(entity("c", "company")), null), ImportOptions.defaults());
        assertReadsAsRowByRow(ks.store(), "one");
        assertThat(Files.exists(ks.store().file("one"))).isTrue();
    }
}
