package io.graknmigrate.migrate;

import io.graknmigrate.format.ChecksumTally;
import io.graknmigrate.format.Counts;
import io.graknmigrate.format.proto.Item;
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

/**
 * The frames an export's readers encode are protobuf-java's delimited encoding of the items
 * {@link Exporter#toItem} builds, byte for byte, and are counted as the checksums count them.
 */
class ThingFramesTest {

    private static final Schema SCHEMA = schema();

    private static final String[] HARD = {"", "a", "é", "\u0000", "lone \uD800 surrogate", "\uDC00", "end \uD83D",
        "\uD83D\uDE00 pair", "a".repeat(127), "a".repeat(128), "é".repeat(64), "x".repeat(16_384), "\u00ff\u0800\uffff"};
    private static final double[] DOUBLES = {0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0001L),
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, -1.5};
    private static final long[] LONGS = {0, 1, -1, 127, 128, 16_383, 16_384, Long.MIN_VALUE, Long.MAX_VALUE,
        Integer.MIN_VALUE, Integer.MAX_VALUE + 1L};

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

    private static byte[] protobufs(List<TypeKind> kinds, List<ThingRecord> things) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < things.size(); i++) Exporter.toItem(kinds.get(i), things.get(i), SCHEMA).writeDelimitedTo(out);
        return out.toByteArray();
    }

    private static void assertSameAsProtobuf(List<TypeKind> kinds, List<ThingRecord> things) throws Exception {
        ThingFrames frames = new ThingFrames(1); // grows from the smallest block
        ChecksumTally tally = new ChecksumTally();
        for (int i = 0; i < things.size(); i++) {
            frames.add(kinds.get(i), things.get(i), SCHEMA);
            tally.add(Exporter.toItem(kinds.get(i), things.get(i), SCHEMA));
        }
        byte[] expected = protobufs(kinds, things);
        byte[] encoded = Arrays.copyOf(frames.bytes(), frames.length());
        assertThat(Arrays.mismatch(encoded, expected)).as("first differing byte (of %d)", expected.length).isEqualTo(-1);
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

    private static List<String> ids(Random r, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) ids.add(r.nextInt(20) == 0 ? text(r) : "V" + r.nextInt(1 << 30));
        return ids;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomThingsEncodeAsProtobufDoes(long seed) throws Exception {
        Random r = new Random(seed);
        List<TypeKind> kinds = new ArrayList<>();
        List<ThingRecord> things = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = r.nextInt(30) == 0 ? text(r) : "V" + r.nextLong();
            List<String> owned = ids(r, r.nextInt(4) == 0 ? r.nextInt(300) : r.nextInt(3));
            switch (r.nextInt(3)) {
                case 0 -> {
                    kinds.add(TypeKind.ENTITY);
                    things.add(new ThingRecord(id, r.nextInt(20) == 0 ? text(r) : "person", null, owned, List.of()));
                }
                case 1 -> {
                    kinds.add(TypeKind.RELATION);
                    List<ThingRecord.RolePlayer> players = new ArrayList<>();
                    String[] roles = {"friend", "employee", "", "é-role"};
                    for (int p = r.nextInt(5) == 0 ? r.nextInt(3000) : r.nextInt(4); p > 0; p--) {
                        players.add(new ThingRecord.RolePlayer(roles[r.nextInt(roles.length)], ids(r, 1).get(0)));
                    }
                    things.add(new ThingRecord(id, "friendship", null, owned, players));
                }
                default -> {
                    kinds.add(TypeKind.ATTRIBUTE);
                    Object value;
                    String type;
                    switch (r.nextInt(6)) {
                        case 0 -> { type = "name"; value = text(r); }
                        case 1 -> { type = "age"; value = r.nextBoolean() ? LONGS[r.nextInt(LONGS.length)] : r.nextLong() >> r.nextInt(64); }
                        case 2 -> { type = "score"; value = r.nextBoolean() ? DOUBLES[r.nextInt(DOUBLES.length)] : r.nextGaussian(); }
                        case 3 -> { type = "active"; value = r.nextBoolean(); }
                        case 4 -> { type = "born"; value = r.nextBoolean() ? LONGS[r.nextInt(LONGS.length)] : r.nextLong() >> 20; }
                        default -> {
                            // a type the schema does not know: the value's own class decides
                            type = "unknown";
                            Object[] any = {text(r), r.nextDouble(), r.nextBoolean(), r.nextLong(), -0.0};
                            value = any[r.nextInt(any.length)];
                        }
                    }
                    things.add(new ThingRecord(id, type, value, owned, List.of()));
                }
            }
        }
        assertSameAsProtobuf(kinds, things);
    }

    private static long rowId(Random r) {
        long[] edges = {0, 1, 9, 10, 99, 100, Long.MAX_VALUE, -1, Long.MIN_VALUE, 1L << 40};
        return r.nextInt(8) == 0 ? edges[r.nextInt(edges.length)] : r.nextLong() >>> r.nextInt(64);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void storedThingsEncodeAsTheirRecordsDo(long seed) throws Exception {
        Random r = new Random(seed);
        ThingFrames stored = new ThingFrames(1);
        List<TypeKind> kinds = new ArrayList<>();
        List<ThingRecord> records = new ArrayList<>();
        String[] roles = {"friend", "employee", "", "é-role"};
        for (int i = 0; i < 400; i++) {
            TypeKind kind = TypeKind.values()[r.nextInt(3)];
            StoredThing t = new StoredThing();
            Object value = null;
            String type = kind == TypeKind.ENTITY ? "person" : kind == TypeKind.RELATION ? "friendship" : "name";
            if (kind == TypeKind.ATTRIBUTE) {
                switch (r.nextInt(4)) {
                    case 0 -> value = text(r);
                    case 1 -> { type = "age"; value = LONGS[r.nextInt(LONGS.length)]; }
                    case 2 -> { type = "score"; value = DOUBLES[r.nextInt(DOUBLES.length)]; }
                    default -> { type = "active"; value = r.nextBoolean(); }
                }
            }
            t.reset(rowId(r), type, value);
            for (int o = r.nextInt(4) == 0 ? r.nextInt(100) : r.nextInt(3); o > 0; o--) t.addOwned(rowId(r));
            if (kind == TypeKind.RELATION) {
                for (int p = r.nextInt(5) == 0 ? r.nextInt(100) : r.nextInt(4); p > 0; p--) t.addPlayer(roles[r.nextInt(roles.length)], rowId(r));
            }
            stored.add(kind, t, SCHEMA.valueType(type));
            kinds.add(kind);
            records.add(t.toRecord());
        }
        assertThat(Arrays.mismatch(Arrays.copyOf(stored.bytes(), stored.length()), protobufs(kinds, records))).isEqualTo(-1);
        ThingFrames fromRecords = new ThingFrames(1);
        for (int i = 0; i < records.size(); i++) fromRecords.add(kinds.get(i), records.get(i), SCHEMA);
        assertThat(stored.counts()).isEqualTo(fromRecords.counts());
        assertThat(stored.items()).isEqualTo(fromRecords.items());
    }

    @Test
    void hugeAndEmptyThingsEncodeAsProtobufDoes() throws Exception {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 20_001; i++) many.add("V" + i);
        List<ThingRecord.RolePlayer> players = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) players.add(new ThingRecord.RolePlayer(i < 10_000 ? "a" : "b", "V" + i));
        assertSameAsProtobuf(
                List.of(TypeKind.ATTRIBUTE, TypeKind.ATTRIBUTE, TypeKind.ENTITY, TypeKind.ENTITY, TypeKind.RELATION, TypeKind.RELATION, TypeKind.ATTRIBUTE),
                List.of(new ThingRecord("V1", "name", "big ".repeat(1_000_000) + "\uD800", many, List.of()),
                        new ThingRecord("", "", "", List.of(), List.of()),
                        new ThingRecord("", "", null, List.of(""), List.of()),
                        new ThingRecord("V2", "person", null, many, List.of()),
                        new ThingRecord("V3", "friendship", null, many, players),
                        new ThingRecord("V4", "friendship", null, List.of(), List.of(new ThingRecord.RolePlayer("", ""))),
                        new ThingRecord("V5", "score", -0.0, List.of(), List.of())));
    }
}
