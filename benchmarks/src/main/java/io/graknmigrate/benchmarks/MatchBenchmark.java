package io.graknmigrate.benchmarks;

import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.graql.Graql;
import io.graknmigrate.graql.GraqlException;
import io.graknmigrate.match.AnswerPrinter;
import io.graknmigrate.match.MatchEngine;
import io.graknmigrate.match.MatchQueryRunner;
import io.graknmigrate.schema.SchemaException;
import io.graknmigrate.store.ReadSnapshot;
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

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Match queries on an embedded keyspace of {@code people} people (each with an email key and a
 * name, friendships between neighbours), the way {@code grakn-migrate query} runs them: parse the
 * query text, plan, run inside SQLite, print the answer. Side by side in the same run, the baselines:
 * the same lookup and count as one hand-written prepared SQL statement on a plain connection.
 * Scores: queries per second (lookups), seconds per query (count).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class MatchBenchmark {

    /** People in the keyspace: {@code 10k}, {@code 1m} (2.6M things), {@code 10m} (3.85M people: 10M things). */
    @Param({"10k", "1m"})
    public String people;

    int n;
    Path root;
    ReadSnapshot snapshot;
    MatchEngine engine;
    Connection raw;
    PreparedStatement rawLookup;
    PreparedStatement rawCount;
    final SplittableRandom random = new SplittableRandom(42);
    final Writer sink = Writer.nullWriter();
    AnswerPrinter printer;

    /** The people of a size parameter; {@code 10m} is the count that makes 10M things. */
    static int people(String size) {
        return size.equals("10m") ? 3_850_000 : (int) SyntheticBackup.parseCount(size);
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException, SchemaException, SQLException {
        n = people(people);
        // The keyspace is built once per size and kept in the scratch directory (each benchmark
        // method is its own JMH trial; building a million people five times would dominate the run).
        root = Datasets.scratch().resolve("match-people-" + people);
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(PeopleGraph.build(root, n, 0), "grakn-migrate benchmarks");
        snapshot = keyspaces.store().read("people");
        engine = snapshot.matcher(w -> { });
        printer = AnswerPrinter.text(sink);
        raw = DriverManager.getConnection("jdbc:sqlite:" + keyspaces.store().file("people"));
        // The engine's own settings: the same page cache and memory-mapped reads.
        try (Statement s = raw.createStatement()) {
            s.execute("PRAGMA cache_size = -65536");
            s.execute("PRAGMA mmap_size = 2147418112");
        }
        int personType;
        int emailType;
        try (var s = raw.createStatement(); ResultSet rs = s.executeQuery("SELECT id, label FROM type")) {
            int p = 0;
            int e = 0;
            while (rs.next()) {
                if (rs.getString(2).equals("person")) p = rs.getInt(1);
                if (rs.getString(2).equals("email")) e = rs.getInt(1);
            }
            personType = p;
            emailType = e;
        }
        rawLookup = raw.prepareStatement("SELECT p.id, p.type FROM thing a JOIN ownership o ON o.attribute = a.id"
                + " JOIN thing p ON p.id = o.owner WHERE a.type = " + emailType + " AND a.value = ? AND p.type = " + personType);
        rawCount = raw.prepareStatement("SELECT count(*) FROM thing WHERE type = " + personType + " AND value IS NULL");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        raw.close();
        engine.close();
        snapshot.close();
    }

    /** {@code match $p isa person, has email "…"; get;}: parse, plan, run, print. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long lookupByKey() throws GraqlException {
        String q = "match $p isa person, has email \"" + PeopleGraph.email(random.nextInt(n)) + "\"; get;";
        long before = printer.lines();
        MatchQueryRunner.run(engine, Graql.parseQuery(q), printer);
        if (printer.lines() != before + 1) throw new IllegalStateException("expected one answer for " + q);
        return printer.lines();
    }

    /** The same lookup as one hand-written prepared SQL join: the floor for {@link #lookupByKey}. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long lookupByKeyRawSql() throws SQLException {
        rawLookup.setString(1, PeopleGraph.email(random.nextInt(n)));
        try (ResultSet rs = rawLookup.executeQuery()) {
            if (!rs.next()) throw new IllegalStateException("no answer");
            return rs.getLong(1);
        }
    }

    /** {@code match $p isa person; get; count;}. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public String countPeople() throws GraqlException {
        StringWriter w = new StringWriter();
        MatchQueryRunner.run(engine, Graql.parseQuery("match $p isa person; get; count;"), AnswerPrinter.text(w));
        if (!w.toString().equals(n + "\n")) throw new IllegalStateException("count: " + w);
        return w.toString();
    }

    /** The count as one hand-written SQL statement over the type index. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long countPeopleRawSql() throws SQLException {
        try (ResultSet rs = rawCount.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** {@code match $p has email "…"; $f (friend: $p, friend: $q) isa friendship; get $q;}: key, then its relation. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long friendOfKey() throws GraqlException {
        String q = "match $p has email \"" + PeopleGraph.email(random.nextInt(n)) + "\"; $f (friend: $p, friend: $q) isa friendship; get $q;";
        MatchQueryRunner.run(engine, Graql.parseQuery(q), printer);
        return printer.lines();
    }
}
