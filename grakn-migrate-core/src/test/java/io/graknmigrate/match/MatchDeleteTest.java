package io.graknmigrate.match;

import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.graql.Graql;
import io.graknmigrate.graql.Query;
import io.graknmigrate.store.ReadSnapshot;
import io.graknmigrate.store.WriteTransaction;
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

    private MatchWrites.Deleted delete(String query) {
        try (WriteTransaction tx = ks.store().write("ks", false)) {
            MatchWrites.Deleted d = MatchWrites.delete(tx.matcher(w -> { }), tx, (Query.Delete) Graql.parseQuery(query));
            tx.commit();
            return d;
        } catch (io.graknmigrate.graql.GraqlException e) {
            throw new IllegalStateException(e);
        }
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
        MatchWrites.Deleted d = delete("match $p isa person, has email \"a@x\"; delete $p isa person;");
        assertThat(d.answers()).isEqualTo(1);
        assertThat(d.things()).isEqualTo(1);
        assertThat(get("match $p isa person; get;")).containsExactly("$p id V7 isa person;");
        // Her attributes stay, unowned; the relations keep their other players.
        assertThat(get("match $n isa name; get;")).containsExactly("$n id V2 \"Alice\" isa name;", "$n id V8 \"Acme\" isa name;");
        assertThat(get("match $x has name $n; get $n;")).containsExactly("$n id V8 \"Acme\" isa name;");
        assertThat(get("match $r ($x) isa relation; get;")).containsExactly(
                "$r id V10 isa friendship; $x id V7 isa person;", "$r id V11 isa employment; $x id V9 isa company;",
                "$r id V12 isa route; $x id V9 isa company;", "$r id V13 isa trip; $x id V7 isa person;");

        // Bob was the last player of the friendship and the trip: they go with him.
        d = delete("match $p isa person; delete $p isa person;");
        assertThat(d.things()).isEqualTo(3);
        assertThat(get("match $r isa relation; get;")).containsExactly("$r id V11 isa employment;", "$r id V12 isa route;");
    }

    @Test
    void anOwnershipDeleteKeepsTheAttribute() throws Exception {
        MatchWrites.Deleted d = delete("match $x has age $a; $a 25; delete $x has age $a;");
        assertThat(d.ownerships()).isEqualTo(1);
        assertThat(get("match $x has age $a; get;")).containsExactly("$x id V4 isa person; $a id V3 30 isa age;");
        assertThat(get("match $a isa age; get;")).containsExactly("$a id V3 30 isa age;", "$a id V6 25 isa age;");
    }

    @Test
    void aRolePlayerDeleteRemovesThatPlayerAndEmptyRelations() throws Exception {
        MatchWrites.Deleted d = delete("match $r (friend: $x) isa friendship; $x has email \"a@x\"; delete $r (friend: $x);");
        assertThat(d.rolePlayers()).isEqualTo(1);
        assertThat(get("match $r (friend: $x) isa friendship; get;")).containsExactly("$r id V10 isa friendship; $x id V7 isa person;");
        // stop matches origin and destination (sub-roles): the route and the trip lose every player and go.
        d = delete("match $r (stop: $x) isa route; delete $r (stop: $x);");
        assertThat(d.answers()).isEqualTo(3);
        assertThat(d.rolePlayers()).isEqualTo(3);
        assertThat(get("match $r isa route; get;")).isEmpty();
    }

    @Test
    void noAnswerDeletesNothing() throws Exception {
        MatchWrites.Deleted d = delete("match $p isa person, has email \"nobody\"; delete $p isa person;");
        assertThat(d).isEqualTo(new MatchWrites.Deleted(0, 0, 0, 0));
        assertThat(get("match $p isa person; get; count;")).containsExactly("2");
    }

    @Test
    void aRefusedDeleteLeavesTheKeyspaceUnchanged() throws Exception {
        assertThatThrownBy(() -> delete("match $p isa person; delete $q isa person;"))
                .isInstanceOf(MatchException.class).hasMessageContaining("$q is not bound by the match");
        assertThatThrownBy(() -> delete("match $p isa entity; delete $p isa company;"))
                .isInstanceOf(MatchException.class).hasMessageContaining("cannot delete $p (V4) as company: it is a person");
        assertThat(get("match $x isa thing; get; count;")).containsExactly("13");
    }
}
