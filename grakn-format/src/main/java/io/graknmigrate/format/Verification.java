package io.graknmigrate.format;

import io.graknmigrate.format.proto.Item;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Checks a {@code .grakn} file: its {@link Summary} plus the problems below (see docs/format.md).
 *
 * <p>Memory stays bounded for files of any size. Ids are reduced to 61-bit fingerprints that are
 * partitioned on their top bits via a temporary file ({@link LongPartitions}) together with the
 * fingerprints of every reference; each partition, sorted in cache, then shows ids defined twice and
 * references to ids that are not defined. A reference whose fingerprint no item has is certainly
 * dangling. Ids that share a fingerprint are only candidate
 * duplicates: a second pass over the file compares them with an independent fingerprint, so a
 * collision is never reported as a duplicate. (The reverse, a dangling reference hidden by a
 * colliding id, has a probability around n²/2⁶² — 2·10⁻⁵ for 10 million ids.)
 *
 * <p>References repeat: things next to each other in an export own the same attributes and play in
 * relations with the same players. A pass holds its latest references back in a small cache and
 * writes a run of one reference as one record marked "repeated", which is all it takes to tell
 * whether the reference dangles; in real exports that leaves 40% fewer reference records to write
 * and sort. Only the number of dangling references is then not known exactly: when a dangling
 * reference was repeated, the file is verified once more with every reference written as its own
 * record, so the counts reported are always exact.
 *
 * <p>An uncompressed file of {@value FileHalves#DEFAULT_FROM} bytes or more is read on two threads, one
 * half each (when the JVM has more than one processor, {@link FileHalves}), and what they found
 * is combined in file order: the report is the one a single pass gives, item indexes and examples
 * included. (A compressed file can only be read from its start.)
 *
 * <p>Why this is a duplicate and dangling id check of its own, next to the import's (in the keyspace
 * store): verifying writes nothing and needs no store, and this module has no SQLite; fingerprints
 * sorted in temp files are all it takes to answer yes or no and name examples. The import instead
 * must map every original id to the store id it got, and does so in its own transaction anyway.
 */
public final class Verification {

    /** One kind of problem: how often it occurs and a few examples. */
    public record Problem(ProblemKind kind, long count, List<String> examples) {
        public String description() { return kind.description(); }
    }

    static final int MAX_EXAMPLES = 5;
    static final int DEFAULT_CHUNK = 4 << 20;
    /** Shows nothing. */
    private static final Consumer<ItemScanner> NO_VISITOR = s -> { };
    private static final int MAX_DUPLICATE_CANDIDATES = 4 << 20;
    private static final int MAX_CANDIDATE_OCCURRENCES = 8 << 20;

    private static final int ATTRIBUTE_DEF = 0;
    private static final int OTHER_DEF = 1;
    private static final int OWNED_REF = 2;
    private static final int PLAYER_REF = 3;
    /**
     * Set on a reference's tag when the reference stands for two or more of them: a pass keeps its
     * latest references in a small cache and writes a run of one again and again (a thing's
     * attributes shared by its neighbours in the file, players of many relations) as one record.
     */
    private static final int REPEATED = 4;
    private static final int TAG_BITS = 3;
    /** Recent references a pass holds back (32 KiB): in real exports 40% of the references repeat one of them. */
    private static final int RECENT_REFERENCES = 4096;

    private final Summary summary;
    private final List<Problem> problems;

    private Verification(Summary summary, List<Problem> problems) {
        this.summary = summary;
        this.problems = List.copyOf(problems);
    }

    public Summary summary() { return summary; }

    public List<Problem> problems() { return problems; }

    public boolean ok() { return problems.isEmpty(); }

    /**
     * This verification with one more problem found by a check outside the file itself (such as
     * {@link ProblemKind#SCHEMA_MISMATCH}); at most {@value #MAX_EXAMPLES} of the examples are kept.
     */
    public Verification withProblem(ProblemKind kind, long count, List<String> examples) {
        List<Problem> all = new ArrayList<>(problems);
        all.add(new Problem(kind, count, List.copyOf(examples.subList(0, Math.min(MAX_EXAMPLES, examples.size())))));
        return new Verification(summary, all);
    }

    public static Verification of(Path path) {
        return of(path, path.toString(), ProgressListener.NONE, defaultTempDir());
    }

    public static Verification of(Path path, String displayName, ProgressListener progress, Path tempDir) {
        return run(path, displayName, progress, tempDir, DEFAULT_CHUNK, FileHalves.DEFAULT_FROM, NO_VISITOR, NO_VISITOR, null);
    }

    /**
     * As {@link #of(Path, String, ProgressListener, Path)}, and shows every item of the first pass to
     * a visitor as well (right after the verification looked at it), so a caller can check more in
     * the same read of the file: the import's schema checks do. A file read in two halves on two
     * threads shows its first half to {@code first} and its second half to {@code second}, each in
     * order; else {@code first} sees every item. The two visitors run at once and must not share
     * state; they must not advance the scanner; an exception one throws ends the verification and is
     * thrown from here.
     *
     * @param secondWhen the second half's thread starts once this opens (null: at once), for a caller
     *                   that wants the second core only sometimes; if the first thread reaches the
     *                   middle before, it reads on alone and {@code first} sees every item
     */
    public static Verification of(Path path, String displayName, ProgressListener progress, Path tempDir,
                                  Consumer<ItemScanner> first, Consumer<ItemScanner> second, CountDownLatch secondWhen) {
        return run(path, displayName, progress, tempDir, DEFAULT_CHUNK, FileHalves.DEFAULT_FROM, first, second, secondWhen);
    }

    /** Verifies a stream (stdin): it is first copied to a temporary file, because verifying takes two passes. */
    public static Verification of(InputStream in, String displayName, ProgressListener progress, Path tempDir) {
        Path copy = null;
        try {
            copy = Files.createTempFile(tempDir, "grakn-verify-", ".input");
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return run(copy, displayName, progress, tempDir, DEFAULT_CHUNK, FileHalves.DEFAULT_FROM, NO_VISITOR, NO_VISITOR, null);
        } catch (IOException e) {
            throw FrameReader.wrap(displayName + ": cannot copy the input to " + tempDir + " (" + e.getMessage() + ")", e);
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // temp clean-up is best effort
                }
            }
        }
    }

    static Path defaultTempDir() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    static Verification run(Path path, String name, ProgressListener progress, Path tempDir, int chunk) {
        return run(path, name, progress, tempDir, chunk, FileHalves.DEFAULT_FROM, NO_VISITOR, NO_VISITOR, null);
    }

    /**
     * As {@link #run(Path, String, ProgressListener, Path, int)}, read in two halves from {@code
     * splitFrom} bytes on when the JVM has more than one processor; 0 always splits (for tests).
     */
    static Verification run(Path path, String name, ProgressListener progress, Path tempDir, int chunk, long splitFrom) {
        return run(path, name, progress, tempDir, chunk, splitFrom, NO_VISITOR, NO_VISITOR, null);
    }

    /**
     * As {@link #of(Path, String, ProgressListener, Path, Consumer, Consumer, CountDownLatch)}, split as
     * {@link #run(Path, String, ProgressListener, Path, int, long)}.
     */
    static Verification run(Path path, String name, ProgressListener progress, Path tempDir, int chunk,
                            long splitFrom, Consumer<ItemScanner> first, Consumer<ItemScanner> second, CountDownLatch secondWhen) {
        Run run = new Run(path, name, progress, tempDir, chunk, splitFrom, first, second, secondWhen, true);
        Verification collapsed = run.verify();
        if (!run.countsAreLowerBounds) return collapsed;
        // Some dangling references repeated within the passes' caches, so their counts are at
        // least what was found: verify again writing each reference as a record, for exact counts.
        // The visitors have seen every item already.
        return new Run(path, name, progress, tempDir, chunk, splitFrom, NO_VISITOR, NO_VISITOR, null, false).verify();
    }

    private static final class Examples {
        long count;
        final List<String> examples = new ArrayList<>();

        void add(String example) {
            count++;
            if (examples.size() < MAX_EXAMPLES) examples.add(example);
        }

        /** Counts without an example, for an occurrence past the ones shown. */
        void addCount() {
            count++;
        }

        /** Adds what a later stretch of the file found: its count, and its examples while there is room. */
        void addAll(Examples later) {
            count += later.count;
            for (String e : later.examples) if (examples.size() < MAX_EXAMPLES) examples.add(e);
        }
    }

    /**
     * What the first pass found in one stretch of the file: the whole file, or one of its two halves
     * when they are read on two threads. Header and checksums items are only counted and their places
     * kept here: whether one is misplaced or repeated depends on what came before, so
     * {@link #judgePlacement} judges them once the stretches before are known.
     */
    private static final class Pass {
        final Map<ProblemKind, Examples> found = new EnumMap<>(ProblemKind.class);
        final Summary.Collector collector = new Summary.Collector();
        final LongPartitions.Writer records;
        /** Where the first headers and checksums items are (enough for every example shown). */
        final long[] headerItems = new long[MAX_EXAMPLES + 1];
        final long[] checksumsItemsAt = new long[MAX_EXAMPLES + 1];

        /** The references held back, by their fingerprints' low bits; 0 (no reference's record) for none. */
        private final long[] recent;

        /** Writes {@code records}; with {@code collapseRepeats}, a run of one reference as one record. */
        Pass(LongPartitions.Writer records, boolean collapseRepeats) {
            this.records = records;
            this.recent = collapseRepeats ? new long[RECENT_REFERENCES] : null;
        }

        private void reference(long record) {
            long[] recent = this.recent;
            if (recent == null) {
                records.add(record);
                return;
            }
            int i = (int) (record >>> TAG_BITS) & (RECENT_REFERENCES - 1);
            long held = recent[i];
            if ((held & ~(long) REPEATED) == record) {
                recent[i] = held | REPEATED;
                return;
            }
            if (held != 0) records.add(held);
            recent[i] = record;
        }

        /** Writes the references still held back; the pass is over. */
        void finish() {
            if (recent == null) return;
            for (int i = 0; i < recent.length; i++) {
                if (recent[i] != 0) records.add(recent[i]);
                recent[i] = 0;
            }
        }

        Examples problem(ProblemKind kind) {
            return found.computeIfAbsent(kind, k -> new Examples());
        }

        /** Looks at the current item of {@code s}: counts it and records its fingerprints and problems. */
        void accept(ItemScanner s) {
            collector.accept(s);
            ItemKind kind = s.kind();
            if (kind == ItemKind.HEADER) {
                keep(headerItems, collector.headers, s.itemIndex());
                return;
            }
            if (kind == ItemKind.CHECKSUMS) {
                keep(checksumsItemsAt, collector.checksumsItems, s.itemIndex());
                return;
            }
            if (!kind.isThing()) return;
            Slice id = s.id();
            if (id.isEmpty()) problem(ProblemKind.MISSING_ID).add(where(s));
            else records.add(record(s.idHash(), kind == ItemKind.ATTRIBUTE ? ATTRIBUTE_DEF : OTHER_DEF));
            if (s.label().isEmpty()) problem(ProblemKind.MISSING_LABEL).add(where(s));
            else if (implicit(s.label())) problem(ProblemKind.IMPLICIT_RELATION_LABEL).add(s.label() + " at " + where(s));
            if (kind == ItemKind.ATTRIBUTE && s.valueKind() == ValueKind.NONE) problem(ProblemKind.ATTRIBUTE_WITHOUT_VALUE).add(where(s));
            for (int i = 0, n = s.ownedCount(); i < n; i++) reference(record(s.ownedHash(i), OWNED_REF));
            if (kind == ItemKind.RELATION) {
                for (int r = 0, roles = s.roleCount(); r < roles; r++) {
                    Slice role = s.roleLabel(r);
                    if (implicit(role)) problem(ProblemKind.IMPLICIT_RELATION_LABEL).add("role " + role + " at " + where(s));
                }
                for (int i = 0, n = s.playerCount(); i < n; i++) reference(record(s.playerHash(i), PLAYER_REF));
            }
        }

        private static void keep(long[] positions, long nth, long itemIndex) {
            if (nth <= positions.length) positions[(int) nth - 1] = itemIndex;
        }

        /**
         * Judges this pass's header and checksums items into {@code into}'s problems, as the ones that
         * come after {@code headersBefore} headers and {@code checksumsBefore} checksums items of the
         * file: the first header must be item 0, and a second of either is repeated.
         */
        void judgePlacement(long headersBefore, long checksumsBefore, Pass into) {
            for (long k = 0; k < collector.headers; k++) {
                boolean kept = k < headerItems.length;
                long at = kept ? headerItems[(int) k] : -1;
                if (headersBefore + k == 0) {
                    if (at != 0) into.problem(ProblemKind.HEADER_NOT_FIRST).add("header at item " + at);
                } else if (kept) {
                    into.problem(ProblemKind.HEADER_REPEATED).add("another header at item " + at);
                } else {
                    into.problem(ProblemKind.HEADER_REPEATED).addCount();
                }
            }
            for (long k = checksumsBefore == 0 ? 1 : 0; k < collector.checksumsItems; k++) {
                if (k < checksumsItemsAt.length) {
                    into.problem(ProblemKind.CHECKSUMS_REPEATED).add("another checksums item at item " + checksumsItemsAt[(int) k]);
                } else {
                    into.problem(ProblemKind.CHECKSUMS_REPEATED).addCount();
                }
            }
        }

        /**
         * Adds what this pass, over the stretch right after {@code earlier}'s, found to {@code earlier}
         * (whose own placement is judged): the outcome is that of one pass over both stretches in order.
         */
        void appendTo(Pass earlier) {
            judgePlacement(earlier.collector.headers, earlier.collector.checksumsItems, earlier);
            for (Map.Entry<ProblemKind, Examples> e : found.entrySet()) earlier.problem(e.getKey()).addAll(e.getValue());
            earlier.collector.append(collector);
        }
    }

    private static String where(ItemScanner s) {
        String label = s.label().toString();
        String id = s.id().toString();
        return "item " + s.itemIndex() + " (" + s.kind().label() + (label.isEmpty() ? "" : " " + label)
                + (id.isEmpty() ? "" : ", id " + id) + ")";
    }

    private static boolean implicit(Slice label) {
        // the first byte rules out nearly every label before any text is compared
        return label.length > 0 && label.bytes[label.offset] == '@' && (label.startsWith("@has-") || label.startsWith("@key-"));
    }

    /** An id's fingerprint: its {@link Slice#hash64()} without the low bits, where a record has its tag. */
    private static long fingerprint(long idHash) {
        return idHash >>> TAG_BITS;
    }

    /** A fingerprint record: the id's {@link #fingerprint} above the tag. */
    private static long record(long idHash, int tag) {
        return fingerprint(idHash) << TAG_BITS | tag;
    }

    private static final class Run {
        final Path path;
        final String name;
        final ProgressListener progress;
        final Path tempDir;
        final int chunk;
        final long splitFrom;
        LongPartitions fingerprints;
        /** What the caller sees of the first half (or the whole file) and of the second half. */
        final Consumer<ItemScanner> firstVisitor;
        final Consumer<ItemScanner> secondVisitor;
        /** What the second half's thread waits for, or null. */
        final CountDownLatch secondWhen;
        /** Whether the passes write a run of one reference as one record ({@link Pass#Pass}). */
        final boolean collapseRepeats;
        /** Whether a problem's count may be short, because records of repeated references were taken as two. */
        boolean countsAreLowerBounds;
        /** The whole file's pass, once the halves (if any) are combined into it. */
        Pass main;

        long[] dupCandidates = new long[16];
        int dupCount;
        long unconfirmedDuplicates;
        long[] danglingOwnedExamples = new long[0];
        long[] nonAttributeExamples = new long[0];
        long[] danglingPlayerExamples = new long[0];
        long danglingOwned;
        long nonAttribute;
        long danglingPlayers;

        Run(Path path, String name, ProgressListener progress, Path tempDir, int chunk, long splitFrom,
            Consumer<ItemScanner> firstVisitor, Consumer<ItemScanner> secondVisitor, CountDownLatch secondWhen,
            boolean collapseRepeats) {
            this.firstVisitor = firstVisitor;
            this.secondWhen = secondWhen;
            this.secondVisitor = secondVisitor;
            this.collapseRepeats = collapseRepeats;
            this.path = path;
            this.name = name;
            this.progress = progress;
            this.tempDir = tempDir;
            this.chunk = chunk;
            this.splitFrom = splitFrom;
        }

        Examples problem(ProblemKind kind) {
            return main.problem(kind);
        }

        /** The verification; null when {@link #countsAreLowerBounds} (with collapsed repeats only). */
        Verification verify() {
            try (ItemScanner s = ItemScanner.open(path, name).hashIds();
                 LongPartitions fps = LongPartitions.forExpected(tempDir, expectedFingerprints(s), chunk)) {
                fingerprints = fps;
                return verify(s);
            }
        }

        /** About how many fingerprints the file holds, from its size (for the number of partitions). */
        private static long expectedFingerprints(ItemScanner s) {
            long size = Math.max(0, s.size());
            return s.compression() == Compression.NONE ? size / 16 : size / 4;
        }

        private Verification verify(ItemScanner s) {
            progress.start("verify", s.size(), "bytes");
            main = new Pass(fingerprints.writer(), collapseRepeats);
            GraknFormatException damage = null;
            long unknownItems;
            Pass second = null;
            if (FileHalves.worthIt(s, splitFrom)) {
                Pass other = new Pass(fingerprints.writer(), collapseRepeats);
                Consumer<ItemScanner> firstHalf = firstVisitor == NO_VISITOR ? main::accept : t -> {
                    main.accept(t);
                    firstVisitor.accept(t);
                };
                Consumer<ItemScanner> secondHalf = secondVisitor == NO_VISITOR ? other::accept : t -> {
                    other.accept(t);
                    secondVisitor.accept(t);
                };
                FileHalves.Outcome o = FileHalves.read(s, path, true, firstHalf, secondHalf, progress, secondWhen);
                other.finish();
                if (o.split) second = other;
                damage = o.damage();
                unknownItems = o.unknownItems();
            } else {
                try {
                    while (s.next()) {
                        main.accept(s);
                        firstVisitor.accept(s);
                        if ((s.itemIndex() & 8191) == 0) progress.update(s.position());
                    }
                } catch (GraknFormatException e) {
                    damage = e;
                }
                unknownItems = s.unknownItems();
            }
            main.finish();
            main.judgePlacement(0, 0, main);
            if (second != null) second.appendTo(main);
            progress.update(s.size() >= 0 && damage == null ? s.size() : s.position());
            progress.finish();
            Summary summary = main.collector.summary(s, unknownItems);
            if (damage != null) {
                // References to the lost rest would all look dangling: report the damage and what came before it.
                problem(ProblemKind.DAMAGED).add(damage.getMessage());
                return new Verification(summary.withDamage(damage), found());
            }
            merge();
            if (countsAreLowerBounds) return null; // verified again, with exact counts
            if (dupCount > 0 || danglingOwnedExamples.length + nonAttributeExamples.length + danglingPlayerExamples.length > 0) {
                secondPass();
            }
            return new Verification(summary, problems(summary));
        }

        /**
         * Groups the fingerprints partition by partition: one group per distinct id (up to
         * collisions; a group never spans two partitions, which are ranges of fingerprints). The
         * lower and the upper half of the partitions are grouped on two threads, then combined in
         * order, so the outcome is that of one pass over all fingerprints in order.
         */
        private void merge() {
            int half = fingerprints.partitions() / 2;
            Groups low = new Groups();
            Groups high = new Groups();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread second = new Thread(() -> {
                try {
                    high.run(half, fingerprints.partitions());
                } catch (Throwable e) {
                    failed.set(e);
                }
            }, "verify-merge");
            second.setDaemon(true);
            second.start();
            boolean lowDone = false;
            try {
                low.run(0, half);
                lowDone = true;
            } finally {
                // the other half goes on unless this one failed or was cancelled
                if (!lowDone) high.stop = true;
                boolean interrupted = false;
                while (true) {
                    try {
                        second.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true; // the merge reads the partitions' file: it must end before it closes
                        high.stop = true;
                    }
                }
                if (interrupted) Thread.currentThread().interrupt();
            }
            if (failed.get() instanceof RuntimeException r) throw r;
            if (failed.get() instanceof Error e) throw e;
            if (failed.get() != null) throw new IllegalStateException(failed.get());
            if (high.cancelled) throw new CancellationException("verifying " + name + " was interrupted");
            List<Long> owned = new ArrayList<>();
            List<Long> nonAttr = new ArrayList<>();
            List<Long> players = new ArrayList<>();
            for (Groups g : new Groups[] {low, high}) {
                for (int i = 0; i < g.dupCount; i++) {
                    if (dupCount < MAX_DUPLICATE_CANDIDATES) {
                        if (dupCount == dupCandidates.length) dupCandidates = Arrays.copyOf(dupCandidates, dupCount * 2);
                        dupCandidates[dupCount++] = g.dupCandidates[i];
                    } else {
                        unconfirmedDuplicates++;
                    }
                }
                unconfirmedDuplicates += g.unconfirmedDuplicates;
                countsAreLowerBounds |= g.countsAreLowerBounds;
                danglingOwned += g.danglingOwned;
                nonAttribute += g.nonAttribute;
                danglingPlayers += g.danglingPlayers;
                for (long fp : g.owned) if (owned.size() < MAX_EXAMPLES) owned.add(fp);
                for (long fp : g.nonAttr) if (nonAttr.size() < MAX_EXAMPLES) nonAttr.add(fp);
                for (long fp : g.players) if (players.size() < MAX_EXAMPLES) players.add(fp);
            }
            danglingOwnedExamples = owned.stream().mapToLong(Long::longValue).toArray();
            nonAttributeExamples = nonAttr.stream().mapToLong(Long::longValue).toArray();
            danglingPlayerExamples = players.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(dupCandidates, 0, dupCount);
        }

        /** What grouping one range of the sorted fingerprints found. */
        private final class Groups {
            long[] dupCandidates = new long[16];
            int dupCount;
            long unconfirmedDuplicates;
            long danglingOwned;
            long nonAttribute;
            long danglingPlayers;
            final List<Long> owned = new ArrayList<>();
            final List<Long> nonAttr = new ArrayList<>();
            final List<Long> players = new ArrayList<>();
            volatile boolean stop;
            boolean cancelled;
            /** Whether a problem's count took a repeated reference's record as two references. */
            boolean countsAreLowerBounds;
            /** The fingerprint of the group being counted; {@code -1}, which no fingerprint is, before the first. */
            private long current = -1;
            private final long[] counts = new long[1 << TAG_BITS];
            private long seen;

            /** Groups partitions {@code [from, to)} in order. */
            void run(int from, int to) {
                LongPartitions.SortedSlices sink = this::take;
                LongPartitions.Reader reader = fingerprints.reader();
                for (int p = from; p < to; p++) {
                    checkCancelled();
                    reader.sorted(p, sink);
                }
                if (current != -1) group(current, counts);
            }

            private void checkCancelled() {
                if (stop || Thread.currentThread().isInterrupted()) {
                    cancelled = true;
                    throw new CancellationException("verifying " + name + " was interrupted");
                }
            }

            /**
             * Counts the next sorted records. A group may go on into the next slice, or the next
             * partition: equal fingerprints are never in two partitions, so that only delays it.
             */
            private void take(long[] sorted, int from, int to) {
                long[] counts = this.counts;
                long fp = current;
                for (int i = from; i < to; i++) {
                    long v = sorted[i];
                    long next = v >>> TAG_BITS;
                    if (next != fp) {
                        if (fp != -1) group(fp, counts);
                        fp = next;
                        Arrays.fill(counts, 0);
                    }
                    counts[(int) v & ((1 << TAG_BITS) - 1)]++;
                }
                current = fp;
                seen += to - from;
                if (seen >= 1 << 20) {
                    seen = 0;
                    checkCancelled();
                }
            }

            private void group(long fp, long[] counts) {
                long defs = counts[ATTRIBUTE_DEF] + counts[OTHER_DEF];
                if (defs > 1) {
                    if (dupCount < MAX_DUPLICATE_CANDIDATES) {
                        if (dupCount == dupCandidates.length) dupCandidates = Arrays.copyOf(dupCandidates, dupCount * 2);
                        dupCandidates[dupCount++] = fp;
                    } else {
                        unconfirmedDuplicates++;
                    }
                }
                // a record of a repeated reference stands for two or more: its count is then a lower bound
                long ownedRepeated = counts[OWNED_REF | REPEATED];
                long ownedRefs = counts[OWNED_REF] + 2 * ownedRepeated;
                if (ownedRefs > 0 && counts[ATTRIBUTE_DEF] == 0) {
                    if (ownedRepeated > 0) countsAreLowerBounds = true;
                    if (defs == 0) {
                        danglingOwned += ownedRefs;
                        if (owned.size() < MAX_EXAMPLES) owned.add(fp);
                    } else {
                        nonAttribute += ownedRefs;
                        if (nonAttr.size() < MAX_EXAMPLES) nonAttr.add(fp);
                    }
                }
                long playerRepeated = counts[PLAYER_REF | REPEATED];
                long playerRefs = counts[PLAYER_REF] + 2 * playerRepeated;
                if (playerRefs > 0 && defs == 0) {
                    if (playerRepeated > 0) countsAreLowerBounds = true;
                    danglingPlayers += playerRefs;
                    if (players.size() < MAX_EXAMPLES) players.add(fp);
                }
            }
        }

        private void secondPass() {
            long[] occurrences = new long[16];
            int occ = 0;
            boolean overflow = false;
            Map<Integer, StringBuilder> dupExamples = new LinkedHashMap<>();
            Map<Long, String> owned = new LinkedHashMap<>();
            Map<Long, String> nonAttr = new LinkedHashMap<>();
            Map<Long, String> players = new LinkedHashMap<>();
            try (ItemScanner s = ItemScanner.open(path, name)) {
                progress.start("verify (2nd pass)", s.size(), "bytes");
                while (s.next()) {
                    if ((s.itemIndex() & 8191) == 0) progress.update(s.position());
                    if (!s.kind().isThing()) continue;
                    Slice id = s.id();
                    if (dupCount > 0 && !id.isEmpty()) {
                        int idx = Arrays.binarySearch(dupCandidates, 0, dupCount, fingerprint(id.hash64()));
                        if (idx >= 0) {
                            if (occ < MAX_CANDIDATE_OCCURRENCES) {
                                if (occ == occurrences.length) occurrences = Arrays.copyOf(occurrences, occ * 2);
                                occurrences[occ++] = (long) idx << 40 | (id.hash64b() >>> 24);
                            } else {
                                overflow = true;
                            }
                            if (idx < 64) {
                                StringBuilder sb = dupExamples.get(idx);
                                if (sb == null) dupExamples.put(idx, new StringBuilder(id + " (items " + s.itemIndex()));
                                else if (sb.length() < 200) sb.append(", ").append(s.itemIndex());
                            }
                        }
                    }
                    for (int i = 0, n = s.ownedCount(); i < n; i++) {
                        Slice ref = s.owned(i);
                        long fp = fingerprint(ref.hash64());
                        if (contains(danglingOwnedExamples, fp) && !owned.containsKey(fp)) owned.put(fp, ref + " (owned by " + where(s) + ")");
                        if (contains(nonAttributeExamples, fp) && !nonAttr.containsKey(fp)) nonAttr.put(fp, ref + " (owned by " + where(s) + ")");
                    }
                    if (s.kind() == ItemKind.RELATION) {
                        for (int r = 0, roles = s.roleCount(); r < roles; r++) {
                            for (int i = 0, n = s.playerCount(r); i < n; i++) {
                                Slice ref = s.player(r, i);
                                long fp = fingerprint(ref.hash64());
                                if (contains(danglingPlayerExamples, fp) && !players.containsKey(fp)) {
                                    players.put(fp, ref + " (plays " + s.roleLabel(r) + " in " + where(s) + ")");
                                }
                            }
                        }
                    }
                }
                progress.update(s.position());
                progress.finish();
            }
            if (dupCount > 0) confirmDuplicates(occurrences, occ, overflow, dupExamples);
            Examples e;
            if (danglingOwned > 0) {
                e = problem(ProblemKind.DANGLING_OWNERSHIP);
                e.count = danglingOwned;
                e.examples.addAll(owned.values());
            }
            if (nonAttribute > 0) {
                e = problem(ProblemKind.OWNED_NOT_ATTRIBUTE);
                e.count = nonAttribute;
                e.examples.addAll(nonAttr.values());
            }
            if (danglingPlayers > 0) {
                e = problem(ProblemKind.DANGLING_ROLE_PLAYER);
                e.count = danglingPlayers;
                e.examples.addAll(players.values());
            }
        }

        private void confirmDuplicates(long[] occurrences, int occ, boolean overflow, Map<Integer, StringBuilder> examples) {
            long duplicates = unconfirmedDuplicates;
            List<String> shown = new ArrayList<>();
            if (overflow) {
                // Too many to confirm in memory; a 61-bit collision is far less likely than a real duplicate.
                duplicates += dupCount;
                for (StringBuilder sb : examples.values()) if (shown.size() < MAX_EXAMPLES) shown.add(sb + ")");
            } else {
                Arrays.sort(occurrences, 0, occ);
                int i = 0;
                while (i < occ) {
                    int j = i + 1;
                    while (j < occ && occurrences[j] == occurrences[i]) j++;
                    if (j - i > 1) {
                        duplicates++;
                        int idx = (int) (occurrences[i] >>> 40);
                        StringBuilder sb = examples.get(idx);
                        if (sb != null && shown.size() < MAX_EXAMPLES) shown.add(sb + ")");
                    }
                    i = j;
                }
            }
            if (duplicates > 0) {
                Examples e = problem(ProblemKind.DUPLICATE_ID);
                e.count = duplicates;
                e.examples.addAll(shown);
            }
        }

        private static boolean contains(long[] small, long v) {
            for (long x : small) if (x == v) return true;
            return false;
        }

        private List<Problem> problems(Summary summary) {
            if (summary.header() == null) problem(ProblemKind.HEADER_MISSING).add("no item is a header");
            Item.Checksums c = summary.checksums();
            if (c == null) {
                problem(ProblemKind.CHECKSUMS_MISSING).add("no item is a checksums item");
            } else {
                Counts n = summary.counts();
                mismatch(ProblemKind.CHECKSUM_MISMATCH_ENTITY, "entities", c.getEntityCount(), n.entities());
                mismatch(ProblemKind.CHECKSUM_MISMATCH_ATTRIBUTE, "attributes", c.getAttributeCount(), n.attributes());
                mismatch(ProblemKind.CHECKSUM_MISMATCH_RELATION, "relations", c.getRelationCount(), n.relations());
                mismatch(ProblemKind.CHECKSUM_MISMATCH_ROLE, "role players", c.getRoleCount(), n.rolePlayers());
                mismatch(ProblemKind.CHECKSUM_MISMATCH_OWNERSHIP, "ownerships", c.getOwnershipCount(), n.ownerships());
            }
            return found();
        }

        /** The problems found so far, in report order. */
        private List<Problem> found() {
            List<Problem> out = new ArrayList<>();
            for (ProblemKind kind : ProblemKind.values()) {
                Examples e = main.found.get(kind);
                if (e != null && e.count > 0) out.add(new Problem(kind, e.count, List.copyOf(e.examples)));
            }
            return out;
        }

        private void mismatch(ProblemKind kind, String what, long expected, long actual) {
            if (expected != actual) problem(kind).add("checksums say " + expected + " " + what + ", the file has " + actual);
        }
    }

    /** The JSON object of {@code verify --json}: the summary's fields plus {@code ok} and {@code problems}. */
    public String toJson() {
        Json json = new Json();
        json.begin();
        summary.writeJsonFields(json);
        json.field("ok").value(ok());
        json.field("problems").beginArray();
        for (Problem p : problems) {
            json.begin();
            json.field("kind").value(p.kind().code());
            json.field("count").value(p.count());
            json.field("description").value(p.description());
            json.field("examples").beginArray();
            for (String e : p.examples()) json.value(e);
            json.endArray();
            json.end();
        }
        json.endArray();
        json.end();
        return json.toString();
    }

    /** A readable report for people: the summary table, then each problem with examples. */
    public String toText() {
        StringBuilder sb = new StringBuilder(summary.toText());
        sb.append('\n');
        if (problems.isEmpty()) {
            sb.append("verify     OK: no problems found\n");
            return sb.toString();
        }
        sb.append("verify     ").append(problems.size()).append(problems.size() == 1 ? " kind of problem" : " kinds of problems").append(" found\n");
        for (Problem p : problems) {
            sb.append('\n').append(String.format("%-28s %10d  %s%n", p.kind().code(), p.count(), p.description()));
            for (String e : p.examples()) sb.append("    e.g. ").append(e).append('\n');
        }
        return sb.toString();
    }
}
