package io.graknmigrate.schema;

import io.graknmigrate.graql.GraqlStrings;
import io.graknmigrate.graql.Literal;
import io.graknmigrate.graql.Property;
import io.graknmigrate.graql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static io.graknmigrate.schema.SchemaTexts.load;
import static org.assertj.core.api.Assertions.assertThat;

/** What the parser accepts and what a define means. */
class SchemaDefinerTest {

    @Test
    void valueIsAValidLabel() throws Exception {
        Schema s = load("define value sub attribute, value double; deal sub entity, has value;");
        assertThat(s.valueType("value")).isEqualTo(ValueType.DOUBLE);
        assertThat(s.owns("deal", "value")).isTrue();
        assertThat(SchemaPrinter.print(s)).contains("value sub attribute,\n    value double;\n")
                .contains("deal sub entity,\n    has value;\n");
    }

    @Test
    void commentsBlankLinesOddIndentationAndQuotesAnywhere() throws Exception {
        String text = """
                # leading comment
                define # after define
                name sub attribute,   # after a property
                \t\tvalue string,
                  regex '^it\\'s "x"$'  # single quotes, escaped quote
                ;
                code   sub attribute ,value string,regex "a\\"b\\\\c\\d";
                person sub entity,
                    # a comment between properties
                    has name,# and one glued on
                    key code;
                """;
        Schema s = load(text);
        assertThat(s.type("name").orElseThrow().regex()).isEqualTo("^it's \"x\"$");
        assertThat(s.type("code").orElseThrow().regex()).isEqualTo("a\"b\\c\\d");
        assertThat(s.keys("person")).containsExactly("code");
        String printed = SchemaPrinter.print(s);
        assertThat(printed).contains("    regex \"^it's \\\"x\\\"$\";\n").contains("    regex \"a\\\"b\\c\\d\";\n");
        assertThat(SchemaTexts.roundTrip(printed)).isEqualTo(printed);
    }

    @Test
    void severalDefinesAndSourcesAddToTheSameTypes() throws Exception {
        List<GraqlSource> sources = List.of(
                new GraqlSource("a.gql", "define name sub attribute, value string; person sub entity; define person has name;"),
                new GraqlSource("b.gql", "define person plays friendship_friend; friendship sub relation, relates friendship_friend;"
                        + " person sub entity, key email; email sub attribute, value string;"));
        Schema s = SchemaDefiner.define(new Schema(), sources, w -> { });
        assertThat(s.ownedAttributeTypes("person")).containsExactlyInAnyOrder("name", "email");
        assertThat(s.keys("person")).containsExactly("email");
        assertThat(s.plays("person", "friendship_friend")).isTrue();
    }

    @Test
    void baseIsNeverModified() throws Exception {
        Schema base = load("define person sub entity;");
        Schema after = SchemaDefiner.define(base, List.of(new GraqlSource("x.gql", "define name sub attribute, value string; person has name;")), w -> { });
        assertThat(base.type("name")).isEmpty();
        assertThat(base.owns("person", "name")).isFalse();
        assertThat(after.owns("person", "name")).isTrue();
    }

    @Test
    void typeStatementsWithoutSubAndVariablesNamedByType() throws Exception {
        Schema s = load("define person sub entity; name sub attribute, value string;\n"
                + "define person has name; $p type person, abstract; person type person, plays r_a; r sub relation, relates r_a;");
        assertThat(s.owns("person", "name")).isTrue();
        assertThat(s.type("person").orElseThrow().isAbstract()).isTrue();
        assertThat(s.plays("person", "r_a")).isTrue();
    }

    @Test
    void supertypesMayMoveWithinAKindAndRepeatingOneIsFine() throws Exception {
        Schema s = load("define a sub entity; b sub entity; c sub a; c sub! a;\ndefine c sub b; b sub entity;");
        assertThat(s.type("c").orElseThrow().supertype()).isEqualTo("b");
        assertThat(s.isSubtypeOf("c", "a")).isFalse();
    }

    @Test
    void grakn17SyntaxLoadsWithWarnings() throws Exception {
        List<String> warnings = new ArrayList<>();
        Schema s = SchemaDefiner.define(new Schema(), List.of(new GraqlSource("old.gql",
                "define\nname sub attribute, datatype string;\nborn sub attribute,\n    datatype date;\n")), warnings::add);
        assertThat(s.valueType("name")).isEqualTo(ValueType.STRING);
        assertThat(s.valueType("born")).isEqualTo(ValueType.DATETIME);
        assertThat(warnings).containsExactly(
                "old.gql:2: 'datatype' is Grakn 1.5-1.7 syntax, read as 'value'",
                "old.gql:4: 'datatype' is Grakn 1.5-1.7 syntax, read as 'value'",
                "old.gql:4: value type 'date' is Grakn 1.5-1.7 syntax, read as 'datetime'");
        assertThat(SchemaPrinter.print(s)).contains("born sub attribute,\n    value datetime;");
    }

    @Test
    void roleHierarchyThreeDeep() throws Exception {
        Schema s = load("""
                define
                r3 sub r2, relates c as b;
                r2 sub r1, relates b as a, relates other;
                r1 sub relation, relates a;
                """);
        assertThat(s.role("c").orElseThrow().supertype()).isEqualTo("b");
        assertThat(s.role("b").orElseThrow().supertype()).isEqualTo("a");
        assertThat(s.role("a").orElseThrow().supertype()).isEqualTo("role");
        assertThat(SchemaPrinter.print(s)).isEqualTo("""
                define

                r1 sub relation,
                    relates a;

                    r2 sub r1,
                        relates b as a,
                        relates other;

                        r3 sub r2,
                            relates c as b;

                """);
    }

    @Test
    void rolesDeclaredWithSubRole() throws Exception {
        Schema s = load("define employee sub role; worker sub employee; job sub relation, relates worker; p sub entity, plays employee;");
        assertThat(s.role("worker").orElseThrow().supertype()).isEqualTo("employee");
        assertThat(s.plays("p", "employee")).isTrue();
        // employee is related by no relation: it gets a role line, so the printout reloads to the same schema
        String printed = SchemaPrinter.print(s);
        assertThat(printed).endsWith("""
                job sub relation,
                    relates worker as employee;

                employee sub role;

                """);
        assertThat(SchemaTexts.describe(SchemaTexts.load(printed))).isEqualTo(SchemaTexts.describe(s));
        assertThat(SchemaTexts.roundTrip(printed)).isEqualTo(printed);
    }

    @Test
    void keysAndHasAreInheritedAndPrintedOnce() throws Exception {
        Schema s = load("""
                define
                id sub attribute, value long;
                name sub attribute, value string;
                nick sub name;
                serial sub id;
                thing-a sub entity, abstract, key id, has name, plays f_x;
                thing-b sub thing-a, key serial, has name, has nick, plays f_x;
                thing-c sub thing-b;
                f sub relation, relates f_x, has nick;
                """);
        assertThat(s.keys("thing-c")).containsExactlyInAnyOrder("id", "serial");
        assertThat(SchemaPrinter.print(s)).isEqualTo("""
                define

                id sub attribute,
                    value long;

                    serial sub id,
                        value long;

                name sub attribute,
                    value string;

                    nick sub name,
                        value string;

                thing-a sub entity,
                    abstract,
                    key id,
                    has name,
                    plays f_x;

                    thing-b sub thing-a,
                        key serial,
                        has nick;

                        thing-c sub thing-b;

                f sub relation,
                    has nick,
                    relates f_x;

                """);
    }

    @Test
    void everyValueTypeAndLiteralInRules() throws Exception {
        Schema s = load("""
                define
                s sub attribute, value string; l sub attribute, value long; d sub attribute, value double;
                b sub attribute, value boolean; t sub attribute, value datetime;
                p sub entity, has s, has l, has d, has b, has t;
                r sub rule, when {
                  $x isa p, has s 'it\\'s', has l -12, has d 2.50, has b true, has t 2020-02-29, has t 2020-02-29T10:11:12.5;
                  $x has l >= 1e3; $x has s contains "a"; $x has s like "^a\\d$"; $v != 3; $v == $w; $v < 1; $v <= 2; $v > 3.0;
                }, then { $x has b false; };
                """);
        assertThat(SchemaPrinter.print(s)).contains("""
                r sub rule,
                    when {
                        $x isa p, has s "it's", has l -12, has d 2.5, has b true, has t 2020-02-29T00:00:00, has t 2020-02-29T10:11:12.500;
                        $x has l >= 1000.0;
                        $x has s contains "a";
                        $x has s like "^a\\d$";
                        $v !== 3;
                        $v == $w;
                        $v < 1;
                        $v <= 2;
                        $v > 3.0;
                    }, then {
                        $x has b false;
                    };
                """);
    }

    @Test
    void everyPatternFormPrintsCanonically() throws Exception {
        Schema s = load("""
                define
                name sub attribute, value string;
                person sub entity, has name, plays friendship_friend, plays employment_employee;
                friendship sub relation, relates friendship_friend;
                employment sub relation, relates employment_employee;
                lonely sub person;
                r sub rule,
                when {
                    $p isa! person;
                    $f(friendship_friend:$p,$q) isa friendship;
                    ($p, friendship_friend: $q) isa friendship;
                    $e ($p) isa employment, has name $n;
                    $n "Bob";
                    $p has name "Bob";
                    $q !== $p;
                    $rel ($role: $p) isa $t;
                    $t sub relation;
                    $t2 type friendship;
                    not { $p has name $x; };
                }, then {
                    $p isa lonely;
                };
                r2 when {
                    $p isa person;
                    not { $p has name $x; $x contains "b"; };
                }, then {
                    $p isa lonely;
                };
                """);
        String expected = """
                r sub rule,
                    when {
                        $p isa! person;
                        $f (friendship_friend: $p, $q) isa friendship;
                        ($p, friendship_friend: $q) isa friendship;
                        $e ($p) isa employment, has name $n;
                        $n "Bob";
                        $p has name "Bob";
                        $q !== $p;
                        $rel ($role: $p) isa $t;
                        $t sub relation;
                        $t2 type friendship;
                        not { $p has name $x; };
                    }, then {
                        $p isa lonely;
                    };

                r2 sub rule,
                    when {
                        $p isa person;
                        not {
                            $p has name $x;
                            $x contains "b";
                        };
                    }, then {
                        $p isa lonely;
                    };

                """;
        String printed = SchemaPrinter.print(s);
        assertThat(printed).endsWith(expected);
        assertThat(SchemaTexts.roundTrip(printed)).isEqualTo(printed);
    }

    @Test
    void redefiningARuleWithTheSameBodyIsFine() throws Exception {
        String rule = "r sub rule, when { $x isa entity; }, then { $x isa entity; };";
        Schema s = load("define " + rule + "\ndefine " + rule.replace("{ $x", "{\n  $x"));
        assertThat(s.rules()).hasSize(1);
    }

    @Test
    void roleHierarchyIsGlobalAsInGrakn18() throws Exception {
        Schema s = load("""
                define
                route sub relation, relates stop, relates origin as stop, relates destination as stop;
                parentship sub relation, relates parent, relates child, relates father as parent, relates son as child;
                place sub entity, plays stop;
                r sub relation, relates a;
                s sub r, relates b as c;
                t sub relation, relates c;
                """);
        assertThat(s.role("origin").orElseThrow().supertype()).isEqualTo("stop");
        assertThat(s.role("son").orElseThrow().supertype()).isEqualTo("child");
        assertThat(s.role("b").orElseThrow().supertype()).isEqualTo("c");
        String printed = SchemaPrinter.print(s);
        assertThat(printed).contains("""
                route sub relation,
                    relates destination as stop,
                    relates origin as stop,
                    relates stop;
                """);
        assertThat(SchemaTexts.roundTrip(printed)).isEqualTo(printed);
        // moving s under t keeps b's supertype: the hierarchy does not depend on the relation's supertype
        Schema moved = SchemaDefiner.define(s, List.of(new GraqlSource("move.gql", "define s sub t;")), w -> { });
        assertThat(moved.role("b").orElseThrow().supertype()).isEqualTo("c");
    }

    @Test
    void rulesWithoutSubRuleAndValueStatementsInThen() throws Exception {
        Schema s = load("""
                define
                name sub attribute, value string;
                company sub entity, has name;
                company-has-name when {
                    $c isa company;
                }, then {
                    $c has name $n; $n "the-company";
                };
                """);
        assertThat(s.rule("company-has-name")).isPresent();
        String printed = SchemaPrinter.print(s);
        assertThat(printed).endsWith("""
                company-has-name sub rule,
                    when {
                        $c isa company;
                    }, then {
                        $c has name $n;
                        $n "the-company";
                    };

                """);
        assertThat(SchemaTexts.roundTrip(printed)).isEqualTo(printed);
    }

    @Test
    void labelsThatStartLikeNumbers() throws Exception {
        Schema s = load("define 3d-model sub entity; 2020 sub entity; 1st sub attribute, value long; 3d-model has 1st;");
        assertThat(s.owns("3d-model", "1st")).isTrue();
        assertThat(s.type("2020")).isPresent();
        String printed = SchemaPrinter.print(s);
        assertThat(SchemaTexts.roundTrip(printed)).isEqualTo(printed);
    }

    @Test
    void emptySchemaPrintsJustDefine() throws Exception {
        assertThat(SchemaPrinter.print(new Schema())).isEqualTo("define\n\n");
        assertThat(load("define\n\n").isEmpty()).isTrue();
        assertThat(load("# nothing but a comment\n").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "a\"b", "it's", "\\d+", "\\\\", "ends with \\", "\\\"", "'\"'", "tab\tand\nnewline", "ü€"})
    void stringsQuoteAndUnquoteExactly(String value) throws Exception {
        String quoted = GraqlStrings.quote(value);
        assertThat(GraqlStrings.unescape(quoted.substring(1, quoted.length() - 1))).isEqualTo(value);
        Schema s = load("define\nr sub rule, when { $x has n " + quoted + "; }, then { $x isa entity; }; n sub attribute, value string;");
        Statement st = (Statement) s.rule("r").orElseThrow().when().patterns().get(0);
        assertThat(((Literal.StringLiteral) ((Property.Has) st.properties().get(0)).predicate().operand()).value()).isEqualTo(value);
    }
}
