package io.graknmigrate.match;

import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.graql.Graql;
import io.graknmigrate.graql.Query;
import io.graknmigrate.store.ReadSnapshot;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.load.GraqlLoader;
import io.graknmigrate.load.LoadException;
import io.graknmigrate.load.LoadInput;
import io.graknmigrate.load.MatchQueryExecution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Match-delete with Grakn 1.8's semantics, on a graph whose answers are worked out by hand. */
class MatchDeleteTest {

    @TempDir
    Path dir;

    EmbeddedKeyspaces ks;

    @BeforeEach
    void load() throws Exception {
        Graph g = new Graph();
        long alice = g.entity("person", g.attribute("email", "a@x"), g.attribute("name", "Alice"), g.attribute("age", 30L)); // 1 2 3, V4
        long bob = g.entity("person", g.attribute("email", "b@x"), g.attribute("age", 25L)); // 5 6, V7
        long acme = g.entity("company", g.attribute("name", "Acme")); // 8, V9
        g.relation("friendship", "friend", alice, "friend", bob); // V10
        g.relation("employment", "employee", alice, "employer", acme); // V11
        g.relation("route", "stop", acme); // V12
        g.relation("trip", "origin", alice, "destination", bob); // V13
        ks = new EmbeddedKeyspaces(dir.resolve("data"));
        g.load(ks, "ks", dir);
    }

    /** Runs a file of queries through load, whose match engine this is. */
    private void load(String queries) {
        new GraqlLoader(ks.store(), new MatchQueryExecution(w -> { }, null)).load("ks", List.of(LoadInput.text("q.gql", queries)),
                false, w -> { }, ProgressListener.NONE, s -> { });
    }

    private List<String> get(String query) throws Exception {
        try (ReadSnapshot r = ks.store().read("ks"); MatchEngine m = r.matcher(w -> { })) {
            StringWriter w = new StringWriter();
            MatchQueryRunner.run(m, Graql.parseQuery(query), AnswerPrinter.text(w));
            List<String> lines = new ArrayList<>(w.toString().isEmpty() ? List.of() : Arrays.asList(w.toString().split("\n")));
            lines.sort(null);
            return lines;
        }
    }

    @Test
    void aDeletedThingTakesItsEdgesAndRelationsLeftWithoutPlayers() throws Exception {
        load("match $p isa person, has email \"a@x\"; delete $p isa person;");
        assertThat(get("match $p isa person; get;")).containsExactly("$p id V7 isa person;");
        // Her attributes stay, unowned; the relations keep their other players.
        assertThat(get("match $n isa name; get;")).containsExactly("$n id V2 \"Alice\" isa name;", "$n id V8 \"Acme\" isa name;");
        assertThat(get("match $x has name $n; get $n;")).containsExactly("$n id V8 \"Acme\" isa name;");
        assertThat(get("match $r ($x) isa relation; get;")).containsExactly(
                "$r id V10 isa friendship; $x id V7 isa person;", "$r id V11 isa employment; $x id V9 isa company;",
                "$r id V12 isa route; $x id V9 isa company;", "$r id V13 isa trip; $x id V7 isa person;");

        // Bob was the last player of the friendship and the trip: they go with him.
        load("match $p isa person; delete $p isa person;");
        assertThat(get("match $r isa relation; get;")).containsExactly("$r id V11 isa employment;", "$r id V12 isa route;");
    }

    @Test
    void anOwnershipDeleteKeepsTheAttribute() throws Exception {
        load("match $x has age $a; $a 25; delete $x has age $a;");
        assertThat(get("match $x has age $a; get;")).containsExactly("$x id V4 isa person; $a id V3 30 isa age;");
        assertThat(get("match $a isa age; get;")).containsExactly("$a id V3 30 isa age;", "$a id V6 25 isa age;");
    }

    @Test
    void aRolePlayerDeleteRemovesThatPlayerAndEmptyRelations() throws Exception {
        load("match $r (friend: $x) isa friendship; $x has email \"a@x\"; delete $r (friend: $x);");
        assertThat(get("match $r (friend: $x) isa friendship; get;")).containsExactly("$r id V10 isa friendship; $x id V7 isa person;");
        // stop matches origin and destination (sub-roles): the route and the trip lose every player and go.
        load("match $r (stop: $x) isa route; delete $r (stop: $x);");
        assertThat(get("match $r isa route; get;")).isEmpty();
    }

    @Test
    void noAnswerDeletesNothing() throws Exception {
        load("match $p isa person, has email \"nobody\"; delete $p isa person;");
        assertThat(get("match $p isa person; get; count;")).containsExactly("2");
    }

    @Test
    void aRefusedDeleteLeavesTheKeyspaceUnchanged() throws Exception {
        assertThatThrownBy(() -> load("match $p isa person; delete $q isa person;"))
                .isInstanceOf(LoadException.class).hasMessageContaining("$q is not bound by the match");
        assertThatThrownBy(() -> load("match $p isa entity; delete $p isa company;"))
                .isInstanceOf(LoadException.class).hasMessageContaining("cannot delete $p (V4) as company: it is a person");
        // A later failure undoes the earlier deletes of the same file.
        assertThatThrownBy(() -> load("match $p isa person; delete $p isa person;\nmatch $x isa persn; get;"))
                .isInstanceOf(LoadException.class).hasMessageContaining("persn");
        assertThat(get("match $x isa thing; get; count;")).containsExactly("13");
    }

    @Test
    void matchInsertInsertsOncePerAnswerAndSeesEarlierQueries() throws Exception {
        load("""
                insert $c isa company, has name "Initech";
                match $p isa person; $c isa company, has name "Initech"; insert (employee: $p, employer: $c) isa employment;
                match $p isa person, has email "nobody"; insert $x isa company, has name "Never";
                """);
        assertThat(get("match $c has name \"Initech\"; (employee: $p, employer: $c) isa employment; get $p;"))
                .containsExactly("$p id V4 isa person;", "$p id V7 isa person;");
        assertThat(get("match $c isa company; get; count;")).containsExactly("2");
        // Bound things keep their identity: the match's $p owns the new attribute.
        load("match $p isa person, has email \"b@x\"; insert $p has name \"Bobby\";");
        assertThat(get("match $p has name \"Bobby\"; get;")).containsExactly("$p id V7 isa person;");
    }

    @Test
    void aFailedMatchInsertLeavesTheKeyspaceUnchanged() throws Exception {
        assertThatThrownBy(() -> load("match $p isa person; insert $p has email \"same@x\";"))
                .isInstanceOf(LoadException.class);
        assertThat(get("match $x isa thing; get; count;")).containsExactly("13");
        assertThat(get("match $x isa thing; get; count;")).containsExactly("13");
    }

    @Test
    void aPatternOnATypeARuleConcludesWarnsOnce() throws Exception {
        ks.define("ks", List.of(new io.graknmigrate.schema.GraqlSource("rule.gql", """
                define
                friends-of-friends sub rule, when { (friend: $a, friend: $b) isa friendship; (friend: $b, friend: $c) isa friendship; },
                    then { (friend: $a, friend: $c) isa friendship; };
                """)), w -> { });
        List<String> warnings = new ArrayList<>();
        try (ReadSnapshot r = ks.store().read("ks"); MatchEngine m = r.matcher(warnings::add)) {
            MatchQueryRunner.run(m, Graql.parseQuery("match $p isa person; get; count;"), AnswerSink.DISCARD);
            assertThat(warnings).isEmpty();
            MatchQueryRunner.run(m, Graql.parseQuery("match $f isa friendship; get; count;"), AnswerSink.DISCARD);
            MatchQueryRunner.run(m, Graql.parseQuery("match $f isa relation; get; count;"), AnswerSink.DISCARD);
            assertThat(warnings).containsExactly(
                    "the pattern uses friendship, which a rule concludes (friendship); answers are the stored facts only, rules are not run");
        }
    }

    @Test
    void aMatchWithMoreAnswersThanMemoryHoldsSpillsAndInsertsOncePerAnswer() throws Exception {
        StringBuilder people = new StringBuilder();
        for (int i = 0; i < 40; i++) people.append("insert $p isa person, has email \"m").append(i).append("@x\";\n");
        load(people.toString());
        // 42 × 42 answers, more than are kept in memory: the rest wait in a temporary table.
        assertThat(42 * 42).isGreaterThan(MatchEngine.IN_MEMORY_ANSWERS);
        load("match $a isa person; $b isa person; insert $a has name \"many\";");
        assertThat(get("match $p isa person, has name \"many\"; get; count;")).containsExactly("42");
        assertThat(get("match $p has name $n; $n \"many\"; get $n; count;")).containsExactly("1");
    }
}
