package io.graknmigrate.format;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LabelTableTest {

    /**
     * Labels that share their first eight bytes, differ only by a trailing NUL, repeat in runs or
     * interleave, across kinds and table growth: every (kind, label) is counted on its own.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void countsEachKindAndLabelApart(long seed) {
        Random random = new Random(seed);
        String[] stems = {"", "a", "a\u0000", "person", "personal", "personality", "personality-x", "\u00e9t\u00e9", "x".repeat(9), "x".repeat(8)};
        Summary.LabelTable table = new Summary.LabelTable();
        Map<String, Long> expected = new HashMap<>();
        ItemKind[] kinds = {ItemKind.ATTRIBUTE, ItemKind.ENTITY, ItemKind.RELATION};
        byte[] buffer = new byte[4096];
        for (int i = 0; i < 20_000; i++) {
            String label = stems[random.nextInt(stems.length)] + (random.nextInt(3) == 0 ? "" : Integer.toString(random.nextInt(300)));
            ItemKind kind = kinds[random.nextInt(3)];
            int repeat = 1 + random.nextInt(3);
            byte[] bytes = label.getBytes(StandardCharsets.UTF_8);
            int off = random.nextInt(buffer.length - bytes.length - 16);
            random.nextBytes(buffer); // neighbours the table might read past the slice
            System.arraycopy(bytes, 0, buffer, off, bytes.length);
            for (int r = 0; r < repeat; r++) {
                table.add(kind, new Slice().set(buffer, off, bytes.length), ValueKind.NONE);
                expected.merge(kind.label() + "|" + label, 1L, Long::sum);
            }
        }
        Map<String, Long> got = new HashMap<>();
        for (Summary.Label l : table.sorted()) got.put(l.kind().label() + "|" + l.label(), l.count());
        assertThat(got).isEqualTo(expected);
    }
}
