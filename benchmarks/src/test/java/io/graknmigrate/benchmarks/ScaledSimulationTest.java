package io.graknmigrate.benchmarks;

import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A tiny scaled file (two copies): the shape the 10M benchmark relies on, checked item by item. */
class ScaledSimulationTest {

    private static Path source() {
        Path file = Datasets.simulationFile();
        Assumptions.assumeTrue(Files.isRegularFile(file), "skipped: " + file + " not found (../shared is absent)");
        return file;
    }

    /** Every item of a file, read the way Grakn reads one. */
    static List<Item> parse(Path file) throws IOException {
        List<Item> items = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Item item;
            while ((item = Item.parseDelimitedFrom(in)) != null) items.add(item);
        }
        return items;
    }

    private static String id(Item item) {
        return switch (item.getItemCase()) {
            case ATTRIBUTE -> item.getAttribute().getId();
            case ENTITY -> item.getEntity().getId();
            case RELATION -> item.getRelation().getId();
            default -> null;
        };
    }

    private static List<String> references(Item item) {
        List<String> refs = new ArrayList<>();
        switch (item.getItemCase()) {
            case ATTRIBUTE -> item.getAttribute().getAttributeList().forEach(o -> refs.add(o.getId()));
            case ENTITY -> item.getEntity().getAttributeList().forEach(o -> refs.add(o.getId()));
            case RELATION -> {
                item.getRelation().getAttributeList().forEach(o -> refs.add(o.getId()));
                item.getRelation().getRoleList().forEach(r -> r.getPlayerList().forEach(p -> refs.add(p.getId())));
            }
            default -> { }
        }
        return refs;
    }

    @ParameterizedTest
    @EnumSource(ScaledSimulation.IdStyle.class)
    void twoCopiesAreTwoSelfContainedGraphsWithFreshIdsAndDistinctValues(ScaledSimulation.IdStyle style,
                                                                         @TempDir Path dir) throws IOException {
        Path source = source();
        List<Item> original = parse(source);
        long sourceThings = original.stream().filter(i -> id(i) != null).count();
        Path out = dir.resolve("x2.grakn");
        ScaledSimulation plan = ScaledSimulation.of(source);
        ScaledSimulation.Counts counts = plan.write(out, 2, style);

        List<Item> items = parse(out);
        assertThat(items.get(0).hasHeader()).isTrue();
        assertThat(items.get(0).getHeader()).isEqualTo(original.get(0).getHeader());
        Item last = items.get(items.size() - 1);
        assertThat(last.hasChecksums()).isTrue();
        assertThat(items.stream().filter(Item::hasChecksums).count()).isEqualTo(1);
        assertThat(counts.things()).isEqualTo(2 * sourceThings).isEqualTo(plan.things(2));
        Item.Checksums sums = last.getChecksums();
        Item.Checksums originalSums = original.get(original.size() - 1).getChecksums();
        assertThat(sums.getEntityCount()).isEqualTo(2 * originalSums.getEntityCount());
        assertThat(sums.getAttributeCount()).isEqualTo(2 * originalSums.getAttributeCount());
        assertThat(sums.getRelationCount()).isEqualTo(2 * originalSums.getRelationCount());
        assertThat(sums.getRoleCount()).isEqualTo(2 * originalSums.getRoleCount());
        assertThat(sums.getOwnershipCount()).isEqualTo(2 * originalSums.getOwnershipCount());

        // the first half is copy 0, the second copy 1: ids unique, each reference inside its own copy
        List<Item> things = items.subList(1, items.size() - 1);
        assertThat(things).hasSize((int) (2 * sourceThings));
        java.util.regex.Pattern shape = java.util.regex.Pattern.compile(style == ScaledSimulation.IdStyle.GRAKN
                ? "V[0-9]+" : "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        List<Set<String>> idsOfCopy = List.of(new HashSet<>(), new HashSet<>());
        List<String> badIds = new ArrayList<>();
        for (int i = 0; i < things.size(); i++) {
            String id = id(things.get(i));
            if (!shape.matcher(id).matches()) badIds.add(id);
            if (idsOfCopy.get(0).contains(id) || idsOfCopy.get(1).contains(id)) badIds.add("duplicate " + id);
            idsOfCopy.get(i < sourceThings ? 0 : 1).add(id);
        }
        assertThat(badIds).isEmpty();
        List<String> outside = new ArrayList<>();
        for (int i = 0; i < things.size(); i++) {
            Set<String> own = idsOfCopy.get(i < sourceThings ? 0 : 1);
            for (String ref : references(things.get(i))) if (!own.contains(ref)) outside.add(ref);
        }
        assertThat(outside).as("references outside their copy").isEmpty();
        // the same shape in both copies, and no two attributes of a type share a value
        Map<String, Set<ValueObject>> valuesByLabel = new HashMap<>();
        for (int i = 0; i < sourceThings; i++) {
            Item a = things.get(i);
            Item b = things.get(i + (int) sourceThings);
            if (b.getItemCase() != a.getItemCase() || references(b).size() != references(a).size()) {
                throw new AssertionError("copy 1 differs in shape from copy 0 at thing " + i);
            }
            if (style == ScaledSimulation.IdStyle.GRAKN && !a.equals(original.get(i + 1))) {
                throw new AssertionError("copy 0 differs from the original at thing " + i);
            }
        }
        List<String> repeated = new ArrayList<>();
        for (Item item : things) {
            if (!item.hasAttribute()) continue;
            Item.Attribute a = item.getAttribute();
            if (!valuesByLabel.computeIfAbsent(a.getLabel(), k -> new HashSet<>()).add(a.getValue())) {
                repeated.add(a.getLabel() + " " + a.getValue());
            }
        }
        assertThat(repeated).as("values repeated within a type").isEmpty();
    }

    @Test
    void schemasAreWrittenAsTheyAreAndWithoutRegexes(@TempDir Path dir) throws IOException {
        Path source = source();
        ScaledSimulation.Schemas s = ScaledSimulation.writeSchemas(source.getParent(), dir);
        String original = Files.readString(source.getParent().resolve("schema.gql"));
        assertThat(Files.readString(s.schema())).isEqualTo(original);
        assertThat(Files.readString(s.schemaPt2())).isEqualTo(Files.readString(source.getParent().resolve("schema-pt2.gql")));
        assertThat(s.regexesRemoved()).isEqualTo(3);
        String free = Files.readString(s.schemaNoRegex());
        assertThat(free).doesNotContain("regex");
        assertThat(free.replaceAll("\\s", "")).isEqualTo(
                original.replaceAll(",\\s*regex\\s+\"[^\"]*\"\\s*;", ";")
                        .replaceAll("regex\\s+\"[^\"]*\"\\s*,", "").replaceAll("\\s", ""));
    }

    @Test
    void regexPropertiesComeOutWhereverTheyStand() {
        assertThat(ScaledSimulation.withoutRegexes("a sub attribute, value string, regex \"^x$\";"))
                .isEqualTo("a sub attribute, value string;");
        assertThat(ScaledSimulation.withoutRegexes("a sub attribute, regex \"^(a|b)\\\"$\", value string;"))
                .isEqualTo("a sub attribute, value string;");
        assertThat(ScaledSimulation.withoutRegexes("a sub attribute,\n  value string,\n  regex \"x\",\n  has b;"))
                .isEqualTo("a sub attribute,\n  value string,\n  has b;");
    }

    @Test
    void textIdsAreDistinctAndNotInGraknsForm() {
        Set<String> seen = new HashSet<>();
        for (long n = 0; n < 100_000; n++) {
            String id = ScaledSimulation.uuidLike(n * 7 + 4096);
            assertThat(seen.add(id)).isTrue();
            assertThat(id).doesNotStartWith("V");
        }
    }
}
