package io.graknmigrate.format;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fuzzes the {@code .grakn} readers with arbitrary bytes. The contract: every input either reads to
 * the end or fails with a {@link GraknFormatException} whose message is one line naming the input;
 * nothing else may escape (no NullPointerException, no IndexOutOfBounds, no OutOfMemoryError from a
 * hostile length prefix, no raw protobuf or zstd exception). On top of that the two readers are
 * checked against each other: {@link ItemScanner} promises to accept exactly what {@link ItemReader}
 * accepts and to see the same ids, labels, references and values, so any disagreement is a bug.
 * Both are run over a stream and over a file (the file path knows the size, a different code path).
 *
 * <p>In {@code mvn verify} this runs the committed corpus in
 * {@code src/test/resources/io/graknmigrate/format/ItemReaderFuzzTestInputs/readEveryItem} and then
 * fuzzes for a few seconds (a separate surefire execution with JAZZER_FUZZ=1); {@code -Pfuzz} fuzzes
 * for minutes. Crashing inputs land in that directory: keep them as regression cases.
 */
class ItemReaderFuzzTest {

    private static final String NAME = "fuzz.grakn";

    /** A small per-item limit so that "too large" is reachable with fuzzer-sized inputs. */
    private static final int MAX_ITEM_BYTES = 1024;

    private static Path scratch;

    @FuzzTest(maxDuration = "10m")
    void readEveryItem(byte[] data) {
        agree(readWithItemReader(data, false), readWithItemScanner(data, false), data);
        agree(readWithItemReader(data, true), readWithItemScanner(data, true), data);
    }

    /** What a reader saw: a description per item, then how it ended. */
    record Outcome(List<String> items, GraknFormatException failure) {
        String ending() {
            return failure == null ? "end of input" : failure.kind() + " at byte " + failure.offset() + " item " + failure.itemIndex();
        }
    }

    /** Streams use a small per-item limit (reachable by fuzzed lengths); files the default one. */
    static Outcome readWithItemReader(byte[] data, boolean viaFile) {
        List<String> items = new ArrayList<>();
        try (ItemReader reader = viaFile
                ? ItemReader.open(write(data), NAME)
                : ItemReader.open(new ByteArrayInputStream(data), NAME, MAX_ITEM_BYTES)) {
            while (reader.hasNext()) items.add(describe(reader.next()));
            return new Outcome(items, null);
        } catch (GraknFormatException e) {
            checkMessage(e);
            return new Outcome(items, e);
        }
    }

    static Outcome readWithItemScanner(byte[] data, boolean viaFile) {
        List<String> items = new ArrayList<>();
        try (ItemScanner scanner = viaFile
                ? ItemScanner.open(write(data), NAME)
                : ItemScanner.open(new ByteArrayInputStream(data), NAME, MAX_ITEM_BYTES)) {
            while (scanner.next()) {
                if (scanner.kind() != ItemKind.UNKNOWN) items.add(describe(scanner));
            }
            return new Outcome(items, null);
        } catch (GraknFormatException e) {
            checkMessage(e);
            return new Outcome(items, e);
        }
    }

    private static void checkMessage(GraknFormatException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.chars().anyMatch(Character::isISOControl)) {
            throw new AssertionError("the message of a GraknFormatException must be one non-empty line: [" + m + "]", e);
        }
        if (!m.contains(NAME)) throw new AssertionError("the message must name the input: " + m, e);
        Objects.requireNonNull(e.kind(), "kind");
    }

    private static void agree(Outcome reader, Outcome scanner, byte[] data) {
        boolean sameEnding = (reader.failure() == null) == (scanner.failure() == null)
                && (reader.failure() == null || reader.failure().kind() == scanner.failure().kind());
        if ((!sameEnding || !reader.items().equals(scanner.items()))
                && !KnownFindings.scannerRejectsOverlongVarint(reader.items(), scanner.items(), scanner.failure())) {
            throw new AssertionError("ItemReader and ItemScanner disagree on " + data.length + " bytes"
                    + "\n  ItemReader:  " + reader.items() + " then " + reader.ending()
                    + (reader.failure() == null ? "" : " (" + reader.failure().getMessage() + ")")
                    + "\n  ItemScanner: " + scanner.items() + " then " + scanner.ending()
                    + (scanner.failure() == null ? "" : " (" + scanner.failure().getMessage() + ")"));
        }
    }

    // One text per item with everything both readers expose, so equal texts mean equal readings.

    private static String describe(Item item) {
        StringBuilder s = new StringBuilder();
        switch (item.getItemCase()) {
            case HEADER -> s.append("header ").append(item.getHeader().getGraknVersion()).append('|').append(item.getHeader().getOriginalDatabase());
            case CHECKSUMS -> {
                Item.Checksums c = item.getChecksums();
                s.append("checksums ").append(c.getEntityCount()).append(',').append(c.getAttributeCount()).append(',')
                        .append(c.getRelationCount()).append(',').append(c.getRoleCount()).append(',')
                        .append(c.getOwnershipCount()).append(',').append(c.getKeyOwnershipCount());
            }
            case ENTITY -> {
                Item.Entity e = item.getEntity();
                thing(s, "entity", e.getId(), e.getLabel(), e.getAttributeList().stream().map(Item.OwnedAttribute::getId).toList());
            }
            case ATTRIBUTE -> {
                Item.Attribute a = item.getAttribute();
                thing(s, "attribute", a.getId(), a.getLabel(), a.getAttributeList().stream().map(Item.OwnedAttribute::getId).toList());
                if (a.hasValue()) s.append(" value ").append(value(a.getValue()));
            }
            case RELATION -> {
                Item.Relation r = item.getRelation();
                thing(s, "relation", r.getId(), r.getLabel(), r.getAttributeList().stream().map(Item.OwnedAttribute::getId).toList());
                for (Item.Relation.Role role : r.getRoleList()) {
                    s.append(" role ").append(role.getLabel()).append(role.getPlayerList().stream().map(Item.Relation.Role.Player::getId).toList());
                }
            }
            default -> throw new AssertionError("ItemReader returned an item of unknown kind " + item.getItemCase());
        }
        return s.toString();
    }

    private static String value(ValueObject v) {
        return switch (v.getValueCase()) {
            case STRING -> "string:" + v.getString();
            case BOOLEAN -> "boolean:" + v.getBoolean();
            case LONG -> "long:" + v.getLong();
            case DOUBLE -> "double:" + Double.doubleToRawLongBits(v.getDouble());
            case DATETIME -> "datetime:" + v.getDatetime();
            case VALUE_NOT_SET -> "none";
        };
    }

    private static String describe(ItemScanner sc) {
        StringBuilder s = new StringBuilder();
        switch (sc.kind()) {
            case HEADER -> s.append("header ").append(sc.graknVersion()).append('|').append(sc.originalDatabase());
            case CHECKSUMS -> {
                s.append("checksums ");
                for (int f = 1; f <= 6; f++) s.append(f > 1 ? "," : "").append(sc.checksum(f));
            }
            case ENTITY, ATTRIBUTE, RELATION -> {
                List<String> owned = new ArrayList<>();
                for (int i = 0; i < sc.ownedCount(); i++) owned.add(text(sc.owned(i)));
                thing(s, sc.kind().label(), text(sc.id()), text(sc.label()), owned);
                if (sc.kind() == ItemKind.ATTRIBUTE && sc.hasValue()) {
                    s.append(" value ").append(switch (sc.valueKind()) {
                        case STRING -> "string:" + text(sc.stringValue());
                        case BOOLEAN -> "boolean:" + sc.booleanValue();
                        case LONG -> "long:" + sc.longValue();
                        case DOUBLE -> "double:" + Double.doubleToRawLongBits(sc.doubleValue());
                        case DATETIME -> "datetime:" + sc.longValue();
                        case NONE -> "none";
                    });
                }
                if (sc.kind() == ItemKind.RELATION) {
                    for (int r = 0; r < sc.roleCount(); r++) {
                        String label = text(sc.roleLabel(r));
                        List<String> players = new ArrayList<>();
                        for (int i = 0; i < sc.playerCount(r); i++) players.add(text(sc.player(r, i)));
                        s.append(" role ").append(label).append(players);
                    }
                }
            }
            default -> throw new AssertionError("unexpected kind " + sc.kind());
        }
        return s.toString();
    }

    private static void thing(StringBuilder s, String kind, String id, String label, List<String> owned) {
        s.append(kind).append(' ').append(id).append('|').append(label).append(" owns ").append(owned);
    }

    private static String text(Slice slice) {
        return new String(slice.bytes(), slice.offset(), slice.length(), StandardCharsets.UTF_8);
    }

    private static Path write(byte[] data) {
        try {
            if (scratch == null) {
                scratch = Files.createTempFile("item-reader-fuzz", ".grakn");
                scratch.toFile().deleteOnExit();
            }
            Files.write(scratch, data);
            return scratch;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
