package io.graknmigrate.load;

import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.migrate.ItemSinks;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.embedded.EmbeddedKeyspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.graknmigrate.load.LoadTestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraqlLoaderTest {

    @TempDir
    Path dir;

    EmbeddedKeyspaces keyspaces;
    GraqlLoader loader;

    @BeforeEach
    void setUp() {
        keyspaces = new EmbeddedKeyspaces(dir.resolve("data"));
        loader = new GraqlLoader(keyspaces.store());
    }

    private List<LoadSummary> load(String keyspace, boolean dryRun, LoadInput... files) {
        return loader.load(keyspace, List.of(files), dryRun, w -> { }, ProgressListener.NONE, s -> { });
    }

    private List<LoadSummary> load(LoadInput... files) {
        return load("ks", false, files);
    }

    private byte[] export(String keyspace) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ItemWriter w = ItemWriter.to(out, "test")) {
            keyspaces.export(keyspace, ItemSinks.to(w), ProgressListener.NONE);
        }
        return out.toByteArray();
    }

    @Test
    void aFileWithSchemaAndDataLoadsEveryInsertForm() throws Exception {
        List<LoadSummary> s = load(LoadInput.text("all.gql", SCHEMA + """
                insert $p isa person, has email "alice@example.org", has name "Alice", has age 30, has score 3,
                    has born 1990-05-17, has active true;
                insert $q isa person, has email 'bob@example.org', has name "Bob \\"B\\"", has born 2020-01-30T10:15:30.123;
                insert $f (friend: $x, friend: $y) isa friendship, has score 0.5;
                    $x isa person, has email "carol@example.org";
                    $y isa student, has email "dave@example.org", has name "Alice";
                insert $n "Alice" isa name; $m isa name; $m "Mallory";
                insert (employee: $e, employer: $c) isa employment; $e isa person, has email "erin@example.org";
                    $c isa company, has name "Acme", has name "Acme";
                """));
        assertThat(s).hasSize(1);
        LoadSummary f = s.get(0);
        assertThat(f.queries()).isEqualTo(6);
        assertThat(f.entities()).isEqualTo(6);
        assertThat(f.relations()).isEqualTo(2);
        // emails 5; names Alice, Bob "B", Mallory, Acme; age 30; score 3.0, 0.5; born 2; active true
        assertThat(f.attributes()).isEqualTo(5 + 4 + 1 + 2 + 2 + 1);
        assertThat(f.schemaChanges()).isEqualTo(12);
        List<String> graph = canonical(export("ks"));
        assertThat(graph).contains(
                "A score=DOUBLE:3.0[]",
                "A born=DATETIME:642902400000[]",
                "A born=DATETIME:1580379330123[]",
                "A name=STRING:Bob \"B\"[]",
                "E company[name=STRING:Acme]",
                "E person[active=BOOLEAN:true, age=LONG:30, born=DATETIME:642902400000, email=STRING:alice@example.org, name=STRING:Alice, score=DOUBLE:3.0]",
                "R friendship[score=DOUBLE:0.5] [friend:person[email=STRING:carol@example.org], friend:student[email=STRING:dave@example.org, name=STRING:Alice]]");
        assertThat(graph.stream().filter(l -> l.startsWith("A name=STRING:Alice"))).hasSize(1);
    }

    @Test
    void queriesSeeWhatEarlierQueriesAndFilesWrote() throws Exception {
        load(LoadInput.text("schema.gql", SCHEMA), LoadInput.text("one.gql", "insert $p isa person, has email \"a@x.org\", has name \"N\";"),
                LoadInput.text("two.gql", "insert $p isa person, has email \"b@x.org\", has name \"N\"; insert $n \"N\" isa name;"));
        List<String> graph = canonical(export("ks"));
        assertThat(graph.stream().filter(l -> l.startsWith("A name="))).containsExactly("A name=STRING:N[]");
    }

    /** Each refusal: the file, what the message must say. The keyspace before holds SCHEMA and BASE_DATA. */
    static Stream<Object[]> refusals() {
        return Stream.of(
                new Object[] {"insert $x isa unicorn;", "bad.gql:1:11: type unicorn is not in the schema"},
                new Object[] {"insert $x isa pet;", "type pet is abstract"},
                new Object[] {"insert $x isa entity;", "entity is abstract"},
                new Object[] {"insert $x isa company, has age 3;", "bad.gql:1:24: company cannot have age"},
                new Object[] {"insert $x isa person, has email \"z@x.org\", has age \"old\";", "attribute type age holds long values, but \"old\" is a string"},
                new Object[] {"insert $x isa person, has email \"z@x.org\", has age 1.5;", "holds long values, but 1.5 is a double"},
                new Object[] {"insert $c isa company; $r (friend: $c) isa friendship;", "company cannot play friend"},
                new Object[] {"insert $p isa person, has email \"z@x.org\"; $r (employer: $p) isa friendship;", "friendship does not relate the role employer"},
                new Object[] {"insert $r (friend: $nobody) isa friendship;", "variable $nobody is not bound"},
                new Object[] {"insert $r isa friendship;", "a relation needs its role players"},
                new Object[] {"insert $a isa name;", "an attribute needs its value"},
                new Object[] {"insert $x isa person, has email \"z@x.org\";\ninsert $x isa person;", "bad.gql: 1 problem found when the file's writes were checked at its end (1 person things do not have exactly one email key (for example V"},
                new Object[] {"insert $x isa person, has email \"z@x.org\", has email \"y@x.org\";", "person things do not have exactly one email key"},
                new Object[] {"insert $x isa person, has email \"base@x.org\";", "1 email key values are owned by more than one person"},
                new Object[] {"insert $x isa student, has email \"base@x.org\";", "1 email key values are owned by more than one person"},
                new Object[] {"insert $x isa person, has email \"NOT AN EMAIL\";", "1 email values do not match the regex"},
                new Object[] {"match $x isa person; get;", "bad.gql:1:1: match-get query refused: match-get queries are not run by load yet"},
                new Object[] {"match $x isa person; insert $x has name \"n\";", "match-insert query refused"},
                new Object[] {"match $x isa person; delete $x isa person;", "match-delete query refused"},
                new Object[] {"compute count in person;", "compute query refused"},
                new Object[] {"insert $x isa person, has email \"z@x.org\";\ninsert $x isa person has;", "bad.gql:2:"},
                new Object[] {"undefine company sub entity;", "type company has 1 instances, so it cannot be undefined"},
                new Object[] {"undefine company has name;", "1 company things own name attributes, so company can no longer lose has name"},
                new Object[] {"insert $x isa person, has email \"f@x.org\"; $y isa person, has email \"g@x.org\"; (friend: $x, friend: $y) isa friendship;\n"
                        + "undefine person plays friend;", "2 person things play friend"},
                new Object[] {"define company has age;\ninsert $x isa person, has email \"q@x.org\";\ninsert $y isa unicorn;", "bad.gql:3:11: type unicorn is not in the schema: define it first, or check the spelling, in the query 'insert $y isa unicorn;'"});
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void aRefusedFileLeavesTheKeyspaceAsItWasAndSaysWhereAndWhy(String file, String expected) throws Exception {
        load(LoadInput.text("schema.gql", SCHEMA), LoadInput.text("base.gql", BASE_DATA));
        byte[] before = export("ks");
        String schemaBefore = keyspaces.schema("ks");
        assertThatThrownBy(() -> load(LoadInput.text("bad.gql", file))).isInstanceOf(LoadException.class)
                .hasMessageContaining(expected).hasMessageContaining("nothing of bad.gql was loaded");
        assertThat(export("ks")).isEqualTo(before);
        assertThat(keyspaces.schema("ks")).isEqualTo(schemaBefore);
    }

    @Test
    void undefineRemovesWhatNoDataUses() throws Exception {
        load(LoadInput.text("schema.gql", SCHEMA), LoadInput.text("base.gql", BASE_DATA));
        List<LoadSummary> s = load(LoadInput.text("undefine.gql", "undefine person plays employee; pet sub entity;"));
        assertThat(s.get(0).schemaChanges()).isEqualTo(2);
        assertThat(keyspaces.schema("ks")).doesNotContain("plays employee").doesNotContain("pet");
        assertThatThrownBy(() -> load(LoadInput.text("again.gql", "insert (employee: $p) isa employment; $p isa person, has email \"h@x.org\";")))
                .hasMessageContaining("person cannot play employee");
    }

    @Test
    void aFailureNamesTheQuerysFirstLine() {
        assertThatThrownBy(() -> load(LoadInput.text("s.gql", SCHEMA + "\n\ninsert $x isa person,\n  has age 3, has emial \"a@b.c\";")))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining("s.gql:").hasMessageContaining("in the query 'insert $x isa person,'");
    }

    @Test
    void aFileWhoseLastQueryFailsLeavesTheKeyspaceUnchanged() throws Exception {
        load(LoadInput.text("schema.gql", SCHEMA));
        byte[] before = export("ks");
        StringBuilder file = new StringBuilder("define extra sub attribute, value string; person has extra;\n");
        for (int i = 0; i < 500; i++) file.append("insert $p isa person, has email \"p").append(i).append("@x.org\", has extra \"e\";\n");
        file.append("insert $p isa person, has email \"p1@x.org\";\n");
        assertThatThrownBy(() -> load(LoadInput.text("last.gql", file.toString()))).isInstanceOf(LoadException.class)
                .hasMessageContaining("email key values are owned by more than one person");
        assertThat(export("ks")).isEqualTo(before);
        assertThat(keyspaces.schema("ks")).doesNotContain("extra");
    }

    @Test
    void twoFilesWhereTheSecondFailsKeepTheFirstAndSaySo() throws Exception {
        assertThatThrownBy(() -> load(LoadInput.text("first.gql", SCHEMA + BASE_DATA), LoadInput.text("second.gql", "insert $x isa unicorn;")))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining("nothing of second.gql was loaded (first.gql stays loaded)");
        assertThat(canonical(export("ks"))).contains("E company[name=STRING:Base Inc]");
    }

    @Test
    void aFailedFirstFileLeavesNoKeyspaceBehind() {
        assertThatThrownBy(() -> load(LoadInput.text("first.gql", SCHEMA + "insert $x isa unicorn;"))).isInstanceOf(LoadException.class);
        assertThat(keyspaces.exists("ks")).isFalse();
        assertThat(keyspaces.list()).isEmpty();
    }

    @Test
    void aDryRunRunsEveryFileAndChangesNothing() throws Exception {
        List<LoadSummary> s = load("ks", true, LoadInput.text("schema.gql", SCHEMA), LoadInput.text("data.gql", BASE_DATA));
        assertThat(s).hasSize(2);
        assertThat(s.get(1).thingsInserted()).isGreaterThan(0);
        assertThat(s.get(1).line()).startsWith("checked data.gql into ks").endsWith("(dry run: rolled back, nothing was changed)");
        assertThat(keyspaces.exists("ks")).isFalse();
        load(LoadInput.text("schema.gql", SCHEMA));
        byte[] before = export("ks");
        load("ks", true, LoadInput.text("data.gql", BASE_DATA));
        assertThat(export("ks")).isEqualTo(before);
    }

    @Test
    void loadExportImportExportGivesTheSameGraph() throws Exception {
        load(LoadInput.text("schema.gql", SCHEMA), LoadInput.text("data.gql", BASE_DATA + RandomGraql.file(7, 300)));
        byte[] first = export("ks");
        Path file = dir.resolve("ks.grakn");
        Files.write(file, first);
        keyspaces.define("copy", List.of(new GraqlSource("schema.gql", keyspaces.schema("ks"))), w -> { });
        try (var reader = io.graknmigrate.format.ItemReader.open(file)) {
            keyspaces.importFile("copy", reader, ImportOptions.defaults(), ProgressListener.NONE);
        }
        assertThat(canonical(export("copy"))).isEqualTo(canonical(first));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4, 5})
    void seededRandomFilesHoldWhatAnIndependentCountSays(long seed) throws Exception {
        RandomGraql random = new RandomGraql(seed, 200);
        List<LoadSummary> s = load(LoadInput.text("schema.gql", SCHEMA), LoadInput.text("random.gql", random.text()));
        List<String> graph = canonical(export("ks"));
        assertThat(graph.stream().filter(l -> l.startsWith("E "))).hasSize((int) random.entities());
        assertThat(graph.stream().filter(l -> l.startsWith("R "))).hasSize((int) random.relations());
        assertThat(graph.stream().filter(l -> l.startsWith("A "))).hasSize(random.attributes());
        assertThat(s.get(1).thingsInserted()).isEqualTo(random.entities() + random.relations() + random.attributes());
    }

    @Test
    void aSingleInsertOfOneHundredThousandStatementsLoads() throws Exception {
        StringBuilder q = new StringBuilder("insert\n");
        int people = 66_668; // and people / 2 relations: 100,002 statements
        for (int i = 0; i < people; i++) q.append("$p").append(i).append(" isa person, has email \"p").append(i).append("@x.org\";\n");
        for (int i = 0; i + 1 < people; i += 2) {
            q.append("(friend: $p").append(i).append(", friend: $p").append(i + 1).append(") isa friendship;\n");
        }
        List<LoadSummary> s = load(LoadInput.text("schema.gql", SCHEMA), LoadInput.text("big.gql", q.toString()));
        assertThat(s.get(1).queries()).isEqualTo(1);
        assertThat(s.get(1).entities()).isEqualTo(people);
        assertThat(s.get(1).relations()).isEqualTo(people / 2);
    }

    @Test
    void theSharedGraqlFixturesLoad() throws Exception {
        Path fixtures = Path.of("../../shared/fixtures/graql-1.8").toAbsolutePath().normalize();
        if (!Files.isDirectory(fixtures)) fixtures = Path.of("../shared/fixtures/graql-1.8").toAbsolutePath().normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fixtures),
                "skipped: ../shared/fixtures/graql-1.8 not found (the shared fixtures are not checked out)");
        load("negation", false, LoadInput.file("negation.gql", fixtures.resolve("negation.gql")));
        assertThat(counts(export("negation"))).containsExactlyInAnyOrder(
                "E anotherType 1", "E someType 4", "R binary 5", "A resource-long 1", "A resource-string 3", "ownerships 3", "players 10");
        load("recursion", false, LoadInput.file("basic-recursion-schema.gql", fixtures.resolve("basic-recursion-schema.gql")),
                LoadInput.file("basic-recursion-data.gql", fixtures.resolve("basic-recursion-data.gql")));
        assertThat(counts(export("recursion"))).containsExactlyInAnyOrder("E company 1", "A company-id 1", "ownerships 1", "players 0");
        List<LoadSummary> s = load("transitivity", false, LoadInput.file("linear-transitivity.gql", fixtures.resolve("linear-transitivity.gql")));
        assertThat(s.get(0).thingsInserted()).isZero();
        assertThat(keyspaces.schema("transitivity")).contains("rule-1");
    }

    /** Things per kind and label, ownerships and role players, counted from an export. */
    private static List<String> counts(byte[] export) {
        java.util.Map<String, Integer> perLabel = new java.util.TreeMap<>();
        int ownerships = 0;
        int players = 0;
        for (Item i : read(export)) {
            if (i.hasEntity()) {
                perLabel.merge("E " + i.getEntity().getLabel(), 1, Integer::sum);
                ownerships += i.getEntity().getAttributeCount();
            } else if (i.hasRelation()) {
                perLabel.merge("R " + i.getRelation().getLabel(), 1, Integer::sum);
                ownerships += i.getRelation().getAttributeCount();
                for (Item.Relation.Role r : i.getRelation().getRoleList()) players += r.getPlayerCount();
            } else if (i.hasAttribute()) {
                perLabel.merge("A " + i.getAttribute().getLabel(), 1, Integer::sum);
                ownerships += i.getAttribute().getAttributeCount();
            }
        }
        List<String> out = new ArrayList<>();
        perLabel.forEach((k, v) -> out.add(k + " " + v));
        out.add("ownerships " + ownerships);
        out.add("players " + players);
        return out;
    }
}
