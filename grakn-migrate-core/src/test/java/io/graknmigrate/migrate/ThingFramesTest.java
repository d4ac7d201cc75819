package io.graknmigrate.migrate;

import io.graknmigrate.format.ChecksumTally;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.SchemaDefiner;
import io.graknmigrate.schema.TypeKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The frames an export's readers encode from stored things are protobuf-java's delimited encoding of
 * the items those things are, byte for byte, and are counted as the checksums count them; the items
 * {@link Exporter#toItem} builds for a sink of items are those items. The expected items are built
 * here with protobuf's builders from the things' description, not by the export's code.
 */
class ThingFramesTest {

    private static final Schema SCHEMA = schema();

    private static final String[] HARD = {"", "a", "é", "\u0000", "lone \uD800 surrogate", "\uDC00", "end \uD83D",
        "\uD83D\uDE00 pair", "a".repeat(127), "a".repeat(128), "é".repeat(64), "x".repeat(16_384), "\u00ff\u0800\uffff"};
    private static final double[] DOUBLES = {0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0001L),
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, -1.5};
    private static final long[] LONGS = {0, 1, -1, 127, 128, 16_383, 16_384, Long.MIN_VALUE, Long.MAX_VALUE,
        Integer.MIN_VALUE, Integer.MAX_VALUE + 1L};
    /** Row ids at the edges of their spellings' lengths and of the varint lengths, negative ones too. */
    private static final long[] ROW_IDS = {0, 1, 9, 10, 99, 100, 999_999_999, 1_000_000_000, Long.MAX_VALUE, -1,
        Long.MIN_VALUE, 1L << 40, 10_000_000_000_000_000L, 999_999_999_999_999_999L};

    private static Schema schema() {
        try {
            return SchemaDefiner.define(new Schema(), List.of(new GraqlSource("t.gql", """
                    define
                    name sub attribute, value string;
                    age sub attribute, value long;
                    score sub attribute, value double;
                    active sub attribute, value boolean;
                    born sub attribute, value datetime;
                    """)), w -> { });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A thing as a test describes it: the row ids the store holds, and the value as the item carries
     * it ({@code expected}; null for entities and relations).
     */
    private record Thing(TypeKind kind, long id, String type, Object value, ValueObject expected,
                         long[] owned, String[] roles, long[] players) {

        static Thing entity(long id, String type, long... owned) {
            return new Thing(TypeKind.ENTITY, id, type, null, null, owned, new String[0], new long[0]);
        }

        static Thing attribute(long id, String type, Object value, ValueObject expected, long... owned) {
            return new Thing(TypeKind.ATTRIBUTE, id, type, value, expected, owned, new String[0], new long[0]);
        }

        static Thing relation(long id, String type, long[] owned, String[] roles, long[] players) {
            return new Thing(TypeKind.RELATION, id, type, null, null, owned, roles, players);
        }

        /** The thing as a source hands it out, filled into {@code t}. */
        StoredThing fill(StoredThing t) {
            t.reset(id, type, value);
            for (long o : owned) t.addOwned(o);
            for (int i = 0; i < players.length; i++) t.addPlayer(roles[i], players[i]);
            return t;
        }

        /** The item the file holds for it: a role message for each run of players of one role label. */
        Item item() {
            List<Item.OwnedAttribute> has = new ArrayList<>();
            for (long o : owned) has.add(Item.OwnedAttribute.newBuilder().setId("V" + o).build());
            return switch (kind) {
                case ENTITY -> Item.newBuilder().setEntity(Item.Entity.newBuilder()
                        .setId("V" + id).setLabel(type).addAllAttribute(has)).build();
                case ATTRIBUTE -> Item.newBuilder().setAttribute(Item.Attribute.newBuilder()
                        .setId("V" + id).setLabel(type).addAllAttribute(has).setValue(expected)).build();
                case RELATION -> {
                    Item.Relation.Builder r = Item.Relation.newBuilder().setId("V" + id).setLabel(type).addAllAttribute(has);
                    for (int i = 0; i < players.length; ) {
                        Item.Relation.Role.Builder role = Item.Relation.Role.newBuilder().setLabel(roles[i]);
                        int j = i;
                        for (; j < players.length && roles[j].equals(roles[i]); j++) {
                            role.addPlayer(Item.Relation.Role.Player.newBuilder().setId("V" + players[j]));
                        }
                        r.addRole(role);
                        i = j;
                    }
                    yield Item.newBuilder().setRelation(r).build();
                }
                default -> throw new IllegalArgumentException(kind.name());
            };
        }
    }

    /** Encodes the things into one block and checks it against protobuf's encoding of their items and their checksums' counts. */
    private static void assertEncodeAsTheirItems(List<Thing> things) throws Exception {
        ThingFrames frames = new ThingFrames(1); // grows from the smallest block
        ChecksumTally tally = new ChecksumTally();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        StoredThing stored = new StoredThing(); // refilled, as the sources do
        for (Thing t : things) {
            Item item = t.item();
            item.writeDelimitedTo(expected);
            tally.add(item);
            t.fill(stored);
            frames.add(t.kind(), stored, SCHEMA.valueType(t.type()));
            assertThat(Exporter.toItem(t.kind(), stored, SCHEMA)).as("the item for a sink of items").isEqualTo(item);
        }
        byte[] encoded = Arrays.copyOf(frames.bytes(), frames.length());
        assertThat(Arrays.mismatch(encoded, expected.toByteArray())).as("first differing byte (of %d)", expected.size()).isEqualTo(-1);
        assertThat(frames.counts()).isEqualTo(tally.counts());
        assertThat((long) frames.items()).isEqualTo(tally.items());
    }

    private static String text(Random r) {
        if (r.nextInt(3) == 0) return HARD[r.nextInt(HARD.length)];
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(40); i > 0; i--) {
            int k = r.nextInt(10);
            sb.append(k < 6 ? (char) ('a' + r.nextInt(26)) : k < 8 ? (char) r.nextInt(0x800) : (char) r.nextInt(0x10000));
        }
        return sb.toString();
    }

    private static long rowId(Random r) {
        return r.nextInt(8) == 0 ? ROW_IDS[r.nextInt(ROW_IDS.length)] : r.nextLong() >>> r.nextInt(64);
    }

    private static long[] rowIds(Random r, int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) ids[i] = rowId(r);
        return ids;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomThingsEncodeAsTheirItems(long seed) throws Exception {
        Random r = new Random(seed);
        List<Thing> things = new ArrayList<>();
        String[] roleLabels = {"friend", "employee", "", "é-role"};
        for (int i = 0; i < 400; i++) {
            long id = rowId(r);
            long[] owned = rowIds(r, r.nextInt(4) == 0 ? r.nextInt(300) : r.nextInt(3));
            switch (r.nextInt(3)) {
                case 0 -> things.add(Thing.entity(id, r.nextInt(20) == 0 ? text(r) : "person", owned));
                case 1 -> {
                    int n = r.nextInt(5) == 0 ? r.nextInt(3000) : r.nextInt(4);
                    String[] roles = new String[n];
                    // runs of one role, and a role coming back after another
                    for (int p = 0; p < n; p++) roles[p] = p > 0 && r.nextBoolean() ? roles[p - 1] : roleLabels[r.nextInt(roleLabels.length)];
                    things.add(Thing.relation(id, r.nextInt(20) == 0 ? text(r) : "friendship", owned, roles, rowIds(r, n)));
                }
                default -> {
                    ValueObject.Builder v = ValueObject.newBuilder();
                    switch (r.nextInt(6)) {
                        case 0 -> {
                            String s = text(r);
                            things.add(Thing.attribute(id, "name", s, v.setString(s).build(), owned));
                        }
                        case 1 -> {
                            long l = r.nextBoolean() ? LONGS[r.nextInt(LONGS.length)] : r.nextLong() >> r.nextInt(64);
                            things.add(Thing.attribute(id, "age", l, v.setLong(l).build(), owned));
                        }
                        case 2 -> {
                            double d = r.nextBoolean() ? DOUBLES[r.nextInt(DOUBLES.length)] : r.nextGaussian();
                            things.add(Thing.attribute(id, "score", d, v.setDouble(d).build(), owned));
                        }
                        case 3 -> {
                            boolean b = r.nextBoolean();
                            things.add(Thing.attribute(id, "active", b, v.setBoolean(b).build(), owned));
                        }
                        case 4 -> {
                            long l = r.nextBoolean() ? LONGS[r.nextInt(LONGS.length)] : r.nextLong() >> 20;
                            things.add(Thing.attribute(id, "born", l, v.setDatetime(l).build(), owned));
                        }
                        default -> {
                            // a type the schema does not know: the value's own class decides
                            switch (r.nextInt(5)) {
                                case 0 -> {
                                    String s = text(r);
                                    things.add(Thing.attribute(id, "unknown", s, v.setString(s).build(), owned));
                                }
                                case 1 -> {
                                    double d = r.nextDouble();
                                    things.add(Thing.attribute(id, "unknown", d, v.setDouble(d).build(), owned));
                                }
                                case 2 -> things.add(Thing.attribute(id, "unknown", -0.0, v.setDouble(-0.0).build(), owned));
                                case 3 -> {
                                    boolean b = r.nextBoolean();
                                    things.add(Thing.attribute(id, "unknown", b, v.setBoolean(b).build(), owned));
                                }
                                default -> {
                                    long l = r.nextLong();
                                    things.add(Thing.attribute(id, "unknown", l, v.setLong(l).build(), owned));
                                }
                            }
                        }
                    }
                }
            }
        }
        assertEncodeAsTheirItems(things);
    }

    @Test
    void hugeAndEmptyThingsEncodeAsTheirItems() throws Exception {
        long[] many = new long[20_001];
        for (int i = 0; i < many.length; i++) many[i] = i;
        String[] roles = new String[20_000];
        long[] players = new long[20_000];
        for (int i = 0; i < players.length; i++) {
            roles[i] = i < 10_000 ? "a" : "b";
            players[i] = i;
        }
        String big = "big ".repeat(1_000_000) + "\uD800";
        ValueObject.Builder v = ValueObject.newBuilder();
        assertEncodeAsTheirItems(List.of(
                Thing.attribute(1, "name", big, v.setString(big).build(), many),
                // an empty string value is still written: it is the value's oneof member
                Thing.attribute(0, "", "", ValueObject.newBuilder().setString("").build()),
                Thing.attribute(Long.MIN_VALUE, "age", 0L, ValueObject.newBuilder().setLong(0).build()),
                Thing.entity(-1, ""),
                Thing.entity(2, "person", many),
                Thing.relation(3, "friendship", many, roles, players),
                Thing.relation(4, "friendship", new long[0], new String[] {""}, new long[] {Long.MAX_VALUE}),
                Thing.relation(5, "friendship", new long[0], new String[0], new long[0]),
                Thing.attribute(6, "score", -0.0, ValueObject.newBuilder().setDouble(-0.0).build())));
    }

    @Test
    void aStringAttributeWithoutAValueIsRefusedNamingIt() {
        StoredThing t = new StoredThing();
        t.reset(12, "name", null);
        assertThatThrownBy(() -> new ThingFrames(1).add(TypeKind.ATTRIBUTE, t, SCHEMA.valueType("name")))
                .isInstanceOf(NullPointerException.class).hasMessage("attribute V12 has no value");
    }
}
