package io.graknmigrate.store;

import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.graql.Graql;
import io.graknmigrate.graql.Query;
import io.graknmigrate.match.MatchEngine;
import io.graknmigrate.match.MatchPattern;
import io.graknmigrate.match.MatchTranslator;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.SchemaDefiner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.graknmigrate.store.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceWriterTest {

    @TempDir
    Path dir;

    EmbeddedKeyspaces keyspaces;

    @BeforeEach
    void setUp() throws Exception {
        keyspaces = new EmbeddedKeyspaces(dir.resolve("data"));
        keyspaces.define("ks", schema(), w -> { });
    }

    @Test
    void thingsWrittenOneByOneExportAsTheSameGraphAsAnImportOfThem() throws Exception {
        try (WriteTransaction tx = keyspaces.store().write("ks", false)) {
            InstanceWriter w = tx.instances();
            w.queryAt(1, 1);
            long alice = w.newEntity("person");
            own(w, alice, "email", "alice@example.org");
            own(w, alice, "name", "Alice");
            own(w, alice, "name", "Alice");
            own(w, alice, "score", 1.0);
            own(w, alice, "born", 86_400_000L);
            w.queryAt(2, 1);
            long bob = w.newEntity("person");
            own(w, bob, "email", "bob@example.org");
            own(w, bob, "name", "Alice");
            own(w, bob, "active", true);
            long f = w.newRelation("friendship");
            w.addRolePlayer(f, "friend", alice);
            w.addRolePlayer(f, "friend", bob);
            own(w, f, "score", 1.0);
            assertThat(w.checkWrites().none()).isTrue();
            w.flush();
            assertThat(w.entitiesInserted()).isEqualTo(2);
            assertThat(w.relationsInserted()).isEqualTo(1);
            assertThat(w.attributesInserted()).isEqualTo(6);
            assertThat(w.ownershipsAdded()).isEqualTo(8);
            assertThat(w.rolePlayersAdded()).isEqualTo(2);
            tx.commit();
        }
        List<Item> same = List.of(
                attribute("1", "email", str("alice@example.org")), attribute("2", "name", str("Alice")),
                attribute("3", "score", dbl(1.0)), attribute("4", "born", date(86_400_000L)),
                attribute("5", "email", str("bob@example.org")), attribute("6", "active", bool(true)),
                entity("a", "person", "1", "2", "3", "4"), entity("b", "person", "5", "2", "6"),
                relation("f", "friendship", List.of("3"), "friend", "a", "friend", "b"));
        keyspaces.define("other", schema(), w -> { });
        importFile(keyspaces, "other", write(dir.resolve("same.grakn"), same, null), io.graknmigrate.migrate.ImportOptions.defaults());
        assertThat(canonical(read(exportBytes(keyspaces, "ks")))).isEqualTo(canonical(read(exportBytes(keyspaces, "other"))));
    }

    @Test
    void anAttributeIsReusedAcrossTransactionsByTypeAndValue() {
        long first;
        try (WriteTransaction tx = keyspaces.store().write("ks", false)) {
            first = tx.instances().putAttribute("age", 42L);
            tx.commit();
        }
        try (WriteTransaction tx = keyspaces.store().write("ks", false)) {
            InstanceWriter w = tx.instances();
            assertThat(w.putAttribute("age", 42L)).isEqualTo(first);
            assertThat(w.putAttribute("age", 43L)).isNotEqualTo(first);
            assertThat(w.putAttribute("name", "42")).isNotEqualTo(first);
            assertThat(w.attributesInserted()).isEqualTo(2);
        }
    }

    @Test
    void checksListRelationsWithoutPlayersAndKeyProblemsWithTheirQueries() throws Exception {
        byte[] before = exportBytes(keyspaces, "ks");
        try (WriteTransaction tx = keyspaces.store().write("ks", false)) {
            InstanceWriter w = tx.instances();
            w.queryAt(3, 1);
            w.newRelation("friendship");
            w.queryAt(4, 1);
            w.newEntity("person");
            w.queryAt(5, 2);
            long p = w.newEntity("person");
            own(w, p, "email", "a@x");
            own(w, p, "email", "b@x");
            w.queryAt(6, 1);
            long q = w.newEntity("person");
            own(w, q, "email", "shared@x");
            long r = w.newEntity("person");
            own(w, r, "email", "shared@x");
            InstanceWriter.Violations v = w.checkWrites();
            assertThat(v.count()).isEqualTo(4);
            assertThat(v.messages()).anySatisfy(m -> assertThat(m).startsWith("1 relations have no role player")
                    .contains("inserted by the query at 3:1"));
            assertThat(v.messages()).anySatisfy(m -> assertThat(m).startsWith("2 person things do not have exactly one email key")
                    .contains("inserted by the query at 4:1"));
            assertThat(v.messages()).anySatisfy(m -> assertThat(m).startsWith("1 email key values are owned by more than one person")
                    .contains("inserted by the query at 6:1"));
            // the next span starts clean
            assertThat(w.checkWrites().none()).isTrue();
        }
        assertThat(exportBytes(keyspaces, "ks")).isEqualTo(before);
    }

    @Test
    void deletingAPlayerDeletesARelationLeftWithoutPlayersAndOwnershipsGoWithTheThing() throws Exception {
        try (WriteTransaction tx = keyspaces.store().write("ks", false)) {
            InstanceWriter w = tx.instances();
            long a = w.newEntity("person");
            own(w, a, "email", "a@x");
            long b = w.newEntity("person");
            own(w, b, "email", "b@x");
            long f = w.newRelation("friendship");
            w.addRolePlayer(f, "friend", a);
            long g = w.newRelation("friendship");
            w.addRolePlayer(g, "friend", a);
            w.addRolePlayer(g, "friend", b);
            assertThat(w.deleteThing(a)).isEqualTo(2);
            assertThat(w.deleteRolePlayer(g, "friend", b)).isTrue();
            assertThat(w.thingsDeleted()).isEqualTo(3);
            tx.commit();
        }
        List<String> graph = canonical(read(exportBytes(keyspaces, "ks")));
        assertThat(graph).containsExactlyInAnyOrder("A email=STRING:a@x[]", "A email=STRING:b@x[]", "E person[email=STRING:b@x]");
    }

    @Test
    void undefiningWhatDataStillUsesIsRefusedAndChangesNothing() throws Exception {
        try (WriteTransaction tx = keyspaces.store().write("ks", false)) {
            InstanceWriter w = tx.instances();
            long a = w.newEntity("person");
            own(w, a, "email", "a@x");
            own(w, a, "name", "A");
            long c = w.newEntity("company");
            long e = w.newRelation("employment");
            w.addRolePlayer(e, "employee", a);
            w.addRolePlayer(e, "employer", c);
            tx.commit();
        }
        String schemaBefore = keyspaces.schema("ks");
        byte[] before = exportBytes(keyspaces, "ks");
        String withoutNameOwnership = SCHEMA.replace("key email, has name,", "key email,");
        String withoutCompany = SCHEMA.replace("company sub entity, has name, plays employer;", "")
                .replace("relates employer,", "relates employer, ");
        String withoutEmployeeRole = SCHEMA.replace("relates employee, ", "").replace("plays employee, ", "");
        assertConflict(withoutNameOwnership, "1 person things own name attributes, so person can no longer lose has name");
        assertConflict(withoutCompany, "type company has 1 instances, so it cannot be undefined");
        assertConflict(withoutEmployeeRole, "1 person things play employee");
        assertThat(keyspaces.schema("ks")).isEqualTo(schemaBefore);
        assertThat(exportBytes(keyspaces, "ks")).isEqualTo(before);
        // what no data uses may go, and its type row goes with it
        String withoutTestimony = SCHEMA.replace("testimony sub relation, relates evidence, relates witness;", "")
                .replace(", plays evidence", "").replace("plays witness", "plays friend");
        try (WriteTransaction tx = keyspaces.store().write("ks", false)) {
            tx.replaceSchema(parse(withoutTestimony));
            tx.commit();
        }
        assertThat(keyspaces.schema("ks")).doesNotContain("testimony");
        assertThat(canonical(read(exportBytes(keyspaces, "ks")))).isEqualTo(canonical(read(before)));
    }

    /** Owner types by id are looked up, as the executor knows them. */
    private static void own(InstanceWriter w, long owner, String attributeType, Object value) {
        w.addOwnership(owner, w.typeOf(owner), w.putAttribute(attributeType, value), attributeType);
    }

    private void assertConflict(String schemaText, String message) throws Exception {
        Schema next = parse(schemaText);
        try (WriteTransaction tx = keyspaces.store().write("ks", false)) {
            assertThatThrownBy(() -> tx.replaceSchema(next)).isInstanceOfSatisfying(SchemaConflictException.class,
                    e -> assertThat(e.conflicts()).anySatisfy(line -> assertThat(line).contains(message)));
        }
    }

    private static boolean hasIndex(WriteTransaction tx, String name) throws Exception {
        try (var s = tx.instances().connection().prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?")) {
            s.setString(1, name);
            try (var rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Test
    void manyRolePlayersBuildThePlayerIndexOnceAndAMatchStillFindsThem() throws Exception {
        int relations = 40_000;
        try (WriteTransaction tx = keyspaces.store().write("ks", false)) {
            InstanceWriter w = tx.instances();
            long first = w.newEntity("person");
            w.addOwnership(first, "person", w.putAttribute("email", "p0"), "email");
            long previous = first;
            for (int i = 1; i <= relations; i++) {
                long p = w.newEntity("person");
                w.addOwnership(p, "person", w.putAttribute("email", "p" + i), "email");
                long f = w.newRelation("friendship");
                w.addRolePlayer(f, "friend", previous);
                w.addRolePlayer(f, "friend", p);
                previous = p;
            }
            // 80,000 rows into an empty table: the index waits for the end.
            assertThat(hasIndex(tx, "role_player_by_player")).isFalse();
            MatchEngine m = tx.matcher(x -> { });
            Query.Get get = (Query.Get) Graql.parseQuery("match $p has email \"p7\"; ($p, $q) isa friendship; get $q;");
            MatchPattern.Conjunction pattern = new MatchTranslator().pattern(get.match());
            List<String> friends = new ArrayList<>();
            m.forEachAnswer(pattern, List.of("q"), a -> friends.add(a.get("q").toString()));
            // The match steps from a player to its relations: the index is back before it runs.
            assertThat(friends).hasSize(2);
            assertThat(hasIndex(tx, "role_player_by_player")).isTrue();
            w.addRolePlayer(w.newRelation("friendship"), "friend", first);
            assertThat(w.checkWrites().none()).isTrue();
            tx.commit();
        }
        try (ReadSnapshot r = keyspaces.store().read("ks")) {
            assertThat(r.countThings()).isGreaterThan(relations * 3L);
        }
    }

    private static Schema parse(String text) throws Exception {
        return SchemaDefiner.define(new Schema(), List.of(new GraqlSource("next.gql", text)), w -> { });
    }
}
