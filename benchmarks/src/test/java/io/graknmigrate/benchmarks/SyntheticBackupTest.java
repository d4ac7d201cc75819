package io.graknmigrate.benchmarks;

import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyntheticBackupTest {

    private static byte[] generate(long things, long seed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SyntheticBackup(things, seed).writeTo(out);
        return out.toByteArray();
    }

    private static List<Item> parse(byte[] bytes) throws IOException {
        List<Item> items = new ArrayList<>();
        InputStream in = new ByteArrayInputStream(bytes);
        Item item;
        while ((item = Item.parseDelimitedFrom(in)) != null) {
            items.add(item);
        }
        return items;
    }

    @ParameterizedTest
    @CsvSource({"20, 1", "10000, 42", "10007, -3"})
    void sameSeedGivesSameBytesAndAnotherSeedDoesNot(long things, long seed) throws IOException {
        byte[] first = generate(things, seed);
        assertThat(generate(things, seed)).isEqualTo(first);
        assertThat(generate(things, seed + 1)).isNotEqualTo(first);
    }

    @ParameterizedTest
    @CsvSource({"20, 7", "37, 8", "10000, 42", "25003, 9"})
    void itemsFollowTheMixAndReferenceOnlyWhatTheFileHolds(long things, long seed) throws IOException {
        byte[] bytes = generate(things, seed);
        List<Item> items = parse(bytes);
        assertThat(items).hasSize((int) things + 2);
        assertThat(items.get(0).hasHeader()).isTrue();
        assertThat(items.get(items.size() - 1).hasChecksums()).isTrue();

        Map<String, Item.ItemCase> kindById = new HashMap<>();
        Map<String, Set<Object>> valuesByType = new HashMap<>();
        Set<ValueObject.ValueCase> valueKinds = new HashSet<>();
        long attributes = 0, entities = 0, relations = 0, ownerships = 0, players = 0;
        for (Item item : items.subList(1, items.size() - 1)) {
            switch (item.getItemCase()) {
                case ATTRIBUTE -> {
                    attributes++;
                    Item.Attribute a = item.getAttribute();
                    assertThat(kindById.put(a.getId(), item.getItemCase())).isNull();
                    valueKinds.add(a.getValue().getValueCase());
                    Object value = switch (a.getValue().getValueCase()) {
                        case STRING -> a.getValue().getString();
                        case BOOLEAN -> a.getValue().getBoolean();
                        case LONG -> a.getValue().getLong();
                        case DOUBLE -> a.getValue().getDouble();
                        case DATETIME -> a.getValue().getDatetime();
                        case VALUE_NOT_SET -> throw new AssertionError("attribute without a value: " + a);
                    };
                    assertThat(valuesByType.computeIfAbsent(a.getLabel(), l -> new HashSet<>()).add(value))
                            .as("attributes are unique per type and value").isTrue();
                }
                case ENTITY -> {
                    entities++;
                    assertThat(kindById.put(item.getEntity().getId(), item.getItemCase())).isNull();
                    assertThat(item.getEntity().getAttributeCount()).isBetween(1, 3);
                    ownerships += item.getEntity().getAttributeCount();
                }
                case RELATION -> {
                    relations++;
                    Item.Relation r = item.getRelation();
                    assertThat(kindById.put(r.getId(), item.getItemCase())).isNull();
                    assertThat(r.getAttributeCount()).isBetween(1, 3);
                    ownerships += r.getAttributeCount();
                    int relationPlayers = r.getRoleList().stream().mapToInt(Item.Relation.Role::getPlayerCount).sum();
                    assertThat(relationPlayers).isBetween(2, 3);
                    players += relationPlayers;
                }
                default -> throw new AssertionError("unexpected item in the body: " + item);
            }
        }
        // the mix: half attributes, a fifth entities, the rest relations
        assertThat(attributes).isEqualTo((things / 10) * 5 + Math.min(things % 10, 5));
        assertThat(entities).isEqualTo((things / 10) * 2 + Math.max(0, Math.min(things % 10 - 5, 2)));
        assertThat(relations).isEqualTo(things - attributes - entities);
        if (things >= 10_000) {
            assertThat(valueKinds).containsExactlyInAnyOrder(ValueObject.ValueCase.STRING,
                    ValueObject.ValueCase.BOOLEAN, ValueObject.ValueCase.LONG, ValueObject.ValueCase.DOUBLE,
                    ValueObject.ValueCase.DATETIME);
        }

        // every reference resolves to an item of the right kind
        for (Item item : items) {
            List<Item.OwnedAttribute> owned = item.hasEntity() ? item.getEntity().getAttributeList()
                    : item.hasRelation() ? item.getRelation().getAttributeList() : List.of();
            assertThat(owned.stream().map(Item.OwnedAttribute::getId).distinct().count()).isEqualTo(owned.size());
            owned.forEach(o -> assertThat(kindById.get(o.getId())).isEqualTo(Item.ItemCase.ATTRIBUTE));
            if (item.hasRelation()) {
                item.getRelation().getRoleList().forEach(role -> role.getPlayerList().forEach(
                        p -> assertThat(kindById.get(p.getId())).isEqualTo(Item.ItemCase.ENTITY)));
            }
        }

        Item.Checksums checksums = items.get(items.size() - 1).getChecksums();
        assertThat(checksums.getAttributeCount()).isEqualTo(attributes);
        assertThat(checksums.getEntityCount()).isEqualTo(entities);
        assertThat(checksums.getRelationCount()).isEqualTo(relations);
        assertThat(checksums.getOwnershipCount()).isEqualTo(ownerships);
        assertThat(checksums.getRoleCount()).isEqualTo(players);
    }

    @Test
    void schemaDeclaresEveryLabelTheFileUses() throws IOException {
        String schema = SyntheticBackup.schema();
        assertThat(schema).startsWith("define");
        for (Item item : parse(generate(10_000, 5))) {
            String label = item.hasAttribute() ? item.getAttribute().getLabel()
                    : item.hasEntity() ? item.getEntity().getLabel()
                    : item.hasRelation() ? item.getRelation().getLabel() : null;
            if (label != null) {
                assertThat(schema).contains("\n" + label + " sub ");
            }
            if (item.hasRelation()) {
                for (Item.Relation.Role role : item.getRelation().getRoleList()) {
                    assertThat(schema).contains("relates " + role.getLabel()).contains("plays " + role.getLabel());
                }
            }
        }
    }

    @Test
    void writesFileAndSchemaAtomically(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.grakn");
        SyntheticBackup.Counts counts = new SyntheticBackup(1000, 3).writeTo(file);
        assertThat(Files.size(file)).isEqualTo(counts.bytes());
        assertThat(Files.readAllBytes(file)).isEqualTo(generate(1000, 3));
        assertThat(Datasets.countFrames(file)).isEqualTo(1002);
        SyntheticBackup.writeSchema(dir.resolve("x.gql"));
        assertThat(Files.readString(dir.resolve("x.gql"))).isEqualTo(SyntheticBackup.schema());
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("x.grakn", "x.gql");
        }
    }

    @Test
    void rejectsTooFewItemsAndBadCounts() {
        assertThatThrownBy(() -> new SyntheticBackup(19, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SyntheticBackup.parseCount("10k")).isEqualTo(10_000);
        assertThat(SyntheticBackup.parseCount("1M")).isEqualTo(1_000_000);
        assertThatThrownBy(() -> SyntheticBackup.parseCount("ten")).isInstanceOf(IllegalArgumentException.class);
    }
}
