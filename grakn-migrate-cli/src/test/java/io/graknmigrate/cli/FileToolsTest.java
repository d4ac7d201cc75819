package io.graknmigrate.cli;

import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.proto.Item;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** inspect, verify and convert, run as a user would, on real files. */
class FileToolsTest {

    static final Path SIMULATION = Path.of("../../shared/fixtures/grakn-1.8/simulation.grakn");

    @TempDir
    Path dir;

    static Item entity(String id, String label, String... owned) {
        Item.Entity.Builder b = Item.Entity.newBuilder().setId(id).setLabel(label);
        for (String o : owned) b.addAttribute(Item.OwnedAttribute.newBuilder().setId(o));
        return Item.newBuilder().setEntity(b).build();
    }

    static Item header() {
        return Item.newBuilder().setHeader(Item.Header.newBuilder().setGraknVersion("1.8.4").setOriginalDatabase("db")).build();
    }

    static Item checksums(long entities, long ownerships) {
        return Item.newBuilder().setChecksums(Item.Checksums.newBuilder().setEntityCount(entities).setOwnershipCount(ownerships)).build();
    }

    static byte[] encode(Item... items) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Item i : items) i.writeDelimitedTo(out);
        return out.toByteArray();
    }

    Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    static List<Item> read(Path p) {
        List<Item> out = new ArrayList<>();
        try (ItemReader r = ItemReader.open(p)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    static void assertOneErrorLine(Cli.Result r) {
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: ").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.stderr().lines().count()).isEqualTo(1);
    }

    @Test
    void inspectPrintsATableAndJson() throws IOException {
        file("ok.grakn", encode(header(), entity("E1", "person"), checksums(1, 0)));
        Cli.Result table = new Cli(dir).run("inspect", "ok.grakn");
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("Grakn 1.8.4, database db").contains("checksums  match").contains("person");
        Cli.Result json = new Cli(dir).run("inspect", "ok.grakn", "--json");
        assertThat(json.code()).isZero();
        assertThat(json.out()).startsWith("{\"file\":\"ok.grakn\",").contains("\"checksumsMatch\":true").endsWith("}\n");
        assertThat(json.stderr()).isEmpty();
    }

    @Test
    void inspectReadsStdin() throws IOException {
        Cli.Result r = new Cli(dir).runWithInput(encode(header(), entity("E1", "person")), "inspect", "-", "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("\"file\":\"<stdin>\"").contains("\"checksums\":null");
    }

    @Test
    void malformedFilesGiveOneLineAndExitOne() throws IOException {
        byte[] good = encode(header(), entity("E1", "person"), checksums(1, 0));
        file("truncated.grakn", Arrays.copyOf(good, good.length - 2));
        file("empty.grakn", new byte[0]);
        file("garbage.grakn", new byte[] {(byte) 0x83, 0x0f, 0x7f, 0x00, 0x01, 0x02});
        file("huge.grakn", new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0x12});
        file("text.grakn", "just some text, not a backup at all\n".getBytes(StandardCharsets.UTF_8));
        for (String command : List.of("inspect", "verify")) {
            for (String name : List.of("truncated.grakn", "empty.grakn", "garbage.grakn", "huge.grakn", "text.grakn", "missing.grakn")) {
                Cli.Result r = new Cli(dir).run(command, name);
                assertOneErrorLine(r);
                assertThat(r.stderr()).contains(name);
            }
        }
        Cli.Result truncated = new Cli(dir).run("inspect", "truncated.grakn");
        assertThat(truncated.stderr()).startsWith("error: truncated.grakn: truncated item at byte ").contains("(item 2)");
        Cli.Result verbose = new Cli(dir).run("inspect", "truncated.grakn", "-v");
        assertThat(verbose.stderr()).contains("\tat ");
        Cli.Result directory = new Cli(dir).run("inspect", ".");
        assertOneErrorLine(directory);
    }

    @Test
    void verifyExitsOneOnProblemsWithOneErrorLine() throws IOException {
        file("clean.grakn", encode(header(), entity("E1", "person"), checksums(1, 0)));
        file("dup.grakn", encode(header(), entity("E1", "person"), entity("E1", "person"), checksums(2, 0)));
        file("dangling.grakn", encode(header(), entity("E1", "person", "A404"), checksums(1, 1)));
        file("wrong.grakn", encode(header(), entity("E1", "person"), checksums(5, 0)));
        assertThat(new Cli(dir).run("verify", "clean.grakn").code()).isZero();
        for (String name : List.of("dup.grakn", "dangling.grakn", "wrong.grakn")) {
            Cli.Result r = new Cli(dir).run("verify", name);
            assertOneErrorLine(r);
            assertThat(r.out()).contains("e.g.");
        }
        Cli.Result json = new Cli(dir).run("verify", "dup.grakn", "--json");
        assertThat(json.code()).isEqualTo(1);
        assertThat(json.out()).contains("\"ok\":false").contains("{\"kind\":\"duplicate-id\",\"count\":1,");
        Cli.Result ok = new Cli(dir).runWithInput(Files.readAllBytes(dir.resolve("clean.grakn")), "verify", "-", "--json");
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("\"ok\":true,\"problems\":[]");
    }

    @Test
    void convertBothWaysWithRelabelAndCompression() throws IOException {
        Item relation = Item.newBuilder().setRelation(Item.Relation.newBuilder().setId("R1").setLabel("employment")
                .addRole(Item.Relation.Role.newBuilder().setLabel("employee").addPlayer(Item.Relation.Role.Player.newBuilder().setId("E1")))).build();
        file("in.grakn", encode(header(), entity("E1", "person"), relation, checksums(1, 0)));
        Cli.Result toJson = new Cli(dir).run("convert", "in.grakn", "out.jsonl.gz", "person=human", "employee=worker");
        assertThat(toJson.code()).as(toJson.toString()).isZero();
        Cli.Result back = new Cli(dir).run("convert", "out.jsonl.gz", "back.grakn.zst", "-q");
        assertThat(back.code()).as(back.toString()).isZero();
        List<Item> items = read(dir.resolve("back.grakn.zst"));
        assertThat(items).hasSize(4);
        assertThat(items.get(1).getEntity().getLabel()).isEqualTo("human");
        assertThat(items.get(2).getRelation().getRole(0).getLabel()).isEqualTo("worker");
        assertThat(items.get(3)).isEqualTo(checksums(1, 0));

        Cli.Result toStdout = new Cli(dir).run("convert", "in.grakn", "-", "--to", "jsonl");
        assertThat(toStdout.code()).isZero();
        assertThat(toStdout.out().lines().count()).isEqualTo(4);
        Cli.Result fromStdin = new Cli(dir).runWithInput(toStdout.stdout(), "convert", "-", "-", "--to", "grakn");
        assertThat(fromStdin.code()).as(fromStdin.toString()).isZero();
        assertThat(fromStdin.stdout()).isEqualTo(Files.readAllBytes(dir.resolve("in.grakn")));
    }

    @Test
    void convertUsageErrorsExitTwo() throws IOException {
        file("in.grakn", encode(header()));
        for (String[] args : List.of(
                new String[] {"convert", "in.grakn"},
                new String[] {"convert", "in.grakn", "-"},
                new String[] {"convert", "in.grakn", "out.txt"},
                new String[] {"convert", "in.grakn", "out.jsonl", "broken"},
                new String[] {"convert", "in.grakn", "out.jsonl", "--to", "xml"},
                new String[] {"inspect"},
                new String[] {"inspect", "a.grakn", "b.grakn"})) {
            Cli.Result r = new Cli(dir).run(args);
            assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isEqualTo(2);
            assertThat(r.stderr()).startsWith("error: ").doesNotContain("\tat ");
        }
        assertThat(Files.exists(dir.resolve("out.jsonl"))).isFalse();
    }

    @Test
    void aFailedConvertLeavesNoOutputFile() throws IOException {
        byte[] good = encode(header(), entity("E1", "person"), checksums(1, 0));
        file("cut.grakn", Arrays.copyOf(good, good.length - 1));
        Cli.Result r = new Cli(dir).run("convert", "cut.grakn", "out.jsonl");
        assertOneErrorLine(r);
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("cut.grakn");
        }
    }

    @Test
    void theRealExportInspectsVerifiesAndConverts() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(SIMULATION), "../shared not found: skipping the real Grakn 1.8 export test");
        Path sim = SIMULATION.toAbsolutePath().normalize();
        Cli.Result json = new Cli(dir).run("inspect", sim.toString(), "--json");
        assertThat(json.code()).isZero();
        assertThat(json.out()).contains("\"counts\":{\"entity\":6720,\"attribute\":15517,\"relation\":8319,\"role\":17338,\"ownership\":28492}")
                .contains("\"checksums\":{\"entity\":6720,\"attribute\":15517,\"relation\":8319,\"role\":17338,\"ownership\":28492}")
                .contains("\"checksumsMatch\":true")
                .contains("\"header\":{\"graknVersion\":\"1.7.3\",\"originalDatabase\":\"grakn\"}");
        Cli.Result verify = new Cli(dir).run("verify", sim.toString());
        assertThat(verify.code()).as(verify.toString()).isZero();
        assertThat(new Cli(dir).run("convert", sim.toString(), "sim.jsonl").code()).isZero();
        assertThat(new Cli(dir).run("convert", "sim.jsonl", "sim.grakn").code()).isZero();
        assertThat(read(dir.resolve("sim.grakn"))).containsExactlyElementsOf(read(sim));
    }
}
