package io.graknmigrate.graql;

import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.SchemaDefiner;
import io.graknmigrate.schema.SchemaPrinter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graql files written the way Grakn's published examples are (schema and data in one file, rules with and
 * without {@code sub rule}, roles specialising roles of the same relation, Grakn 1.6 spellings): they parse
 * into the expected queries, every query round-trips through its canonical text, and their schema part
 * defines and prints as a fixpoint.
 */
class PublishedStyleFilesTest {

    static String resource(String name) throws IOException {
        try (InputStream in = PublishedStyleFilesTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Map<String, Integer> kinds(List<Query> queries) {
        Map<String, Integer> out = new TreeMap<>();
        for (Query q : queries) out.merge(q.getClass().getSimpleName() + (q instanceof Query.Insert i && i.match() != null ? "+match" : ""), 1, Integer::sum);
        return out;
    }

    static Schema schemaOf(String name, List<Query> queries) throws Exception {
        StringBuilder defines = new StringBuilder();
        for (Query q : queries) if (q instanceof Query.Define) defines.append(q).append('\n');
        Schema s = SchemaDefiner.define(new Schema(), List.of(new GraqlSource(name, defines.toString())), w -> { });
        String printed = SchemaPrinter.print(s);
        Schema again = SchemaDefiner.define(new Schema(), List.of(new GraqlSource("printed", printed)), w -> { });
        assertThat(SchemaPrinter.print(again)).isEqualTo(printed);
        return s;
    }

    static void roundTrips(List<Query> queries) throws GraqlException {
        for (Query q : queries) assertThat(Graql.parseQuery(q.toString()).toString()).isEqualTo(q.toString());
    }

    @Test
    void routes() throws Exception {
        List<String> warnings = new ArrayList<>();
        List<Query> qs = Graql.parse("routes.gql", resource("routes.gql"), warnings::add);
        assertThat(warnings).isEmpty();
        assertThat(kinds(qs)).containsExactlyInAnyOrderEntriesOf(Map.of("Define", 1, "Insert", 2, "Insert+match", 2,
                "Aggregate", 1, "Get", 2));
        roundTrips(qs);
        Schema s = schemaOf("routes.gql", qs);
        assertThat(s.role("origin").orElseThrow().supertype()).isEqualTo("stop");
        assertThat(s.role("son").orElseThrow().supertype()).isEqualTo("child");
        assertThat(s.rules()).extracting(r -> r.label()).containsExactly("busy-airport", "named-hub", "two-hop");
        assertThat(s.rule("named-hub").orElseThrow().then().patterns()).hasSize(2);
        Query.Insert first = (Query.Insert) qs.get(1);
        assertThat(first.statements()).hasSize(9);
        Literal opened = first.statements().get(2).all(Property.Has.class).get(2).predicate().equalsLiteral();
        assertThat(opened).isEqualTo(Literal.DateTimeLiteral.of(java.time.LocalDateTime.of(2018, 10, 29, 0, 0)));
    }

    @Test
    void genealogyStyle() throws Exception {
        List<Query> qs = Graql.parse("genealogy-style.gql", resource("genealogy-style.gql"), w -> { });
        assertThat(kinds(qs)).containsExactlyInAnyOrderEntriesOf(Map.of("Define", 1, "Insert", 1));
        roundTrips(qs);
        Schema s = schemaOf("genealogy-style.gql", qs);
        assertThat(s.role("daughter").orElseThrow().supertype()).isEqualTo("child");
        Query.Insert data = (Query.Insert) qs.get(1);
        assertThat(data.statements().get(0).variable()).isEqualTo(new Variable("57472"));
        assertThat(data.statements().get(3).first(Property.Relation.class).players())
                .extracting(p -> p.role() + "=" + p.player()).containsExactly("wife=$57472", "husband=$41096");
    }

    @Test
    void grakn16SpellingsLoadWithWarnings() throws Exception {
        List<String> warnings = new ArrayList<>();
        List<Query> qs = Graql.parse("old-1.6.gql", resource("old-1.6.gql"), warnings::add);
        assertThat(warnings).containsExactly(
                "old-1.6.gql:3: 'datatype' is Grakn 1.5-1.7 syntax, read as 'value'",
                "old-1.6.gql:4: 'datatype' is Grakn 1.5-1.7 syntax, read as 'value'",
                "old-1.6.gql:4: value type 'date' is Grakn 1.5-1.7 syntax, read as 'datetime'",
                "old-1.6.gql:9: '!=' before a value is Grakn 1.5-1.7 syntax for value inequality, read as '!=='",
                "old-1.6.gql:10: 'delete $m;' is Grakn 1.5-1.7 syntax, read as 'delete $m isa thing;'");
        roundTrips(qs);
        Schema s = schemaOf("old-1.6.gql", qs);
        assertThat(s.valueType("release")).hasToString("DATETIME");
    }
}
