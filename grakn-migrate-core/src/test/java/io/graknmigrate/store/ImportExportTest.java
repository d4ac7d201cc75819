package io.graknmigrate.store;

import io.graknmigrate.format.Relabel;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.migrate.ImportException;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.migrate.ImportSummary;
import io.graknmigrate.keyspace.KeyspaceNotFoundException;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.embedded.EmbeddedKeyspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.graknmigrate.store.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportExportTest {

    @TempDir
    Path dir;

    EmbeddedKeyspaces keyspaces;

    @BeforeEach
    void setUp() {
        keyspaces = new EmbeddedKeyspaces(dir.resolve("data"), "grakn-migrate test");
    }

    /**
     * How the tests import: a file (with the pre-check beside the write pass); {@link ImportExportStreamTest}
     * runs every test again on the stream path (stdin's), which has no pre-check.
     */
    ImportSummary doImport(EmbeddedKeyspaces ks, String keyspace, Path file, ImportOptions options) throws Exception {
        return ks.importFile(keyspace, file, file.getFileName().toString(), options, w -> { }, io.graknmigrate.format.ProgressListener.NONE);
    }

    private void defineTest(String keyspace) throws Exception {
        keyspaces.define(keyspace, schema(), w -> { });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void exportImportExportPreservesTheGraph(long seed) throws Exception {
        List<Item> original = backup(seed, 60);
        Path file = write(dir.resolve("b.grakn"), original, null);
        defineTest("first");
        ImportSummary s = doImport(keyspaces, "first", file, ImportOptions.defaults());
        assertThat(s.counts().things()).isEqualTo(original.size());
        assertThat(s.checksumsPresent()).isTrue();

        byte[] first = exportBytes(keyspaces, "first");
        List<Item> exported = read(first);
        assertThat(exported.get(0).hasHeader()).isTrue();
        assertThat(exported.get(0).getHeader().getOriginalDatabase()).isEqualTo("first");
        assertThat(exported.get(exported.size() - 1).hasChecksums()).isTrue();
        assertThat(canonical(exported)).isEqualTo(canonical(original));

        Path again = dir.resolve("again.grakn");
        java.nio.file.Files.write(again, first);
        doImport(keyspaces, "second", again, ImportOptions.defaults().withSchema(schema()));
        List<Item> second = read(exportBytes(keyspaces, "second"));
        assertThat(canonical(second)).isEqualTo(canonical(original));
        assertThat(checksumsOf(second)).isEqualTo(checksumsOf(exported));
    }

    @Test
    void attributesAreReusedByTypeAndValueAndExistingDataIsKept() throws Exception {
        defineTest("ks");
        Path a = write(dir.resolve("a.grakn"), List.of(
                attribute("x", "name", str("shared")), attribute("m", "email", str("a@x")),
                entity("p", "person", "x", "m")), null);
        Path b = write(dir.resolve("b.grakn"), List.of(
                attribute("y", "name", str("shared")), attribute("m", "email", str("b@x")),
                entity("p", "person", "y", "m")), null);
        doImport(keyspaces, "ks", a, ImportOptions.defaults());
        ImportSummary s = doImport(keyspaces, "ks", b, ImportOptions.defaults());
        assertThat(s.attributesReused()).isEqualTo(1);
        List<Item> all = read(exportBytes(keyspaces, "ks"));
        assertThat(all.stream().filter(Item::hasAttribute).filter(i -> i.getAttribute().getLabel().equals("name"))).hasSize(1);
        assertThat(all.stream().filter(Item::hasEntity)).hasSize(2);
        String nameId = all.stream().filter(Item::hasAttribute).filter(i -> i.getAttribute().getLabel().equals("name"))
                .findFirst().orElseThrow().getAttribute().getId();
        assertThat(all.stream().filter(Item::hasEntity)
                .allMatch(e -> e.getEntity().getAttributeList().stream().anyMatch(o -> o.getId().equals(nameId)))).isTrue();
    }

    @Test
    void cleanRemovesExistingDataInTheSameTransaction() throws Exception {
        defineTest("ks");
        Path a = write(dir.resolve("a.grakn"), backup(5, 20), null);
        doImport(keyspaces, "ks", a, ImportOptions.defaults());
        doImport(keyspaces, "ks", a, ImportOptions.defaults().withClean(true));
        assertThat(canonical(read(exportBytes(keyspaces, "ks")))).isEqualTo(canonical(read(a)));
    }

    @Test
    void remapAppliesToTypeAndRoleLabelsAndUnusedRemapsAreAccepted() throws Exception {
        defineTest("ks");
        Path file = write(dir.resolve("old.grakn"), List.of(
                attribute("m1", "mail", str("a@x")), attribute("m2", "mail", str("b@x")),
                entity("p1", "human", "m1"), entity("p2", "human", "m2"),
                relation("f", "friendship", List.of(), "pal", "p1", "pal", "p2")), null);
        ImportSummary s = doImport(keyspaces, "ks", file, ImportOptions.defaults().withRelabel(Relabel.of(
                Map.of("mail", "email", "human", "person", "pal", "friend", "value", "never-used"))));
        assertThat(s.counts().rolePlayers()).isEqualTo(2);
        List<Item> out = read(exportBytes(keyspaces, "ks"));
        assertThat(out.stream().filter(Item::hasRelation).findFirst().orElseThrow().getRelation().getRole(0).getLabel()).isEqualTo("friend");
        assertThat(out.stream().filter(Item::hasEntity).map(i -> i.getEntity().getLabel())).containsOnly("person");
    }

    private void assertFailsAndChangesNothing(List<Item> things, Item.Checksums checksums, String... messageParts) throws Exception {
        defineTest("ks");
        doImport(keyspaces, "ks", write(dir.resolve("base.grakn"), backup(9, 10), null), ImportOptions.defaults());
        byte[] before = exportBytes(keyspaces, "ks");
        String schemaBefore = keyspaces.schema("ks");
        Path bad = write(dir.resolve("bad.grakn"), things, checksums);
        assertThatThrownBy(() -> doImport(keyspaces, "ks", bad, ImportOptions.defaults()))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("nothing was changed")
                .satisfies(e -> {
                    for (String part : messageParts) assertThat(e.getMessage() + String.join("\n", ((ImportException) e).problems())).contains(part);
                    assertThat(e.getMessage()).doesNotContain("\n");
                });
        assertThat(exportBytes(keyspaces, "ks")).isEqualTo(before);
        assertThat(keyspaces.schema("ks")).isEqualTo(schemaBefore);
    }

    @Test
    void unknownLabelFailsListingEveryMismatchWithCountsAndASuggestion() throws Exception {
        List<Item> things = new ArrayList<>(backup(4, 10));
        things.add(entity("z1", "persn"));
        things.add(entity("z2", "persn"));
        things.add(entity("z3", "robot"));
        assertFailsAndChangesNothing(things, null, "unknown type 'persn': 2 entities", "unknown type 'robot': 1 entities", "persn=person");
    }

    @Test
    void implicitRelationLabelsAreRejectedWithAHint() throws Exception {
        List<Item> things = new ArrayList<>(backup(4, 10));
        things.add(relation("imp", "@has-name", List.of(), "@has-name-owner", "p1", "@has-name-value", "n0"));
        assertFailsAndChangesNothing(things, null, "implicit relation type '@has-name'", "implicit role '@has-name-owner'");
    }

    @Test
    void valueTypeClashFails() throws Exception {
        List<Item> things = new ArrayList<>(backup(4, 10));
        things.add(attribute("bad", "age", str("forty")));
        assertFailsAndChangesNothing(things, null, "attributes of type 'age' have string values", "holds long values");
    }

    @Test
    void danglingReferenceFails() throws Exception {
        List<Item> things = new ArrayList<>(backup(4, 10));
        things.add(entity("lonely", "company", "missing-attribute"));
        assertFailsAndChangesNothing(things, null, "refer to ids the file does not contain", "missing-attribute");
    }

    @Test
    void wrongChecksumFails() throws Exception {
        List<Item> things = backup(4, 10);
        long entities = things.stream().filter(Item::hasEntity).count();
        Item.Checksums wrong = Item.Checksums.newBuilder().setEntityCount(entities + 1).build();
        assertFailsAndChangesNothing(things, wrong, "checksums do not match");
    }

    @Test
    void ownershipNotInTheSchemaFailsUnlessValidationIsSkipped() throws Exception {
        defineTest("ks");
        List<Item> things = List.of(attribute("m", "email", str("a@x")), attribute("a", "age", lng(3)),
                entity("c", "company", "a"), entity("p", "person", "m"));
        Path file = write(dir.resolve("v.grakn"), things, null);
        assertThatThrownBy(() -> doImport(keyspaces, "ks", file, ImportOptions.defaults()))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.reason()).isEqualTo(ImportException.Reason.SCHEMA_VIOLATION))
                .hasMessageContaining("company does not have age").hasMessageNotContaining("--");
        ImportSummary s = doImport(keyspaces, "ks", file, ImportOptions.defaults().withSkipValidation(true));
        assertThat(s.violationsSkipped()).isEqualTo(1);
        assertThat(s.line()).contains("1 schema violation let through");
    }

    @Test
    void brokenOwnershipsAndRolePlayersAreCountedPerCombinationAmongAllowedOnes() throws Exception {
        defineTest("ks");
        List<Item> things = List.of(attribute("m1", "email", str("a@x")), attribute("m2", "email", str("b@x")),
                attribute("a1", "age", lng(3)), attribute("a2", "age", lng(4)),
                entity("p1", "person", "m1"), entity("p2", "person", "m2"),
                entity("c1", "company", "a1"), entity("c2", "company", "a2"), entity("c3", "company", "a1"),
                relation("f1", "friendship", List.of(), "friend", "p1", "friend", "c1"),
                relation("f2", "friendship", List.of(), "friend", "p2", "friend", "c2"));
        Path file = write(dir.resolve("counted.grakn"), things, null);
        assertThatThrownBy(() -> doImport(keyspaces, "ks", file, ImportOptions.defaults()))
                .isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ImportException.Reason.SCHEMA_VIOLATION);
                    assertThat(e.problems()).contains("3 ownerships of age attributes by company things, but company does not have age",
                            "2 company things play friend in friendship relations, but company does not play friend");
                    assertThat(e.problems()).noneMatch(p -> p.contains("person"));
                });
        assertThat(doImport(keyspaces, "ks", file, ImportOptions.defaults().withSkipValidation(true)).violationsSkipped()).isEqualTo(5);
    }

    @Test
    void stringsMustMatchTheirTypesRegexIncludingInheritedOnes() throws Exception {
        keyspaces.define("ks", List.of(new GraqlSource("r.gql", """
                define
                code sub attribute, value string, regex "^[A-Z]{3}$";
                subcode sub code;
                """)), w -> { });
        Path file = write(dir.resolve("re.grakn"), List.of(attribute("a", "code", str("ABC")), attribute("b", "code", str("abcd")),
                attribute("c", "subcode", str("x"))), null);
        assertThatThrownBy(() -> doImport(keyspaces, "ks", file, ImportOptions.defaults()))
                .isInstanceOf(ImportException.class).hasMessageContaining("2 schema violations")
                .hasMessageContaining("1 code attributes do not match the regex of code");
        assertThat(doImport(keyspaces, "ks", file, ImportOptions.defaults().withSkipValidation(true)).violationsSkipped()).isEqualTo(2);
    }

    @Test
    void keysMustBePresentAndUniquePerOwnerType() throws Exception {
        defineTest("ks");
        Path shared = write(dir.resolve("k.grakn"), List.of(attribute("m", "email", str("same@x")),
                entity("p1", "person", "m"), entity("p2", "person", "m")), null);
        assertThatThrownBy(() -> doImport(keyspaces, "ks", shared, ImportOptions.defaults()))
                .isInstanceOf(ImportException.class).hasMessageContaining("email key values are owned by more than one person")
                .hasMessageNotContaining("--skip-validation").hasMessageNotContaining("--clean");
        Path missing = write(dir.resolve("k2.grakn"), List.of(entity("p1", "person")), null);
        assertThatThrownBy(() -> doImport(keyspaces, "ks", missing, ImportOptions.defaults()))
                .isInstanceOf(ImportException.class).hasMessageContaining("do not have exactly one email key");
        // A key already owned by an existing person counts too, and is named as a clash with the keyspace's data:
        // the same file imported twice. Letting it through would double every thing, so that is not offered.
        Path one = write(dir.resolve("k3.grakn"), List.of(attribute("m", "email", str("same@x")), entity("p1", "person", "m")), null);
        doImport(keyspaces, "ks", one, ImportOptions.defaults());
        assertThatThrownBy(() -> doImport(keyspaces, "ks", one, ImportOptions.defaults()))
                .isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(e.problems()).anyMatch(p -> p.contains("owned by more than one person"));
                    assertThat(e.reason()).isEqualTo(ImportException.Reason.KEYS_ALREADY_IN_KEYSPACE);
                })
                .hasMessageContaining("1 key values of the file are already owned by things in keyspace ks")
                .hasMessageNotContaining("--clean").hasMessageNotContaining("--skip-validation");
        assertThat(doImport(keyspaces, "ks", one, ImportOptions.defaults().withClean(true)).counts().entities()).isEqualTo(1);
    }

    @Test
    void playerMustPlayTheRole() throws Exception {
        defineTest("ks");
        Path file = write(dir.resolve("r.grakn"), List.of(entity("c1", "company"), entity("c2", "company"),
                relation("f", "friendship", List.of(), "friend", "c1", "friend", "c2")), null);
        assertThatThrownBy(() -> doImport(keyspaces, "ks", file, ImportOptions.defaults()))
                .isInstanceOf(ImportException.class).hasMessageContaining("company does not play friend");
    }

    @Test
    void importIntoAMissingKeyspaceWithoutSchemaIsNotFoundAndAFailedCreatingImportLeavesNoKeyspace() throws Exception {
        Path file = write(dir.resolve("b.grakn"), backup(1, 5), null);
        assertThatThrownBy(() -> doImport(keyspaces, "nothere", file, ImportOptions.defaults()))
                .isInstanceOf(KeyspaceNotFoundException.class).hasMessageContaining("nothere");
        List<Item> bad = new ArrayList<>(backup(1, 5));
        bad.add(entity("x", "unicorn"));
        Path badFile = write(dir.resolve("bad.grakn"), bad, null);
        assertThatThrownBy(() -> doImport(keyspaces, "fresh", badFile, ImportOptions.defaults().withSchema(schema())))
                .isInstanceOf(ImportException.class);
        assertThat(keyspaces.exists("fresh")).isFalse();
    }

    @Test
    void schemaErrorInImportChangesNothing() throws Exception {
        defineTest("ks");
        String before = keyspaces.schema("ks");
        Path file = write(dir.resolve("b.grakn"), backup(1, 5), null);
        assertThatThrownBy(() -> doImport(keyspaces, "ks", file, ImportOptions.defaults()
                .withSchema(List.of(new GraqlSource("broken.gql", "define thing2 sub nothing;")))))
                .isInstanceOf(io.graknmigrate.schema.SchemaException.class);
        assertThat(keyspaces.schema("ks")).isEqualTo(before);
    }
}
