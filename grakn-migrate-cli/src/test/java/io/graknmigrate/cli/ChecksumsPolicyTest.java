package io.graknmigrate.cli;

import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.proto.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.graknmigrate.cli.SocialBackup.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One file, one judgement: import and verify agree on every arrangement of checksums items (none,
 * right, wrong, repeated the same, repeated differently), and inspect shows the checksums they judged.
 */
class ChecksumsPolicyTest {

    @TempDir
    Path dir;

    private record Variant(String name, UnaryOperator<List<Item>> change, boolean acceptable) { }

    private static Item.Checksums wrong(Item.Checksums c) {
        return c.toBuilder().setEntityCount(c.getEntityCount() + 1).build();
    }

    private static List<Item> withChecksums(List<Item> items, List<Item.Checksums> checksums) {
        List<Item> out = new ArrayList<>();
        for (Item i : items) if (!i.hasChecksums()) out.add(i);
        for (Item.Checksums c : checksums) out.add(Item.newBuilder().setChecksums(c).build());
        return out;
    }

    private static Item.Checksums right(List<Item> items) {
        return items.stream().filter(Item::hasChecksums).findFirst().orElseThrow().getChecksums();
    }

    @Test
    void importAndVerifyJudgeEveryArrangementAlike() throws Exception {
        List<Item> original = new ArrayList<>();
        try (ItemReader r = ItemReader.open(new ByteArrayInputStream(SocialBackup.backup("test", "src", "person")), "backup")) {
            r.forEachRemaining(original::add);
        }
        List<Variant> variants = List.of(
                new Variant("one, right", items -> items, true),
                new Variant("one, wrong", items -> withChecksums(items, List.of(wrong(right(items)))), false),
                new Variant("repeated, the same", items -> withChecksums(items, List.of(right(items), right(items))), false),
                new Variant("right, then wrong", items -> withChecksums(items, List.of(right(items), wrong(right(items)))), false),
                new Variant("wrong, then right", items -> withChecksums(items, List.of(wrong(right(items)), right(items))), false));
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Cli cli = new Cli(dir);
        int n = 0;
        for (Variant v : variants) {
            List<Item> items = v.change().apply(original);
            Path file = dir.resolve("v" + n + ".grakn");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ItemWriter w = ItemWriter.to(bytes, "variant")) {
                for (Item i : items) w.writeAsIs(i);
                w.complete();
            }
            Files.write(file, bytes.toByteArray());
            Cli.Result imported = cli.run("import", "k" + n, file.toString(), "--schema", "s.gql");
            Cli.Result verified = cli.run("verify", file.toString());
            assertThat(imported.code()).as("import, %s\n%s", v.name(), imported).isEqualTo(v.acceptable() ? 0 : 1);
            assertThat(verified.code()).as("verify, %s\n%s", v.name(), verified).isEqualTo(v.acceptable() ? 0 : 1);
            Cli.Result inspected = cli.run("inspect", "--json", file.toString());
            Item.Checksums first = items.stream().filter(Item::hasChecksums).findFirst().orElseThrow().getChecksums();
            assertThat(inspected.out()).as("inspect shows the first checksums, %s", v.name())
                    .containsPattern("\"entit[a-z]*\"\\s*:\\s*" + first.getEntityCount() + "\\b");
            n++;
        }
    }
}
