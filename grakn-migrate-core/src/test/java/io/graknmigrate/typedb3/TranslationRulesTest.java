package io.graknmigrate.typedb3;

import io.graknmigrate.format.proto.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One test per schema or data translation rule, each on a tiny schema and export. */
class TranslationRulesTest {

    @TempDir
    Path dir;

    private static final String PEOPLE = """
            define
            name sub attribute, value string;
            age sub attribute, value long;
            person sub entity, has name, has age, plays friendship_friend;
            friendship sub relation, relates friendship_friend;
            """;

    @Test
    void kindsAndLongBecomeTypeQl3() throws Exception {
        Conversion c = new Conversion(dir, PEOPLE).entity("p", "person").run();
        assertThat(c.schemaText).contains("attribute age, value integer;", "attribute name, value string;",
                "entity person,", "relation friendship, relates friendship_friend;");
        assertThat(c.schemaText).doesNotContain("sub entity", "sub relation", "sub attribute", "value long");
        assertThat(c.result.valid()).isTrue();
    }

    @Test
    void singleValuedOwnershipsKeepTheDefaultCardinalityAndMultiValuedOnesOpenIt() throws Exception {
        Conversion c = new Conversion(dir, PEOPLE)
                .attribute("n1", "name", "Ann").attribute("n2", "name", "Annie").attribute("a1", "age", 30)
                .entity("p1", "person", "n1", "n2", "a1").entity("p2", "person", "a1").run();
        assertThat(c.schemaText).contains("owns name @card(0..)").containsPattern("owns age[,;]");
        assertThat(c.result.valid()).isTrue();
    }

    @Test
    void rolesWithSeveralPlayersOpenTheRelatesCardinalityAndRoleLabelsAreScoped() throws Exception {
        Conversion c = new Conversion(dir, PEOPLE).entity("p1", "person").entity("p2", "person")
                .relation("f", "friendship", Map.of("friendship_friend", List.of("p1", "p2"))).run();
        assertThat(c.schemaText).contains("relates friendship_friend @card(0..)", "plays friendship:friendship_friend");
        assertThat(c.relation("f").getRole(0).getLabel()).isEqualTo("friendship:friendship_friend");
        assertThat(c.result.valid()).isTrue();
    }

    @Test
    void inheritedRolesAreScopedToTheDeclaringAncestorAndAsIsKept() throws Exception {
        Conversion c = new Conversion(dir, """
                define
                person sub entity, plays parentship_parent, plays parentship_child, plays fathership_father;
                parentship sub relation, relates parentship_parent, relates parentship_child;
                fathership sub parentship, relates fathership_father as parentship_parent;
                """).entity("a", "person").entity("b", "person")
                .relation("r", "fathership", Map.of("fathership_father", List.of("a"), "parentship_child", List.of("b"))).run();
        assertThat(c.schemaText).contains("relates fathership_father as parentship_parent")
                .doesNotContainPattern("relation fathership[^;]*relates parentship_child");
        assertThat(c.relation("r").getRoleList()).extracting(Item.Relation.Role::getLabel)
                .containsExactlyInAnyOrder("fathership:fathership_father", "parentship:parentship_child");
        assertThat(c.result.valid()).isTrue();
    }

    @Test
    void playersOfASpecialisedAwayRoleKeepTheirDataAndTheAsIsDropped() throws Exception {
        Conversion c = new Conversion(dir, """
                define
                person sub entity, plays parentship_parent, plays fathership_father;
                parentship sub relation, relates parentship_parent;
                fathership sub parentship, relates fathership_father as parentship_parent;
                """).entity("a", "person")
                .relation("r", "fathership", Map.of("parentship_parent", List.of("a"))).run();
        assertThat(c.schemaText).contains("relates fathership_father;").doesNotContain(" as ");
        assertThat(c.decisions()).contains("written as the plain role 'relates fathership_father'");
        assertThat(c.result.valid()).isTrue();
    }

    @Test
    void playsBecomesOneScopedPlaysPerRelationDeclaringTheRole() throws Exception {
        Conversion c = new Conversion(dir, """
                define
                person sub entity, plays member;
                club sub relation, relates member;
                team sub relation, relates member;
                """).entity("p", "person").run();
        assertThat(c.schemaText).contains("plays club:member", "plays team:member");
        assertThat(c.result.valid()).isTrue();
    }

    @Test
    void relationsCanPlayRoles() throws Exception {
        Conversion c = new Conversion(dir, """
                define
                person sub entity, plays marriage_spouse;
                place sub entity, plays locates_location;
                marriage sub relation, relates marriage_spouse, plays locates_located;
                locates sub relation, relates locates_location, relates locates_located;
                """).entity("a", "person").entity("l", "place")
                .relation("m", "marriage", Map.of("marriage_spouse", List.of("a")))
                .relation("x", "locates", Map.of("locates_location", List.of("l"), "locates_located", List.of("m"))).run();
        assertThat(c.schemaText).containsPattern("relation marriage[^;]*plays locates:locates_located");
        assertThat(c.result.valid()).isTrue();
    }

    @Test
    void inheritedValueTypesOwnsAndPlaysAreNotRestated() throws Exception {
        Conversion c = new Conversion(dir, """
                define
                date sub attribute, value datetime;
                start sub date, value datetime;
                name sub attribute, value string;
                person sub entity, has name, plays club_member;
                student sub person, has name, plays club_member;
                club sub relation, relates club_member;
                """).entity("s", "student").run();
        assertThat(c.schemaText).contains("attribute start, sub date;", "entity student, sub person;");
        assertThat(c.decisions()).contains("student: 'has name' not re-stated", "student: 'plays club_member' not re-stated");
        assertThat(c.result.valid()).isTrue();
    }

    @Test
    void abstractTypesStayAbstractUnlessTheirSupertypeIsConcrete() throws Exception {
        Conversion c = new Conversion(dir, """
                define
                thing1 sub entity, abstract;
                thing2 sub thing1, abstract;
                concrete sub entity;
                under sub concrete, abstract;
                """).run();
        assertThat(c.schemaText).contains("entity thing1 @abstract;", "entity thing2 @abstract, sub thing1;", "entity under, sub concrete;");
        assertThat(c.decisions()).contains("under: @abstract dropped").contains("SVL14");
        assertThat(c.result.valid()).isTrue();
    }

    @Test
    void regexIsAnchoredAndQuotesEscaped() throws Exception {
        Conversion c = new Conversion(dir, """
                define
                code sub attribute, value string, regex "[A-Z]+\\"?";
                item sub entity, has code;
                """).attribute("c", "code", "AB\"").entity("i", "item", "c").run();
        assertThat(c.schemaText).contains("@regex(\"^(?:[A-Z]+\\\"?)$\")");
        TypeQlSchema parsed = TypeQlParser.parse(c.schemaText);
        assertThat(parsed.type("code").regex()).isEqualTo("^(?:[A-Z]+\"?)$");
        assertThat(c.result.valid()).isTrue();
    }

    @Test
    void regexWithLookAroundOrViolatedByTheDataIsDroppedAndReported() throws Exception {
        Conversion c = new Conversion(dir, """
                define
                a sub attribute, value string, regex "(?!x).*";
                b sub attribute, value string, regex "[0-9]+";
                item sub entity, has a, has b;
                """).attribute("x1", "a", "y").attribute("x2", "b", "abc").entity("i", "item", "x1", "x2").run();
        assertThat(c.schemaText).doesNotContain("@regex");
        assertThat(c.losses()).contains("regex constraint of 'a'").contains("RE2 syntax refuses it").contains("regex constraint of 'b'").contains("do not match");
        assertThat(c.result.valid()).isTrue();
    }

    @Test
    void keysBecomeKeyAnnotationsAndDoubleKeysAreWeakened() throws Exception {
        Conversion c = new Conversion(dir, """
                define
                email sub attribute, value string;
                weight sub attribute, value double;
                person sub entity, key email, key weight;
                """).attribute("e1", "email", "a@x").attribute("e2", "email", "b@x").attribute("w", "weight", 1.5)
                .entity("p1", "person", "e1", "w").entity("p2", "person", "e2").run();
        assertThat(c.schemaText).contains("owns email @key").containsPattern("owns weight[,;]");
        assertThat(c.losses()).contains("key constraint 'person key weight' weakened").contains("SVL26");
        assertThat(c.result.valid()).isTrue();
    }

    @Test
    void keysTheDataViolatesAreWeakenedToWhatHolds() throws Exception {
        Conversion c = new Conversion(dir, """
                define
                email sub attribute, value string;
                code sub attribute, value string;
                person sub entity, key email, key code;
                """).attribute("e", "email", "shared@x").attribute("c1", "code", "1").attribute("c2", "code", "2")
                .entity("p1", "person", "e", "c1", "c2").entity("p2", "person", "e").run();
        assertThat(c.schemaText).contains("owns email,").contains("owns code @unique @card(0..)").doesNotContain("@key");
        assertThat(c.losses()).contains("'person key email' weakened", "'person key code' weakened");
        assertThat(c.result.valid()).isTrue();
    }

    @Test
    void owningASupertypeAttributeGetsOwnsForTheSubtypesTheDataHas() throws Exception {
        Conversion c = new Conversion(dir, """
                define
                name sub attribute, value string;
                nickname sub name;
                person sub entity, has name;
                student sub person;
                """).attribute("n", "nickname", "Al").entity("s", "student", "n").run();
        assertThat(c.schemaText).containsPattern("entity person,\\s+owns name,\\s+owns nickname;");
        assertThat(c.decisions()).contains("person: 'owns nickname' added");
        assertThat(c.result.valid()).isTrue();
    }

    @Test
    void reservedWordsAreRenamedInSchemaAndData() throws Exception {
        Conversion c = new Conversion(dir, """
                define
                from sub attribute, value string;
                of sub entity, has from, plays in;
                link sub relation, relates in;
                """).attribute("f", "from", "x").entity("o", "of", "f").relation("l", "link", Map.of("in", List.of("o"))).run();
        assertThat(c.schemaText).contains("attribute from_, value string;", "entity of_,", "owns from_", "relates in_", "plays link:in_");
        assertThat(c.attribute("f").getLabel()).isEqualTo("from_");
        assertThat(c.entity("o").getLabel()).isEqualTo("of_");
        assertThat(c.relation("l").getRole(0).getLabel()).isEqualTo("link:in_");
        assertThat(c.result.valid()).isTrue();
    }

    @Test
    void labelsThatAreNotTypeQlIdentifiersAreRenamed() throws Exception {
        Conversion c = new Conversion(dir, """
                define
                1st-place sub entity;
                """).entity("p", "1st-place").run();
        assertThat(c.schemaText).contains("entity x1st-place;");
        assertThat(c.entity("p").getLabel()).isEqualTo("x1st-place");
        assertThat(c.decisions()).contains("not a TypeQL 3 identifier");
        assertThat(c.result.valid()).isTrue();
    }

    @Test
    void ownerlessAttributesMakeTheirTypeIndependent() throws Exception {
        Conversion c = new Conversion(dir, """
                define
                tag sub attribute, value string;
                subtag sub tag;
                name sub attribute, value string;
                item sub entity, has name, has tag;
                """).attribute("t", "tag", "loose").attribute("s", "subtag", "loose2").attribute("n", "name", "x")
                .entity("i", "item", "n").run();
        assertThat(c.schemaText).contains("attribute tag @independent, value string;", "attribute subtag, sub tag;", "attribute name, value string;");
        assertThat(c.result.valid()).isTrue();
    }

    private static final String CURRENCY = """
            define
            code sub attribute, value string;
            symbol sub attribute, value string;
            currency sub attribute, value string, has code;
            code has symbol;
            country sub entity, has currency;
            """;

    @Test
    void attributeOwnershipsAreRehomedThroughChains() throws Exception {
        Conversion c = new Conversion(dir, CURRENCY)
                .attribute("sym", "symbol", "$").attribute("usd", "code", "USD", "sym")
                .attribute("dollar", "currency", "Dollar", "usd").attribute("free", "currency", "Loose", "usd")
                .entity("us", "country", "dollar").run();
        assertThat(Conversion.ids(c.entity("us").getAttributeList())).containsExactlyInAnyOrder("dollar", "usd", "sym");
        assertThat(c.attribute("dollar").getAttributeCount()).isZero();
        assertThat(c.schemaText).containsPattern("entity country,\\s+owns currency,\\s+owns code,\\s+owns symbol;")
                .containsPattern("attribute currency @independent")
                .doesNotContainPattern("attribute [a-z]+[^;]*owns");
        assertThat(c.counts().ownerships().ownedByAttributes()).isEqualTo(3);
        assertThat(c.counts().ownerships().rehomed()).isEqualTo(2);
        assertThat(c.counts().ownerships().orphaned()).isEqualTo(1);
        assertThat(c.counts().ownerships().written()).isEqualTo(3);
        assertThat(c.decisions()).contains("1 'code' ownerships re-homed from 'currency' to the 1 'country' things",
                "1 'symbol' ownerships re-homed from 'code' to the 1 'country' things");
        assertThat(c.losses()).contains("1 ownerships by attributes that no entity or relation owns: type 'currency'", "free");
        assertThat(c.result.valid()).isTrue();
    }

    @Test
    void attributeOwnershipsCanBeDropped() throws Exception {
        Conversion c = new Conversion(dir, CURRENCY)
                .options(new Typedb3Converter.Options().attributeOwners(Typedb3Converter.AttributeOwners.DROP))
                .attribute("usd", "code", "USD").attribute("dollar", "currency", "Dollar", "usd")
                .entity("us", "country", "dollar").run();
        assertThat(Conversion.ids(c.entity("us").getAttributeList())).containsExactly("dollar");
        assertThat(c.schemaText).contains("attribute code @independent");
        assertThat(c.counts().ownerships().droppedByOption()).isEqualTo(1);
        assertThat(c.result.valid()).isTrue();
    }

    private static final String TAGGING = """
            define
            name sub attribute, value string, plays tagging_tag;
            item sub entity, has name, plays tagging_item;
            tagging sub relation, relates tagging_tag, relates tagging_item;
            """;

    @Test
    void attributePlayersAreDroppedAndReportedByDefault() throws Exception {
        Conversion c = new Conversion(dir, TAGGING).attribute("n", "name", "x").entity("i", "item", "n")
                .relation("t", "tagging", Map.of("tagging_tag", List.of("n"), "tagging_item", List.of("i"))).run();
        assertThat(c.relation("t").getRoleList()).hasSize(1);
        assertThat(c.schemaText).doesNotContain("plays tagging:tagging_tag").contains("attribute name, value string;");
        assertThat(c.counts().players().attributePlayers()).isEqualTo(1);
        assertThat(c.losses()).contains("attributes cannot play roles", "t (tagging_tag: n (name))");
        assertThat(c.result.valid()).isTrue();
        assertThat(c.result.report().toMarkdown()).doesNotContain("passed").contains("were dropped");
    }

    @Test
    void danglingReferencesAreRefusedUnlessDropsAreAllowed() throws Exception {
        DropsRefusedException e = new Conversion(dir, TAGGING).attribute("n", "name", "x").entity("i", "item", "n", "missing")
                .relation("t", "tagging", Map.of("tagging_item", List.of("i", "ghost"))).refused();
        assertThat(e.cause()).isEqualTo(DropsRefusedException.Cause.MISMATCH);
        assertThat(e.count()).isEqualTo(2);
        assertThat(e.losses()).extracting(Loss::reason).containsExactly(LossReason.OWNED_ID_NOT_AN_ATTRIBUTE, LossReason.PLAYER_NOT_IN_FILE);
        assertThat(dir.resolve("out")).doesNotExist();

        Conversion c = new Conversion(dir, TAGGING).options(new Typedb3Converter.Options().allowDrops(true))
                .attribute("n", "name", "x").entity("i", "item", "n", "missing")
                .relation("t", "tagging", Map.of("tagging_item", List.of("i", "ghost"))).run();
        assertThat(c.counts().players().dangling()).isEqualTo(1);
        assertThat(c.counts().ownerships().dangling()).isEqualTo(1);
        assertThat(c.result.valid()).isTrue();
        assertThat(c.result.report().complete()).isFalse();
    }

    @Test
    void duplicateIdsInListsAreRemoved() throws Exception {
        Conversion c = new Conversion(dir, PEOPLE).attribute("n", "name", "x")
                .entity("p", "person", "n", "n").entity("q", "person")
                .relation("f", "friendship", Map.of("friendship_friend", List.of("p", "p", "q"))).run();
        assertThat(Conversion.ids(c.entity("p").getAttributeList())).containsExactly("n");
        assertThat(c.relation("f").getRole(0).getPlayerList()).hasSize(2);
        assertThat(c.counts().ownerships().duplicates()).isEqualTo(1);
        assertThat(c.counts().players().duplicates()).isEqualTo(1);
        assertThat(c.result.report().complete()).isTrue();
        assertThat(c.result.valid()).isTrue();
    }

    @Test
    void itemsAreWrittenAttributesThenEntitiesThenRelationsWithRecomputedChecksums() throws Exception {
        Conversion c = new Conversion(dir, PEOPLE).entity("p", "person", "n").attribute("n", "name", "x")
                .relation("f", "friendship", Map.of("friendship_friend", List.of("p", "p"))).entity("q", "person").run();
        List<Item.ItemCase> order = c.output.stream().map(Item::getItemCase).toList();
        assertThat(order).containsExactly(Item.ItemCase.HEADER, Item.ItemCase.ATTRIBUTE, Item.ItemCase.ENTITY, Item.ItemCase.ENTITY,
                Item.ItemCase.RELATION, Item.ItemCase.CHECKSUMS);
        Item.Checksums k = c.output.get(c.output.size() - 1).getChecksums();
        assertThat(List.of(k.getEntityCount(), k.getAttributeCount(), k.getRelationCount(), k.getRoleCount(), k.getOwnershipCount()))
                .containsExactly(2L, 1L, 1L, 1L, 1L);
    }

    @Test
    void remappedLabelsApplyBeforeEverythingElse() throws Exception {
        Conversion c = new Conversion(dir, PEOPLE)
                .options(new Typedb3Converter.Options().remap(Map.of("human", "person", "buddy", "friendship_friend")))
                .entity("p", "human").relation("f", "friendship", Map.of("buddy", List.of("p"))).run();
        assertThat(c.entity("p").getLabel()).isEqualTo("person");
        assertThat(c.relation("f").getRole(0).getLabel()).isEqualTo("friendship:friendship_friend");
        assertThat(c.result.valid()).isTrue();
    }

    @Test
    void itemsOfUnknownTypesOrWithWrongValuesAreRefusedWithSuggestions() throws Exception {
        DropsRefusedException e = new Conversion(dir, PEOPLE).attribute("a", "age", "not a number").entity("p", "persn").refused();
        assertThat(e.count()).isEqualTo(2);
        assertThat(e.suggestions()).containsExactly("did you mean persn=person? (entity type 'person' is in the schema)");
        assertThat(e.losses()).extracting(Loss::text).contains("1 items whose type is not in the schema: type 'persn'");
        assertThat(e.losses().get(0).examples()).isNotEmpty();
    }

    @Test
    void itemsOfUnknownTypesOrWithWrongValuesAreDroppedAndCountedWhenAllowed() throws Exception {
        Conversion c = new Conversion(dir, PEOPLE).options(new Typedb3Converter.Options().allowDrops(true))
                .attribute("a", "age", "not a number").attribute("z", "zodiac", "leo")
                .entity("p", "person", "a").entity("p", "person").entity("x", "alien").run();
        assertThat(c.counts().attributes()).isEqualTo(new ConversionCounts.ItemCounts(2, 0, 2));
        assertThat(c.counts().entities()).isEqualTo(new ConversionCounts.ItemCounts(3, 1, 2));
        assertThat(c.counts().ownerships().toDroppedAttributes()).isEqualTo(1);
        assertThat(c.losses()).contains("items reusing the id", "items whose type is not in the schema: type 'alien'",
                "of another value type than the schema's: type 'age'", "a (\"not a number\")");
        assertThat(c.result.valid()).isTrue();
    }

    @Test
    void rulesAreKeptAsComments() throws Exception {
        Conversion c = new Conversion(dir, PEOPLE + """
                old-is-old sub rule, when { $p isa person, has age 99; }, then { $p has name "old"; };
                """).run();
        assertThat(c.schemaText).contains("# old-is-old sub rule,", "Functions (fun ...) replace them",
                "# fun old-is-old() -> { person }:", "#     $p isa person, has age 99;", "#   return { $p };");
        assertThat(c.result.report().rules()).containsExactly(new RuleOutcome("old-is-old", true, "old-is-old"));
        assertThat(TypeQlParser.parse(c.schemaText).types()).isNotEmpty();
        assertThat(c.result.valid()).isTrue();
    }

    private static final String ROUTES = """
            define
            place sub entity, plays stop, plays origin, plays destination;
            route sub relation, relates stop, relates origin as stop, relates destination as stop;
            """;

    @Test
    void aRoleSpecialisingARoleOfTheSameRelationKeepsItsSpecialisationThroughAnAbstractSupertype() throws Exception {
        Conversion c = new Conversion(dir, ROUTES).entity("a", "place").entity("b", "place")
                .relation("r", "route", Map.of("origin", List.of("a"), "destination", List.of("b"))).run();
        assertThat(c.schemaText).contains("relation route-base @abstract, relates stop @card(0..);")
                .containsPattern("relation route,\\s+sub route-base,\\s+relates origin as stop,\\s+relates destination as stop;")
                .contains("plays route-base:stop", "plays route:origin", "plays route:destination");
        assertThat(c.relation("r").getRoleList()).extracting(Item.Relation.Role::getLabel)
                .containsExactlyInAnyOrder("route:origin", "route:destination");
        assertThat(c.result.report().decisions()).contains(new Decision("route", 2, "route: role 'stop' declared on a new abstract supertype"
                + " 'route-base' so that 'relates origin as stop', 'relates destination as stop' stay specialisations (TypeDB 3 specialises"
                + " only inherited roles); a query on 'stop' still finds their 2 players"));
        assertThat(c.result.report().problems()).isEmpty();
        assertThat(c.result.report().complete()).isTrue();
    }

    @Test
    void whenTheGeneralRoleHasPlayersTheSpecialisedRolesBecomeSiblingsAndTheReportCountsWhatQueriesMiss() throws Exception {
        Conversion c = new Conversion(dir, ROUTES).entity("a", "place").entity("b", "place").entity("s", "place")
                .relation("r", "route", Map.of("origin", List.of("a"), "destination", List.of("b"), "stop", List.of("s")))
                .relation("q", "route", Map.of("origin", List.of("b"))).run();
        assertThat(c.schemaText).containsPattern("relation route,\\s+relates stop @card\\(0\\.\\.\\),\\s+relates origin,\\s+relates destination;")
                .doesNotContain(" as ").doesNotContain("route-base");
        assertThat(c.result.report().decisions()).filteredOn(d -> d.type().equals("route") && d.count() == 2)
                .extracting(Decision::text).singleElement().asString()
                .contains("a query on the role 'stop' no longer finds the 2 'origin' players");
        assertThat(c.relation("r").getRoleList()).extracting(Item.Relation.Role::getLabel)
                .containsExactlyInAnyOrder("route:origin", "route:destination", "route:stop");
        assertThat(c.result.report().problems()).isEmpty();
    }

    @Test
    void parentshipWithFatherAsParentConverts() throws Exception {
        Conversion c = new Conversion(dir, """
                define
                person sub entity, plays parent, plays child, plays father;
                parentship sub relation, relates parent, relates child, relates father as parent;
                """).entity("f", "person").entity("k", "person")
                .relation("p", "parentship", Map.of("father", List.of("f"), "child", List.of("k"))).run();
        assertThat(c.schemaText).contains("relation parentship-base @abstract, relates parent;", "relates father as parent");
        assertThat(c.result.report().problems()).isEmpty();
    }

    @Test
    void valuesTypeDbCannotStoreFailByDefaultAndAreDroppedOnRequest() throws Exception {
        String schema = """
                define
                when sub attribute, value datetime;
                score sub attribute, value double;
                text sub attribute, value string;
                thing1 sub entity, has when, has score, has text;
                """;
        java.util.Date farFuture = new java.util.Date(BadValues.MAX_DATETIME_MILLIS + 1);
        // a lone surrogate cannot reach a .grakn file (protobuf strings are UTF-8), so strings are checked in BadValuesTest
        DropsRefusedException e = new Conversion(dir, schema).attribute("w", "when", farFuture).attribute("s", "score", Double.NaN)
                .attribute("ok", "score", Double.POSITIVE_INFINITY).entity("x", "thing1", "w", "s", "ok").refused();
        assertThat(e.cause()).isEqualTo(DropsRefusedException.Cause.BAD_VALUES);
        assertThat(e.count()).isEqualTo(2);
        assertThat(e.losses()).extracting(Loss::type).containsExactlyInAnyOrder("when", "score");
        assertThat(e.losses()).flatExtracting(Loss::examples).extracting(Loss.Example::id).containsExactlyInAnyOrder("w", "s");
        assertThat(dir.resolve("out")).doesNotExist();

        Conversion c = new Conversion(dir, schema).options(new Typedb3Converter.Options().onBadValue(Typedb3Converter.BadValuePolicy.DROP))
                .attribute("w", "when", farFuture).attribute("s", "score", Double.NaN)
                .attribute("ok", "score", Double.POSITIVE_INFINITY)
                .attribute("fine", "when", new java.util.Date(BadValues.MIN_DATETIME_MILLIS))
                .entity("x", "thing1", "w", "s", "ok", "fine").run();
        assertThat(c.counts().attributes()).isEqualTo(new ConversionCounts.ItemCounts(4, 2, 2));
        assertThat(c.counts().ownerships().toDroppedAttributes()).isEqualTo(2);
        assertThat(c.losses()).contains("datetime outside TypeDB 3's range", "NaN");
        assertThat(c.result.report().problems()).isEmpty();
        ReportInvariants.assertCountsAddUp(c.result.report());
    }

    @Test
    void ruleDraftsCoverRelationAndOwnershipConclusionsAndSayWhyOthersHaveNone() throws Exception {
        Conversion c = new Conversion(dir, PEOPLE + """
                name-age sub attribute, value long;
                befriend-named when { $a isa person, has name "Ann"; $b isa person, has age > 30; $a != $b; },
                    then { (friendship_friend: $a, friendship_friend: $b) isa friendship; };
                copy-age sub rule, when { $p isa person, has age $x; }, then { $p has age $x; };
                not-old sub rule, when { $p isa person; not { $p has age $x; }; }, then { $p has name "young"; };
                """).run();
        assertThat(c.schemaText).contains(
                "# fun befriend-named() -> { person, person }:",
                "#     $a isa person, has name \"Ann\";",
                "#     $b isa person, has age $v1;",
                "#     $v1 > 30;",
                "#     not { $a is $b; };",
                "#   return { $a, $b };",
                "# fun copy-age() -> { person, age }:");
        assertThat(c.result.report().rules()).extracting(RuleOutcome::rule, RuleOutcome::drafted)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("befriend-named", true),
                        org.assertj.core.groups.Tuple.tuple("copy-age", true), org.assertj.core.groups.Tuple.tuple("not-old", false));
        assertThat(TypeQlParser.parse(c.schemaText).types()).isNotEmpty();
        assertThat(c.result.report().problems()).isEmpty();
    }
}
