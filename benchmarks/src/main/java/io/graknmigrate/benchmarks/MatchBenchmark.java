package io.graknmigrate.benchmarks;

import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import io.graknmigrate.graql.Graql;
import io.graknmigrate.graql.GraqlException;
import io.graknmigrate.match.AnswerPrinter;
import io.graknmigrate.match.MatchEngine;
import io.graknmigrate.match.MatchQueryRunner;
import io.graknmigrate.load.GraqlLoader;
import io.graknmigrate.load.LoadInput;
import io.graknmigrate.load.MatchQueryExecution;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.schema.SchemaException;
import io.graknmigrate.store.ReadSnapshot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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

    static final String SCHEMA = """
            define
            email sub attribute, value string;
            name sub attribute, value string;
            person sub entity, key email, has name, plays friend;
            friendship sub relation, relates friend;
            """;

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

    @Setup(Level.Trial)
    public void setUp() throws IOException, SchemaException, SQLException {
        n = people.equals("1m") ? 1_000_000 : people.equals("100k") ? 100_000 : 10_000;
        // The keyspace is built once per size and kept in the scratch directory (each benchmark
        // method is its own JMH trial; building a million people five times would dominate the run).
        root = Datasets.scratch().resolve("match-people-" + people);
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(root.resolve("data"), "grakn-migrate benchmarks");
        if (!Files.exists(root.resolve("ready"))) build(keyspaces);
        snapshot = keyspaces.store().read("people");
        engine = snapshot.matcher(w -> { });
        printer = AnswerPrinter.text(sink);
        loader = new GraqlLoader(keyspaces.store(), new MatchQueryExecution(w -> { }, null));
        raw = DriverManager.getConnection("jdbc:sqlite:" + keyspaces.store().file("people"));
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

    private void build(EmbeddedKeyspaces keyspaces) throws IOException, SchemaException {
        if (Files.exists(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
        Files.createDirectories(root);
        Path backup = root.resolve("people.grakn");
        try (ItemWriter w = ItemWriter.create(backup)) {
            w.header("benchmark", "people");
            for (int i = 0; i < n; i++) {
                w.write(attribute("e" + i, "email", "p" + i + "@example.com"));
                if (i % 10 == 0) w.write(attribute("n" + i, "name", "name " + i));
                Item.Entity.Builder e = Item.Entity.newBuilder().setId("p" + i).setLabel("person")
                        .addAttribute(Item.OwnedAttribute.newBuilder().setId("e" + i))
                        .addAttribute(Item.OwnedAttribute.newBuilder().setId("n" + (i - i % 10)));
                w.write(Item.newBuilder().setEntity(e).build());
                if (i % 2 == 1) {
                    w.write(Item.newBuilder().setRelation(Item.Relation.newBuilder().setId("f" + i).setLabel("friendship")
                            .addRole(Item.Relation.Role.newBuilder().setLabel("friend")
                                    .addPlayer(Item.Relation.Role.Player.newBuilder().setId("p" + (i - 1)))
                                    .addPlayer(Item.Relation.Role.Player.newBuilder().setId("p" + i)))).build());
                }
            }
            w.finish();
        }
        keyspaces.define("people", List.of(new GraqlSource("people.gql", SCHEMA)), w -> { });
        try (ItemReader r = ItemReader.open(backup)) {
            keyspaces.importFile("people", r, ImportOptions.defaults(), ProgressListener.NONE);
        }
        Files.delete(backup);
        Files.createFile(root.resolve("ready"));
    }

    private static Item attribute(String id, String type, String value) {
        return Item.newBuilder().setAttribute(Item.Attribute.newBuilder().setId(id).setLabel(type)
                .setValue(ValueObject.newBuilder().setString(value))).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        raw.close();
        engine.close();
        snapshot.close();
    }

    /** A batch of match-insert queries for {@link #matchInsert}: two people by key, a friendship between them. */
    @Setup(Level.Invocation)
    public void insertBatch() {
        StringBuilder sb = new StringBuilder(INSERTS * 160);
        for (int i = 0; i < INSERTS; i++) {
            sb.append("match $a isa person, has email \"p").append(random.nextInt(n)).append("@example.com\"; $b isa person, has email \"p")
                    .append(random.nextInt(n)).append("@example.com\"; insert (friend: $a, friend: $b) isa friendship;\n");
        }
        batch = sb.toString();
    }

    static final int INSERTS = 1000;
    GraqlLoader loader;
    String batch;

    /**
     * A {@code load} of {@value #INSERTS} match-insert queries (one transaction, as a file), in this
     * process: the score is queries per second.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(INSERTS)
    public long matchInsert() {
        return loader.load("people", List.of(LoadInput.text("inserts.gql", batch)), false, w -> { }, ProgressListener.NONE, x -> { })
                .get(0).relations();
    }

    /** {@code match $p isa person, has email "…"; get;}: parse, plan, run, print. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long lookupByKey() throws GraqlException {
        String q = "match $p isa person, has email \"p" + random.nextInt(n) + "@example.com\"; get;";
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
        rawLookup.setString(1, "p" + random.nextInt(n) + "@example.com");
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
        String q = "match $p has email \"p" + random.nextInt(n) + "@example.com\"; $f (friend: $p, friend: $q) isa friendship; get $q;";
        MatchQueryRunner.run(engine, Graql.parseQuery(q), printer);
        return printer.lines();
    }
}
