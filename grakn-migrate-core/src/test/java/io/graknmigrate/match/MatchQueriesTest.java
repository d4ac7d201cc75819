package io.graknmigrate.match;

import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.graql.Graql;
import io.graknmigrate.graql.Literal;
import io.graknmigrate.graql.Query;
import io.graknmigrate.store.ReadSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each pattern form and query of a match against answers worked out by hand on a small graph. */
class MatchQueriesTest {

    @TempDir
    static Path dir;

    static ReadSnapshot snapshot;
    static MatchEngine engine;
    static final List<String> warnings = new ArrayList<>();

    /** The graph; comments give each thing's store id. */
    @BeforeAll
    static void load() throws Exception {
        Graph g = new Graph();
        long alice = g.entity("person", g.attribute("email", "a@x"), g.attribute("name", "Alice"), g.attribute("age", 30L)); // 1 2 3, V4
        long bob = g.entity("person", g.attribute("email", "b@x"), g.attribute("name", "Bob"), g.attribute("age", 25L)); // 5 6 7, V8
        long carol = g.entity("student", g.attribute("email", "c@x"), g.attribute("name", "Carol"), g.attribute("score", 9.5),
                g.attribute("age", 35L)); // 9 10 11 12, V13
        g.entity("person", g.attribute("email", "d@x"), g.attribute("nickname", "Dee")); // 14 15, V16
        long acme = g.entity("company", g.attribute("name", "Acme")); // 17, V18
        g.relation("friendship", "friend", alice, "friend", bob); // V19
        long score = g.attribute("score", 1.5); // V20
        long f2 = g.relation("friendship", "friend", bob, "friend", carol); // V21
        g.own(f2, score);
        g.relation("employment", "employee", alice, "employer", acme); // V22
        g.relation("trip", "origin", alice, "destination", carol); // V23
        g.relation("route", "stop", acme); // V24
        g.own(alice, g.attribute("active", true)); // V25
        g.own(bob, g.attribute("born", Literal.DateTimeLiteral.of(LocalDateTime.of(2020, 1, 30, 0, 0)))); // V26
        EmbeddedKeyspaces ks = new EmbeddedKeyspaces(dir.resolve("data"));
        g.load(ks, "hand", dir);
        snapshot = ks.store().read("hand");
        engine = snapshot.matcher(warnings::add);
    }

    @AfterAll
    static void close() {
        engine.close();
        snapshot.close();
    }

    /** The answers as sorted lines "$x=V4 $n=V2", types by label. */
    static List<String> answers(String query) throws Exception {
        Query q = Graql.parseQuery(query);
        MatchQuery mq = new MatchTranslator().get((Query.Get) q);
        List<String> out = new ArrayList<>();
        engine.run(mq, new Collecting(out));
        out.sort(null);
        return out;
    }

    /** The printed lines in order (text or JSON), for the queries whose order or output form matters. */
    static List<String> printed(String query, boolean json) throws Exception {
        StringWriter w = new StringWriter();
        AnswerPrinter p = json ? AnswerPrinter.json(w) : AnswerPrinter.text(w);
        MatchQueryRunner.run(engine, Graql.parseQuery(query), p);
        return w.toString().isEmpty() ? List.of() : Arrays.asList(w.toString().split("\n"));
    }

    private record Collecting(List<String> out) implements AnswerSink {
        @Override
        public void answer(Answer a) {
            StringBuilder sb = new StringBuilder();
            a.concepts().forEach((k, v) -> {
                if (!sb.isEmpty()) sb.append(' ');
                sb.append('$').append(k).append('=').append(v instanceof Concept.Thing t ? t.id() : ((Concept.Type) v).label());
            });
            out.add(sb.toString());
        }

        @Override
        public void value(Number value) { out.add(String.valueOf(value)); }

        @Override
        public void beginGroup(Concept owner) { }

        @Override
        public void endGroup() { }

        @Override
        public void groupValue(Concept owner, Number value) { }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            match $p isa person; get;                                         | $p=V13,$p=V16,$p=V4,$p=V8
            match $p isa! person; get;                                        | $p=V16,$p=V4,$p=V8
            match $p isa entity; get;                                         | $p=V13,$p=V16,$p=V18,$p=V4,$p=V8
            match $p isa person, has email "b@x"; get;                        | $p=V8
            match $p isa person, has email 'b@x'; get;                        | $p=V8
            match $p has name $n; get $n;                                     | $n=V10,$n=V15,$n=V17,$n=V2,$n=V6
            match $p isa person, has age > 28; get $p;                        | $p=V13,$p=V4
            match $a isa age; $a >= 30; get;                                  | $a=V12,$a=V3
            match $a 25; get;                                                 | $a=V7
            match $a "Bob" isa name; get;                                     | $a=V6
            match $n isa name; $n contains "A"; get;                          | $n=V10,$n=V17,$n=V2
            match $n isa name; $n like "^A.*"; get;                           | $n=V17,$n=V2
            match $n isa name; $n !== "Bob"; $n contains "b"; get;            | 
            match $x has age $a; $y has age $b; $a > $b; get $x, $y;          | $x=V13 $y=V4,$x=V13 $y=V8,$x=V4 $y=V8
            match $x has age $a; $y has score $b; $a == $b; get $x;           | 
            match $a isa age; $b isa score; $a > $b; get $a;                  | $a=V12,$a=V3,$a=V7
            match $x has name $n; $y has name $m; $n == $m; $x != $y; get;    | 
            match $r (friend: $x, friend: $y) isa friendship; get $x, $y;     | $x=V13 $y=V8,$x=V4 $y=V8,$x=V8 $y=V13,$x=V8 $y=V4
            match (stop: $x) isa route; get;                                  | $x=V13,$x=V18,$x=V4
            match (origin: $x); get;                                          | $x=V4
            match ($x, $y) isa employment; get;                               | $x=V18 $y=V4,$x=V4 $y=V18
            match $r ($x) isa relation; $x id V8; get $r;                     | $r=V19,$r=V21
            match $r ($x); $r has score 1.5; get $x;                          | $x=V13,$x=V8
            match $x id V4; get;                                              | $x=V4
            match $x id V999; get;                                            | 
            match $x isa person; $y isa person; $x has age 30; $x != $y; get $y; | $y=V13,$y=V16,$y=V8
            match $x isa person, has active true; get;                        | $x=V4
            match $x has born 2020-01-30; get;                                | $x=V8
            match $x has born > 2020-01-29T23:59:59.999; get;                 | $x=V8
            match $x isa person, has score $s; get $x;                        | $x=V13
            match $t sub entity; get;                                         | $t=company,$t=entity,$t=person,$t=student
            match $t sub! person; get;                                        | $t=student
            match $x isa $t; $x id V13; get $t;                               | $t=entity,$t=person,$t=student,$t=thing
            match $x isa! $t; $x id V13; get $t;                              | $t=student
            match $x isa $t; $t type company; get $x;                         | $x=V18
            match $t plays friend; get;                                       | $t=person,$t=student
            match $t has name; get;                                           | $t=company,$t=person,$t=student
            match $t key email; get;                                          | $t=person,$t=student
            match $t relates stop; get;                                       | $t=route,$t=trip
            match $t type person; get;                                        | $t=person
            match $t sub $s; $s type route; get $t;                           | $t=route,$t=trip
            match $x isa person; { $x has age 30; } or { $x has email "d@x"; }; get; | $x=V16,$x=V4
            match { $x isa company; } or { $x isa student; }; get;            | $x=V13,$x=V18
            match $x isa person; not { $x has age $a; }; get;                 | $x=V16
            match $x isa entity, has name $n; not { $x isa person; }; get $x; | $x=V18
            match $x isa person; not { ($x, $y) isa friendship; }; get;       | $x=V16
            match $x isa person; not { $x has age 30; } ; not { $x has age 25; }; get; | $x=V13,$x=V16
            match $p isa person, has name $_, has email $_; get;              | $p=V13,$p=V16,$p=V4,$p=V8
            match $p isa person, has age $_, has email $_; get;               | $p=V13,$p=V4,$p=V8
            """)
    void patternFormsGiveTheHandComputedAnswers(String query, String expected) throws Exception {
        List<String> want = expected == null ? List.of() : Arrays.asList(expected.split(","));
        assertThat(answers(query)).isEqualTo(want.stream().sorted().toList());
    }

    @Test
    void sortOffsetAndLimitOrderTheAnswers() throws Exception {
        assertThat(printed("match $p isa person, has name $n; get; sort $n desc;", false)).containsExactly(
                "$p id V16 isa person; $n id V15 \"Dee\" isa nickname;", "$p id V13 isa student; $n id V10 \"Carol\" isa name;",
                "$p id V8 isa person; $n id V6 \"Bob\" isa name;", "$p id V4 isa person; $n id V2 \"Alice\" isa name;");
        assertThat(printed("match $p isa person, has name $n; get $n, $p; sort $n asc; offset 1; limit 2;", false)).containsExactly(
                "$n id V6 \"Bob\" isa name; $p id V8 isa person;", "$n id V10 \"Carol\" isa name; $p id V13 isa student;");
        assertThat(printed("match $a isa age; get; sort $a; limit 1;", false)).containsExactly("$a id V7 25 isa age;");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            match $p isa person; get; count;                    | 4
            match $p isa person, has age $a; get; sum $a;       | 90
            match $p isa person, has age $a; get; max $a;       | 35
            match $p isa person, has age $a; get; min $a;       | 25
            match $p isa person, has age $a; get; mean $a;      | 30.0
            match $p isa person, has age $a; get; median $a;    | 30
            match $a isa age; $a > 26; get; median $a;          | 32.5
            match $p isa person, has age $a; get; std $a;       | 5.0
            match $s isa score; get; sum $s;                    | 11.0
            match $s isa score; get; max $s;                    | 9.5
            match $a isa age; $a > 100; get; count;             | 0
            match $a isa age; $a > 100; get; sum $a;            | 0
            match ($x, $y) isa friendship; get $x; count;       | 3
            """)
    void aggregatesGiveTheHandComputedNumbers(String query, String expected) throws Exception {
        assertThat(printed(query, false)).containsExactly(expected);
    }

    @Test
    void anAggregateOfNoAnswersPrintsNothingOrNull() throws Exception {
        assertThat(printed("match $a isa age; $a > 100; get; max $a;", false)).isEmpty();
        assertThat(printed("match $a isa age; $a > 100; get; max $a;", true)).containsExactly("{\"value\":null}");
    }

    @Test
    void groupsPrintOneLineEach() throws Exception {
        assertThat(printed("match $r (friend: $x) isa friendship; get; group $x; count;", false))
                .containsExactly("id V4 isa person: 1", "id V8 isa person: 2", "id V13 isa student: 1");
        assertThat(printed("match $x has age $a; get; group $x; max $a;", false))
                .containsExactly("id V4 isa person: 30", "id V8 isa person: 25", "id V13 isa student: 35");
        assertThat(printed("match $x has age $a; get; group $x; median $a;", false))
                .containsExactly("id V4 isa person: 30", "id V8 isa person: 25", "id V13 isa student: 35");
        assertThat(printed("match $x isa person, has name $n; $x has age > 26; get; group $x;", false))
                .containsExactly("id V4 isa person: {$x id V4 isa person; $n id V2 \"Alice\" isa name;}",
                        "id V13 isa student: {$x id V13 isa student; $n id V10 \"Carol\" isa name;}");
        assertThat(printed("match $x isa person, has age $a; $x has email \"a@x\"; get; group $x;", true))
                .containsExactly("{\"group\":{\"id\":\"V4\",\"type\":\"person\",\"kind\":\"entity\"},\"answers\":[{\"x\":"
                        + "{\"id\":\"V4\",\"type\":\"person\",\"kind\":\"entity\"},\"a\":{\"id\":\"V3\",\"type\":\"age\",\"kind\":\"attribute\","
                        + "\"value\":30,\"valueType\":\"long\"}}]}");
    }

    @Test
    void jsonLinesCarryTypesKindsAndValues() throws Exception {
        assertThat(printed("match $p isa person, has email \"b@x\", has born $b; get;", true))
                .containsExactly("{\"p\":{\"id\":\"V8\",\"type\":\"person\",\"kind\":\"entity\"},\"b\":{\"id\":\"V26\",\"type\":\"born\","
                        + "\"kind\":\"attribute\",\"value\":\"2020-01-30T00:00:00\",\"valueType\":\"datetime\"}}");
        assertThat(printed("match $p isa person; get; count;", true)).containsExactly("{\"value\":4}");
        assertThat(printed("match $t type person; get;", true)).containsExactly("{\"t\":{\"label\":\"person\",\"kind\":\"type\"}}");
        assertThat(printed("match $s isa score; $s > 5; get;", false)).containsExactly("$s id V11 9.5 isa score;");
    }

    @Test
    void printedIdsFindTheThingAgain() throws Exception {
        for (String line : printed("match $x isa thing; get;", false)) {
            String id = line.split(" ")[2];
            assertThat(printed("match $x id " + id + "; get;", false)).containsExactly(line);
        }
    }

    /** SQLite's steps for a query: a lookup by key or id must never scan a table. */
    static List<String> plan(String query) throws Exception {
        MatchQuery mq = new MatchTranslator().get((Query.Get) Graql.parseQuery(query));
        return engine.explain(mq.pattern(), mq.vars());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            match $p isa person, has email "b@x"; get;
            match $p isa person, has email "b@x"; $f (friend: $p, friend: $q) isa friendship; get $q;
            match $p has email "a@x"; $c has name "Acme"; ($p, $c) isa employment; get;
            match $x id V4; $x has name $n; get;
            match $p isa person, has email "b@x"; not { $p has age 30; }; get;
            """)
    void lookupsByKeyOrIdDoNotScan(String query) throws Exception {
        List<String> steps = plan(query);
        assertThat(steps).as("plan of %s", query).noneMatch(s -> s.startsWith("SCAN") && !s.contains("CONSTANT ROW"));
        assertThat(steps).as("plan of %s", query).anyMatch(s -> s.startsWith("SEARCH"));
    }

    @Test
    void aScanOfOneTypeUsesTheTypeIndex() throws Exception {
        assertThat(plan("match $c isa company; get;")).anyMatch(s -> s.contains("thing_by_type"));
        assertThat(plan("match $a isa age; $a > 26; get;")).anyMatch(s -> s.contains("thing_attribute_value"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            match $x isa unknown; get;                    | query:1:10: type unknown is not in the schema
            match $x isa person; get $y;                  | variable $y is not in the match pattern
            match $x isa person; $x sub entity; get;      | query:1:25: variable $x is used both as a thing and as a type
            match (nope: $x); get;                        | query:1:8: role nope is not in the schema
            match $x has person $y; get;                  | query:1:10: person is not an attribute type
            match $x isa person; not { $x has age $a; }; get $a; | variable $a is only used inside a negation
            match $n isa name; get; sum $n;               | sum $n needs numbers, but $n is bound to a string (name)
            match $x isa person; get; max $x;             | max $x needs numbers, but $x is bound to a entity (person)
            match $x isa person; get; sort $y;            | sort $y is not one of the answer's variables [x]
            match { $x isa person; } or { $y isa person; }; get; | variable $x is not bound in every branch of the disjunction
            """)
    void refusedPatternsSayWhy(String query, String message) {
        assertThatThrownBy(() -> printed(query, false)).isInstanceOf(MatchException.class).hasMessageContaining(message);
    }
}
