package io.graknmigrate.store;

import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.migrate.ImportException;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.migrate.ImportSummary;
import io.graknmigrate.migrate.ItemSinks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.graknmigrate.store.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A file of {@code V<digits>} ids into an empty keyspace, where the V numbers become the store ids:
 * the same graph as the general way gives, the ids kept; the fallback to the general way when an
 * item does not fit, with nothing of the first attempt left; attributes the file has twice merged;
 * dangling references and duplicate ids refused with the general way's messages.
 */
class DirectIdImportTest {

    @TempDir
    Path dir;

    EmbeddedKeyspaces keyspaces;

    @BeforeEach
    void setUp() throws Exception {
        keyspaces = new EmbeddedKeyspaces(dir.resolve("data"), "grakn-migrate test");
        keyspaces.define("ks", schema(), w -> { });
        keyspaces.define("general", schema(), w -> { });
    }

    /** The items with every id renamed to a V id: distinct numbers from 1 to 3 times the items, in no order. */
    static List<Item> withVIds(List<Item> items, long seed) {
        return withVIds(items, seed, 3);
    }

    /** As {@link #withVIds(List, long)}, the numbers up to {@code spread} times the items. */
    static List<Item> withVIds(List<Item> items, long seed, int spread) {
        Map<String, String> names = new HashMap<>();
        List<Long> numbers = new ArrayList<>();
        for (long i = 1; i <= (long) spread * items.size(); i++) numbers.add(i);
        java.util.Collections.shuffle(numbers, new java.util.Random(seed));
        for (int i = 0; i < items.size(); i++) names.put(idOf(items.get(i)), "V" + numbers.get(i));
        List<Item> renamed = new ArrayList<>();
        for (Item t : items) renamed.add(renamed(t, names));
        return renamed;
    }

    private static Item renamed(Item t, Map<String, String> names) {
        Item.Builder b = t.toBuilder();
        switch (t.getItemCase()) {
            case ENTITY -> {
                Item.Entity.Builder e = b.getEntityBuilder().setId(names.getOrDefault(t.getEntity().getId(), t.getEntity().getId()));
                for (Item.OwnedAttribute.Builder o : e.getAttributeBuilderList()) o.setId(names.getOrDefault(o.getId(), o.getId()));
            }
            case ATTRIBUTE -> {
                Item.Attribute.Builder a = b.getAttributeBuilder().setId(names.getOrDefault(t.getAttribute().getId(), t.getAttribute().getId()));
                for (Item.OwnedAttribute.Builder o : a.getAttributeBuilderList()) o.setId(names.getOrDefault(o.getId(), o.getId()));
            }
            case RELATION -> {
                Item.Relation.Builder rel = b.getRelationBuilder().setId(names.getOrDefault(t.getRelation().getId(), t.getRelation().getId()));
                for (Item.OwnedAttribute.Builder o : rel.getAttributeBuilderList()) o.setId(names.getOrDefault(o.getId(), o.getId()));
                for (Item.Relation.Role.Builder role : rel.getRoleBuilderList()) {
                    for (Item.Relation.Role.Player.Builder p : role.getPlayerBuilderList()) p.setId(names.getOrDefault(p.getId(), p.getId()));
                }
            }
            default -> { }
        }
        return b.build();
    }

    private ImportSummary importFile(String keyspace, Path file) throws Exception {
        return importPath(keyspaces, keyspace, file, ImportOptions.defaults(), ProgressListener.NONE);
    }

    /** The general way: the same file as a stream (no pre-check, so no direct ids). */
    private ImportSummary importStream(String keyspace, Path file) throws Exception {
        try (ItemReader r = ItemReader.open(file)) {
            return keyspaces.importItems(keyspace, ItemSinks.from(r), ImportOptions.defaults(), w -> { }, ProgressListener.NONE);
        }
    }

    private List<Long> storeIds(String keyspace) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + keyspaces.store().file(keyspace));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM thing ORDER BY id")) {
            while (rs.next()) ids.add(rs.getLong(1));
        }
        return ids;
    }

    private static List<Long> sequence(int n) {
        List<Long> ids = new ArrayList<>();
        for (long i = 1; i <= n; i++) ids.add(i);
        return ids;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aFileOfVIdsKeepsItsIdsAndGivesTheGraphTheGeneralWayGives(long seed) throws Exception {
        List<Item> items = withVIds(backup(seed, 300), seed);
        Path file = write(dir.resolve("v.grakn"), items, null);
        ImportSummary direct = importFile("ks", file);
        ImportSummary general = importStream("general", file);
        assertThat(direct.counts()).isEqualTo(general.counts());
        assertThat(direct.attributesReused()).isEqualTo(general.attributesReused()).isZero();
        byte[] exported = exportBytes(keyspaces, "ks");
        assertThat(canonical(read(exported))).isEqualTo(canonical(read(exportBytes(keyspaces, "general"))));
        // The export names things by store id: the file's own ids came back.
        assertThat(canonical(read(exported))).isEqualTo(canonical(items));
        List<String> exportedIds = read(exported).stream().map(TestData::idOf).filter(id -> !id.isEmpty()).sorted().toList();
        assertThat(exportedIds).isEqualTo(items.stream().map(TestData::idOf).sorted().toList());
    }

    @Test
    void idsAsSparseAsGraknsTakeTheGeneralWay() throws Exception {
        List<Item> items = withVIds(backup(10, 300), 10, 1750);
        Path file = write(dir.resolve("sparse.grakn"), items, null);
        importFile("ks", file);
        assertThat(storeIds("ks")).isEqualTo(sequence(items.size()));
        importStream("general", file);
        assertThat(canonical(read(exportBytes(keyspaces, "ks")))).isEqualTo(canonical(read(exportBytes(keyspaces, "general"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x-last", "V0", "V007", "V" + (1L << 41), "V1000000", "12"})
    void aFileWhoseLastItemDoesNotFitIsReadAgainTheGeneralWayAndNothingOfTheFirstAttemptRemains(String lastId) throws Exception {
        List<Item> items = new ArrayList<>(withVIds(backup(4, 300), 4));
        String owner = items.stream().filter(Item::hasEntity).findFirst().orElseThrow().getEntity().getId();
        items.add(attribute(lastId, "name", str("the last one"), new String[0]));
        Path file = write(dir.resolve("mixed.grakn"), items, null);
        ImportSummary summary = importFile("ks", file);
        assertThat(summary.counts().things()).isEqualTo(items.size());
        // The general way numbers things from 1: none kept its V number, none is there twice.
        assertThat(storeIds("ks")).isEqualTo(sequence(items.size()));
        importStream("general", file);
        assertThat(canonical(read(exportBytes(keyspaces, "ks")))).isEqualTo(canonical(read(exportBytes(keyspaces, "general"))));
        assertThat(owner).startsWith("V");
    }

    @Test
    void aReferenceThatDoesNotFitInTheMiddleIsReadAgainTheGeneralWay() throws Exception {
        List<Item> items = new ArrayList<>(withVIds(backup(5, 300), 5));
        int middle = items.size() / 2;
        long free = 3L * items.size() + 1;
        items.add(middle, attribute("text-id", "name", str("text")));
        items.add(middle + 1, entity("V" + free, "person", "text-id", "V" + (free + 1)));
        items.add(middle + 2, attribute("V" + (free + 1), "email", str("v3@example.com")));
        Path file = write(dir.resolve("reference.grakn"), items, null);
        ImportSummary summary = importFile("ks", file);
        assertThat(summary.counts().things()).isEqualTo(items.size());
        assertThat(storeIds("ks")).isEqualTo(sequence(items.size()));
        importStream("general", file);
        assertThat(canonical(read(exportBytes(keyspaces, "ks")))).isEqualTo(canonical(read(exportBytes(keyspaces, "general"))));
    }

    @Test
    void attributesTheFileHasTwiceAreMergedAndCountedAsReused() throws Exception {
        List<Item> items = new ArrayList<>(List.of(
                attribute("V10", "name", str("Ann")),
                attribute("V20", "email", str("ann@example.com")),
                attribute("V4", "name", str("Ann")),
                attribute("V30", "nickname", str("an"), "V4"),
                attribute("V31", "nickname", str("an"), "V10"),
                attribute("V40", "email", str("bob@example.com")),
                entity("V2", "person", "V20", "V10", "V30"),
                entity("V3", "person", "V40", "V4", "V31"),
                relation("V50", "friendship", List.of(), "friend", "V2", "friend", "V3")));
        Path file = write(dir.resolve("twice.grakn"), items, null);
        ImportSummary direct = importFile("ks", file);
        ImportSummary general = importStream("general", file);
        assertThat(direct.attributesReused()).isEqualTo(general.attributesReused()).isEqualTo(2);
        assertThat(direct.counts()).isEqualTo(general.counts());
        assertThat(canonical(read(exportBytes(keyspaces, "ks")))).isEqualTo(canonical(read(exportBytes(keyspaces, "general"))));
        // The copy with the lower id is kept, with every reference to either.
        assertThat(storeIds("ks")).containsExactly(2L, 3L, 4L, 20L, 30L, 40L, 50L);
    }

    @Test
    void aDanglingReferenceIsRefusedWithItsMessage() throws Exception {
        List<Item> items = new ArrayList<>(withVIds(backup(6, 50), 6));
        long free = 3L * items.size() + 1;
        String missing = "V" + (free + 1);
        items.add(entity("V" + free, "person", missing));
        Path file = write(dir.resolve("dangling.grakn"), items, null);
        assertThatThrownBy(() -> importFile("ks", file)).isInstanceOfSatisfying(ImportException.class, e -> {
            assertThat(e.reason()).isEqualTo(ImportException.Reason.DANGLING_REFERENCE);
            assertThat(e.getMessage()).contains("1 ownerships or role players refer to ids the file does not contain (first: '" + missing + "')");
        });
        assertThat(storeIds("ks")).isEmpty();
    }

    @Test
    void aDuplicateIdIsRefusedWithItsMessage() throws Exception {
        List<Item> items = new ArrayList<>(withVIds(backup(7, 50), 7));
        String taken = items.stream().filter(Item::hasEntity).findFirst().orElseThrow().getEntity().getId();
        items.add(attribute(taken, "name", str("again")));
        Path file = write(dir.resolve("duplicate.grakn"), items, null);
        assertThatThrownBy(() -> importFile("ks", file)).isInstanceOfSatisfying(ImportException.class, e -> {
            assertThat(e.reason()).isEqualTo(ImportException.Reason.DUPLICATE_ID);
            assertThat(e.getMessage()).contains("1 items reuse an id of an earlier item (first: '" + taken + "')");
        });
        assertThat(storeIds("ks")).isEmpty();
    }

    @Test
    void keyViolationsNameTheFilesIds() throws Exception {
        List<Item> items = List.of(attribute("V8", "email", str("a@example.com")), entity("V9", "person", "V8"), entity("V11", "person"));
        Path file = write(dir.resolve("keys.grakn"), items, null);
        assertThatThrownBy(() -> importFile("ks", file)).isInstanceOfSatisfying(ImportException.class,
                e -> assertThat(e.getMessage()).contains("1 person things do not have exactly one email key (for example the one with id V11 in the file)"));
        assertThat(storeIds("ks")).isEmpty();
    }

    @Test
    void aKeyspaceWithThingsKeepsTheGeneralWayCountingUpFromTheHighestId() throws Exception {
        List<Item> first = withVIds(backup(8, 20), 8);
        importFile("ks", write(dir.resolve("first.grakn"), first, null));
        long highest = first.stream().map(TestData::idOf).mapToLong(id -> Long.parseLong(id.substring(1))).max().orElseThrow();
        assertThat(storeIds("ks")).last().isEqualTo(highest);
        importFile("ks", write(dir.resolve("second.grakn"), List.of(attribute("V5", "email", str("new@example.com")), entity("V6", "person", "V5")), null));
        List<Long> ids = storeIds("ks");
        assertThat(ids).hasSize(first.size() + 2);
        assertThat(ids.subList(first.size(), ids.size())).containsExactly(highest + 1, highest + 2);
    }
}
