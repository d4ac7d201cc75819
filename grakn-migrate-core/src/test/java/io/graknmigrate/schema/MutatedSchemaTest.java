package io.graknmigrate.schema;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Valid schemas with random damage (seeded): each either loads and reaches the print/reload fixpoint,
 * or fails with one SchemaException line naming the file, line and column. Never anything else.
 */
class MutatedSchemaTest {

    private static final String[] INSERTS = {
        ";", ",", "{", "}", "(", ")", ":", "$", "\"", "'", "#", "\n", "sub", "sub!", "isa", "has", "key", "plays", "relates",
        "as", "value", "abstract", "regex", "when", "then", "not", "or", "define", "entity", "relation", "attribute",
        "role", "rule", "thing", "long", "date", "datatype", "@has-x", "$x", "2020-01-01", "1.5", "-3", "==", "!==", "like",
    };

    static LongStream seeds() {
        return LongStream.range(1, Long.getLong("schema.mutation.seeds", 300) + 1);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void damagedSchemasFailCleanlyOrStayConsistent(long seed) throws Exception {
        Random r = new Random(seed);
        String base = switch (r.nextInt(3)) {
            case 0 -> SchemaFixpointTest.resource("rules.gql");
            case 1 -> SchemaFixpointTest.resource("roles.gql");
            default -> RandomSchemas.generate(seed).get(0).text();
        };
        StringBuilder text = new StringBuilder(base);
        for (int k = 1 + r.nextInt(3); k > 0; k--) {
            int at = r.nextInt(text.length() + 1);
            switch (r.nextInt(3)) {
                case 0 -> text.delete(at, Math.min(text.length(), at + 1 + r.nextInt(12)));
                case 1 -> text.insert(at, " " + INSERTS[r.nextInt(INSERTS.length)] + " ");
                default -> text.insert(at, INSERTS[r.nextInt(INSERTS.length)]);
            }
        }
        Schema schema;
        try {
            schema = SchemaDefiner.define(new Schema(), List.of(new GraqlSource("m.gql", text.toString())), w -> { });
        } catch (SchemaException e) {
            assertThat(e.getMessage()).as("seed %d", seed).doesNotContain("\n").containsPattern("^m\\.gql:\\d+:\\d+: .+, .+");
            return;
        }
        String printed = SchemaPrinter.print(schema);
        assertThat(SchemaTexts.roundTrip(printed)).as("seed %d", seed).isEqualTo(printed);
    }
}
