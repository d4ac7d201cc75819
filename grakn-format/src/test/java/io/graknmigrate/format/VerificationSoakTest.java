package io.graknmigrate.format;

import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long run, off by default: {@code mvn -pl grakn-format test -Dtest=VerificationSoakTest
 * -Dgraknmigrate.soak=10000000 -DargLine=-Xmx512m} writes and verifies a file of that many items.
 */
@EnabledIfSystemProperty(named = "graknmigrate.soak", matches = "\\d+")
class VerificationSoakTest {

    @TempDir
    Path dir;

    @Test
    void verifiesAHugeFileInBoundedMemory() {
        int n = Integer.getInteger("graknmigrate.soak");
        Path file = dir.resolve("soak.grakn");
        Random r = new Random(1);
        int attrs = n / 2;
        int ents = n / 4;
        int rels = n - attrs - ents;
        try (ItemWriter w = ItemWriter.create(file)) {
            w.header("1.8.4", "soak");
            for (int i = 0; i < attrs; i++) w.write(Item.newBuilder().setAttribute(Item.Attribute.newBuilder().setId("V" + i).setLabel("name")
                    .setValue(ValueObject.newBuilder().setString("value-" + i))).build());
            for (int i = 0; i < ents; i++) w.write(TestData.entity("E" + i, "person", "V" + r.nextInt(attrs), "V" + r.nextInt(attrs)));
            for (int i = 0; i < rels; i++) w.write(TestData.relation("R" + i, "friendship", "friend:E" + r.nextInt(ents) + ",E" + r.nextInt(ents)));
            w.write(TestData.entity("E0", "person", "missing"));
            w.finish();
        }
        Verification v = Verification.of(file, "soak.grakn", ProgressListener.NONE, dir);
        assertThat(VerificationTest.counts(v)).containsOnlyKeys(Verification.DUPLICATE_ID, Verification.DANGLING_OWNERSHIP)
                .containsEntry(Verification.DUPLICATE_ID, 1L).containsEntry(Verification.DANGLING_OWNERSHIP, 1L);
    }
}
