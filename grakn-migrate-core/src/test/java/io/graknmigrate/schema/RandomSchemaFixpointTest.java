package io.graknmigrate.schema;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Random valid schemas (seeded): print, reload, print again gives the same text and the same meaning. */
class RandomSchemaFixpointTest {

    static LongStream seeds() {
        long count = Long.getLong("schema.random.seeds", 200);
        return LongStream.range(1, count + 1);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void printReloadPrintIsAFixpoint(long seed) throws Exception {
        List<GraqlSource> sources = RandomSchemas.generate(seed);
        Schema schema;
        try {
            schema = SchemaDefiner.define(new Schema(), sources, w -> { });
        } catch (SchemaException e) {
            throw new AssertionError("seed " + seed + ": generated schema rejected: " + e.getMessage() + "\n"
                    + sources.stream().map(GraqlSource::text).reduce("", (a, b) -> a + "\n----\n" + b), e);
        }
        String printed = SchemaPrinter.print(schema);
        Schema reloaded = SchemaDefiner.define(new Schema(), List.of(new GraqlSource("printed.gql", printed)), w -> { });
        assertThat(SchemaPrinter.print(reloaded)).as("seed %d", seed).isEqualTo(printed);
        assertThat(SchemaTexts.describe(reloaded)).as("seed %d: the printout loses nothing", seed)
                .isEqualTo(SchemaTexts.describe(schema));
    }
}
