package io.graknmigrate.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-written schemas: print, define into an empty schema, print again gives the same text and meaning. */
class SchemaFixpointTest {

    static String resource(String name) throws IOException {
        try (InputStream in = SchemaFixpointTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"value-types.gql", "roles.gql", "ownership.gql", "rules.gql", "grakn17.gql"})
    void printReloadPrint(String file) throws Exception {
        Schema schema = SchemaDefiner.define(new Schema(), List.of(new GraqlSource(file, resource(file))), w -> { });
        String printed = SchemaPrinter.print(schema);
        Schema reloaded = SchemaDefiner.define(new Schema(), List.of(new GraqlSource("printed-" + file, printed)), w -> { });
        assertThat(SchemaPrinter.print(reloaded)).isEqualTo(printed);
        assertThat(SchemaTexts.describe(reloaded)).isEqualTo(SchemaTexts.describe(schema));
    }

    @Test
    void allTogetherInOneCall() throws Exception {
        List<GraqlSource> sources = new ArrayList<>();
        for (String f : new String[] {"value-types.gql", "roles.gql"}) sources.add(new GraqlSource(f, resource(f)));
        Schema schema = SchemaDefiner.define(new Schema(), sources, w -> { });
        String printed = SchemaPrinter.print(schema);
        assertThat(SchemaTexts.roundTrip(printed)).isEqualTo(printed);
        assertThat(printed).contains("""
                party sub relation,
                    abstract,
                    relates organiser,
                    relates participant;

                    meeting sub party,
                        plays participant,
                        relates attendee as participant,
                        relates host as organiser,
                        relates minute-taker;

                        board-meeting sub meeting,
                            plays labelled_thing,
                            relates chair as host,
                            relates director as attendee;
                """);
        assertThat(printed).contains("""
                name sub attribute,
                    value string,
                    regex "^[A-Z][a-z]+( [A-Z][a-z]+)*$";

                    legal-name sub name,
                        value string,
                        regex "^[^\\"\\\\\\]+$";

                    nick-name sub name,
                        value string;
                """);
        assertThat(schema.type("legal-name").orElseThrow().regex()).isEqualTo("^[^\"\\\\]+$");
        assertThat(schema.type("code-a").orElseThrow().regex()).isEqualTo("\\d{3}-\\d{4}");
    }

    @Test
    void grakn17SchemaPrintsIn18Syntax() throws Exception {
        List<String> warnings = new ArrayList<>();
        Schema schema = SchemaDefiner.define(new Schema(), List.of(new GraqlSource("grakn17.gql", resource("grakn17.gql"))), warnings::add);
        assertThat(warnings).hasSize(3).allMatch(w -> w.startsWith("grakn17.gql:"));
        assertThat(SchemaPrinter.print(schema)).isEqualTo("""
                define

                born sub attribute,
                    value datetime;

                name sub attribute,
                    value string;

                person sub entity,
                    has born,
                    has name;

                """);
    }
}
