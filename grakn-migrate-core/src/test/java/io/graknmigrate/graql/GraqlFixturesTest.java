package io.graknmigrate.graql;

import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.SchemaDefiner;
import io.graknmigrate.schema.SchemaPrinter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The real Graql 1.8 files of the shared fixtures parse, and re-parse from their printout to the same queries. */
class GraqlFixturesTest {

    static final Path DIR = Path.of("../../shared/fixtures/graql-1.8");

    static String read(String name) throws Exception {
        Path p = DIR.resolve(name);
        Assumptions.assumeTrue(Files.exists(p), "fixture " + p + " absent, skipped");
        return Files.readString(p);
    }

    @ParameterizedTest
    @ValueSource(strings = {"negation.gql", "basic-recursion-schema.gql", "basic-recursion-data.gql", "linear-transitivity.gql"})
    void parsesAndReprints(String name) throws Exception {
        List<String> warnings = new ArrayList<>();
        List<Query> queries = Graql.parse(name, read(name), warnings::add);
        assertThat(queries).isNotEmpty();
        assertThat(warnings).isEmpty();
        for (Query q : queries) {
            Query again = Graql.parseQuery(q.toString());
            assertThat(again.toString()).isEqualTo(q.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"negation.gql", "basic-recursion-schema.gql", "linear-transitivity.gql"})
    void schemaPartsDefineAndPrintAFixpoint(String name) throws Exception {
        StringBuilder defines = new StringBuilder();
        for (Query q : Graql.parse(name, read(name), w -> { })) {
            if (q instanceof Query.Define) defines.append(q).append('\n');
        }
        Schema s = SchemaDefiner.define(new Schema(), List.of(new GraqlSource(name, defines.toString())), w -> { });
        String printed = SchemaPrinter.print(s);
        Schema again = SchemaDefiner.define(new Schema(), List.of(new GraqlSource("printed", printed)), w -> { });
        assertThat(SchemaPrinter.print(again)).isEqualTo(printed);
    }
}
