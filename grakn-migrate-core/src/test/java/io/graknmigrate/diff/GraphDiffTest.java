package io.graknmigrate.diff;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.graknmigrate.format.Relabel;
import io.graknmigrate.format.proto.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import static io.graknmigrate.diff.Graphs.attribute;
import static io.graknmigrate.diff.Graphs.bool;
import static io.graknmigrate.diff.Graphs.date;
import static io.graknmigrate.diff.Graphs.dbl;
import static io.graknmigrate.diff.Graphs.diff;
import static io.graknmigrate.diff.Graphs.disguised;
import static io.graknmigrate.diff.Graphs.entity;
import static io.graknmigrate.diff.Graphs.lng;
import static io.graknmigrate.diff.Graphs.relation;
import static io.graknmigrate.diff.Graphs.reIdentified;
import static io.graknmigrate.diff.Graphs.relationOwning;
import static io.graknmigrate.diff.Graphs.shuffled;
import static io.graknmigrate.diff.Graphs.withGraknIds;
import static io.graknmigrate.diff.Graphs.str;
import static io.graknmigrate.diff.Graphs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphDiffTest {

    @TempDir
    Path dir;

    /** Every hard case in one graph: attributes owning attributes, relations over relations, a symmetric relation, a duplicated player. */
    static List<Item> company() {
        return new ArrayList<>(List.of(
                attribute("n1", "name", str("Alice")),
                attribute("n2", "name", str("Bob")),
                attribute("n3", "name", str("Acme")),
                attribute("a1", "age", lng(30)),
                attribute("s1", "score", dbl(1.5)),
                attribute("d1", "since", date(1_600_000_000_000L)),
                attribute("b1", "active", bool(true)),
                attribute("t2", "note", str("deep")),
                attribute("t1", "tag", str("t"), "t2"),
                attribute("k1", "nickname", str("Al"), "t1"),
                entity("p1", "person", "n1", "a1", "k1"),
                entity("p2", "person", "n2", "s1"),
                entity("c1", "company", "n3", "b1"),
                relationOwning("e1", "employment", List.of("d1"), "employee", "p1", "employer", "c1"),
                relation("e2", "employment", "employee", "p2", "employer", "c1"),
                relation("f1", "friendship", "friend", "p1", "friend", "p2"),
                relation("r1", "reference", "subject", "e1", "object", "f1"),
                relation("r2", "reference", "subject", "r1", "object", "e2"),
                relation("m1", "team", "member", "p1", "member", "p1", "member", "p2")));
    }

    private Path file(String name, List<Item> things) {
        return write(dir.resolve(name), things);
    }

    private DiffResult compare(List<Item> a, List<Item> b) {
        return diff(file("a.grakn", a), file("b.grakn", b));
    }

    private static List<Item> replace(List<Item> things, String id, UnaryOperator<Item> change) {
        List<Item> out = new ArrayList<>();
        for (Item t : things) out.add(Graphs.idOf(t).equals(id) ? change.apply(t) : t);
        return out;
    }

    @Test
    void aGraphShuffledReidentifiedRegroupedAndCompressedDifferentlyIsEqual() {
        Path a = write(dir.resolve("a.grakn.gz"), company());
        Path b = write(dir.resolve("b.grakn.zst"), disguised(company(), 7));
        DiffResult r = diff(a, b);
        assertThat(r.outcome()).isEqualTo(DiffResult.Outcome.EQUAL);
        assertThat(r.exitCode()).isZero();
        assertThat(r.toText()).startsWith("equal: a.grakn and b.grakn hold the same graph (3 entities, 10 attributes, 6 relations, ");
    }

    @Test
    void emptyGraphsAreEqual() {
        assertThat(compare(List.of(), List.of()).outcome()).isEqualTo(DiffResult.Outcome.EQUAL);
    }

    @Test
    void oneOwnershipLessIsNamed() {
        List<Item> b = replace(company(), "p2", t -> entity("p2", "person", "n2"));
        DiffResult r = compare(company(), b);
        assertThat(r.outcome()).isEqualTo(DiffResult.Outcome.DIFFERENT);
        assertThat(row(r, "person")).isEqualTo(new DiffResult.LabelRow("entity", "person", 2, 2, 1, 1));
        assertThat(r.onlyInA()).anySatisfy(e -> assertThat(e.description()).startsWith("person p2 {name \"Bob\", score 1.5 (double)}"));
        assertThat(r.onlyInB()).anySatisfy(e -> assertThat(e.description()).startsWith("person p2 {name \"Bob\"}"));
        assertThat(r.onlyInATotal()).isEqualTo(1);
    }

    @Test
    void oneRolePlayerChangedIsNamed() {
        List<Item> b = replace(company(), "e2", t -> relation("e2", "employment", "employee", "p1", "employer", "c1"));
        DiffResult r = compare(company(), b);
        assertThat(r.outcome()).isEqualTo(DiffResult.Outcome.DIFFERENT);
        assertThat(row(r, "employment")).isEqualTo(new DiffResult.LabelRow("relation", "employment", 2, 2, 1, 1));
        assertThat(r.onlyInATotal()).isEqualTo(1);
        assertThat(r.onlyInA()).anySatisfy(e -> assertThat(e.description()).startsWith("employment e2 (employee: person p2 {name \"Bob\", score 1.5 (double)}"));
        assertThat(r.onlyInB()).anySatisfy(e -> assertThat(e.description()).startsWith("employment e2 (employee: person p1 {name \"Alice\""));
    }

    @Test
    void aLongIsNotTheDoubleOfTheSameNumber() {
        List<Item> b = replace(company(), "a1", t -> attribute("a1", "age", dbl(30.0)));
        DiffResult r = compare(company(), b);
        assertThat(r.outcome()).isEqualTo(DiffResult.Outcome.DIFFERENT);
        assertThat(row(r, "age")).isEqualTo(new DiffResult.LabelRow("attribute", "age", 1, 1, 1, 1));
        assertThat(r.onlyInA()).extracting(DiffResult.Example::description).containsExactly("age a1 = 30 (long) [owned 1 time]");
        assertThat(r.onlyInB()).extracting(DiffResult.Example::description).containsExactly("age a1 = 30.0 (double) [owned 1 time]");
        assertThat(r.onlyInATotal()).isEqualTo(1);
    }

    @Test
    void oneLabelChangedIsNamed() {
        List<Item> b = replace(company(), "c1", t -> entity("c1", "organisation", "n3", "b1"));
        DiffResult r = compare(company(), b);
        assertThat(r.outcome()).isEqualTo(DiffResult.Outcome.DIFFERENT);
        assertThat(row(r, "company")).isEqualTo(new DiffResult.LabelRow("entity", "company", 1, 0, 1, 0));
        assertThat(row(r, "organisation")).isEqualTo(new DiffResult.LabelRow("entity", "organisation", 0, 1, 0, 1));
        assertThat(r.onlyInA()).extracting(DiffResult.Example::id).containsExactly("c1");
        assertThat(r.onlyInB()).extracting(DiffResult.Example::id).containsExactly("c1");
    }

    @Test
    void twoPlayersSwappedBetweenRolesAreNamed() {
        List<Item> b = replace(company(), "e2", t -> relation("e2", "employment", "employee", "c1", "employer", "p2"));
        DiffResult r = compare(company(), b);
        assertThat(r.outcome()).isEqualTo(DiffResult.Outcome.DIFFERENT);
        assertThat(row(r, "employment")).isEqualTo(new DiffResult.LabelRow("relation", "employment", 2, 2, 1, 1));
        assertThat(r.onlyInA()).anySatisfy(e -> assertThat(e.description()).startsWith("employment e2 (employee: person p2"));
        assertThat(r.onlyInB()).anySatisfy(e -> assertThat(e.description()).startsWith("employment e2 (employee: company c1"));
    }

    @Test
    void relabellingSideAFirstMakesItEqual() {
        List<Item> b = replace(replace(company(), "a1", t -> attribute("a1", "years", lng(30))),
                "f1", t -> relation("f1", "friendship", "pal", "p1", "pal", "p2"));
        assertThat(compare(company(), b).outcome()).isEqualTo(DiffResult.Outcome.DIFFERENT);
        DiffResult r = diff(dir.resolve("a.grakn"), dir.resolve("b.grakn"), Relabel.parse(List.of("age=years", "friend=pal")));
        assertThat(r.outcome()).isEqualTo(DiffResult.Outcome.EQUAL);
    }

    @Test
    void aThingThatDiffersOnlyTwoHopsAwayIsFound() {
        // Every marriage joins two look-alike people and every employment one person: only which
        // people are employed tells the marriages apart, two hops from each marriage.
        List<Item> a = List.of(entity("p1", "person"), entity("p2", "person"), entity("p3", "person"), entity("p4", "person"),
                relation("m1", "marriage", "spouse", "p1", "spouse", "p2"), relation("m2", "marriage", "spouse", "p3", "spouse", "p4"),
                relation("e1", "employment", "employee", "p1"), relation("e2", "employment", "employee", "p3"));
        List<Item> b = new ArrayList<>(a);
        b.set(7, relation("e2", "employment", "employee", "p2"));
        DiffResult r = compare(a, b);
        assertThat(r.outcome()).isEqualTo(DiffResult.Outcome.DIFFERENT);
        assertThat(row(r, "marriage")).isEqualTo(new DiffResult.LabelRow("relation", "marriage", 2, 2, 2, 2));
        assertThat(row(r, "person").onlyInA()).isZero();
        assertThat(compare(a, disguised(a, 3)).outcome()).isEqualTo(DiffResult.Outcome.EQUAL);
    }

    @Test
    void aThingThatDiffersTwoHopsAwayIsFoundWhateverTheOrderOfTheSides() {
        // After the first round every marriage looks like every other and every person like every
        // person: the first pairings are wrong (the histograms agree), and only the rounds upwards
        // tell which spouse is employed.
        List<Item> a = List.of(entity("p1", "person"), entity("p2", "person"), entity("p3", "person"), entity("p4", "person"),
                relation("m1", "marriage", "spouse", "p1", "spouse", "p2"), relation("m2", "marriage", "spouse", "p3", "spouse", "p4"),
                relation("e1", "employment", "employee", "p1"), relation("e2", "employment", "employee", "p2"));
        List<Item> b = new ArrayList<>(a);
        b.set(7, relation("e2", "employment", "employee", "p3"));
        for (long seed = 1; seed <= 4; seed++) {
            DiffResult r = compare(a, seed == 1 ? b : disguised(b, seed));
            assertThat(r.outcome()).as("seed %d", seed).isEqualTo(DiffResult.Outcome.DIFFERENT);
            assertThat(r.rounds()).isPositive();
            assertThat(row(r, "marriage")).isEqualTo(new DiffResult.LabelRow("relation", "marriage", 2, 2, 2, 2));
        }
    }

    @Test
    void sidesListingTheSameThingsInTheSameOrderAreConfirmedWithoutRefining() {
        List<Item> a = company();
        DiffResult r = compare(a, reIdentified(a, 7));
        assertThat(r.outcome()).isEqualTo(DiffResult.Outcome.EQUAL);
        assertThat(r.rounds()).isZero();
        // the same graph in another order: the first pairing is wrong, the refined one holds
        for (long seed = 1; seed <= 4; seed++) {
            assertThat(compare(a, shuffled(reIdentified(a, seed), seed)).outcome()).as("seed %d", seed).isEqualTo(DiffResult.Outcome.EQUAL);
        }
        // one value changed in the same order: the first pairing fails the exact check, the colours name the change
        List<Item> b = reIdentified(replace(a, "a1", t -> attribute("a1", "age", lng(31))), 7);
        DiffResult d = compare(a, b);
        assertThat(d.outcome()).isEqualTo(DiffResult.Outcome.DIFFERENT);
        assertThat(row(d, "age")).isEqualTo(new DiffResult.LabelRow("attribute", "age", 1, 1, 1, 1));
    }

    @Test
    void graknIdsAreComparedByTheirNumbers() {
        List<Item> a = withGraknIds(company(), 1);
        assertThat(compare(a, withGraknIds(company(), 2)).outcome()).isEqualTo(DiffResult.Outcome.EQUAL);
        assertThat(compare(a, disguised(a, 3)).outcome()).isEqualTo(DiffResult.Outcome.EQUAL);
        assertThat(compare(company(), a).outcome()).isEqualTo(DiffResult.Outcome.EQUAL);
        List<Item> random = withGraknIds(randomGraph(5, 200), 5);
        assertThat(compare(random, disguised(random, 6)).outcome()).isEqualTo(DiffResult.Outcome.EQUAL);
    }

    @Test
    void graknIdsWithLeadingZerosAreOtherIds() {
        Path good = file("good.grakn", List.of(attribute("V7", "name", str("x")), entity("V8", "person", "V7")));
        Path zero = file("zero.grakn", List.of(attribute("V7", "name", str("x")), entity("V8", "person", "V07")));
        assertThatThrownBy(() -> diff(good, zero)).isInstanceOf(DamagedGraphException.class)
                .hasMessage("b.grakn: entity V8 (person) owns an attribute that is not in the input (reference 1 of the thing);"
                        + " the input is damaged, run grakn-migrate verify on it");
        Path both = file("both.grakn", List.of(attribute("V7", "name", str("x")), attribute("V07", "name", str("x")),
                entity("V8", "person", "V07"), entity("V9", "person", "V7")));
        Path same = file("same.grakn", List.of(attribute("A", "name", str("x")), attribute("B", "name", str("x")),
                entity("C", "person", "B"), entity("D", "person", "A")));
        assertThat(diff(both, same).outcome()).isEqualTo(DiffResult.Outcome.EQUAL);
        Path twice = file("twice.grakn", List.of(attribute("V7", "name", str("x")), entity("V7", "person")));
        assertThatThrownBy(() -> diff(twice, good)).isInstanceOf(DamagedGraphException.class)
                .hasMessageStartingWith("a.grakn: id V7 is used by two things (attribute V7 (name) and entity V7 (person))");
    }

    @Test
    void aDuplicatedPlayerIsNotTwoLookAlikePlayers() {
        List<Item> a = List.of(entity("x", "person"), entity("y", "person"), relation("t", "team", "member", "x", "member", "x"));
        List<Item> b = List.of(entity("x", "person"), entity("y", "person"), relation("t", "team", "member", "x", "member", "y"));
        DiffResult r = compare(a, b);
        assertThat(r.outcome()).isEqualTo(DiffResult.Outcome.DIFFERENT);
        assertThat(row(r, "person")).isEqualTo(new DiffResult.LabelRow("entity", "person", 2, 2, 2, 2));
        assertThat(compare(a, disguised(a, 5)).outcome()).isEqualTo(DiffResult.Outcome.EQUAL);
    }

    @Test
    void relationsWithIdenticalPlayersAreCountedAsMultisets() {
        List<Item> twice = List.of(entity("p", "person"), entity("q", "person"),
                relation("f1", "friendship", "friend", "p", "friend", "q"), relation("f2", "friendship", "friend", "p", "friend", "q"));
        List<Item> once = List.of(entity("p", "person"), entity("q", "person"),
                relation("f1", "friendship", "friend", "p", "friend", "q"), relation("f2", "friendship", "friend", "p", "friend", "p"));
        assertThat(compare(twice, disguised(twice, 11)).outcome()).isEqualTo(DiffResult.Outcome.EQUAL);
        assertThat(compare(twice, once).outcome()).isEqualTo(DiffResult.Outcome.DIFFERENT);
    }

    @Test
    void manySymmetricPairsOfLookAlikesAreMatchedByIndividualising() {
        List<Item> a = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            a.add(entity("p" + i, "person"));
            a.add(entity("q" + i, "person"));
            a.add(relation("f" + i, "friendship", "friend", "p" + i, "friend", "q" + i));
            a.add(relation("e" + i, "employment", "employee", "p" + i, "employer", "c"));
        }
        a.add(entity("c", "company"));
        assertThat(compare(a, disguised(a, 13)).outcome()).isEqualTo(DiffResult.Outcome.EQUAL);
    }

    @Test
    void chainsOfRelationsOverRelationsDifferingAtTheBottomAreDifferent() {
        List<Item> a = new ArrayList<>(List.of(attribute("v", "name", str("root")), entity("p", "person", "v"),
                relation("r0", "link", "from", "p")));
        for (int i = 1; i < 12; i++) a.add(relation("r" + i, "link", "from", "r" + (i - 1)));
        List<Item> b = new ArrayList<>(a);
        b.set(0, attribute("v", "name", str("other")));
        assertThat(compare(a, disguised(a, 17)).outcome()).isEqualTo(DiffResult.Outcome.EQUAL);
        DiffResult r = compare(a, b);
        assertThat(r.outcome()).isEqualTo(DiffResult.Outcome.DIFFERENT);
        assertThat(r.onlyInA()).extracting(DiffResult.Example::description).containsExactly("name v = \"root\" [owned 1 time]");
    }

    @Test
    void attributesOwningAttributesAreComparedToTheBottom() {
        List<Item> b = replace(company(), "t2", t -> attribute("t2", "note", str("shallow")));
        DiffResult r = compare(company(), b);
        assertThat(r.outcome()).isEqualTo(DiffResult.Outcome.DIFFERENT);
        assertThat(r.onlyInA()).extracting(DiffResult.Example::description).containsExactly("note t2 = \"deep\" [owned 1 time]");
    }

    @Test
    void twoTrianglesAreNeverReportedEqualToAHexagon() {
        // Colour refinement alone cannot tell these apart: every person has two friends.
        List<Item> triangles = new ArrayList<>();
        List<Item> hexagon = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            triangles.add(entity("p" + i, "person"));
            hexagon.add(entity("p" + i, "person"));
            int t = i / 3 * 3;
            triangles.add(relation("f" + i, "friendship", "friend", "p" + i, "friend", "p" + (t + (i + 1) % 3)));
            hexagon.add(relation("f" + i, "friendship", "friend", "p" + i, "friend", "p" + (i + 1) % 6));
        }
        DiffResult r = compare(triangles, hexagon);
        assertThat(r.outcome()).isNotEqualTo(DiffResult.Outcome.EQUAL);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(compare(hexagon, disguised(hexagon, 19)).outcome()).isEqualTo(DiffResult.Outcome.EQUAL);
    }

    @Test
    void nanEqualsNanButMinusZeroIsNotZero() {
        List<Item> a = List.of(attribute("x", "score", dbl(Double.longBitsToDouble(0x7ff8000000000001L))), attribute("z", "score", dbl(0.0)));
        List<Item> b = List.of(attribute("x", "score", dbl(Double.NaN)), attribute("z", "score", dbl(-0.0)));
        List<Item> c = List.of(attribute("x", "score", dbl(Double.NaN)), attribute("z", "score", dbl(0.0)));
        assertThat(compare(a, c).outcome()).isEqualTo(DiffResult.Outcome.EQUAL);
        DiffResult r = compare(a, b);
        assertThat(r.outcome()).isEqualTo(DiffResult.Outcome.DIFFERENT);
        assertThat(r.onlyInB()).extracting(DiffResult.Example::description).containsExactly("score z = -0.0 (double) [owned by nothing]");
    }

    @Test
    void aDanglingReferenceOrADuplicateIdIsADamagedSide() {
        Path good = file("good.grakn", company());
        Path dangling = file("dangling.grakn", replace(company(), "p2", t -> entity("p2", "person", "n2", "missing")));
        assertThatThrownBy(() -> diff(good, dangling)).isInstanceOf(DamagedGraphException.class)
                .hasMessageStartingWith("b.grakn: entity p2 (person) owns")
                .hasMessageContaining("not in the input");
        List<Item> duplicate = company();
        duplicate.add(entity("p1", "person"));
        Path dup = file("dup.grakn", duplicate);
        assertThatThrownBy(() -> diff(dup, good)).isInstanceOf(DamagedGraphException.class)
                .hasMessageStartingWith("a.grakn: id p1 is used by two things");
        Path notAttribute = file("owns-entity.grakn", replace(company(), "p2", t -> entity("p2", "person", "n2", "c1")));
        assertThatThrownBy(() -> diff(good, notAttribute)).isInstanceOf(DamagedGraphException.class)
                .hasMessageContaining("which is not an attribute");
    }

    @Test
    void theJsonReportCarriesTheSameContent() {
        List<Item> b = replace(company(), "a1", t -> attribute("a1", "age", dbl(30.0)));
        DiffResult r = compare(company(), b);
        JsonObject json = JsonParser.parseString(r.toJson()).getAsJsonObject();
        assertThat(json.get("equal").getAsBoolean()).isFalse();
        assertThat(json.get("outcome").getAsString()).isEqualTo("different");
        assertThat(json.getAsJsonObject("countsA").get("attributes").getAsLong()).isEqualTo(10);
        assertThat(json.get("onlyInATotal").getAsLong()).isEqualTo(1);
        assertThat(json.getAsJsonArray("labels")).anySatisfy(e -> {
            JsonObject row = e.getAsJsonObject();
            assertThat(row.get("label").getAsString()).isEqualTo("age");
            assertThat(row.get("onlyInB").getAsLong()).isEqualTo(1);
        });
        JsonObject example = json.getAsJsonArray("onlyInB").get(0).getAsJsonObject();
        assertThat(example.get("id").getAsString()).isEqualTo("a1");
        assertThat(example.get("description").getAsString()).isEqualTo("age a1 = 30.0 (double) [owned 1 time]");
        JsonObject equal = JsonParser.parseString(compare(company(), company()).toJson()).getAsJsonObject();
        assertThat(equal.get("equal").getAsBoolean()).isTrue();
        assertThat(equal.getAsJsonArray("onlyInA")).isEmpty();
    }

    @Test
    void theTextReportHasARowPerLabelAndTheExamples() {
        List<Item> b = replace(company(), "c1", t -> entity("c1", "organisation", "n3", "b1"));
        String text = compare(company(), b).toText();
        assertThat(text).startsWith("different: a.grakn and b.grakn hold different graphs:")
                .contains("entity     company")
                .contains("only in a (a.grakn), ")
                .contains("  company c1 {name \"Acme\", active true} [plays 2 roles]");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomGraphsEqualTheirDisguiseAndDifferFromAnyOneChange(long seed) {
        List<Item> a = randomGraph(seed, 120);
        assertThat(compare(a, disguised(a, seed)).outcome()).as("seed %d", seed).isEqualTo(DiffResult.Outcome.EQUAL);
        Random r = new Random(seed * 31);
        List<Item> b = new ArrayList<>(a);
        int i = r.nextInt(b.size());
        Item t = b.get(i);
        Item changed = switch (t.getItemCase()) {
            case ATTRIBUTE -> t.toBuilder().setAttribute(t.getAttribute().toBuilder().setValue(lng(t.getAttribute().getValue().getLong() + 1000))).build();
            case ENTITY -> t.toBuilder().setEntity(t.getEntity().toBuilder().setLabel("changed")).build();
            default -> t.toBuilder().setRelation(t.getRelation().toBuilder().setRole(0, t.getRelation().getRole(0).toBuilder().setLabel("changed"))).build();
        };
        b.set(i, changed);
        DiffResult d = compare(a, disguised(b, seed + 100));
        assertThat(d.outcome()).as("seed %d, changed %s", seed, Graphs.idOf(t)).isEqualTo(DiffResult.Outcome.DIFFERENT);
        assertThat(d.onlyInATotal()).isPositive();
    }

    /**
     * Graphs of a thousand things and more, listed in another order and reidentified, are equal; a
     * defect in the first or the last thing b lists (where each half of the exact check starts or
     * ends) makes them differ.
     */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void largeShuffledGraphsAreEqualAndADefectAtEitherEndOfBIsFound(long seed) {
        List<Item> a = randomGraph(seed, 1000 + (int) seed);
        List<Item> b = disguised(a, seed);
        assertThat(compare(a, b).outcome()).as("seed %d", seed).isEqualTo(DiffResult.Outcome.EQUAL);
        for (int i : new int[] {0, b.size() - 1}) {
            List<Item> damaged = new ArrayList<>(b);
            damaged.set(i, changed(damaged.get(i)));
            DiffResult d = compare(a, damaged);
            assertThat(d.outcome()).as("seed %d, changed thing %d of b", seed, i).isEqualTo(DiffResult.Outcome.DIFFERENT);
            assertThat(d.onlyInBTotal()).isPositive();
        }
    }

    /**
     * Relations of thousands of players (more edges than a round reads ahead for a batch of things,
     * and than the exact check gathers), among look-alike members that only their names tell apart,
     * listed in another order: equal; one player of the largest moved to another member: different.
     */
    @ParameterizedTest
    @ValueSource(longs = {21, 22})
    void relationsOfThousandsOfPlayersAreComparedWhole(long seed) {
        Random r = new Random(seed);
        List<Item> a = new ArrayList<>();
        int members = 3000;
        for (int i = 0; i < members; i++) {
            a.add(attribute("n" + i, "name", str("member " + i)));
            a.add(entity("p" + i, "person", "n" + i));
        }
        for (int g = 0; g < 3; g++) {
            int size = g == 0 ? 2 * members + 500 : 100 + r.nextInt(2000);
            List<String> roles = new ArrayList<>();
            for (int k = 0; k < size; k++) {
                roles.add(k % 3 == 0 ? "lead" : "member");
                roles.add("p" + r.nextInt(members));
            }
            a.add(relation("g" + g, "group", roles.toArray(String[]::new)));
        }
        assertThat(compare(a, disguised(a, seed)).outcome()).as("seed %d", seed).isEqualTo(DiffResult.Outcome.EQUAL);
        List<Item> b = replace(a, "g0", t -> {
            var rel = t.getRelation().toBuilder();
            var role = rel.getRole(1).toBuilder();
            String moved = role.getPlayer(0).getId().equals("p0") ? "p1" : "p0";
            role.setPlayer(0, role.getPlayer(0).toBuilder().setId(moved));
            return t.toBuilder().setRelation(rel.setRole(1, role)).build();
        });
        DiffResult d = compare(a, disguised(b, seed + 1));
        assertThat(d.outcome()).as("seed %d, a player moved", seed).isEqualTo(DiffResult.Outcome.DIFFERENT);
    }

    private static Item changed(Item t) {
        return switch (t.getItemCase()) {
            case ATTRIBUTE -> t.toBuilder().setAttribute(t.getAttribute().toBuilder().setValue(lng(t.getAttribute().getValue().getLong() + 1000))).build();
            case ENTITY -> t.toBuilder().setEntity(t.getEntity().toBuilder().setLabel("changed")).build();
            default -> t.toBuilder().setRelation(t.getRelation().toBuilder().setRole(0, t.getRelation().getRole(0).toBuilder().setLabel("changed"))).build();
        };
    }

    /** Few labels and values, so that many things look alike and the structure must tell them apart. */
    static List<Item> randomGraph(long seed, int size) {
        Random r = new Random(seed);
        List<Item> things = new ArrayList<>();
        List<String> attributes = new ArrayList<>();
        List<String> players = new ArrayList<>();
        for (int i = 0; i < size / 4; i++) {
            String id = "a" + i;
            String owned = !attributes.isEmpty() && r.nextInt(5) == 0 ? attributes.get(r.nextInt(attributes.size())) : null;
            things.add(owned == null ? attribute(id, "level", lng(r.nextInt(4))) : attribute(id, "level", lng(r.nextInt(4)), owned));
            attributes.add(id);
        }
        for (int i = 0; i < size / 3; i++) {
            String id = "e" + i;
            List<String> owned = new ArrayList<>();
            for (int k = r.nextInt(3); k > 0; k--) owned.add(attributes.get(r.nextInt(attributes.size())));
            things.add(entity(id, r.nextBoolean() ? "person" : "robot", owned.toArray(String[]::new)));
            players.add(id);
        }
        for (int i = 0; i < size - size / 4 - size / 3; i++) {
            String id = "r" + i;
            List<String> roles = new ArrayList<>();
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                roles.add(r.nextBoolean() ? "left" : "right");
                roles.add(players.get(r.nextInt(players.size())));
            }
            things.add(relation(id, r.nextBoolean() ? "pair" : "group", roles.toArray(String[]::new)));
            players.add(id);
        }
        return things;
    }

    private static DiffResult.LabelRow row(DiffResult r, String label) {
        return r.labels().stream().filter(l -> l.label().equals(label)).findFirst().orElseThrow();
    }
}
