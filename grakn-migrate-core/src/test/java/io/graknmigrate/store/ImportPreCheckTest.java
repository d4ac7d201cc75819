package io.graknmigrate.store;

import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.migrate.ImportException;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.migrate.ImportSummary;
import io.graknmigrate.migrate.MigrationException;
import io.graknmigrate.schema.GraqlSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

import static io.graknmigrate.store.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The import of a file with its pre-check on a second thread: a doomed file is refused by the
 * pre-check with every problem listed and the keyspace file untouched; failures and cancels on either
 * thread roll everything back and leave no thread behind; hashed keys for ids that are not numeric,
 * collisions included.
 */
class ImportPreCheckTest {

    @TempDir
    Path dir;

    EmbeddedKeyspaces keyspaces;

    @BeforeEach
    void setUp() throws Exception {
        keyspaces = new EmbeddedKeyspaces(dir.resolve("data"), "grakn-migrate test");
        keyspaces.define("ks", List.of(new GraqlSource("test.gql", SCHEMA + "code sub attribute, value string, regex \"^[A-Z]{3}$\";\n")), w -> { });
        importFile("ks", write(dir.resolve("base.grakn"), backup(9, 10), null), ImportOptions.defaults());
    }

    private ImportSummary importFile(String keyspace, Path file, ImportOptions options) {
        return importFile(keyspace, file, options, ProgressListener.NONE);
    }

    private ImportSummary importFile(String keyspace, Path file, ImportOptions options, ProgressListener progress) {
        try {
            return importPath(keyspaces, keyspace, file, options, progress);
        } catch (io.graknmigrate.schema.SchemaException e) {
            throw new AssertionError(e);
        }
    }

    private byte[] keyspaceFile() throws Exception {
        return Files.readAllBytes(keyspaces.store().file("ks"));
    }

    private static boolean foundByPreCheck(Throwable e) {
        return Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getClassName().endsWith("ImportPreCheck"));
    }

    private static void assertNoPreCheckThreadLeft() {
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("import-pre-check"));
    }

    /** A file big enough that the write pass is still reading when the pre-check is done. */
    private static List<Item> large(List<Item> extra) {
        List<Item> things = new ArrayList<>(backup(3, 3000));
        things.addAll(extra);
        return things;
    }

    @Test
    void aDoomedFileIsRefusedByThePreCheckWithEveryProblemAndTheKeyspaceFileUntouched() throws Exception {
        byte[] before = keyspaceFile();
        byte[] exported = exportBytes(keyspaces, "ks");
        Path bad = write(dir.resolve("bad.grakn"), large(List.of(entity("z1", "persn"), entity("z2", "persn"), entity("z3", "robot"),
                attribute("v", "age", str("forty")), relation("r", "friendship", List.of(), "boss", "z1"))), null);
        assertThatThrownBy(() -> importFile("ks", bad, ImportOptions.defaults()))
                .isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ImportException.Reason.SCHEMA_MISMATCH);
                    assertThat(foundByPreCheck(e)).isTrue();
                    assertThat(e.problems()).contains("unknown type 'persn': 2 entities in the file, the schema has no such type",
                            "unknown type 'robot': 1 entities in the file, the schema has no such type",
                            "1 attributes of type 'age' have string values, but the schema says age holds long values",
                            "unknown role 'boss': 1 role entries in the file, the schema has no such role");
                    assertThat(e.getMessage()).startsWith("import of bad.grakn into keyspace ks failed, nothing was changed: 4 kind(s)");
                });
        assertThat(keyspaceFile()).isEqualTo(before);
        assertThat(exportBytes(keyspaces, "ks")).isEqualTo(exported);
        assertNoPreCheckThreadLeft();
    }

    @Test
    void regexDuplicateAndDanglingProblemsAreThePreChecksWithTheWritePassMessages() throws Exception {
        byte[] before = keyspaceFile();
        Path regex = write(dir.resolve("re.grakn"), large(List.of(attribute("code1", "code", str("ABC")), attribute("code2", "code", str("abcd")),
                attribute("code3", "code", str("x")))), null);
        assertThatThrownBy(() -> importFile("ks", regex, ImportOptions.defaults()))
                .isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(foundByPreCheck(e)).isTrue();
                    assertThat(e.reason()).isEqualTo(ImportException.Reason.SCHEMA_VIOLATION);
                    assertThat(e.problems()).containsExactly("2 code attributes do not match the regex of code");
                });
        Path dangling = write(dir.resolve("d.grakn"), large(List.of(entity("lonely", "company", "missing-attribute"))), null);
        assertThatThrownBy(() -> importFile("ks", dangling, ImportOptions.defaults()))
                .isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(foundByPreCheck(e)).isTrue();
                    assertThat(e.reason()).isEqualTo(ImportException.Reason.DANGLING_REFERENCE);
                    assertThat(e.getMessage()).contains("1 ownerships or role players refer to ids the file does not contain (first: 'missing-attribute')");
                });
        List<Item> twice = large(List.of());
        twice.add(entity(idOf(twice.get(0)), "company"));
        Path duplicate = write(dir.resolve("dup.grakn"), twice, null);
        assertThatThrownBy(() -> importFile("ks", duplicate, ImportOptions.defaults()))
                .isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(foundByPreCheck(e)).isTrue();
                    assertThat(e.reason()).isEqualTo(ImportException.Reason.DUPLICATE_ID);
                    assertThat(e.getMessage()).contains("(first: '" + idOf(twice.get(0)) + "')");
                });
        assertThat(keyspaceFile()).isEqualTo(before);
        assertNoPreCheckThreadLeft();
        // With validation skipped the regex problems are counted and the data kept, as on the stream path.
        assertThat(importFile("ks", regex, ImportOptions.defaults().withSkipValidation(true).withClean(true)).violationsSkipped()).isEqualTo(2);
    }

    /**
     * Once the pre-check has seen a problem that fails the import whatever follows, the write pass
     * stops reading (it would only take a core from the pre-check) and the bar follows the pre-check
     * to the end of the file, which is then refused with every problem counted.
     */
    @ParameterizedTest
    @ValueSource(strings = {"regex", "label", "value"})
    void theWritePassStopsOnceThePreCheckHasSeenTheFileIsDoomed(String problem) throws Exception {
        byte[] before = keyspaceFile();
        List<Item> items = new ArrayList<>();
        items.add(switch (problem) {
            case "regex" -> attribute("code1", "code", str("abcd"));
            case "label" -> entity("z1", "persn");
            default -> attribute("v", "age", str("forty"));
        });
        items.addAll(backup(3, 20_000));
        items.add(attribute("code2", "code", str("last")));
        Path bad = write(dir.resolve("late.grakn"), items, null);
        long size = Files.size(bad);
        List<String> phases = new ArrayList<>();
        long[] lastReading = new long[1];
        ProgressListener progress = new ProgressListener() {
            String phase;
            @Override public void start(String task, long total, String unit) { phases.add(phase = task); }
            @Override public void update(long current) { if ("reading".equals(phase)) lastReading[0] = current; }
            @Override public void finish() { phase = null; }
        };
        assertThatThrownBy(() -> importFile("ks", bad, ImportOptions.defaults(), progress))
                .isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(foundByPreCheck(e)).isTrue();
                    if (problem.equals("regex")) {
                        assertThat(e.problems()).containsExactly("2 code attributes do not match the regex of code");
                    } else {
                        assertThat(e.reason()).isEqualTo(ImportException.Reason.SCHEMA_MISMATCH);
                        assertThat(e.problems().get(0)).isEqualTo(problem.equals("label")
                                ? "unknown type 'persn': 1 entities in the file, the schema has no such type"
                                : "1 attributes of type 'age' have string values, but the schema says age holds long values");
                    }
                });
        assertThat(phases).containsExactly("reading", io.graknmigrate.migrate.Importer.DOOMED_PHASE);
        assertThat(lastReading[0]).as("the write pass read %d of %d bytes", lastReading[0], size).isLessThan(size / 4);
        assertThat(keyspaceFile()).isEqualTo(before);
        assertNoPreCheckThreadLeft();
    }

    @Test
    void aFailureOfTheWritePassLeavesTheKeyspaceUnchangedAndNoThread() throws Exception {
        byte[] before = keyspaceFile();
        // Key clashes need the store: the pre-check passes the file, the write pass refuses it.
        Path shared = write(dir.resolve("k.grakn"), large(List.of(attribute("m", "email", str("same@x")),
                entity("q1", "person", "m"), entity("q2", "person", "m"))), null);
        assertThatThrownBy(() -> importFile("ks", shared, ImportOptions.defaults().withClean(true)))
                .isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(foundByPreCheck(e)).isFalse();
                    assertThat(e.reason()).isEqualTo(ImportException.Reason.KEY_CLASH);
                });
        assertThat(keyspaceFile()).isEqualTo(before);
        assertNoPreCheckThreadLeft();
    }

    @Test
    void aCancelDuringTheWritePassStopsBothThreadsAndChangesNothing() throws Exception {
        byte[] before = keyspaceFile();
        Path file = write(dir.resolve("big.grakn"), large(List.of()), null);
        ProgressListener interrupting = new ProgressListener() {
            @Override
            public void start(String task, long total, String unit) { }

            @Override
            public void update(long current) {
                Thread.currentThread().interrupt();
            }

            @Override
            public void finish() { }
        };
        try {
            assertThatThrownBy(() -> importFile("ks", file, ImportOptions.defaults().withClean(true), interrupting))
                    .isInstanceOf(CancellationException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(keyspaceFile()).isEqualTo(before);
        assertNoPreCheckThreadLeft();
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 6})
    void idsThatAreNotNumericAreHashedAndTheGraphSurvives(long seed) throws Exception {
        List<Item> original = backup(seed, 200);
        Path file = write(dir.resolve("b.grakn"), original, null);
        keyspaces.define("copy", schema(), w -> { });
        importFile("copy", file, ImportOptions.defaults());
        assertThat(canonical(read(exportBytes(keyspaces, "copy")))).isEqualTo(canonical(original));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void twoIdsWithOneHashKeyAreRefusedNotMerged(boolean numericFirst) throws Exception {
        keyspaces.define("copy", schema(), w -> { });
        List<Item> things = new ArrayList<>(backup(7, 20));
        // A file opening with a V<digits> id keeps the rowid id map; one opening with another id appends to a plain one.
        if (numericFirst) things.add(0, entity("V1", "company"));
        Path file = write(dir.resolve("b.grakn"), things, null);
        int bits = ImportIdKeys.hashBits;
        ImportIdKeys.hashBits = 1; // two keys for every id that is not numeric: collisions for sure
        try {
            assertThatThrownBy(() -> importFile("copy", file, ImportOptions.defaults()))
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("nothing was changed: two different ids of the file share a hash key");
            assertThat(read(exportBytes(keyspaces, "copy")).stream().filter(i -> i.hasEntity() || i.hasAttribute() || i.hasRelation())).isEmpty();
            // The stream path keys such ids exactly, whatever the hash.
            assertThat(TestData.importFile(keyspaces, "copy", file, ImportOptions.defaults()).counts().things()).isPositive();
        } finally {
            ImportIdKeys.hashBits = bits;
        }
        assertNoPreCheckThreadLeft();
    }
}
