package io.graknmigrate.match;

import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.graql.Graql;
import io.graknmigrate.graql.Literal;
import io.graknmigrate.graql.Query;
import io.graknmigrate.load.GraqlLoader;
import io.graknmigrate.load.LoadInput;
import io.graknmigrate.load.MatchQueryExecution;
import io.graknmigrate.store.ReadSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plans cached by a pattern's shape answer exactly what a plan made afresh answers: queries of one
 * shape that differ in labels, roles, comparators or values never share a plan's answers. And the
 * rows a load still buffers are written before every match that could read them.
 */
class PlanCacheTest {

    @TempDir
    static Path dir;

    static EmbeddedKeyspaces ks;
    static ReadSnapshot snapshot;
    static MatchEngine cached;

    @BeforeAll
    static void load() throws Exception {
        Graph g = new Graph();
        long alice = g.entity("person", g.attribute("email", "a@x"), g.attribute("name", "Alice"), g.attribute("age", 30L));
        long bob = g.entity("person", g.attribute("email", "b@x"), g.attribute("name", "Bob"), g.attribute("age", 25L));
        long carol = g.entity("student", g.attribute("email", "c@x"), g.attribute("name", "Carol"), g.attribute("score", 9.5),
                g.attribute("age", 35L));
        g.entity("person", g.attribute("email", "d@x"), g.attribute("nickname", "Dee"));
        long acme = g.entity("company", g.attribute("name", "Acme"));
        g.relation("friendship", "friend", alice, "friend", bob);
        long f2 = g.relation("friendship", "friend", bob, "friend", carol);
        g.own(f2, g.attribute("score", 1.5));
        g.relation("employment", "employee", alice, "employer", acme);
        g.relation("trip", "origin", alice, "destination", carol);
        g.relation("route", "stop", acme);
        g.own(alice, g.attribute("active", true));
        g.own(bob, g.attribute("born", Literal.DateTimeLiteral.of(LocalDateTime.of(2020, 1, 30, 0, 0))));
        ks = new EmbeddedKeyspaces(dir.resolve("data"));
        g.load(ks, "hand", dir);
        snapshot = ks.store().read("hand");
        cached = snapshot.matcher(w -> { });
    }

    @AfterAll
    static void close() {
        cached.close();
        snapshot.close();
    }

    private static List<String> printed(MatchEngine engine, String query) throws Exception {
        StringWriter w = new StringWriter();
        MatchQueryRunner.run(engine, Graql.parseQuery(query), AnswerPrinter.text(w));
        List<String> lines = new ArrayList<>(w.toString().isEmpty() ? List.of() : Arrays.asList(w.toString().split("\n")));
        lines.sort(null);
        return lines;
    }

    /** The answers of a fresh engine, whose cache has seen no other query. */
    private static List<String> fresh(String query) throws Exception {
        try (MatchEngine engine = snapshot.matcher(w -> { })) {
            return printed(engine, query);
        }
    }

    private static final String[] THING_TYPES = {"person", "student", "company", "entity", "thing", "friendship", "relation"};
    private static final String[] ATTRIBUTE_TYPES = {"email", "name", "nickname", "age", "score", "active", "attribute"};
    private static final String[] ROLES = {"friend", "employee", "employer", "stop", "origin", "destination", "role"};
    private static final String[] RELATIONS = {"friendship", "employment", "route", "trip", "relation"};
    private static final String[] VALUES = {"\"a@x\"", "\"Bob\"", "\"Dee\"", "30", "25", "9.5", "1.5", "true", "\"zzz\"", "35"};
    private static final String[] COMPARATORS = {"", "== ", "!== ", "> ", ">= ", "< ", "<= "};

    private static String pick(SplittableRandom r, String[] from) { return from[r.nextInt(from.length)]; }

    /** Queries of a few fixed shapes, with their labels, roles, comparators and values drawn at random. */
    private static String randomQuery(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> "match $x isa " + pick(r, THING_TYPES) + ", has " + pick(r, ATTRIBUTE_TYPES) + " " + pick(r, VALUES) + "; get;";
            case 1 -> "match $x isa " + pick(r, THING_TYPES) + ", has " + pick(r, ATTRIBUTE_TYPES) + " $a; $a " + pick(r, COMPARATORS)
                    + pick(r, VALUES) + "; get;";
            case 2 -> "match $r (" + pick(r, ROLES) + ": $x, " + pick(r, ROLES) + ": $y) isa " + pick(r, RELATIONS) + "; get;";
            case 3 -> "match $x isa " + pick(r, THING_TYPES) + "; not { $x has " + pick(r, ATTRIBUTE_TYPES) + " " + pick(r, VALUES)
                    + "; }; get;";
            case 4 -> "match $x id V" + (1 + r.nextInt(25)) + "; $x isa " + pick(r, THING_TYPES) + "; get;";
            default -> "match $x isa " + pick(r, THING_TYPES) + "; { $x has " + pick(r, ATTRIBUTE_TYPES) + " " + pick(r, VALUES)
                    + "; } or { $x has " + pick(r, ATTRIBUTE_TYPES) + " " + pick(r, VALUES) + "; }; get; count;";
        };
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aCachedPlanAnswersAsAFreshPlan(long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        int compared = 0;
        for (int i = 0; i < 120; i++) {
            String q = randomQuery(r);
            List<String> expected;
            try {
                expected = fresh(q);
            } catch (MatchException e) {
                // Refused when planned afresh: refused from the cache too, with the same reason.
                try {
                    printed(cached, q);
                } catch (MatchException again) {
                    assertThat(again.getMessage()).as(q).isEqualTo(e.getMessage());
                    continue;
                }
                throw new AssertionError("the cache answered a query a fresh plan refuses: " + q);
            }
            assertThat(printed(cached, q)).as(q).isEqualTo(expected);
            compared++;
        }
        assertThat(compared).isGreaterThan(60);
    }

    @Test
    void sameShapeDifferentLabelsRolesAndValues() throws Exception {
        // Each pair has one shape; the second runs on the plan the first left in the cache.
        assertThat(printed(cached, "match $x isa person, has email \"a@x\"; get;")).containsExactly("$x id V4 isa person;");
        assertThat(printed(cached, "match $x isa company, has name \"Acme\"; get;")).containsExactly("$x id V18 isa company;");
        assertThat(printed(cached, "match $x isa person, has name \"Acme\"; get;")).isEmpty();
        assertThat(printed(cached, "match $x isa person, has age 30; get;")).containsExactly("$x id V4 isa person;");
        assertThat(printed(cached, "match $x isa person, has age 30.0; get;")).containsExactly("$x id V4 isa person;");
        assertThat(printed(cached, "match $r (friend: $x) isa friendship; get $x;"))
                .containsExactly("$x id V13 isa student;", "$x id V4 isa person;", "$x id V8 isa person;");
        assertThat(printed(cached, "match $r (employer: $x) isa employment; get $x;")).containsExactly("$x id V18 isa company;");
        assertThat(printed(cached, "match $r (employee: $x) isa friendship; get $x;")).isEmpty();
        assertThat(printed(cached, "match $a isa name; $a contains \"o\"; get;"))
                .containsExactly("$a id V10 \"Carol\" isa name;", "$a id V6 \"Bob\" isa name;");
        assertThat(printed(cached, "match $a isa name; $a like \"^A\"; get;"))
                .containsExactly("$a id V17 \"Acme\" isa name;", "$a id V2 \"Alice\" isa name;");
    }

    /** What a plan can read, as the writer asks it. */
    private static TableReads reads(String query) throws Exception {
        MatchQuery get = new MatchTranslator().get((Query.Get) Graql.parseQuery(query));
        return cached.plan(get.pattern(), get.vars()).reads();
    }

    private static BitSet types(String... labels) {
        BitSet b = new BitSet();
        for (String l : labels) b.set(cached.catalog().typeId(l));
        return b;
    }

    private static BitSet roles(String... labels) {
        BitSet b = new BitSet();
        for (String l : labels) for (int id : cached.catalog().roleIdsBelow(l)) b.set(id);
        return b;
    }

    @Test
    void aPlanReadsOnlyTheRowsOfItsTypesAndRoles() throws Exception {
        TableReads byKey = reads("match $a isa person, has email \"a@x\"; get;");
        assertThat(byKey.thingsOfAny(types("friendship", "company"))).isFalse();
        assertThat(byKey.thingsOfAny(types("student"))).isTrue();
        assertThat(byKey.ownershipsOfAny(types("name"))).isFalse();
        assertThat(byKey.ownershipsOfAny(types("email"))).isTrue();
        assertThat(byKey.rolePlayersInAny(roles("friend"))).isFalse();

        TableReads friends = reads("match $r (friend: $x) isa friendship; get;");
        assertThat(friends.rolePlayersInAny(roles("friend"))).isTrue();
        assertThat(friends.rolePlayersInAny(roles("employee"))).isFalse();
        // A thing variable with no type reads things of every type; a role left open, every role.
        TableReads open = reads("match $r ($x) isa friendship; get;");
        assertThat(open.thingsOfAny(types("company"))).isTrue();
        assertThat(open.rolePlayersInAny(roles("employee"))).isTrue();
        // A negation's reads count.
        TableReads not = reads("match $x isa company; not { $x has name \"Acme\"; }; get;");
        assertThat(not.ownershipsOfAny(types("name"))).isTrue();
        assertThat(not.thingsOfAny(types("person"))).isFalse();
    }

    @Test
    void everyMatchOfALoadSeesTheRowsWrittenBeforeIt() throws Exception {
        EmbeddedKeyspaces other = new EmbeddedKeyspaces(dir.resolve("buffered"));
        new Graph().load(other, "b", dir);
        String file = """
                insert $p isa person, has email "p1"; $q isa person, has email "p2";
                match $p isa person, has email "p1"; $q isa person, has email "p2"; insert (friend: $p, friend: $q) isa friendship;
                match $r (friend: $p, friend: $q) isa friendship; $p has email "p1"; insert $r has score 2.5;
                match $r isa friendship, has score 2.5; $c isa company; get; count;
                match $p has email "p1"; insert $p has name "Pat";
                match $p isa person, has name "Pat"; insert $c isa company, has name "Pat's";
                match $x isa company, has name "Pat's"; $p has name "Pat"; insert (employee: $p, employer: $x) isa employment;
                match $e (employee: $p) isa employment; get; count;
                """;
        StringWriter answers = new StringWriter();
        new GraqlLoader(other.store(), new MatchQueryExecution(w -> { }, AnswerPrinter.text(answers)))
                .load("b", List.of(LoadInput.text("f.gql", file)), false, w -> { }, ProgressListener.NONE, s -> { });
        // No company yet when the first count ran; one employment at the end.
        assertThat(answers.toString()).isEqualTo("0\n1\n");
        try (ReadSnapshot r = other.store().read("b"); MatchEngine m = r.matcher(w -> { })) {
            assertThat(printed(m, "match $r (friend: $p, friend: $q) isa friendship, has score 2.5; $p has email \"p1\"; $q has email $e; get $e;"))
                    .hasSize(1).allMatch(line -> line.contains("\"p2\" isa email"));
            assertThat(printed(m, "match $c isa company, has name \"Pat's\"; (employer: $c, employee: $p) isa employment;"
                    + " $p has email \"p1\"; get $c;")).hasSize(1);
        }
    }
}
