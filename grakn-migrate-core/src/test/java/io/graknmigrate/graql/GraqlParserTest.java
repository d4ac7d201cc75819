package io.graknmigrate.graql;

import io.graknmigrate.schema.ValueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.StringReader;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every Graql 1.8 query kind, statement, property, pattern and value form, and every syntax error's position. */
class GraqlParserTest {

    static Query one(String text) throws GraqlException {
        return Graql.parseQuery(text);
    }

    /** Input, then its canonical text. */
    static Stream<Arguments> forms() {
        return Stream.of(
                arguments("define person sub entity, has name; name sub attribute, value string;",
                        "define person sub entity, has name; name sub attribute, value string;"),
                arguments("define\n  r   sub relation ,relates a,relates b as a ; # comment\n",
                        "define r sub relation, relates a, relates b as a;"),
                arguments("define e sub! entity, abstract, key k, plays p;", "define e sub! entity, abstract, key k, plays p;"),
                arguments("define n sub attribute, value long, regex \"^\\\\d+$\";", "define n sub attribute, value long, regex \"^\\d+$\";"),
                arguments("define $t type person, has name;", "define $t type person, has name;"),
                arguments("define rule-1 when { (Q-from: $x, Q-to: $y) isa Q; }, then { (P-from: $x, P-to: $y) isa P; };",
                        "define rule-1 when { (Q-from: $x, Q-to: $y) isa Q; }, then { (P-from: $x, P-to: $y) isa P; };"),
                arguments("define value sub attribute, value string; count sub entity, has value; k-core sub entity;",
                        "define value sub attribute, value string; count sub entity, has value; k-core sub entity;"),
                arguments("undefine person has name; marriage relates spouse; r sub rule;",
                        "undefine person has name; marriage relates spouse; r sub rule;"),
                arguments("insert $x isa person, has name 'Bob', has age 42;", "insert $x isa person, has name \"Bob\", has age 42;"),
                arguments("insert $r (friend: $a, friend: $b) isa friendship; $a isa person; $b isa person;",
                        "insert $r (friend: $a, friend: $b) isa friendship; $a isa person; $b isa person;"),
                arguments("insert (employee:$x,employer:$y)isa employment;", "insert (employee: $x, employer: $y) isa employment;"),
                arguments("insert $a \"Bob\" isa name; $b isa name; $b 'Ann'; $c 3.25; $d true; $e 2020-01-30;",
                        "insert $a \"Bob\" isa name; $b isa name; $b \"Ann\"; $c 3.25; $d true; $e 2020-01-30T00:00:00;"),
                arguments("match $p isa person, has email \"a@b\"; insert $p has age 3;",
                        "match $p isa person, has email \"a@b\"; insert $p has age 3;"),
                arguments("match $p isa person; $p has name $n; delete $p has name $n;",
                        "match $p isa person; $p has name $n; delete $p has name $n;"),
                arguments("match $r (friend: $x) isa friendship; delete $r (friend: $x);",
                        "match $r (friend: $x) isa friendship; delete $r (friend: $x);"),
                arguments("match $x isa person; get;", "match $x isa person; get;"),
                arguments("match $x isa person, has name $n; get $x, $n; sort $n desc; offset 10; limit 5;",
                        "match $x isa person, has name $n; get $x, $n; sort $n desc; offset 10; limit 5;"),
                arguments("match $x isa person; get; sort $x; limit 1;", "match $x isa person; get; sort $x asc; limit 1;"),
                arguments("match $x isa person; get; count;", "match $x isa person; get; count;"),
                arguments("match $x has age $a; get $a; sum $a;", "match $x has age $a; get $a; sum $a;"),
                arguments("match $x has age $a; get; std $a;", "match $x has age $a; get; std $a;"),
                arguments("match $x has age $a; get; group $x;", "match $x has age $a; get; group $x;"),
                arguments("match $x has age $a; get; group $x; median $a;", "match $x has age $a; get; group $x; median $a;"),
                arguments("match $x has age $a; get; group $x; count;", "match $x has age $a; get; group $x; count;"),
                arguments("match $x isa! person; $y isa $t; $t sub! entity; $u type person; get;",
                        "match $x isa! person; $y isa $t; $t sub! entity; $u type person; get;"),
                arguments("match $t plays friend; person has $a; $r relates $s; $k key email; get;",
                        "match $t plays friend; person has $a; $r relates $s; $k key email; get;"),
                arguments("match $x id V123; $x != $y; get;", "match $x id V123; $x != $y; get;"),
                arguments("match $a > 30; $b >= 1.5; $c < $d; $e <= -2; $f == \"x\"; $g !== $h; get;",
                        "match $a > 30; $b >= 1.5; $c < $d; $e <= -2; $f \"x\"; $g !== $h; get;"),
                arguments("match $a contains \"b\"; $c like \"^A.*\"; $x has name contains $s; get;",
                        "match $a contains \"b\"; $c like \"^A.*\"; $x has name contains $s; get;"),
                arguments("match { $x isa a; } or { $x isa b; $x has n 1; }; not { $x has m $y; }; get;",
                        "match { $x isa a; } or { $x isa b; $x has n 1; }; not { $x has m $y; }; get;"),
                arguments("match $x has name $n via $o; get;", "match $x has name $n via $o; get;"),
                arguments("match $r ($x, role: $y, $z) isa $rel; $_ isa person; get;",
                        "match $r ($x, role: $y, $z) isa $rel; $_ isa person; get;"),
                arguments("compute count in [person, company];", "compute count in [person, company];"),
                arguments("compute count;", "compute count;"),
                arguments("compute mean of age, in person;", "compute mean of age, in person;"),
                arguments("compute path from V1, to V2, in [person, marriage];", "compute path from V1, to V2, in [person, marriage];"),
                arguments("compute centrality in person, using degree;", "compute centrality in person, using degree;"),
                arguments("compute centrality of person, using k-core, where min-k=3;",
                        "compute centrality of person, using k-core, where min-k=3;"),
                arguments("compute cluster in [person, marriage], using connected-component, where [contains=V4, size=2];",
                        "compute cluster in [person, marriage], using connected-component, where [contains=V4, size=2];"),
                arguments("match $x isa person; delete $x isa person;", "match $x isa person; delete $x isa person;"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void parsesToCanonicalTextThatReparses(String text, String canonical) throws Exception {
        Query q = one(text);
        assertThat(q.toString()).isEqualTo(canonical);
        assertThat(one(canonical).toString()).isEqualTo(canonical);
    }

    @Test
    void queriesNameTheirKind() throws Exception {
        List<Query> qs = Graql.parse("k.gql", "define a sub entity; undefine a sub entity; insert $x isa a;"
                + " match $x isa a; insert $x has n 1; match $x isa a; delete $x isa a; match $x isa a; get;"
                + " match $x isa a; get; count; match $x isa a; get; group $x; compute count;", w -> { });
        assertThat(qs).extracting(Query::kind).containsExactly("define", "undefine", "insert", "match-insert",
                "match-delete", "match-get", "match-get-count", "match-get-group", "compute");
    }

    @Test
    void valuesAreTyped() throws Exception {
        Query.Insert q = (Query.Insert) one("insert $x isa t, has s 'it\\'s \\\"q\\\" \\d', has l -7, has d 2.50, has b false, "
                + "has t 2020-01-30T10:15:30.123, has u +12345-01-01, has v -0044-03-15T12:00, has w 1970-01-01T00:00:01;");
        List<Property.Has> has = q.statements().get(0).all(Property.Has.class);
        assertThat(has.get(0).predicate().equalsLiteral()).isEqualTo(new Literal.StringLiteral("it's \"q\" \\d"));
        assertThat(has.get(1).predicate().equalsLiteral()).isEqualTo(new Literal.LongLiteral(-7));
        assertThat(has.get(2).predicate().equalsLiteral()).isEqualTo(new Literal.DoubleLiteral(2.5));
        assertThat(has.get(3).predicate().equalsLiteral()).isEqualTo(new Literal.BooleanLiteral(false));
        Literal.DateTimeLiteral t = (Literal.DateTimeLiteral) has.get(4).predicate().equalsLiteral();
        assertThat(t.epochMillis()).isEqualTo(LocalDateTime.of(2020, 1, 30, 10, 15, 30, 123_000_000).toInstant(ZoneOffset.UTC).toEpochMilli());
        assertThat(t.valueType()).isEqualTo(ValueType.DATETIME);
        assertThat(t.toString()).isEqualTo("2020-01-30T10:15:30.123");
        assertThat(((Literal.DateTimeLiteral) has.get(5).predicate().equalsLiteral()).localDateTime())
                .isEqualTo(LocalDateTime.of(12345, 1, 1, 0, 0));
        assertThat(has.get(5).predicate().equalsLiteral().toString()).isEqualTo("+12345-01-01T00:00:00");
        assertThat(((Literal.DateTimeLiteral) has.get(6).predicate().equalsLiteral()).localDateTime())
                .isEqualTo(LocalDateTime.of(-44, 3, 15, 12, 0));
        assertThat(has.get(6).predicate().equalsLiteral().toString()).isEqualTo("-0044-03-15T12:00:00");
        assertThat(((Literal.DateTimeLiteral) has.get(7).predicate().equalsLiteral()).epochMillis()).isEqualTo(1000);
        assertThat(one(q.toString()).toString()).isEqualTo(q.toString());
    }

    @Test
    void positionsOnEveryNode() throws Exception {
        Query.Insert q = (Query.Insert) Graql.parse("f.gql", "\n\n  match $p isa person;\n insert\n   $r (friend: $p) isa f, has n 'x';", w -> { }).get(0);
        assertThat(q.position()).hasToString("f.gql:3:3");
        assertThat(q.match().patterns().get(0).position()).hasToString("f.gql:3:9");
        Statement st = q.statements().get(0);
        assertThat(st.position()).hasToString("f.gql:5:4");
        assertThat(st.first(Property.Relation.class).position()).hasToString("f.gql:5:7");
        assertThat(st.first(Property.Relation.class).players().get(0).position()).hasToString("f.gql:5:8");
        assertThat(st.first(Property.Isa.class).position()).hasToString("f.gql:5:20");
        assertThat(((Label) st.first(Property.Isa.class).type()).position()).hasToString("f.gql:5:24");
        assertThat(st.first(Property.Has.class).predicate().position()).hasToString("f.gql:5:33");
    }

    @Test
    void readerStreamsQueriesAndNamesTheirFirstLine() throws Exception {
        StringBuilder text = new StringBuilder("define person sub entity, has name; name sub attribute, value string;\n");
        for (int i = 0; i < 1000; i++) text.append("insert $p isa person, has name \"p").append(i).append("\";\n");
        text.append("match $p isa person;\n  get; count;\ninsert $x isa person has name 'y';\n");
        List<Query> seen = new ArrayList<>();
        try (GraqlReader r = Graql.reader("big.gql", new StringReader(text.toString()), w -> { })) {
            assertThat(r.next()).isInstanceOf(Query.Define.class);
            assertThat(r.queryFirstLine()).startsWith("define person sub entity");
            for (int i = 0; i < 1000; i++) seen.add(r.next());
            assertThat(r.queryFirstLine()).isEqualTo("insert $p isa person, has name \"p999\";");
            assertThat(r.next()).isInstanceOf(Query.Aggregate.class);
            assertThat(r.queryFirstLine()).isEqualTo("match $p isa person;");
            assertThatThrownBy(r::next).hasMessageStartingWith("big.gql:1004:22: syntax error: expected ',' or ';'");
            assertThat(r.queryFirstLine()).isEqualTo("insert $x isa person has name 'y';");
            assertThat(r.charsRead()).isGreaterThan(30_000);
        }
        assertThat(seen).allMatch(q -> q instanceof Query.Insert);
    }

    @Test
    void readsTheSameWhateverChunksTheReaderGives() throws Exception {
        StringBuilder text = new StringBuilder();
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 3000; i++) {
            text.append("insert $p").append(i).append(" isa person, has name \"n").append("x".repeat(r.nextInt(200)))
                    .append("\", has born ").append(1900 + r.nextInt(100)).append("-01-02T03:04:05.").append(r.nextInt(900) + 100)
                    .append(", has score -").append(r.nextInt(1000)).append(".25; # ").append("c".repeat(r.nextInt(50))).append('\n');
        }
        List<String> whole = Graql.parse("c.gql", text.toString(), w -> { }).stream().map(Query::toString).toList();
        java.io.Reader trickle = new java.io.FilterReader(new StringReader(text.toString())) {
            @Override
            public int read(char[] cbuf, int off, int len) throws java.io.IOException {
                return super.read(cbuf, off, Math.min(len, 1 + r.nextInt(7)));
            }
        };
        List<String> streamed = new ArrayList<>();
        try (GraqlReader reader = new GraqlReader("c.gql", trickle, w -> { }, 1)) {
            for (Query q = reader.next(); q != null; q = reader.next()) streamed.add(q.toString());
        }
        assertThat(streamed).hasSize(3000).isEqualTo(whole);
    }

    @Test
    void oldSyntaxWarnsWithFileAndLine() throws Exception {
        List<String> warnings = new ArrayList<>();
        List<Query> qs = Graql.parse("old.gql", "define\nn sub attribute, datatype date;\nmatch $x isa n; $x != 3;\n"
                + "$p isa thing; delete $p, $x;", warnings::add);
        assertThat(warnings).containsExactly(
                "old.gql:2: 'datatype' is Grakn 1.5-1.7 syntax, read as 'value'",
                "old.gql:2: value type 'date' is Grakn 1.5-1.7 syntax, read as 'datetime'",
                "old.gql:3: '!=' before a value is Grakn 1.5-1.7 syntax for value inequality, read as '!=='",
                "old.gql:4: 'delete $p, ...;' is Grakn 1.5-1.7 syntax, read as 'delete $p isa thing;'");
        assertThat(qs.get(1)).hasToString("match $x isa n; $x !== 3; $p isa thing; delete $p isa thing; $x isa thing;");
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                arguments("bare match", "match $x isa person;", "1:21", "a 'match' needs 'get', 'insert' or 'delete'"),
                arguments("bare match before another query", "match $x isa person;\ninsert $y isa person;\nmatch $z isa t;", "3:16",
                        "a 'match' needs 'get', 'insert' or 'delete'"),
                arguments("get without match", "get;", "1:1", "'get' without a 'match'"),
                arguments("not a query", "person sub entity;", "1:1", "expected a query"),
                arguments("empty insert", "insert\n", "2:1", "'insert' needs at least one statement"),
                arguments("insert player without role", "insert (friend: $x, $y) isa f;", "1:21", "role player $y has no role"),
                arguments("insert comparison", "insert $x isa person, has age > 3;", "1:31", "compares, but an insert writes a value"),
                arguments("insert value comparison", "insert $x > 3;", "1:11", "compares, but an insert writes a value"),
                arguments("insert concept inequality", "insert $x != $y;", "1:11", "only a 'match' or a rule's 'when'"),
                arguments("insert isa!", "insert $x isa! person;", "1:11", "'isa!' cannot be used in 'insert'"),
                arguments("insert sub", "insert $x sub entity;", "1:11", "'sub' cannot be used in 'insert'"),
                arguments("insert id", "insert $x id V1;", "1:11", "'id' cannot be used in 'insert'"),
                arguments("define instance property", "define person isa entity;", "1:15", "'isa entity' is not a schema property"),
                arguments("define has value", "define person has name 'x';", "1:15", "is not a schema property"),
                arguments("define relation tuple", "define (a: $x) isa r;", "1:8", "expected a type label to start a statement"),
                arguments("rule then comparison", "define r when { $x isa t; }, then { $x has a > 1; };", "1:46",
                        "compares, but a rule's 'then' writes a value"),
                arguments("then with not", "define r when { $x isa t; }, then { not { $x isa t; }; };", "1:37",
                        "expected a statement"),
                arguments("pattern with when", "match $x when { $y isa t; }; get;", "1:10", "'when' cannot be used in a pattern"),
                arguments("missing semicolon", "insert $x isa person\n$y isa person;", "2:1", "end the statement before it with ';'"),
                arguments("missing comma", "insert $x isa person has name 'a';", "1:22", "a ',' is missing between properties, add it before 'has'"),
                arguments("missing comma in a schema", "define person sub entity has name;", "1:26",
                        "a ',' is missing between properties, add it before 'has'"),
                arguments("missing comma after plays", "define person sub entity, plays x has y;", "1:35",
                        "a ',' is missing between properties, add it before 'has'"),
                arguments("missing comma at a line end", "define\nperson sub entity\n  has name;", "3:3",
                        "a ',' is missing between properties, add it before 'has'"),
                arguments("missing semicolon before a type named like a property", "define\nperson sub entity\nvalue sub attribute;",
                        "3:1", "end the statement before it with ';'"),
                arguments("missing semicolon at the end", "define person sub entity", "1:25", "end the statement with ';'"),
                arguments("missing semicolon before a variable", "match $x isa person $y isa person; get;", "1:21",
                        "end the statement before it with ';'"),
                arguments("missing semicolon before a closing brace", "match { $x isa person }; get;", "1:23",
                        "end the statement before '}' with ';'"),
                arguments("missing sub", "define person entity;", "1:15", "a 'sub' is missing, write 'person sub entity'"),
                arguments("missing sub before more properties", "define person entity, has name;", "1:15",
                        "a 'sub' is missing, write 'person sub entity'"),
                arguments("comma before the semicolon", "define person sub entity, has name,;", "1:36",
                        "a ',' before ';' starts no property, remove it"),
                arguments("unclosed block", "match { $x isa a; get;", "1:19", "found the keyword 'get'"),
                arguments("unclosed block at the end", "match { $x isa a;", "1:18", "expected '}' to close the pattern block"),
                arguments("empty not", "match not { }; get;", "1:7", "empty 'not { }'"),
                arguments("like with a number", "match $x like 3; get;", "1:15", "a quoted regular expression after 'like'"),
                arguments("invalid like regex", "match $x like \"(\"; get;", "1:15", "invalid regex after 'like'"),
                arguments("contains a number", "match $x contains 3; get;", "1:19", "a string or a variable after 'contains'"),
                arguments("sort without variable", "match $x isa t; get; sort x;", "1:27", "a variable to sort by"),
                arguments("negative limit", "match $x isa t; get; limit -1;", "1:28", "a whole number after 'limit'"),
                arguments("aggregate without variable", "match $x isa t; get; sum;", "1:25", "a variable after 'sum'"),
                arguments("group without variable", "match $x isa t; get; group;", "1:27", "a variable to group by"),
                arguments("unknown compute method", "compute everything;", "1:9", "a compute method"),
                arguments("unknown compute condition", "compute count within person;", "1:15", "a compute condition"),
                arguments("unterminated string", "insert $x 'abc;\n", "1:11", "unterminated string, close it with '"),
                arguments("bad character", "insert $x isa person; %", "1:23", "unexpected character '%'"),
                arguments("dollar alone", "insert $ isa person;", "1:8", "'$' must be followed by a variable name"),
                arguments("invalid date", "insert $x 2020-02-30;", "1:11", "invalid date-time 2020-02-30"),
                arguments("too many fraction digits", "insert $x 2020-02-03T10:00:00.1234;", "1:11", "at most 3 fraction digits"),
                arguments("malformed time", "insert $x 2020-02-03T10;", "1:11", "malformed date-time"),
                arguments("long out of range", "insert $x 99999999999999999999;", "1:11", "number 99999999999999999999 is out of range"),
                arguments("absurdly long number", "insert $x 1." + "5".repeat(100) + ";", "1:11", "of 64 characters or more"),
                arguments("implicit type", "match $x isa @has-name; get;", "1:14", "'@has-name' is a Grakn implicit type"),
                arguments("owns", "define person sub entity, owns name;", "1:27", "'owns' is TypeQL 2 syntax"),
                arguments("unknown value type", "define n sub attribute, value text;", "1:31", "unknown value type 'text'"),
                arguments("query keyword as label", "define insert sub entity;", "1:15", "expected a statement"),
                arguments("deep nesting", "match " + "not { ".repeat(70) + "$x isa t; " + "}; ".repeat(70) + "get;", "1:395",
                        "patterns nested more than 64 levels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void refusesWithFileLineColumn(String name, String text, String lineColumn, String fragment) {
        assertThatThrownBy(() -> Graql.parse("e.gql", text, w -> { }))
                .isInstanceOf(GraqlException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).startsWith("e.gql:" + lineColumn + ": ").contains(fragment).doesNotContain("\n");
                    assertThat(((GraqlException) e).position()).hasToString("e.gql:" + lineColumn);
                });
    }
}
