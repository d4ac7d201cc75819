package io.graknmigrate.store;

import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.migrate.ItemInput;
import io.graknmigrate.migrate.ItemSinks;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.embedded.EmbeddedKeyspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;

import static io.graknmigrate.store.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Original ids become integer keys during an import: no two ids may share one, whatever their spelling. */
class ImportIdKeysTest {

    @TempDir
    Path dir;

    @Test
    void numericKeysAreOneToOne() {
        assertThat(ImportIdKeys.numericKey("V0")).isEqualTo(0);
        assertThat(ImportIdKeys.numericKey("0")).isEqualTo(1);
        assertThat(ImportIdKeys.numericKey("V12")).isEqualTo(24);
        assertThat(ImportIdKeys.numericKey("12")).isEqualTo(25);
        assertThat(ImportIdKeys.numericKey("V999999999999999999")).isEqualTo(999999999999999999L * 2);
        for (String notNumeric : List.of("", "V", "012", "V012", "v12", "V-1", "-1", "1e3", "V1234567890123456789",
                "1234567890123456789", "x", "V12a", " 12")) {
            assertThat(ImportIdKeys.numericKey(notNumeric)).as(notNumeric).isEqualTo(-1);
        }
    }

    /** Ids that look alike ("V5", "5", "05", "V05", "v5") are five different things. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void lookAlikeIdsStayDistinct(long seed) throws Exception {
        Random r = new Random(seed);
        List<Item> things = new ArrayList<>();
        List<String> people = new ArrayList<>();
        int n = 0;
        for (String base : List.of("5", "17", "0", "123456789012345678")) {
            for (String id : List.of("V" + base, base, "0" + base, "V0" + base, "v" + base, base + " ")) {
                n++;
                // the email attribute gets a look-alike id of its own too: attribute and owner spellings mixed
                String emailId = r.nextBoolean() ? "E" + id : id + "e";
                things.add(attribute(emailId, "email", str("p" + n + "@x")));
                things.add(attribute("age-" + id, "age", lng(n)));
                things.add(entity(id, "person", emailId, "age-" + id));
                people.add(id);
            }
        }
        for (int i = 0; i + 1 < people.size(); i += 2) {
            things.add(relation("V" + (1000 + i), "friendship", List.of(), "friend", people.get(i), "friend", people.get(i + 1)));
        }
        java.util.Collections.shuffle(things, r);
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(dir.resolve("data"));
        keyspaces.define("ks", schema(), w -> { });
        Path file = write(dir.resolve("ids.grakn"), things, null);
        importFile(keyspaces, "ks", file, ImportOptions.defaults());
        assertThat(canonical(read(exportBytes(keyspaces, "ks")))).isEqualTo(canonical(things));
    }

    @Test
    void danglingLookAlikeIdIsReportedAsWritten() throws Exception {
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(dir.resolve("data"));
        keyspaces.define("ks", schema(), w -> { });
        Path file = write(dir.resolve("d.grakn"), List.of(attribute("V7", "email", str("a@x")), entity("V8", "person", "07")), null);
        assertThatThrownBy(() -> importFile(keyspaces, "ks", file, ImportOptions.defaults()))
                .hasMessageContaining("refer to ids the file does not contain (first: '07')");
        Path file2 = write(dir.resolve("d2.grakn"), List.of(attribute("V7", "email", str("a@x")), entity("V8", "person", "7")), null);
        assertThatThrownBy(() -> importFile(keyspaces, "ks", file2, ImportOptions.defaults()))
                .hasMessageContaining("(first: '7')");
    }

    /** A cancel that arrives after the last item was read (during resolve and commit) must still roll back. */
    @Test
    void cancelAfterTheLastItemRollsBack() throws Exception {
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(dir.resolve("data"));
        keyspaces.define("ks", schema(), w -> { });
        Path file = write(dir.resolve("b.grakn"), backup(5, 30), null);
        try (ItemReader reader = ItemReader.open(file)) {
            ItemInput items = ItemSinks.from(reader);
            ItemInput interruptingAtTheEnd = new ItemInput() {
                @Override public boolean hasNext() {
                    boolean more = items.hasNext();
                    if (!more) Thread.currentThread().interrupt();
                    return more;
                }
                @Override public Item next() { return items.next(); }
                @Override public long position() { return items.position(); }
                @Override public long size() { return items.size(); }
                @Override public String name() { return items.name(); }
            };
            assertThatThrownBy(() -> keyspaces.importItems("ks", interruptingAtTheEnd, ImportOptions.defaults(), w -> { }, ProgressListener.NONE))
                    .isInstanceOf(CancellationException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(read(exportBytes(keyspaces, "ks")).stream().filter(i -> !i.hasHeader() && !i.hasChecksums())).isEmpty();
    }
}
