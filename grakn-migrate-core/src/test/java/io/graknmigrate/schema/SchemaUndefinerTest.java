package io.graknmigrate.schema;

import io.graknmigrate.graql.Graql;
import io.graknmigrate.graql.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Undefine on the schema model: every property form, whole types, roles and rules, and Grakn's refusals. */
class SchemaUndefinerTest {

    static final String BASE = """
            define
            name sub attribute, value string, regex "^[A-Z]";
            email sub attribute, value string;
            age sub attribute, value long;
            person sub entity, abstract, key email, has name, has age, plays friend, plays spouse;
            student sub person;
            friendship sub relation, relates friend;
            marriage sub relation, relates spouse, relates husband as spouse;
            adult when { $p isa person, has age $a; $a >= 18; }, then { $p has name "adult"; };
            """;

    static Schema base() throws Exception {
        return SchemaTexts.load(BASE);
    }

    static List<SchemaUndefiner.Removal> undefine(Schema s, String text) throws Exception {
        Query.Undefine q = (Query.Undefine) Graql.parse("u.gql", text, w -> { }).get(0);
        return SchemaUndefiner.apply(s, q);
    }

    @Test
    void everyPropertyForm() throws Exception {
        Schema s = base();
        List<SchemaUndefiner.Removal> removed = undefine(s, """
                undefine
                person has age, plays friend;
                person key email;
                marriage relates husband;
                person abstract;
                name regex "^[A-Z]";
                """);
        assertThat(removed).extracting(Object::toString).containsExactly("person has age", "person plays friend",
                "person key email", "marriage relates husband", "person abstract", "name regex");
        ThingType person = s.type("person").orElseThrow();
        assertThat(person.has()).containsExactly("name");
        assertThat(person.keys()).isEmpty();
        assertThat(person.plays()).containsExactly("spouse");
        assertThat(person.isAbstract()).isFalse();
        assertThat(s.type("name").orElseThrow().regex()).isNull();
        assertThat(s.type("marriage").orElseThrow().relates()).containsOnlyKeys("spouse");
        String printed = SchemaPrinter.print(s);
        assertThat(SchemaTexts.roundTrip(printed)).isEqualTo(printed);
    }

    @Test
    void wholeTypesRolesAndRulesInOneQueryInAnyOrder() throws Exception {
        Schema s = base();
        List<SchemaUndefiner.Removal> removed = undefine(s, """
                undefine
                adult sub rule;
                person sub entity;
                student sub person;
                friendship sub relation;
                person plays spouse;
                marriage sub relation;
                husband sub spouse;
                spouse sub role;
                friend sub role;
                age sub attribute;
                """);
        assertThat(removed).extracting(Object::toString).contains("rule adult", "type student", "type person",
                "role husband", "role spouse", "type age");
        assertThat(s.types()).extracting(ThingType::label).containsExactlyInAnyOrder("name", "email");
        assertThat(s.roles()).isEmpty();
        assertThat(s.rules()).isEmpty();
    }

    @Test
    void throughSchemaDefinerAllOrNothing() throws Exception {
        Schema s = base();
        Schema after = SchemaDefiner.define(s, List.of(new GraqlSource("u.gql", "undefine student sub person;")), w -> { });
        assertThat(after.type("student")).isEmpty();
        assertThat(s.type("student")).isPresent();
        assertThatThrownBy(() -> SchemaDefiner.define(s, List.of(new GraqlSource("u.gql",
                "undefine student sub person;\nundefine person sub entity;")), w -> { }))
                .hasMessageStartingWith("u.gql:2:10: cannot undefine 'person': rule 'adult' uses it");
        assertThat(s.type("student")).isPresent();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("a type with subtypes", "undefine\nperson sub entity;", "2:1",
                        "cannot undefine 'person': it has subtypes ('student'), undefine them first"),
                arguments("an attribute type still owned", "undefine\nage sub attribute;", "2:1",
                        "cannot undefine 'age': 'person' owns it"),
                arguments("a role still played", "undefine\nfriendship sub relation;\nfriend sub role;", "3:1",
                        "cannot undefine 'friend': 'person' plays it"),
                arguments("a role still related", "undefine\nperson plays friend;\nfriend sub role;", "3:1",
                        "cannot undefine 'friend': 'friendship' relates it"),
                arguments("a role with sub-roles", "undefine\nperson plays spouse;\nmarriage relates spouse;\nspouse sub role;", "4:1",
                        "role 'husband' specialises it"),
                arguments("a type a rule uses", "undefine\nstudent sub person;\nperson sub entity;", "3:1",
                        "cannot undefine 'person': rule 'adult' uses it"),
                arguments("the wrong supertype", "undefine\nstudent sub relation;", "2:9", "'student' is a subtype of 'person'"),
                arguments("an unknown type", "undefine\nrobot sub entity;", "2:1", "cannot undefine 'robot': it is not defined"),
                arguments("an ownership not there", "undefine\nperson has colour;", "2:12", "it does not own 'colour'"),
                arguments("an inherited ownership", "undefine\nstudent has name;", "2:13", "it inherits it from 'person'"),
                arguments("key written as has", "undefine\nperson has email;", "2:12", "it declares 'key email', not 'has'"),
                arguments("a play not there", "undefine\nstudent plays friend;", "2:15", "inherits it from a supertype"),
                arguments("a relates not there", "undefine\nfriendship relates spouse;", "2:20", "it does not relate 'spouse'"),
                arguments("not abstract", "undefine\nstudent abstract;", "2:9", "it is not abstract"),
                arguments("another regex", "undefine\nname regex \"x\";", "2:6", "its regex is \"^[A-Z]\""),
                arguments("a value type alone", "undefine\nage value long;", "2:5", "cannot be undefined on its own"),
                arguments("a meta type", "undefine\nentity sub thing;", "2:1", "built-in meta type"),
                arguments("a rule not as rule", "undefine\nadult sub entity;", "2:7", "'adult' is a subtype of 'rule'"),
                arguments("a property of a role", "undefine\nfriend has name;", "2:8", "'friend' is a role"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWithPosition(String name, String text, String lineColumn, String fragment) throws Exception {
        Schema s = base();
        assertThatThrownBy(() -> undefine(s, text))
                .isInstanceOf(SchemaException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("u.gql:" + lineColumn + ": ").contains(fragment)
                        .doesNotContain("\n"));
    }
}
