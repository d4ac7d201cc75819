package io.graknmigrate.cli.reliability;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of the real CLI in the middle of its work. To hit "the middle" deterministically,
 * each test waits for evidence that the work is under way (the export's temporary file; the import
 * holding the keyspace's write lock, with uncommitted pages in the WAL), freezes the child with
 * SIGSTOP, proves it has not finished (still alive, lock still held), and only then kills it. After the kill: the export left no final file, the keyspace is
 * byte-for-byte the same export as before, the next run works.
 */
class CrashTest {

    /** Things in the keyspace the tests start from: big enough that an export takes a while. */
    private static final long BASE_BLOCKS = 6_000;
    /** Things imported while killed: big enough that the transaction spills into the WAL. */
    private static final long IMPORT_BLOCKS = 12_000;

    @TempDir
    static Path shared;
    private static Workspace base;
    private static Path baseExport;

    @TempDir
    Path dir;

    @BeforeAll
    static void keyspaceWithData() throws Exception {
        base = Workspace.withImported(shared.resolve("base"), BASE_BLOCKS);
        baseExport = base.export("base.grakn");
    }


    @Test
    void exportKilledMidWayLeavesNoFinalFileAndTheNextExportWorks() throws Exception {
        Workspace w = base.copyTo(dir.resolve("ws"));
        Path out = Files.createDirectories(w.dir.resolve("out"));
        Path target = out.resolve("backup.grakn");

        try (CliProcess.Running export = w.start("export", Workspace.KEYSPACE, target.toString())) {
            boolean tempSeen = Workspace.await(export, Duration.ofSeconds(60),
                    () -> Outcomes.listNames(out).stream().anyMatch(n -> !n.equals("backup.grakn") && Workspace.size(out.resolve(n)) > 0));
            export.stop();
            assertThat(tempSeen).as("the export's temporary file with some bytes in it; stderr: %s", export.stderrSoFar()).isTrue();
            assertThat(export.isAlive()).as("export still running when frozen (make BASE_BLOCKS larger if not)").isTrue();
            assertThat(target).as("no final file while the export runs").doesNotExist();
            export.kill9();
        }

        List<String> leftovers = Outcomes.listNames(out);
        assertThat(leftovers).as("after kill -9: no final file, only temporary ones").doesNotContain("backup.grakn")
                .allSatisfy(n -> assertThat(n).doesNotEndWith(".grakn").startsWith("."));

        // The next run succeeds, ignores the leftovers and writes the same bytes as an uninterrupted export.
        CliProcess.Result again = w.run("export", Workspace.KEYSPACE, target.toString());
        assertThat(again.code()).as("%s", again).isZero();
        assertThat(Outcomes.sha256(target)).isEqualTo(Outcomes.sha256(baseExport));
    }

    @Test
    void importKilledMidWayLeavesTheKeyspaceAsItWasAndTheNextImportWorks() throws Exception {
        // Kill at several depths of the transaction: as soon as it holds the write lock, and once it
        // has pushed uncommitted pages into the WAL. Each kill is proven to be inside the transaction.
        int killedInside = 0;
        Workspace last = null;
        for (long walBytes : new long[] {0, 256 << 10, 2 << 20}) {
            Workspace w = base.copyTo(dir.resolve("wal-" + walBytes));
            Path big = w.backup(IMPORT_BLOCKS);
            boolean inside;
            try (CliProcess.Running imp = w.start("import", Workspace.KEYSPACE, big.toString())) {
                inside = w.freezeMidTransaction(imp, walBytes);
                if (inside) {
                    imp.kill9();
                } else {
                    if (imp.isAlive()) imp.resume();
                    assertThat(imp.await(Duration.ofMinutes(3)).code()).isZero();
                }
            }
            if (!inside) continue; // committed in the instant before the freeze: nothing to check here
            // The lock probe cannot tell a running transaction from the checkpoint SQLite runs while
            // the connection closes right after COMMIT. So the proof is the outcome: all or nothing.
            String outcome = Outcomes.sha256(w.export("after-kill.grakn"));
            assertThat(w.schema()).isEqualTo(base.schema());
            if (outcome.equals(Outcomes.sha256(baseExport))) {
                killedInside++;
                last = w;
            } else {
                assertThat(outcome).as("a killed import left either nothing or everything, never half")
                        .isEqualTo(Outcomes.sha256(undisturbedImport()));
            }
        }
        assertThat(killedInside).as("imports killed inside their transaction").isPositive();
        // The next import works and gives exactly what an undisturbed import gives.
        CliProcess.Result again = last.run("import", Workspace.KEYSPACE, last.backup(IMPORT_BLOCKS).toString());
        assertThat(again.code()).as("%s", again).isZero();
        assertThat(Outcomes.sha256(last.export("after.grakn"))).isEqualTo(Outcomes.sha256(undisturbedImport()));
    }

    private Path undisturbed;

    /** The export of an uninterrupted import of the same backup into a copy of the base keyspace. */
    private Path undisturbedImport() throws IOException, InterruptedException {
        if (undisturbed == null) {
            Workspace reference = base.copyTo(dir.resolve("reference"));
            reference.ok("import", Workspace.KEYSPACE, reference.backup(IMPORT_BLOCKS).toString());
            undisturbed = reference.export("after.grakn");
        }
        return undisturbed;
    }

    @Test
    void importFromStdinKilledWhileStreamingLeavesTheKeyspaceAsItWas() throws Exception {
        Workspace w = base.copyTo(dir.resolve("ws"));
        byte[] bytes = Files.readAllBytes(w.backup(IMPORT_BLOCKS));
        try (CliProcess.Running imp = w.start("import", Workspace.KEYSPACE, "-")) {
            OutputStream stdin = imp.stdin();
            // A write returns only once the child has taken all but a pipe buffer of it: after this
            // the import has read well past the first half and is waiting for the rest.
            stdin.write(bytes, 0, bytes.length / 2);
            stdin.flush();
            Thread.sleep(200);
            imp.stop();
            assertThat(imp.isAlive()).as("import waiting for the rest of stdin").isTrue();
            imp.kill9();
        }
        assertUnchanged(w);
    }

    @Test
    void defineKilledAtAnyMomentLeavesTheOldSchemaOrTheNewOneNeverAMix() throws Exception {
        Workspace w = base.copyTo(dir.resolve("ws"));
        String before = w.schema();
        Path extra = w.dir.resolve("extra.gql");
        Files.writeString(extra, largeSchema(3_000));

        // The complete result, from an uninterrupted define on a copy.
        Workspace reference = base.copyTo(dir.resolve("reference"));
        reference.ok("define", Workspace.KEYSPACE, extra.toString());
        String after = reference.schema();
        assertThat(after).isNotEqualTo(before);

        int killedWhileRunning = 0;
        int unchanged = 0;
        int[] delays = {0, 40, 150, 400};
        for (int delayMs : delays) {
            Workspace trial = base.copyTo(dir.resolve("trial-" + delayMs));
            try (CliProcess.Running define = trial.start("define", Workspace.KEYSPACE, extra.toString())) {
                // The child has opened the keyspace for writing once SQLite created its shared-memory index.
                Path shm = trial.data.resolve(Workspace.KEYSPACE + ".sqlite-shm");
                Workspace.await(define, Duration.ofSeconds(60), () -> Files.exists(shm));
                Thread.sleep(delayMs);
                define.stop();
                if (define.isAlive()) killedWhileRunning++;
                define.kill9();
            }
            String schema = trial.schema();
            assertThat(schema).as("schema after kill -9 at +%d ms", delayMs).isIn(before, after);
            if (schema.equals(before)) unchanged++;
            if (delayMs == delays[delays.length - 1]) {
                // And the keyspace still takes the define.
                trial.ok("define", Workspace.KEYSPACE, extra.toString());
                assertThat(trial.schema()).isEqualTo(after);
            }
        }
        assertThat(killedWhileRunning).as("trials that caught define still running").isPositive();
        assertThat(unchanged).as("trials where the kill came before the commit").isPositive();
    }

    @Test
    void defineOfANewKeyspaceKilledMidWayCanBeDefinedAgain() throws Exception {
        Workspace w = new Workspace(dir.resolve("fresh"));
        Path schema = killDefineOfNewKeyspace(w);
        CliProcess.Result again = w.run("define", "fresh", schema.toString());
        assertThat(again.code()).as("define again after the kill\n%s", again).isZero();
        assertThat(w.run("keyspaces").code()).isZero();
    }

    /**
     * KNOWN FINDING (owner h/store): kill -9 during {@code define} of a NEW keyspace leaves
     * {@code fresh.sqlite} without tables (the layout is created inside the killed transaction). Until
     * the keyspace is defined again, {@code keyspaces} fails for the whole data directory with
     * "store error while reading keyspace fresh ([SQLITE_ERROR] ... no such table: type), rerun with
     * -v and report it", and so do schema/export/import of that keyspace. A keyspace file without the
     * layout should be treated as absent (or empty), or a new keyspace should be created under a
     * temporary name and renamed after its first commit.
     */
    @Test
    void defineOfANewKeyspaceKilledMidWayLeavesNoBrokenKeyspace() throws Exception {
        Workspace w = new Workspace(dir.resolve("fresh"));
        killDefineOfNewKeyspace(w);
        CliProcess.Result list = w.run("keyspaces");
        assertThat(list.code()).as("keyspaces after a killed define of a new keyspace\n%s", list).isZero();
        CliProcess.Result schema = w.run("schema", "fresh");
        if (schema.code() != 0) assertThat(Outcomes.assertOneLineError(schema)).contains("not found");
    }

    /** Starts {@code define fresh big.gql}, kills it once it has opened the new keyspace file; returns the schema file. */
    private static Path killDefineOfNewKeyspace(Workspace w) throws Exception {
        Path schema = w.dir.resolve("big.gql");
        Files.writeString(schema, GeneratedBackup.SCHEMA + largeSchema(3_000).substring("define".length()));
        try (CliProcess.Running define = w.start("define", "fresh", schema.toString())) {
            Path shm = w.data.resolve("fresh.sqlite-shm");
            Workspace.await(define, Duration.ofSeconds(60), () -> Files.exists(shm));
            define.stop();
            boolean running = define.isAlive();
            define.kill9();
            org.junit.jupiter.api.Assumptions.assumeTrue(running, "define finished before it could be frozen");
        }
        assertThat(w.data.resolve("fresh.sqlite")).as("the killed define had created the keyspace file").exists();
        return schema;
    }

    private static void assertUnchanged(Workspace w) throws IOException, InterruptedException {
        Path after = w.export("after-kill.grakn");
        assertThat(Outcomes.sha256(after)).as("export after the kill equals the export before").isEqualTo(Outcomes.sha256(baseExport));
        assertThat(w.schema()).isEqualTo(base.schema());
    }

    /** A define query of many types, so that defining it takes a measurable time. */
    static String largeSchema(int types) {
        StringBuilder s = new StringBuilder("define\n");
        for (int i = 0; i < types; i++) {
            s.append("extra-attribute-").append(i).append(" sub attribute, value long;\n");
            s.append("extra-entity-").append(i).append(" sub entity, has extra-attribute-").append(i)
                    .append(", plays extra-role-").append(i).append(";\n");
            s.append("extra-relation-").append(i).append(" sub relation, relates extra-role-").append(i).append(";\n");
        }
        return s.toString();
    }
}
