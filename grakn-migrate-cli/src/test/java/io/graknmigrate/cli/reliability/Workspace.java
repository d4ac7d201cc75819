package io.graknmigrate.cli.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A directory with a data directory of embedded keyspaces, and the real CLI run in child processes
 * against it ({@code --data} is passed explicitly so the environment cannot redirect it).
 */
final class Workspace {

    static final String KEYSPACE = "people";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    final Path dir;
    final Path data;

    Workspace(Path dir) throws IOException {
        this.dir = dir;
        this.data = Files.createDirectories(dir.resolve("grakn-data"));
    }

    CliProcess cli() {
        return CliProcess.in(dir);
    }

    /** Arguments with {@code --data} appended for the keyspace commands. */
    String[] withData(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data");
        all.add(data.toString());
        return all.toArray(String[]::new);
    }

    CliProcess.Result run(String... args) throws IOException, InterruptedException {
        return cli().run(TIMEOUT, withData(args));
    }

    CliProcess.Result ok(String... args) throws IOException, InterruptedException {
        CliProcess.Result r = run(args);
        assertThat(r.code()).as("grakn-migrate %s\n%s", String.join(" ", args), r).isZero();
        return r;
    }

    CliProcess.Running start(String... args) throws IOException {
        return cli().start(withData(args));
    }

    Path schemaFile() throws IOException {
        Path f = dir.resolve("schema.gql");
        if (!Files.exists(f)) GeneratedBackup.writeSchema(f);
        return f;
    }

    /**
     * The starting point the reliability tests share: a workspace under {@code dir} whose keyspace
     * holds the schema and a generated backup of {@code blocks} blocks (built once per test class).
     */
    static Workspace withImported(Path dir, long blocks) throws IOException, InterruptedException {
        Workspace w = new Workspace(dir);
        w.define();
        w.ok("import", KEYSPACE, w.backup(blocks).toString());
        return w;
    }

    /** A new workspace under {@code dir} holding a copy of this one's keyspaces, for a test to damage. */
    Workspace copyTo(Path dir) throws IOException {
        Workspace w = new Workspace(dir);
        copyDataTo(w);
        return w;
    }

    /** Defines the generated backup's schema into the keyspace. */
    void define() throws IOException, InterruptedException {
        ok("define", KEYSPACE, schemaFile().toString());
    }

    /** Writes a generated backup of {@code blocks} blocks (ten things each) named by its size. */
    Path backup(long blocks) throws IOException {
        Path f = dir.resolve("generated-" + blocks + ".grakn");
        if (!Files.exists(f)) GeneratedBackup.write(f, blocks);
        return f;
    }

    /** Exports the keyspace to a new file and returns its bytes' digest and the file. */
    Path export(String name) throws IOException, InterruptedException {
        Path out = dir.resolve("exports").resolve(name);
        Files.createDirectories(out.getParent());
        ok("export", KEYSPACE, out.toString());
        assertThat(out).isRegularFile();
        return out;
    }

    String schema() throws IOException, InterruptedException {
        return ok("schema", KEYSPACE).stdout();
    }

    Path keyspaceFile() {
        return data.resolve(KEYSPACE + ".sqlite");
    }

    Path wal() {
        return data.resolve(KEYSPACE + ".sqlite-wal");
    }

    /** Puts this workspace's keyspace files back to a copy of {@code source}'s (no process may be using them). */
    void restoreFrom(Workspace source) throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
        source.copyDataTo(this);
    }

    /** Copies this workspace's data directory (keyspace files only, taken while no one writes) into another. */
    private void copyDataTo(Workspace other) throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, other.data.resolve(f.getFileName()));
            }
        }
    }

    /**
     * Whether some process holds the keyspace's write lock right now, i.e. has a write transaction
     * open: probed with {@code BEGIN IMMEDIATE} and no busy wait (rolled back at once when it works).
     * A frozen child that holds the lock has, by definition, not committed.
     */
    boolean writeLockHeld() {
        for (int attempt = 1; ; attempt++) {
            try {
                return probeWriteLock();
            } catch (java.sql.SQLException e) {
                // SQLITE_PROTOCOL: the WAL index kept changing under the probe's read (a running child
                // starting or checkpointing); it says nothing about the lock, so the probe is made again
                if (attempt == 50 || !String.valueOf(e.getMessage()).contains("SQLITE_PROTOCOL")) {
                    throw new IllegalStateException("cannot probe the write lock of " + keyspaceFile(), e);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while probing the write lock of " + keyspaceFile(), e);
                }
            }
        }
    }

    private boolean probeWriteLock() throws java.sql.SQLException {
        if (!Files.exists(keyspaceFile())) return false;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + keyspaceFile());
             java.sql.Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 0");
            try {
                s.execute("BEGIN IMMEDIATE");
            } catch (java.sql.SQLException e) {
                String m = String.valueOf(e.getMessage());
                if (m.contains("SQLITE_BUSY") || m.contains("locked")) return true;
                throw e;
            }
            s.execute("ROLLBACK");
            return false;
        }
    }

    /**
     * Waits until the child is inside its write transaction (write lock held) and the WAL has grown
     * by at least {@code walBytes}, then freezes it (SIGSTOP). Returns whether it is provably still
     * inside: the lock is still held after the freeze, so nothing was committed. False means the
     * transaction ended in the moment before the freeze (the child is frozen anyway), or that the
     * child finished before its WAL grew by {@code walBytes} (it is not running any more).
     */
    boolean freezeMidTransaction(CliProcess.Running child, long walBytes) throws InterruptedException {
        long walBefore = Math.max(0, size(wal()));
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        boolean reached = false;
        while (System.nanoTime() < end && child.isAlive()) {
            if (size(wal()) >= walBefore + walBytes && writeLockHeld()) {
                reached = true;
                break;
            }
            Thread.sleep(5);
        }
        // A fast child may commit before its WAL ever grows by walBytes: then there is nothing to freeze
        // at that depth (the caller sees false and checks the finished run instead).
        if (!reached && !child.isAlive() && walBytes > 0) return false;
        assertThat(reached).as("the child reached its write transaction; stderr: %s", child.stderrSoFar()).isTrue();
        child.stop();
        return child.isAlive() && writeLockHeld();
    }

    static long size(Path f) {
        try {
            return Files.exists(f) ? Files.size(f) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Polls until the condition holds; false when the process ended or the time ran out first. */
    static boolean await(CliProcess.Running p, Duration timeout, BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) return true;
            if (!p.isAlive()) return condition.getAsBoolean();
            Thread.sleep(2);
        }
        return false;
    }
}
