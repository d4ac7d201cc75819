package io.graknmigrate.benchmarks;

import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.load.GraqlLoader;
import io.graknmigrate.load.LoadInput;
import io.graknmigrate.load.LoadSummary;
import io.graknmigrate.load.MatchQueryExecution;
import io.graknmigrate.schema.SchemaException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A file of {@code inserts} match-insert queries ({@link PeopleGraph#appendMatchInsert}: two people
 * by key, a friendship between them) loaded into a copy of the {@code people}-people keyspace, as
 * {@code grakn-migrate load} runs it: one transaction, parsing, matching, inserting, the end-of-file
 * checks and the commit all timed, in a 512 MB heap. Beside it in the same run, the baseline: the
 * same file done by hand-written JDBC on the same copy (the two emails cut out of each line, two
 * prepared key lookups, the relation and its two role players inserted, one commit), which is
 * the floor SQLite itself sets. Scores: queries per second ({@code :items}) and per CPU-second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 0)
@Measurement(iterations = 1, time = 1)
public class MatchInsertBenchmark {

    @Param({"10k", "1m"})
    public String people;

    @Param({"10k", "1m"})
    public String inserts;

    int n;
    long queries;
    Path ready;
    Path file;
    Path copy;
    EmbeddedKeyspaces keyspaces;

    @Setup(Level.Trial)
    public void setUp() throws IOException, SchemaException {
        n = MatchBenchmark.people(people);
        queries = SyntheticBackup.parseCount(inserts);
        ready = PeopleGraph.build(Datasets.scratch().resolve("match-people-" + people), n, 0);
        file = PeopleGraph.matchInserts(Datasets.scratch(), n, queries, Datasets.SEED);
    }

    /** A fresh copy of the keyspace for every load (a load adds a million relations to it). */
    @Setup(Level.Invocation)
    public void freshCopy() throws IOException {
        copy = Files.createTempDirectory(Datasets.scratch(), "match-insert-");
        Files.createDirectories(copy.resolve("data"));
        Files.copy(ready.resolve(PeopleGraph.KEYSPACE + ".sqlite"), copy.resolve("data").resolve(PeopleGraph.KEYSPACE + ".sqlite"));
        keyspaces = new EmbeddedKeyspaces(copy.resolve("data"), "grakn-migrate benchmarks");
    }

    @TearDown(Level.Invocation)
    public void dropCopy() throws IOException {
        Datasets.deleteTree(copy);
    }

    /** The file through {@code load} with the match engine. */
    @Benchmark
    public void loadMatchInserts(ItemCounter counter, CpuClock cpu) throws IOException {
        long start = cpu.start();
        List<LoadSummary> s = new GraqlLoader(keyspaces.store(), new MatchQueryExecution(w -> { }, null)).load(PeopleGraph.KEYSPACE,
                List.of(LoadInput.file(file.toString(), file)), false, w -> { }, ProgressListener.NONE, x -> { });
        if (s.get(0).relations() != queries) throw new IllegalStateException("inserted " + s.get(0).relations() + " relations, expected " + queries);
        counter.items += queries;
        cpu.stop(start, queries);
    }

    /** The same work by hand-written JDBC: the baseline. */
    @Benchmark
    public void handWrittenSql(ItemCounter counter, CpuClock cpu) throws IOException, SQLException {
        long start = cpu.start();
        long inserted = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + keyspaces.store().file(PeopleGraph.KEYSPACE))) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("PRAGMA cache_size = -65536");
                s.execute("PRAGMA mmap_size = 2147418112");
                s.execute("BEGIN IMMEDIATE");
            }
            int person = id(c, "type", "person");
            int email = id(c, "type", "email");
            int friendship = id(c, "type", "friendship");
            int friend = id(c, "role", "friend");
            long next;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT max(id) FROM thing")) {
                rs.next();
                next = rs.getLong(1);
            }
            try (PreparedStatement lookup = c.prepareStatement("SELECT p.id FROM thing a JOIN ownership o ON o.attribute = a.id"
                    + " JOIN thing p ON p.id = o.owner WHERE a.type = " + email + " AND a.value = ? AND p.type = " + person);
                 PreparedStatement thing = c.prepareStatement("INSERT INTO thing(id, type) VALUES (?, " + friendship + ")");
                 PreparedStatement player = c.prepareStatement("INSERT OR IGNORE INTO role_player(relation, role, player) VALUES (?, "
                         + friend + ", ?), (?, " + friend + ", ?)");
                 BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    int a = line.indexOf('"');
                    int b = line.indexOf('"', a + 1);
                    int c2 = line.indexOf('"', b + 1);
                    int d = line.indexOf('"', c2 + 1);
                    long x = owner(lookup, line.substring(a + 1, b));
                    long y = owner(lookup, line.substring(c2 + 1, d));
                    if (x < 0 || y < 0) continue;
                    long r = ++next;
                    thing.setLong(1, r);
                    thing.executeUpdate();
                    player.setLong(1, r);
                    player.setLong(2, x);
                    player.setLong(3, r);
                    player.setLong(4, y);
                    player.executeUpdate();
                    inserted++;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("COMMIT");
            }
        }
        if (inserted != queries) throw new IllegalStateException("inserted " + inserted + " relations, expected " + queries);
        counter.items += queries;
        cpu.stop(start, queries);
    }

    private static long owner(PreparedStatement lookup, String email) throws SQLException {
        lookup.setString(1, email);
        try (ResultSet rs = lookup.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    private static int id(Connection c, String table, String label) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM " + table + " WHERE label = ?")) {
            s.setString(1, label);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException(table + " " + label + " is missing");
                return rs.getInt(1);
            }
        }
    }
}
