package io.graknmigrate.format;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.graknmigrate.format.proto.Item;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the JSON Lines converter both ways with arbitrary bytes. Contract: reading either yields
 * items or fails with a one-line {@link GraknFormatException} naming the input (nothing else escapes:
 * no StackOverflowError from deep nesting, no raw Gson/protobuf exception, no UncheckedIOException
 * for bytes already in memory). Whatever was read must survive both conversions unchanged:
 * JSON Lines → items → JSON Lines → items, and items → .grakn → items.
 *
 * <p>Corpus: {@code src/test/resources/io/graknmigrate/format/JsonLinesFuzzTestInputs/convertBothWays}.
 */
class JsonLinesFuzzTest {

    private static final String NAME = "fuzz.jsonl";

    @FuzzTest(maxDuration = "10m")
    void convertBothWays(byte[] data) {
        List<Item> items = new ArrayList<>();
        try (JsonlReader reader = JsonlReader.open(new ByteArrayInputStream(data), NAME)) {
            while (reader.hasNext()) items.add(reader.next());
        } catch (GraknFormatException e) {
            String m = e.getMessage();
            if (m == null || m.isBlank() || m.chars().anyMatch(Character::isISOControl) || !m.contains(NAME)) {
                throw new AssertionError("a GraknFormatException must be one line naming the input: [" + m + "]", e);
            }
            return;
        } catch (java.io.UncheckedIOException e) {
            if (KnownFindings.jsonlCompressionLayerError(e)) return;
            throw e;
        }

        // JSON Lines → items → JSON Lines → items
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (JsonlWriter writer = JsonlWriter.to(json, "out.jsonl")) {
            for (Item item : items) writer.write(item);
            writer.complete();
        }
        List<Item> again = new ArrayList<>();
        try (JsonlReader reader = JsonlReader.open(new ByteArrayInputStream(json.toByteArray()), "out.jsonl")) {
            while (reader.hasNext()) again.add(reader.next());
        }
        if (!again.equals(items)) {
            throw new AssertionError("JSON Lines round trip changed the items:\n" + items + "\n" + again);
        }

        // items → .grakn → items (ItemReader drops items of no kind: {} lines)
        ByteArrayOutputStream grakn = new ByteArrayOutputStream();
        try (ItemWriter writer = ItemWriter.to(grakn, "out.grakn")) {
            for (Item item : items) writer.writeAsIs(item);
            writer.complete();
        }
        List<Item> expected = items.stream().filter(i -> i.getItemCase() != Item.ItemCase.ITEM_NOT_SET).toList();
        List<Item> decoded = new ArrayList<>();
        if (grakn.size() > 0) {
            try (ItemReader reader = ItemReader.open(new ByteArrayInputStream(grakn.toByteArray()), "out.grakn")) {
                while (reader.hasNext()) decoded.add(reader.next());
            } catch (GraknFormatException e) {
                if (!expected.isEmpty()) throw new AssertionError("a .grakn file written from valid items does not read back", e);
            }
        }
        if (!decoded.equals(expected)) {
            throw new AssertionError(".grakn round trip changed the items:\n" + expected + "\n" + decoded);
        }
    }
}
