package io.graknmigrate.diff;

import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.sort.MappedFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.graknmigrate.format.proto.Item;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.graknmigrate.diff.Graphs.attribute;
import static io.graknmigrate.diff.Graphs.entity;
import static io.graknmigrate.diff.Graphs.lng;
import static io.graknmigrate.diff.Graphs.relation;
import static io.graknmigrate.diff.Graphs.str;
import static org.assertj.core.api.Assertions.assertThat;

class MappingCheckTest {

    @TempDir
    Path dir;

    /**
     * On a graph of several pieces (which the two threads take in turn), the identity holds, given as
     * no mapping or as a mapping file, and a mapping that swaps two things anywhere (first piece, a
     * middle one, the last thing) does not.
     */
    @Test
    void everyPieceIsCheckedWhicheverThreadTakesIt() {
        int things = 3 * Pieces.SIZE + 321;
        Path file = Graphs.write(dir.resolve("g.grakn"), GraphDiffTest.randomGraph(9, things));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (SideGraph a = Graphs.side(file, "a", dir); SideGraph b = Graphs.side(file, "b", dir);
             MappedFile mapping = MappedFile.longs(dir, "mapping", things)) {
            assertThat(MappingCheck.holds(a, b, null, other, ProgressListener.NONE)).isTrue();
            for (long x = 0; x < things; x++) mapping.setLong(x, x);
            assertThat(MappingCheck.holds(a, b, mapping, other, ProgressListener.NONE)).isTrue();
            for (long x : new long[] {5, 2L * Pieces.SIZE + 17, things - 1}) {
                // a thing of another kind or label, so the swap cannot be an automorphism
                long y = 0;
                while (a.meta(y) == a.meta(x)) y++;
                mapping.setLong(x, y);
                mapping.setLong(y, x);
                assertThat(MappingCheck.holds(a, b, mapping, other, ProgressListener.NONE)).as("thing %d swapped", x).isFalse();
                mapping.setLong(x, x);
                mapping.setLong(y, y);
            }
        } finally {
            other.shutdownNow();
        }
    }

    /**
     * A side read at random (b shuffled, the mapping found by id): the counterparts' records, strings
     * and first edges and the edges' mapped targets are read a batch ahead of the check. The true
     * mapping holds, with a thing of more edges than a batch reads ahead; and for every
     * thing of a, swapping its counterpart with that of the next thing of the same kind and label
     * (a string of another length or other bytes, another number, other edges, another degree) is
     * found, wherever in a batch either thing falls.
     */
    @Test
    void aShuffledSideIsCheckedInBatchesAndEveryCounterpartFieldCounts() {
        int n = 3 * MappingCheck.BATCH + 40;
        List<Item> things = new ArrayList<>();
        for (int i = 0; i < n; i++) things.add(attribute("s" + i, "name", str("n" + "x".repeat(i % 40) + i % 97)));
        for (int i = 0; i < n; i++) things.add(attribute("c" + i, "count", lng(i)));
        for (int i = 0; i < n; i++) {
            things.add(i % 3 == 0 ? entity("p" + i, "person", "s" + i) : entity("p" + i, "person", "s" + i, "c" + (7L * i % n)));
        }
        String[] crowd = new String[2 * (MappingCheck.GATHERED + MappingCheck.GATHERED / 2)];
        for (int i = 0; i < crowd.length / 2; i++) {
            crowd[2 * i] = "member";
            crowd[2 * i + 1] = "p" + (i % n);
        }
        things.add(relation("big", "crowd", crowd));
        for (int i = 0; i < n; i++) things.add(relation("f" + i, "friendship", "friend", "p" + i, "friend", "p" + (i + 1 + i % 5) % n));
        Path fileA = Graphs.write(dir.resolve("a.grakn"), things);
        Path fileB = Graphs.write(dir.resolve("b.grakn"), Graphs.shuffled(things, 5));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (SideGraph a = Graphs.side(fileA, "a", dir); SideGraph b = Graphs.side(fileB, "b", dir);
             MappedFile mapping = MappedFile.longs(dir, "mapping", a.things)) {
            Map<String, Long> inB = new HashMap<>();
            for (long y = 0; y < b.things; y++) inB.put(b.id(y), y);
            for (long x = 0; x < a.things; x++) mapping.setLong(x, inB.get(a.id(x)));
            assertThat(MappingCheck.holds(a, b, mapping, other, ProgressListener.NONE)).isTrue();
            int swaps = 0;
            for (long x = 0; x < a.things; x++) {
                long y = x + 1;
                while (y < a.things && a.meta(y) != a.meta(x)) y++;
                if (y == a.things) continue;
                long mx = mapping.getLong(x);
                long my = mapping.getLong(y);
                mapping.setLong(x, my);
                mapping.setLong(y, mx);
                assertThat(MappingCheck.holds(a, b, mapping, other, ProgressListener.NONE)).as("%s and %s swapped", a.id(x), a.id(y)).isFalse();
                mapping.setLong(x, mx);
                mapping.setLong(y, my);
                swaps++;
            }
            assertThat(swaps).isEqualTo(4 * n - 4);
            assertThat(MappingCheck.holds(a, b, mapping, other, ProgressListener.NONE)).isTrue();
        } finally {
            other.shutdownNow();
        }
    }
}
