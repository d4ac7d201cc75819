package io.graknmigrate.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every way a define fails: one line naming file:line:column, what is wrong and what to do. */
class SchemaDefinerErrorTest {

    static Stream<Arguments> broken() {
        return Stream.of(
                arguments("no query keyword", "person sub entity;", "1:1", "expected a query ('define', 'undefine', 'insert', 'match' or 'compute') but found 'person'"),
                arguments("missing semicolon", "define\nperson sub entity\nname sub attribute, value string;", "3:1",
                        "expected ',' or ';' after a property but found 'name', end the statement before it with ';'"),
                arguments("missing comma", "define\nperson sub entity has name;\nname sub attribute, value string;", "2:19",
                        "a ',' is missing between properties, add it before 'has'"),
                arguments("missing comma between lines", "define\nname sub attribute, value string;\nperson sub entity,\n  plays x\n  has name;",
                        "5:3", "a ',' is missing between properties, add it before 'has'"),
                arguments("missing sub", "define\nname sub attribute, value string;\nperson entity, has name;", "3:8",
                        "a 'sub' is missing, write 'person sub entity'"),
                arguments("CRLF line ends and a byte order mark", "\uFEFFdefine\r\n# c\r\n\tperson sub being;", "3:13",
                        "unknown supertype 'being'"),
                arguments("TypeQL 2 owns", "define\nperson sub entity, owns name;", "2:20", "'owns' is TypeQL 2 syntax"),
                arguments("bad character", "define\nn sub entity; %", "2:15", "unexpected character '%'"),
                arguments("unterminated string", "define\nn sub attribute, value string, regex \"abc;\n", "2:38",
                        "unterminated string"),
                arguments("unclosed rule block", "define\nr sub rule, when { $x isa entity;", "2:34",
                        "expected '}' to close the pattern block but found the end of the input"),
                arguments("insert query", "define\nperson sub entity;\ninsert $x isa person;", "3:1",
                        "'insert' query found, but only define and undefine queries can be loaded as a schema, load files with data queries with 'grakn-migrate load'"),
                arguments("unknown value type", "define\nn sub attribute, value text;", "2:24", "unknown value type 'text'"),
                arguments("unknown supertype", "define\nperson sub being;", "2:12", "unknown supertype 'being' of 'person'"),
                arguments("sub thing", "define\nn sub thing;", "2:7", "types cannot subtype 'thing' directly"),
                arguments("two supertypes", "define\nn sub entity, sub relation;", "2:15", "is given two supertypes"),
                arguments("cycle of new types", "define\na sub b;\nb sub a;", "2:7", "makes a cycle in the type hierarchy"),
                arguments("cycle through an existing type", "define\na sub entity;\nb sub a;\ndefine\na sub b;", "5:7",
                        "'a sub b' makes a cycle in the type hierarchy ('b' is already a subtype of 'a')"),
                arguments("kind change", "define\nperson sub entity;\nperson sub relation;", "3:12",
                        "'person' is an entity type and cannot become a subtype of 'relation' (a type cannot change kind)"),
                arguments("kind change to another kind's type", "define\nn sub attribute, value long;\np sub entity;\np sub n;",
                        "4:7", "a type cannot change kind"),
                arguments("move changing the value type",
                        "define\nn sub attribute, value long;\nm sub attribute, value string;\nk sub n;\ndefine\nk sub m;", "6:7",
                        "would change its value type from long to string"),
                arguments("undefined type without sub", "define\nperson has name;", "2:1", "type 'person' is not defined"),
                arguments("meta type label", "define\nentity sub thing;", "2:1", "'entity' is a built-in meta type"),
                arguments("implicit has type", "define\n@has-name sub relation;", "2:1",
                        "'@has-name' is a Grakn implicit type"),
                arguments("implicit role played", "define\nperson sub entity, plays @has-name-owner;", "2:26",
                        "'@has-name-owner' is a Grakn implicit type"),
                arguments("value contradicts supertype", "define\nname sub attribute, value string;\nfirst sub name, value long;",
                        "3:17", "has value type long but its supertype 'name' has string"),
                arguments("value type changes", "define\nname sub attribute, value string;\ndefine\nname value long;", "4:6",
                        "already has value type string and cannot change to long"),
                arguments("attribute without value type", "define\nname sub attribute;", "2:1", "has no value type"),
                arguments("value on an entity", "define\nperson sub entity, value long;", "2:20", "'value' needs an attribute type, but 'person' is an entity type"),
                arguments("regex on a long", "define\nage sub attribute, value long, regex \"^1$\";", "2:32",
                        "regex is only for string attribute types"),
                arguments("invalid regex", "define\nn sub attribute, value string, regex \"(\";", "2:32", "invalid regex for 'n'"),
                arguments("has of an entity", "define\nperson sub entity, has person;", "2:24",
                        "'has' needs an attribute type, but 'person' is an entity type"),
                arguments("key of an undefined type", "define\nperson sub entity, key email;", "2:24",
                        "'key' needs an attribute type, but 'email' is not defined"),
                arguments("has of the meta attribute", "define\nperson sub entity, has attribute;", "2:24", "is the meta type"),
                arguments("plays of an entity", "define\nperson sub entity, plays person;", "2:26",
                        "'plays' needs a role, but 'person' is an entity type"),
                arguments("plays of an undefined role", "define\nperson sub entity, plays friend;", "2:26",
                        "'plays' needs a role, but 'friend' is not defined"),
                arguments("relates on an entity", "define\nperson sub entity, relates x;", "2:20",
                        "'relates' needs a relation type, but 'person' is an entity type"),
                arguments("role label taken by a type", "define\nperson sub entity;\nr sub relation, relates person;", "3:25",
                        "'person' is already an entity type, not a role"),
                arguments("as names no role", "define\nr sub relation, relates a;\ns sub r, relates b as zz;", "3:23",
                        "'zz' in 'relates b as zz' is not a role"),
                arguments("role cycle", "define\nr sub relation, relates a, relates b;\ndefine\na sub b;\nb sub a;", "5:7",
                        "role 'b' would become its own supertype"),
                arguments("role cycle among new roles", "define\nr sub relation, relates a, relates b;\na sub b;\nb sub a;", "3:7",
                        "'a sub b' makes a cycle"),
                arguments("a role named like a new type", "define\nr sub relation, relates p;\np sub entity;", "2:25",
                        "'p' is already an entity type, not a role"),
                arguments("has on a role", "define\nr sub relation, relates a;\na has x;", "3:3", "but 'a' is a role"),
                arguments("rule without then", "define\nr sub rule, when { $x isa entity; };", "2:1", "rule 'r' has no 'then' block"),
                arguments("rule with an unknown label", "define\nr sub rule, when {\n  $x isa entity;\n  $x isa person; }, then { $x isa entity; };",
                        "4:10", "rule 'r' uses 'person', which is not a type or role"),
                arguments("rule concluding two statements",
                        "define\nn sub attribute, value long;\nr sub rule, when { $x isa entity; }, then { $x isa entity; $x has n 1; };",
                        "3:38", "must conclude exactly one fact"),
                arguments("rule with a disjunction", "define\nr when { $x isa entity; { $x isa entity; } or { $x isa relation; }; }, then { $x isa entity; };",
                        "2:25", "has a disjunction ('or') in 'when'"),
                arguments("rule with nested negation", "define\nr when { $x isa entity; not { $x isa entity; not { $x isa relation; }; }; }, then { $x isa entity; };",
                        "2:46", "nests a 'not' inside a 'not'"),
                arguments("rule with two negations", "define\nr when { $x isa entity; not { $x isa entity; }; not { $x isa relation; }; }, then { $x isa entity; };",
                        "2:49", "more than one 'not' block"),
                arguments("rule then with a disjunction", "define\nr when { $x isa entity; }, then { { $x isa entity; } or { $x isa relation; }; };",
                        "2:35", "expected a statement"),
                arguments("rule body changed",
                        "define\nr sub rule, when { $x isa entity; }, then { $x isa entity; };\n"
                                + "define\nr sub rule, when { $y isa entity; }, then { $y isa entity; };", "4:13",
                        "is already defined with a different 'when'"),
                arguments("when on an entity", "define\np sub entity, when { $x isa entity; };", "2:15", "'when' needs a rule"),
                arguments("rule subtyping a rule",
                        "define\nr sub rule, when { $x isa entity; }, then { $x isa entity; };\ns sub r;", "3:7",
                        "'r' is a rule and rules cannot be subtyped"),
                arguments("empty not", "define\nr sub rule, when { not { }; }, then { $x isa entity; };", "2:20", "empty 'not { }'"),
                arguments("like with a number", "define\nr sub rule, when { $x like 3; }, then { $x isa entity; };", "2:28",
                        "expected a quoted regular expression after 'like'"),
                arguments("variable as a define subject", "define\n$x sub entity;", "2:1", "variable $x in a define statement"),
                arguments("deep nesting", "define\nr sub rule, when { " + "not { ".repeat(70) + "$x isa entity; "
                        + "}; ".repeat(70) + "}, then { $x isa entity; };", "2:402", "patterns nested more than 64 levels"),
                arguments("long out of range", "define\nr sub rule, when { $x == 99999999999999999999; }, then { $x isa entity; };",
                        "2:26", "number 99999999999999999999 is out of range"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void failsWithPositionAndAdvice(String name, String text, String lineColumn, String fragment) {
        Schema base = new Schema();
        assertThatThrownBy(() -> SchemaDefiner.define(base, List.of(new GraqlSource("e.gql", text)), w -> { }))
                .isInstanceOf(SchemaException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).startsWith("e.gql:" + lineColumn + ": ").contains(fragment).doesNotContain("\n");
                    assertThat(e.getMessage()).as("what to do, after a comma").contains(", ");
                });
        assertThat(base.isEmpty()).isTrue();
    }

    @Test
    void aFailedDefineChangesNothing() throws Exception {
        Schema base = SchemaTexts.load("define name sub attribute, value string; person sub entity, has name;");
        String before = SchemaPrinter.print(base);
        String described = SchemaTexts.describe(base);
        // the first statements are fine and the first source is fine: the error in the second source undoes them all
        List<GraqlSource> sources = List.of(
                new GraqlSource("ok.gql", "define age sub attribute, value long; person has age;"),
                new GraqlSource("bad.gql", "define\nperson plays nobody;"));
        assertThatThrownBy(() -> SchemaDefiner.define(base, sources, w -> { }))
                .hasMessageStartingWith("bad.gql:2:14: 'plays' needs a role");
        assertThat(SchemaPrinter.print(base)).isEqualTo(before);
        assertThat(SchemaTexts.describe(base)).isEqualTo(described);
        assertThat(base.type("age")).isEmpty();
    }

    @Test
    void aValueTypeContradictingAnEarlierSupertypeIsBlamedOnTheValue() throws Exception {
        Schema base = SchemaTexts.load("define n sub attribute, value long; m sub n;");
        // m inherits long; giving it its own different value type is caught on the statement
        assertThatThrownBy(() -> SchemaDefiner.define(base, List.of(new GraqlSource("v.gql", "define\nm value string;")), w -> { }))
                .hasMessageStartingWith("v.gql:2:3: attribute type 'm' has value type string but its supertype 'n' has long");
    }

    @Test
    void hierarchiesDeeperThanAThousandLevelsAreRefused() throws Exception {
        StringBuilder deep = new StringBuilder("define\nt0 sub entity;\n");
        for (int i = 1; i < SchemaDefiner.MAX_TYPE_DEPTH; i++) deep.append("t").append(i).append(" sub t").append(i - 1).append(";\n");
        Schema ok = SchemaTexts.load(deep.toString());
        assertThat(ok.supertypes("t999")).hasSize(1000);
        deep.append("t1000 sub t999;\n");
        assertThatThrownBy(() -> SchemaTexts.load(deep.toString()))
                .hasMessage("test.gql:1002:1: type 't1000' is more than 1000 levels below its meta type, flatten the type hierarchy");
    }

    @Test
    void aSyntaxErrorInALaterSourceAppliesNothing() throws Exception {
        Schema base = new Schema();
        List<GraqlSource> sources = List.of(
                new GraqlSource("ok.gql", "define person sub entity;"),
                new GraqlSource("bad.gql", "define\n  person sub entity,,;"));
        assertThatThrownBy(() -> SchemaDefiner.define(base, sources, w -> { }))
                .hasMessageStartingWith("bad.gql:2:21: syntax error: expected a property");
        assertThat(base.isEmpty()).isTrue();
    }
}
