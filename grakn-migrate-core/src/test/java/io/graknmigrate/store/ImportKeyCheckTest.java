package io.graknmigrate.store;

import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.migrate.ImportException;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.migrate.ImportSummary;
import io.graknmigrate.schema.GraqlSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.graknmigrate.store.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The key rules over several (type, key) pairs at once, as the import's grouped scans check them:
 * every kind of violation of every pair is found in one import, each with its own line and count.
 */
class ImportKeyCheckTest {

    private static final String SCHEMA = """
            define
            email sub attribute, value string;
            code sub attribute, value string;
            serial sub attribute, value long;
            person sub entity, key email;
            employee sub person;
            item sub entity, key code, key serial;
            gadget sub item;
            """;

    @TempDir
    Path dir;

    EmbeddedKeyspaces keyspaces;

    @BeforeEach
    void setUp() throws Exception {
        keyspaces = new EmbeddedKeyspaces(dir.resolve("data"), "grakn-migrate test");
        keyspaces.define("ks", List.of(new GraqlSource("keys.gql", SCHEMA)), w -> { });
    }

    private ImportSummary doImport(Path file) throws Exception {
        return importPath(keyspaces, "ks", file, ImportOptions.defaults(), ProgressListener.NONE);
    }

    private long things() {
        return keyspaces.list().stream().filter(k -> k.name().equals("ks")).findFirst().orElseThrow().things();
    }

    @SuppressWarnings("unchecked")
    private List<String> problems(Path file) {
        List<String>[] found = new List[1];
        assertThatThrownBy(() -> doImport(file)).isInstanceOfSatisfying(ImportException.class, e -> found[0] = e.problems());
        return found[0];
    }

    /**
     * The same violations whatever way the import takes and however the owners are ordered: ids kept
     * in file order (owners ascending), ids kept with the owners in descending order (the checks then
     * group in SQLite instead of reading the owners in one pass), and text ids (the general way).
     */
    @ParameterizedTest
    @ValueSource(strings = {"kept", "kept, owners descending", "text ids"})
    void everyKindOfViolationOfEveryPairIsFoundInOneImport(String way) throws Exception {
        String p = way.equals("text ids") ? "t-" : "";
        List<Item> attributes = List.of(
                attribute(p + "V1", "email", str("a@x")), attribute(p + "V2", "email", str("b@x")), attribute(p + "V3", "email", str("c@x")),
                attribute(p + "V4", "code", str("C1")), attribute(p + "V5", "code", str("C2")),
                attribute(p + "V6", "serial", lng(1)), attribute(p + "V7", "serial", lng(2)));
        List<Item> owners = new ArrayList<>(List.of(
                entity(p + "V8", "person", p + "V1"), entity(p + "V9", "employee", p + "V1"),
                entity(p + "V10", "person"), entity(p + "V11", "person", p + "V2", p + "V3"),
                entity(p + "V12", "item", p + "V4", p + "V6"), entity(p + "V13", "gadget", p + "V4", p + "V7"), entity(p + "V14", "gadget", p + "V5")));
        if (way.equals("kept, owners descending")) Collections.reverse(owners);
        List<Item> items = new ArrayList<>(attributes);
        items.addAll(owners);
        Path file = write(dir.resolve("k.grakn"), items, null);
        List<String> problems = problems(file);
        assertThat(problems).anyMatch(l -> l.startsWith("2 person things do not have exactly one email key (for example "));
        assertThat(problems).anyMatch(l -> l.startsWith("1 email key values are owned by more than one person (for example "));
        assertThat(problems).anyMatch(l -> l.startsWith("1 code key values are owned by more than one item (for example "));
        assertThat(problems).anyMatch(l -> l.startsWith("1 item things do not have exactly one serial key (for example "));
        if (p.isEmpty()) {
            // Kept ids name the file's ids (hashed text ids are named by their hash key).
            assertThat(problems).anyMatch(l -> l.startsWith("2 person things do not have exactly one email key (for example the one with id V1"));
            assertThat(problems).contains("1 email key values are owned by more than one person (for example the one with id V1 in the file)");
            assertThat(problems).contains("1 code key values are owned by more than one item (for example the one with id V4 in the file)");
            assertThat(problems).contains("1 item things do not have exactly one serial key (for example the one with id V14 in the file)");
        }
        assertThat(problems).noneMatch(l -> l.contains("serial key values"));
        assertThat(problems).hasSize(4);
        assertThat(things()).isZero();
    }

    @Test
    void oneOwnershipListedTwiceIsStillOneKey() throws Exception {
        Path file = write(dir.resolve("twice.grakn"), List.of(attribute("e1", "email", str("a@x")),
                entity("p1", "person", "e1", "e1")), null);
        assertThat(doImport(file).counts().entities()).isEqualTo(1);
    }

    @Test
    void aKeyValueOwnedInTheKeyspaceClashesWithTheFileAndAReusedAttributeKeepsItsOwners() throws Exception {
        doImport(write(dir.resolve("first.grakn"), List.of(attribute("e1", "email", str("a@x")), entity("p1", "person", "e1"),
                attribute("c1", "code", str("C1")), attribute("s1", "serial", lng(1)), entity("i1", "item", "c1", "s1")), null));
        // The same email value for a new employee (a subtype of the declaring type), and a new code for a new gadget.
        Path second = write(dir.resolve("second.grakn"), List.of(attribute("x", "email", str("a@x")), entity("q", "employee", "x"),
                attribute("c9", "code", str("C9")), attribute("s9", "serial", lng(9)), entity("g", "gadget", "c9", "s9")), null);
        assertThatThrownBy(() -> doImport(second)).isInstanceOfSatisfying(ImportException.class, e -> {
            assertThat(e.reason()).isEqualTo(ImportException.Reason.KEYS_ALREADY_IN_KEYSPACE);
            assertThat(e.problems()).hasSize(1).first().asString()
                    .startsWith("1 email key values are owned by more than one person (for example ");
        });
        // Values not owned before are fine, also through a reused attribute of another type's key.
        Path third = write(dir.resolve("third.grakn"), List.of(attribute("e", "email", str("new@x")), entity("r", "employee", "e"),
                attribute("c9", "code", str("C9")), attribute("s9", "serial", lng(9)), entity("g", "gadget", "c9", "s9")), null);
        assertThat(doImport(third).counts().entities()).isEqualTo(2);
        assertThat(things()).isEqualTo(10);
    }
}
