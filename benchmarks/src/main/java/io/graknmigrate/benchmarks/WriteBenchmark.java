package io.graknmigrate.benchmarks;

import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.proto.Item;
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

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writing a backup of {@code items} things from items already in memory, beside the Grakn-style
 * writer ({@code writeDelimitedTo} on a {@code BufferedOutputStream}, item by item) and a raw write
 * of the same bytes. The items are the first {@value #POOL} things of a synthetic backup, cycled:
 * like the items an exporter has just built, they are cache-hot and hold their strings as
 * {@code String}s (the writer pays the UTF-8 encoding), so the benchmark measures the writer rather
 * than memory latency or item construction.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class WriteBenchmark {

    static final int POOL = 8192;

    @Param({"10k", "1m"})
    public String items;

    long count;
    Item[] pool;
    byte[] poolBytes;
    Path target;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        count = SyntheticBackup.parseCount(items);
        List<Item> loaded = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(Datasets.synthetic(10_000)), 1 << 16)) {
            Item item;
            while ((item = Item.parseDelimitedFrom(in)) != null) {
                if ((item.hasAttribute() || item.hasEntity() || item.hasRelation()) && loaded.size() < POOL) {
                    loaded.add(asBuilt(item));
                }
            }
        }
        pool = loaded.toArray(new Item[0]);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Item item : pool) {
            item.writeDelimitedTo(bytes);
        }
        poolBytes = bytes.toByteArray();
        Files.createDirectories(Datasets.scratch());
        target = Files.createTempFile(Datasets.scratch(), "write-", ".grakn");
    }

    /** The item as an exporter builds it: every string a {@code String} (not the parsed bytes). */
    static Item asBuilt(Item parsed) {
        Item.Builder item = Item.newBuilder();
        switch (parsed.getItemCase()) {
            case ATTRIBUTE -> {
                Item.Attribute a = parsed.getAttribute();
                Item.Attribute.Builder b = Item.Attribute.newBuilder().setId(a.getId()).setLabel(a.getLabel())
                        .setValue(a.getValue().hasString()
                                ? a.getValue().toBuilder().setString(a.getValue().getString()).build()
                                : a.getValue());
                a.getAttributeList().forEach(o -> b.addAttribute(Item.OwnedAttribute.newBuilder().setId(o.getId())));
                item.setAttribute(b);
            }
            case ENTITY -> {
                Item.Entity e = parsed.getEntity();
                Item.Entity.Builder b = Item.Entity.newBuilder().setId(e.getId()).setLabel(e.getLabel());
                e.getAttributeList().forEach(o -> b.addAttribute(Item.OwnedAttribute.newBuilder().setId(o.getId())));
                item.setEntity(b);
            }
            case RELATION -> {
                Item.Relation r = parsed.getRelation();
                Item.Relation.Builder b = Item.Relation.newBuilder().setId(r.getId()).setLabel(r.getLabel());
                r.getAttributeList().forEach(o -> b.addAttribute(Item.OwnedAttribute.newBuilder().setId(o.getId())));
                for (Item.Relation.Role role : r.getRoleList()) {
                    Item.Relation.Role.Builder rb = Item.Relation.Role.newBuilder().setLabel(role.getLabel());
                    role.getPlayerList().forEach(p -> rb.addPlayer(Item.Relation.Role.Player.newBuilder().setId(p.getId())));
                    b.addRole(rb);
                }
                item.setRelation(b);
            }
            default -> throw new IllegalArgumentException("not a thing: " + parsed.getItemCase());
        }
        return item.build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(target);
    }

    @Benchmark
    public void graknStyle(ItemCounter counter, CpuClock cpu) throws IOException {
        long cpuStart = cpu.start();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
            for (long i = 0; i < count; i++) {
                pool[(int) (i % pool.length)].writeDelimitedTo(out);
            }
        }
        counter.items += count;
        cpu.stop(cpuStart, count);
    }

    /** Our writer, as {@code export} uses it: temp file, header, items, checksums, atomic rename. */
    @Benchmark
    public void itemWriter(ItemCounter counter, CpuClock cpu) {
        long cpuStart = cpu.start();
        try (ItemWriter writer = ItemWriter.create(target)) {
            writer.header("1.8.4", "benchmark");
            for (long i = 0; i < count; i++) {
                writer.write(pool[(int) (i % pool.length)]);
            }
            writer.finish();
        }
        counter.items += count;
        cpu.stop(cpuStart, count);
    }

    @Benchmark
    public void rawWrite(ItemCounter counter, CpuClock cpu) throws IOException {
        long cpuStart = cpu.start();
        // the bytes of `count` items: whole pool passes, then the prefix of the pool's bytes that the
        // remaining items would take (approximated by the average item size)
        long passes = count / pool.length;
        long rest = count % pool.length;
        try (OutputStream out = new FileOutputStream(target.toFile())) {
            for (long p = 0; p < passes; p++) {
                writeChunks(out, poolBytes, poolBytes.length);
            }
            writeChunks(out, poolBytes, (int) (poolBytes.length * rest / pool.length));
        }
        counter.items += count;
        cpu.stop(cpuStart, count);
    }

    private static void writeChunks(OutputStream out, byte[] bytes, int length) throws IOException {
        for (int off = 0; off < length; off += 1 << 16) {
            out.write(bytes, off, Math.min(1 << 16, length - off));
        }
    }
}
