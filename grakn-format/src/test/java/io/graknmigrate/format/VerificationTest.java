package io.graknmigrate.format;

import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.graknmigrate.format.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

class VerificationTest {

    @TempDir
    Path dir;

    Verification verify(List<Item> items) throws IOException {
        return verify(items, Verification.DEFAULT_CHUNK);
    }

    /** Verifies in one pass and read in two halves on two threads, which must report exactly the same. */
    Verification verify(List<Item> items, int chunk) throws IOException {
        return verifyBothWays(encode(items), chunk);
    }

    Verification verifyBothWays(byte[] bytes, int chunk) throws IOException {
        Path file = Files.createTempFile(dir, "v", ".grakn");
        Files.write(file, bytes);
        Verification whole = Verification.run(file, "v.grakn", ProgressListener.NONE, dir, chunk, Long.MAX_VALUE);
        Verification halves = Verification.run(file, "v.grakn", ProgressListener.NONE, dir, chunk, 0);
        assertThat(halves.toJson()).isEqualTo(whole.toJson());
        assertThat(halves.toText()).isEqualTo(whole.toText());
        Files.delete(file);
        return whole;
    }

    /**
     * Whatever lies where the file is cut in two (headers, checksums, repeated ones, unknown items,
     * problems with examples on both sides, damage before or after the middle), the two halves
     * combined report what one pass reports.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void twoHalvesReportWhatOnePassReports(long seed) throws IOException {
        List<Item> items = mixedBackup(seed);
        verifyBothWays(encode(items), 1000 + new java.util.Random(seed).nextInt(100_000));
        for (byte[] damaged : damagedCopies(items, seed)) verifyBothWays(damaged, Verification.DEFAULT_CHUNK);
    }

    static Map<ProblemKind, Long> counts(Verification v) {
        return v.problems().stream().collect(Collectors.toMap(Verification.Problem::kind, Verification.Problem::count));
    }

    @Test
    void aVisitorSeesEveryItemOfTheFirstPassAndItsExceptionEndsTheVerification() throws IOException {
        List<Item> items = new ArrayList<>(smallBackup());
        items.add(8, entity("E1", "person"));  // a duplicate: the second pass runs, the visitor is not shown it again
        Path file = Files.createTempFile(dir, "v", ".grakn");
        Files.write(file, encode(items));
        List<String> seen = new ArrayList<>();
        List<String> none = new ArrayList<>();
        Verification v = Verification.of(file, "v.grakn", ProgressListener.NONE, dir, s -> seen.add(s.kind() + " " + s.id()),
                s -> none.add(s.id().toString()), null);
        assertThat(seen).hasSize(items.size());
        assertThat(none).as("a small file is read in one pass").isEmpty();
        assertThat(seen.get(8)).isEqualTo(ItemKind.ENTITY + " E1");
        assertThat(counts(v)).containsEntry(ProblemKind.DUPLICATE_ID, 1L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Verification.of(file, "v.grakn", ProgressListener.NONE, dir, s -> {
            throw new IllegalStateException("stop at " + s.itemIndex());
        }, s -> { }, null)).isInstanceOf(IllegalStateException.class).hasMessage("stop at 0");
    }

    /** Read in two halves, the first visitor sees the first half in order and the second the rest in order, each item once. */
    @ParameterizedTest
    @ValueSource(longs = {3, 17, 40})
    void twoVisitorsSeeTheTwoHalvesInOrderAndTogetherEveryItemOnce(long seed) throws IOException {
        List<Item> items = mixedBackup(seed);
        Path file = Files.createTempFile(dir, "v", ".grakn");
        Files.write(file, encode(items));
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        long[] secondThreadItems = new long[1];
        Thread caller = Thread.currentThread();
        Verification v = Verification.run(file, "v.grakn", ProgressListener.NONE, dir, 1000, 0, s -> first.add(s.offset()), s -> {
            second.add(s.offset());
            if (Thread.currentThread() != caller) secondThreadItems[0]++;
        }, null);
        assertThat(first).isNotEmpty().isSorted();
        assertThat(second).isNotEmpty().isSorted();
        assertThat(secondThreadItems[0]).isEqualTo(second.size());
        assertThat(first.get(first.size() - 1)).isLessThan(second.get(0));
        assertThat(first.size() + second.size()).isEqualTo(items.size());
        assertThat(v.toText()).isEqualTo(verify(items).toText());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Verification.run(file, "v.grakn", ProgressListener.NONE, dir, 1000, 0,
                s -> { }, s -> {
                    throw new IllegalStateException("stopped in the second half");
                }, null)).isInstanceOf(IllegalStateException.class).hasMessage("stopped in the second half");
    }

    /**
     * A second half held back reads nothing when the first thread gets to the middle first (which
     * then reads on alone), and reads its half when let go before that; the verdict is the same.
     */
    @ParameterizedTest
    @ValueSource(longs = {5, 23})
    void aHeldBackSecondHalfIsReadByTheFirstThreadUnlessLetGoBeforeTheMiddle(long seed) throws IOException {
        List<Item> items = mixedBackup(seed);
        Path file = Files.createTempFile(dir, "v", ".grakn");
        Files.write(file, encode(items));
        String expected = verify(items).toText();

        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        Verification alone = Verification.run(file, "v.grakn", ProgressListener.NONE, dir, 1000, 0, s -> first.add(s.offset()),
                s -> second.add(s.offset()), never);
        assertThat(second).isEmpty();
        assertThat(first).hasSize(items.size()).isSorted();
        assertThat(alone.toText()).isEqualTo(expected);

        first.clear();
        java.util.concurrent.CountDownLatch early = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger secondSeen = new java.util.concurrent.atomic.AtomicInteger();
        Verification split = Verification.run(file, "v.grakn", ProgressListener.NONE, dir, 1000, 0, s -> {
            first.add(s.offset());
            if (first.size() == 3) {
                early.countDown();
                // the first thread waits here until the second has its start, so that it cannot get to the middle first
                long until = System.nanoTime() + 10_000_000_000L;
                while (secondSeen.get() == 0 && System.nanoTime() < until) Thread.onSpinWait();
            }
        }, s -> {
            second.add(s.offset());
            secondSeen.incrementAndGet();
        }, early);
        assertThat(second).isNotEmpty();
        assertThat(first.size() + second.size()).isEqualTo(items.size());
        assertThat(split.toText()).isEqualTo(expected);
    }

    @Test
    void aConsistentFileHasNoProblems() throws IOException {
        Verification v = verify(smallBackup());
        assertThat(v.problems()).isEmpty();
        assertThat(v.ok()).isTrue();
        assertThat(v.toJson()).contains("\"ok\":true").contains("\"problems\":[]");
    }

    /** Many partitions (sorted through spilled runs, or in memory from spilled blocks), grouped in two halves on two threads: neither half may cut the other short. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 3})
    void aLargeSpilledFileMergedInTwoHalvesHasExactlyItsProblems(int seed) throws IOException {
        List<Item> items = new ArrayList<>(smallBackup());
        java.util.Random r = new java.util.Random(seed);
        int n = 60_000;
        for (int i = 0; i < n; i++) items.add(attribute("big-a" + i, "name", "v" + i));
        for (int i = 0; i < n; i++) items.add(entity("big-e" + i, "person", "big-a" + r.nextInt(n), "big-a" + r.nextInt(n)));
        items.add(entity("big-e" + r.nextInt(n), "person"));                    // one duplicate
        items.add(entity("big-x", "person", "big-a-missing"));                  // one dangling ownership
        for (int i = 0; i < 40; i++) items.add(entity("big-y" + i, "person", "big-gone-" + r.nextInt(1000)));  // more than five examples
        Verification v = verify(items, 1000 + seed);
        // (the appended items also disagree with the small backup's checksums)
        assertThat(counts(v)).containsEntry(ProblemKind.DUPLICATE_ID, 1L).containsEntry(ProblemKind.DANGLING_OWNERSHIP, 41L)
                .doesNotContainKeys(ProblemKind.OWNED_NOT_ATTRIBUTE, ProblemKind.DANGLING_ROLE_PLAYER, ProblemKind.DAMAGED);
        // partitions sorted in memory from blocks spilled to disk report exactly what partitions sorted in runs report
        assertThat(verify(items).toText()).isEqualTo(v.toText());
    }

    /**
     * Cancelled halfway through the first half (the verifying thread interrupted, as the command
     * line does on a signal): the cancel comes out, the second thread has ended, no temp file is left.
     */
    @Test
    void aCancelledSplitVerificationStopsBothThreadsAndLeavesNothing() throws IOException {
        Path file = Files.createTempFile(dir, "v", ".grakn");
        Files.write(file, encode(randomBackup(5, 120_000)));
        Path temp = Files.createDirectory(dir.resolve("temp"));
        long size = Files.size(file);
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        ProgressListener cancelAtAQuarter = new ProgressListener() {
            @Override public void start(String task, long total, String unit) { }
            @Override public void update(long current) {
                if (current > size / 4 && current < size / 2 && !cancelled.getAndSet(true)) Thread.currentThread().interrupt();
            }
            @Override public void finish() { }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Verification.run(file, "v.grakn", cancelAtAQuarter, temp, 1000, 0))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(Thread.interrupted()).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("scan-second-half"));
        try (var files = Files.list(temp)) {
            assertThat(files.toList()).isEmpty();
        }
        // and the same file, not cancelled, verifies in two halves (it has no checksums item)
        assertThat(counts(Verification.run(file, "v.grakn", ProgressListener.NONE, temp, 1000, 0)))
                .containsOnlyKeys(ProblemKind.CHECKSUMS_MISSING);
    }

    @Test
    void findsDuplicateIdsAndDanglingReferences() throws IOException {
        List<Item> items = new ArrayList<>(smallBackup());
        items.add(8, entity("E1", "person"));                          // duplicate id
        items.add(8, entity("E3", "person", "A9", "E2"));              // dangling ownership, owns an entity
        items.add(8, relation("R3", "friendship", "friend:E1,E404"));  // dangling player
        Verification v = verify(items);
        assertThat(counts(v)).containsEntry(ProblemKind.DUPLICATE_ID, 1L)
                .containsEntry(ProblemKind.DANGLING_OWNERSHIP, 1L)
                .containsEntry(ProblemKind.OWNED_NOT_ATTRIBUTE, 1L)
                .containsEntry(ProblemKind.DANGLING_ROLE_PLAYER, 1L);
        Map<ProblemKind, List<String>> examples = v.problems().stream().collect(Collectors.toMap(Verification.Problem::kind, Verification.Problem::examples));
        assertThat(examples.get(ProblemKind.DUPLICATE_ID)).singleElement().asString().startsWith("E1 (items 4, ");
        assertThat(examples.get(ProblemKind.DANGLING_OWNERSHIP)).singleElement().asString().startsWith("A9 (owned by item");
        assertThat(examples.get(ProblemKind.DANGLING_ROLE_PLAYER)).singleElement().asString().contains("E404").contains("friend");
        assertThat(v.ok()).isFalse();
    }

    /**
     * References drawn in runs from a small pool (as neighbouring things of an export share
     * attributes and players), mixed with fresh ones and ones to ids no item defines or that are not
     * attributes, at random places: the counts of dangling and wrongly owned references are the
     * exact numbers of references, in one pass and in two halves, whether or not repeats were
     * written as one record and the file verified again for exact counts.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void repeatedReferencesAreCountedExactly(long seed) throws IOException {
        java.util.Random r = new java.util.Random(seed);
        int attributes = 2_000 + r.nextInt(8_000);
        int entities = 2_000 + r.nextInt(8_000);
        List<Item> items = new ArrayList<>();
        items.add(header("1.8.4", "repeats"));
        for (int i = 0; i < attributes; i++) items.add(attribute("a" + i, "name", "v" + i));
        long dangling = 0;
        long notAttribute = 0;
        long danglingPlayers = 0;
        String[] pool = new String[1 + r.nextInt(6)];
        for (int i = 0; i < entities; i++) {
            if (i == 0 || r.nextInt(50) == 0) {
                for (int k = 0; k < pool.length; k++) {
                    int pick = r.nextInt(10);
                    pool[k] = pick == 0 ? "gone" + r.nextInt(40) : pick == 1 ? "e" + r.nextInt(Math.max(1, i)) : "a" + r.nextInt(attributes);
                }
            }
            int owned = r.nextInt(4);
            String[] refs = new String[owned];
            for (int k = 0; k < owned; k++) {
                refs[k] = r.nextInt(3) == 0 ? "a" + r.nextInt(attributes) : pool[r.nextInt(pool.length)];
                if (refs[k].startsWith("gone")) dangling++;
                else if (refs[k].startsWith("e")) notAttribute++;
            }
            items.add(entity("e" + i, "person", refs));
            if (r.nextInt(3) == 0) {
                String player = r.nextInt(4) == 0 ? "gone" + r.nextInt(40) : "e" + r.nextInt(i + 1);
                String other = r.nextInt(8) == 0 ? "lost" + r.nextInt(5) : "e" + r.nextInt(i + 1);
                if (player.startsWith("gone")) danglingPlayers++;
                if (other.startsWith("lost")) danglingPlayers++;
                items.add(relation("r" + i, "friendship", "friend:" + player + "," + other));
            }
        }
        Verification v = verify(items);
        Map<ProblemKind, Long> counts = counts(v);
        assertThat(counts.getOrDefault(ProblemKind.DANGLING_OWNERSHIP, 0L)).isEqualTo(dangling);
        assertThat(counts.getOrDefault(ProblemKind.OWNED_NOT_ATTRIBUTE, 0L)).isEqualTo(notAttribute);
        assertThat(counts.getOrDefault(ProblemKind.DANGLING_ROLE_PLAYER, 0L)).isEqualTo(danglingPlayers);
        assertThat(counts).doesNotContainKeys(ProblemKind.DUPLICATE_ID, ProblemKind.DAMAGED);
    }

    /** A dangling reference repeated many times in a row is counted as often as it occurs, and a visitor still sees each item once. */
    @Test
    void aRepeatedDanglingReferenceIsCountedEachTimeAndTheVisitorSeesEachItemOnce() throws IOException {
        List<Item> items = new ArrayList<>(smallBackup());
        for (int i = 0; i < 300; i++) items.add(entity("copy" + i, "person", "A-gone", "A-gone"));
        for (int i = 0; i < 70; i++) items.add(relation("rel" + i, "friendship", "friend:E-gone,E-gone"));
        Path file = Files.createTempFile(dir, "v", ".grakn");
        Files.write(file, encode(items));
        List<Long> seen = new ArrayList<>();
        Verification v = Verification.of(file, "v.grakn", ProgressListener.NONE, dir, s -> seen.add(s.itemIndex()), s -> seen.add(s.itemIndex()), null);
        assertThat(seen).hasSize(items.size()).doesNotHaveDuplicates();
        assertThat(counts(v)).containsEntry(ProblemKind.DANGLING_OWNERSHIP, 600L).containsEntry(ProblemKind.DANGLING_ROLE_PLAYER, 140L);
        assertThat(v.toText()).isEqualTo(verify(items).toText());
    }

    @Test
    void findsHeaderAndChecksumProblems() throws IOException {
        List<Item> items = new ArrayList<>(smallBackup());
        items.remove(0);
        items.add(2, header("1.8.4", "a"));
        items.add(4, header("1.8.4", "b"));
        items.set(items.size() - 1, checksums(3, 3, 1, 5, 2));
        items.add(checksums(3, 3, 1, 5, 2));
        Map<ProblemKind, Long> c = counts(verify(items));
        assertThat(c).containsOnlyKeys(ProblemKind.HEADER_NOT_FIRST, ProblemKind.HEADER_REPEATED, ProblemKind.CHECKSUMS_REPEATED,
                ProblemKind.CHECKSUM_MISMATCH_ENTITY, ProblemKind.CHECKSUM_MISMATCH_RELATION,
                ProblemKind.CHECKSUM_MISMATCH_ROLE, ProblemKind.CHECKSUM_MISMATCH_OWNERSHIP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"entity", "attribute", "relation", "role", "ownership"})
    void eachChecksumIsCompared(String which) throws IOException {
        List<Item> items = new ArrayList<>(smallBackup());
        long[] n = {2, 3, 2, 4, 3};
        int index = List.of("entity", "attribute", "relation", "role", "ownership").indexOf(which);
        n[index]++;
        items.set(items.size() - 1, checksums(n[0], n[1], n[2], n[3], n[4]));
        Verification v = verify(items);
        assertThat(counts(v)).extracting(m -> m.keySet().stream().map(ProblemKind::code).toList()).isEqualTo(List.of("checksum-mismatch-" + which));
        assertThat(v.summary().checksumsMatch()).isFalse();
    }

    @Test
    void findsMissingPiecesAndImplicitRelations() throws IOException {
        List<Item> items = new ArrayList<>();
        items.add(entity("E1", "person", "A1"));
        items.add(attribute("A1", "name", (ValueObject) null));
        items.add(attribute("A2", "name", ValueObject.getDefaultInstance()));
        items.add(entity("", "person"));
        items.add(entity("E2", ""));
        items.add(relation("R1", "@has-name", "@has-name-owner:E1", "@has-name-value:A2"));
        Map<ProblemKind, Long> c = counts(verify(items));
        assertThat(c).containsEntry(ProblemKind.HEADER_MISSING, 1L)
                .containsEntry(ProblemKind.CHECKSUMS_MISSING, 1L)
                .containsEntry(ProblemKind.ATTRIBUTE_WITHOUT_VALUE, 2L)
                .containsEntry(ProblemKind.MISSING_ID, 1L)
                .containsEntry(ProblemKind.MISSING_LABEL, 1L)
                .containsEntry(ProblemKind.IMPLICIT_RELATION_LABEL, 3L)
                .doesNotContainKey(ProblemKind.DANGLING_ROLE_PLAYER);
    }

    /** Spilling sorted runs to disk must give exactly the in-memory answer. */
    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void spillingToDiskGivesTheSameAnswer(long seed) throws IOException {
        List<Item> items = new ArrayList<>(randomBackup(seed, 6000));
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < 40; i++) items.add(items.get(1 + random.nextInt(items.size() - 1)));      // duplicates
        for (int i = 0; i < 30; i++) items.add(entity("X" + i, "person", "missing" + random.nextInt(10)));
        for (int i = 0; i < 30; i++) items.add(relation("Y" + i, "rel", "r:gone" + i));
        Verification inMemory = verify(items);
        Verification spilled = verify(items, 1000);
        assertThat(spilled.problems()).isEqualTo(inMemory.problems());
        assertThat(counts(spilled)).containsEntry(ProblemKind.DANGLING_OWNERSHIP, 30L)
                .containsEntry(ProblemKind.DANGLING_ROLE_PLAYER, 30L);
        long distinctDuplicated = items.stream().filter(Item::hasEntity).map(i -> i.getEntity().getId())
                .collect(Collectors.groupingBy(x -> x, Collectors.counting())).values().stream().filter(n -> n > 1).count()
                + items.stream().filter(Item::hasAttribute).map(i -> i.getAttribute().getId())
                .collect(Collectors.groupingBy(x -> x, Collectors.counting())).values().stream().filter(n -> n > 1).count()
                + items.stream().filter(Item::hasRelation).map(i -> i.getRelation().getId())
                .collect(Collectors.groupingBy(x -> x, Collectors.counting())).values().stream().filter(n -> n > 1).count();
        assertThat(counts(spilled).getOrDefault(ProblemKind.DUPLICATE_ID, 0L)).isEqualTo(distinctDuplicated);
    }

    @Test
    void aStreamIsVerifiedThroughATemporaryCopy() throws IOException {
        List<Item> items = new ArrayList<>(smallBackup());
        items.add(1, entity("E1", "person"));
        Verification v = Verification.of(new ByteArrayInputStream(encode(items)), "<stdin>", ProgressListener.NONE, dir);
        assertThat(counts(v)).containsOnlyKeys(ProblemKind.DUPLICATE_ID, ProblemKind.CHECKSUM_MISMATCH_ENTITY);
        assertThat(v.summary().file()).isEqualTo("<stdin>");
        try (var s = Files.list(dir)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void theRealExportVerifiesClean() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(SIMULATION), "../shared not found: skipping");
        Verification v = Verification.of(SIMULATION, "simulation.grakn", ProgressListener.NONE, dir);
        assertThat(v.problems()).isEmpty();
        Summary s = v.summary();
        assertThat(s.counts()).isEqualTo(new Counts(6720, 15517, 8319, 17338, 28492));
        assertThat(s.checksumsMatch()).isTrue();
        assertThat(s.items()).isEqualTo(30558);
        assertThat(s.header().getGraknVersion()).isEqualTo("1.7.3");
        assertThat(s.header().getOriginalDatabase()).isEqualTo("grakn");
        Map<ValueKind, Long> kinds = new java.util.EnumMap<>(ValueKind.class);
        for (Summary.Label l : s.labels()) {
            if (l.kind() == ItemKind.ATTRIBUTE) {
                assertThat(l.valueKinds()).hasSize(1);
                kinds.merge(l.valueKinds().iterator().next(), l.count(), Long::sum);
            }
        }
        assertThat(kinds).containsEntry(ValueKind.STRING, 10957L).containsEntry(ValueKind.LONG, 2753L)
                .containsEntry(ValueKind.DOUBLE, 1800L).containsEntry(ValueKind.DATETIME, 7L);
    }
}
