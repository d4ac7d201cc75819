package io.graknmigrate.typedb3;

import io.graknmigrate.store.TestData;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.proto.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The validator finds what TypeDB 3 would reject, from the files alone. */
class ImportValidatorTest {

    @TempDir
    Path dir;

    private static final String SCHEMA = """
            define
            attribute name, value string;
            attribute email, value string;
            entity person, owns name, owns email @key, plays friendship:friend;
            relation friendship, relates friend @card(0..2);
            """;

    private final List<Item> items = new ArrayList<>();
    private boolean checksums = true;
    private Item.Checksums override;

    private static Item attr(String id, String label, String value, String... owned) {
        return TestData.attribute(id, label, TestData.str(value), owned);
    }

    /** One role holding every player, unlike {@link TestData#relation}'s one role entry per player. */
    private static Item relation(String id, String label, String role, String... players) {
        Item.Relation.Role.Builder r = Item.Relation.Role.newBuilder().setLabel(role);
        for (String p : players) r.addPlayer(Item.Relation.Role.Player.newBuilder().setId(p));
        return Item.newBuilder().setRelation(Item.Relation.newBuilder().setId(id).setLabel(label).addRole(r)).build();
    }

    private List<String> validate(String schema) throws Exception {
        Path s = dir.resolve("schema.tql");
        Files.writeString(s, schema);
        Path d = dir.resolve("data.typedb");
        try (ItemWriter w = ItemWriter.create(d)) {
            for (Item i : items) w.write(i);
            if (override != null) {
                w.writeAsIs(Item.newBuilder().setChecksums(override).build());
                w.complete();
            } else if (checksums) {
                w.finish();
            } else {
                w.complete();
            }
        }
        return ImportValidator.validate(s, d, dir, null);
    }

    private void good() {
        items.add(attr("n", "name", "Ann"));
        items.add(attr("e1", "email", "a@x"));
        items.add(attr("e2", "email", "b@x"));
        items.add(TestData.entity("p", "person", "n", "e1"));
        items.add(TestData.entity("q", "person", "e2"));
        items.add(relation("f", "friendship", "friendship:friend", "p", "q"));
    }

    @Test
    void aCorrectPairPasses() throws Exception {
        good();
        assertThat(validate(SCHEMA)).isEmpty();
    }

    @Test
    void unscopedRoleLabelsAreRejected() throws Exception {
        good();
        items.add(relation("g", "friendship", "friend", "p"));
        assertThat(validate(SCHEMA)).anyMatch(p -> p.contains("not scoped") && p.contains("DBI17"));
    }

    @Test
    void missingOrWrongChecksumsAreRejected() throws Exception {
        good();
        checksums = false;
        assertThat(validate(SCHEMA)).anyMatch(p -> p.contains("DBI18"));
        items.clear();
        good();
        override = Item.Checksums.newBuilder().setEntityCount(2).setAttributeCount(3).setRelationCount(1).setRoleCount(1).setOwnershipCount(3).build();
        assertThat(validate(SCHEMA)).anyMatch(p -> p.contains("DBI19"));
    }

    @Test
    void attributesOwningAttributesAndAttributePlayersAreRejected() throws Exception {
        good();
        items.add(attr("m", "name", "Bo", "n"));
        items.add(relation("g", "friendship", "friendship:friend", "n"));
        List<String> problems = validate(SCHEMA);
        assertThat(problems).anyMatch(p -> p.contains("DIS7")).anyMatch(p -> p.contains("DBI21"));
    }

    @Test
    void cardinalitiesAndKeysAreCheckedPerOwner() throws Exception {
        good();
        items.add(attr("n2", "name", "Bob"));
        items.add(TestData.entity("r", "person", "n", "n2", "e1"));
        items.add(TestData.entity("s", "person"));
        items.add(relation("g", "friendship", "friendship:friend", "p", "q", "r"));
        List<String> problems = validate(SCHEMA);
        assertThat(problems).anyMatch(p -> p.startsWith("ownership cardinality violated") && p.contains("of name"));
        assertThat(problems).anyMatch(p -> p.contains("of email") && p.contains("allows 1..1"));
        assertThat(problems).anyMatch(p -> p.contains("@key/@unique value shared"));
        assertThat(problems).anyMatch(p -> p.startsWith("role cardinality violated"));
    }

    @Test
    void schemaRulesAreChecked() throws Exception {
        List<String> problems = validate("""
                define
                attribute name, value string;
                attribute nick, sub name, value string;
                entity base, owns name, plays rel:r;
                entity sub1 @abstract, sub base, owns name, plays rel:r;
                relation rel, relates r;
                relation rel2, sub rel, relates r2 as nothere, relates r;
                entity orphan, plays rel2:zz;
                """);
        assertThat(problems).anyMatch(p -> p.contains("SVL39"))
                .anyMatch(p -> p.contains("SVL14"))
                .anyMatch(p -> p.contains("SVL42") && p.contains("owns name"))
                .anyMatch(p -> p.contains("SVL42") && p.contains("plays rel:r"))
                .anyMatch(p -> p.contains("SVL11"))
                .anyMatch(p -> p.contains("SVL7"))
                .anyMatch(p -> p.contains("does not declare"));
    }

    @Test
    void dataMustMatchTheSchemaExactly() throws Exception {
        items.add(attr("n", "name", "Ann"));
        items.add(attr("x", "ghost", "boo"));
        items.add(TestData.entity("p", "person", "n"));
        items.add(TestData.entity("c", "company"));
        List<String> problems = validate(SCHEMA + "attribute nick sub name;\nentity robot, owns nick;\n");
        assertThat(problems).anyMatch(p -> p.contains("DBI14")).anyMatch(p -> p.contains("DBI15"))
                .anyMatch(p -> p.contains("of email") && p.contains("allows 1..1"))
                .noneMatch(p -> p.contains("not @independent"));
    }

    @Test
    void ownerlessAttributesOfDependentTypesAreReported() throws Exception {
        items.add(attr("n", "name", "Ann"));
        assertThat(validate(SCHEMA)).anyMatch(p -> p.contains("not @independent") && p.contains("1 of name"));
        assertThat(validate(SCHEMA.replace("attribute name,", "attribute name @independent,"))).isEmpty();
    }

    @Test
    void reservedWordsAndBrokenSchemasFailToParse() throws Exception {
        good();
        assertThat(validate(SCHEMA + "entity in;\n")).singleElement().asString().contains("DBI10").contains("reserved keyword");
        assertThat(validate("define entity x; fun f() -> { x }: match $x isa x; return { $x };"))
                .singleElement().asString().contains("does not parse");
    }

    @Test
    void theParserReadsWhatThePrinterWrites() {
        TypeQlSchema s = TypeQlParser.parse("""
                # comment
                define
                attribute a @abstract, value string @regex("^(?:x\\"y)$");
                attribute b sub a;
                entity e @abstract, owns b @card(0..) @unique, plays r:x;
                relation r, relates x @card(1..3), relates y as x;
                end;
                """);
        assertThat(s.type("a").regex()).isEqualTo("^(?:x\"y)$");
        assertThat(s.type("b").supertype()).isEqualTo("a");
        assertThat(s.type("e").owns().get("b").unique).isTrue();
        assertThat(s.type("e").owns().get("b").cardMax).isEqualTo(-1);
        assertThat(s.type("r").relates().get("x").cardMax).isEqualTo(3);
        assertThat(s.type("r").relates().get("y").specialises).isEqualTo("x");
        StringBuilder sb = new StringBuilder();
        for (TypeQlType t : s.types()) TypeQlPrinter.statement(sb, t);
        TypeQlSchema again = TypeQlParser.parse("define\n" + sb);
        StringBuilder sb2 = new StringBuilder();
        for (TypeQlType t : again.types()) TypeQlPrinter.statement(sb2, t);
        assertThat(sb2.toString()).isEqualTo(sb.toString());
        assertThatThrownBy(() -> TypeQlParser.parse("define entity x owns;")).hasMessageContaining("line 1");
    }
}
