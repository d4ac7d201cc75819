package io.graknmigrate.cli.reliability;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real processes on one keyspace. The first import is frozen (SIGSTOP) in the middle of its
 * write transaction, so the second command meets it there every time: a second import must fail
 * promptly with "busy" and change nothing; an export must see the state before the import, whole.
 * Then the first import is resumed and must finish normally.
 */
class ConcurrencyTest {

    private static final long BASE_BLOCKS = 3_000;
    private static final long IMPORT_BLOCKS = 12_000;

    @TempDir
    static Path shared;
    private static Workspace base;
    private static Path baseExport;
    private static Path afterImportExport;

    @TempDir
    Path dir;

    @BeforeAll
    static void keyspaceWithData() throws Exception {
        base = Workspace.withImported(shared.resolve("base"), BASE_BLOCKS);
        baseExport = base.export("base.grakn");
        // The state after the big import, from an undisturbed run on a copy.
        Workspace reference = base.copyTo(shared.resolve("reference"));
        reference.ok("import", Workspace.KEYSPACE, base.backup(IMPORT_BLOCKS).toString());
        afterImportExport = reference.export("after.grakn");
    }


    /**
     * Starts the big import and freezes it once its transaction is writing into the WAL. An import can
     * commit in the moment between the lock probe and the freeze; then it is let finish, the keyspace is
     * put back and the import started again, so the tests always see a frozen, uncommitted import.
     */
    private static CliProcess.Running frozenImport(Workspace w) throws Exception {
        for (int attempt = 1; ; attempt++) {
            CliProcess.Running imp = w.start("import", Workspace.KEYSPACE, base.backup(IMPORT_BLOCKS).toString());
            boolean frozen;
            try {
                frozen = w.freezeMidTransaction(imp, 0);
            } catch (AssertionError | RuntimeException e) {
                // A child that ended before the freeze reached it is retried like a missed freeze.
                if (imp.isAlive() || attempt == 3) {
                    imp.close();
                    throw e;
                }
                frozen = false;
            }
            if (frozen) return imp;
            if (imp.isAlive()) imp.resume();
            CliProcess.Result missed = imp.await(Duration.ofMinutes(3));
            imp.close();
            assertThat(attempt).as("import frozen inside its transaction (attempt %d, last run %s)", attempt, missed).isLessThan(3);
            w.restoreFrom(base);
        }
    }

    @Test
    void aSecondImportFailsPromptlyWithBusyAndTheFirstCompletes() throws Exception {
        Workspace w = base.copyTo(dir.resolve("ws"));
        try (CliProcess.Running first = frozenImport(w)) {
            long start = System.nanoTime();
            CliProcess.Result second = w.cli().run(Duration.ofSeconds(60), w.withData("import", Workspace.KEYSPACE, w.backup(10).toString()));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String line = Outcomes.assertOneLineError(second);
            assertThat(line).contains("busy").contains(Workspace.KEYSPACE);
            assertThat(took).as("fails promptly, not after a long wait").isLessThan(Duration.ofSeconds(30));

            first.resume();
            CliProcess.Result done = first.await(Duration.ofMinutes(3));
            assertThat(done.code()).as("the first import, resumed\n%s", done).isZero();
        }
        assertThat(Outcomes.sha256(w.export("after.grakn")))
                .as("exactly the first import's result, nothing of the second").isEqualTo(Outcomes.sha256(afterImportExport));
    }

    @Test
    void defineAndDeleteDuringAnImportFailWithBusy() throws Exception {
        Workspace w = base.copyTo(dir.resolve("ws"));
        java.nio.file.Path extra = java.nio.file.Files.writeString(w.dir.resolve("extra.gql"), "define\nnickname sub attribute, value string;\n");
        try (CliProcess.Running first = frozenImport(w)) {
            assertThat(Outcomes.assertOneLineError(w.run("define", Workspace.KEYSPACE, extra.toString()))).contains("busy");
            assertThat(Outcomes.assertOneLineError(w.run("delete", Workspace.KEYSPACE, "--yes"))).contains("busy");
            first.resume();
            assertThat(first.await(Duration.ofMinutes(3)).code()).isZero();
        }
        assertThat(Outcomes.sha256(w.export("after.grakn"))).isEqualTo(Outcomes.sha256(afterImportExport));
    }

    @Test
    void anExportDuringAnImportSeesTheWholeStateBeforeIt() throws Exception {
        Workspace w = base.copyTo(dir.resolve("ws"));
        try (CliProcess.Running imp = frozenImport(w)) {
            Path during = w.export("during.grakn");
            assertThat(Outcomes.sha256(during)).as("export while the import is mid-way = the state before it").isEqualTo(Outcomes.sha256(baseExport));
            CliProcess.Result keyspaces = w.run("keyspaces");
            assertThat(keyspaces.code()).as("%s", keyspaces).isZero();

            imp.resume();
            assertThat(imp.await(Duration.ofMinutes(3)).code()).isZero();
        }
        assertThat(Outcomes.sha256(w.export("after.grakn"))).as("and after it, the whole import").isEqualTo(Outcomes.sha256(afterImportExport));
    }

    @Test
    void anExportRacingAnImportSeesBeforeOrAfterNeverHalf() throws Exception {
        // Unfrozen: the export starts while the import runs and lands wherever it lands.
        Workspace w = base.copyTo(dir.resolve("ws"));
        try (CliProcess.Running imp = w.start("import", Workspace.KEYSPACE, base.backup(IMPORT_BLOCKS).toString())) {
            long walBefore = Math.max(0, Workspace.size(w.wal()));
            Workspace.await(imp, Duration.ofSeconds(120), () -> Workspace.size(w.wal()) > walBefore + (1 << 20));
            Path during = w.export("during.grakn");
            assertThat(Outcomes.sha256(during)).isIn(Outcomes.sha256(baseExport), Outcomes.sha256(afterImportExport));
            assertThat(imp.await(Duration.ofMinutes(3)).code()).isZero();
        }
    }
}
