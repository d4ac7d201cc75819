package io.graknmigrate.format;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Reads the items of an uncompressed file on two threads, one half each, for a scan whose outcome
 * can be put together from two stretches of the file (counts, problems, fingerprints).
 *
 * <p>The caller's scanner reads from the start. A second thread opens the file again, steps over
 * the first half's length prefixes without reading the items (a fraction of the time the scan
 * takes) to the first item that starts at or after the middle, and reads from there to the end.
 * The first thread stops exactly there, having checked that both walks agree on the place. Item
 * indexes and offsets are the file's own on both threads. Damage in the first half ends the
 * reading there, as in one pass; if the second thread finds the first half damaged, the first
 * thread reads on alone.
 */
final class FileHalves {

    /** Files from this size on are worth two threads; below it the second thread's start costs more than it saves. */
    static final long DEFAULT_FROM = 16 << 20;

    private static final int UNCLAIMED = 0;
    private static final int SECOND_THREAD = 1;
    private static final int FIRST_THREAD = 2;

    private FileHalves() { }

    /** How the reading ended. */
    static final class Outcome {
        /**
         * Whether the second stretch holds the items after the first's; if not, the first holds them
         * all, or all up to its damage.
         */
        boolean split;
        /** What stopped the first stretch, or null. The second stretch then does not count. */
        GraknFormatException firstDamage;
        /** What stopped the second stretch, or null. */
        GraknFormatException secondDamage;
        long firstUnknownItems;
        long secondUnknownItems;

        /** What stopped the reading, or null when the file was read to its end. */
        GraknFormatException damage() {
            return split ? secondDamage : firstDamage;
        }

        /** Items of unknown kind in the stretches that count. */
        long unknownItems() {
            return firstUnknownItems + (split ? secondUnknownItems : 0);
        }
    }

    /**
     * Whether {@code s}'s file is read in two halves: uncompressed, of {@code from} bytes or more, and
     * a JVM with more than one processor, where the second thread's walk is not pure cost; a
     * {@code from} of 0 always splits (for tests).
     */
    static boolean worthIt(ItemScanner s, long from) {
        return s.compression() == Compression.NONE && s.size() >= from
                && (from == 0 || Runtime.getRuntime().availableProcessors() > 1);
    }

    /**
     * Reads the rest of {@code s} (just opened on {@code path}): its first half shown to {@code first}
     * on this thread, the second half to {@code second} on another thread, each item once and in
     * order. The two consumers must not share state. {@code progress} gets updates of both halves'
     * bytes together; the caller starts and finishes its phase.
     *
     * @param hashIds whether the second thread's scanner takes the ids' hashes ({@link ItemScanner#hashIds()})
     */
    static Outcome read(ItemScanner s, Path path, boolean hashIds, Consumer<ItemScanner> first,
                        Consumer<ItemScanner> second, ProgressListener progress) {
        return read(s, path, hashIds, first, second, progress, null);
    }

    /**
     * As {@link #read(ItemScanner, Path, boolean, Consumer, Consumer, ProgressListener)}, with the
     * second thread held back until {@code secondWhen} opens (null: at once), for a caller that
     * wants the second core only sometimes. If the first thread reaches the middle before that, it
     * reads on to the end alone and the second thread reads nothing.
     */
    static Outcome read(ItemScanner s, Path path, boolean hashIds, Consumer<ItemScanner> first,
                        Consumer<ItemScanner> second, ProgressListener progress, CountDownLatch secondWhen) {
        String name = s.displayName();
        long middle = s.size() / 2;
        Outcome outcome = new Outcome();
        CompletableFuture<Long> secondStart = new CompletableFuture<>();
        AtomicLong secondPosition = new AtomicLong();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        // Who reads the second half: claimed once, by the second thread or by the first reaching the middle.
        AtomicInteger claim = new AtomicInteger(secondWhen == null ? SECOND_THREAD : UNCLAIMED);
        Thread other = new Thread(() -> {
            if (secondWhen != null) {
                try {
                    secondWhen.await();
                } catch (InterruptedException e) {
                    return; // the first thread read on alone, or the reading ended
                }
                if (!claim.compareAndSet(UNCLAIMED, SECOND_THREAD)) return;
            }
            try (ItemScanner t = hashIds ? ItemScanner.open(path, name).hashIds() : ItemScanner.open(path, name)) {
                long start;
                try {
                    start = t.skipTo(middle);
                } catch (GraknFormatException e) {
                    secondStart.complete(-1L); // the first half is damaged: the first thread finds it itself
                    return;
                }
                secondStart.complete(start);
                try {
                    while (t.next()) {
                        second.accept(t);
                        if ((t.itemIndex() & 8191) == 0) secondPosition.set(t.position() - start);
                    }
                } catch (GraknFormatException e) {
                    outcome.secondDamage = e;
                }
                outcome.secondUnknownItems = t.unknownItems();
            } catch (Throwable e) {
                failed.set(e);
                secondStart.complete(-1L);
            }
        }, "scan-second-half");
        other.setDaemon(true);
        other.start();
        boolean firstDone = false;
        boolean placed = false;
        boolean alone = false;
        try {
            try {
                while (s.next()) {
                    first.accept(s);
                    if ((s.itemIndex() & 8191) == 0) progress.update(s.position() + secondPosition.get());
                    if (!placed && s.offset() >= middle) {
                        placed = true;
                        if (claim.compareAndSet(UNCLAIMED, FIRST_THREAD)) {
                            other.interrupt(); // it is waiting to start, and need not
                            alone = true;
                            continue;
                        }
                        long start = awaitStart(secondStart, name);
                        if (start == s.offset()) break;
                        if (start >= 0) {
                            throw new IllegalStateException("the two halves of " + name + " disagree on where item "
                                    + (s.itemIndex() + 1) + " starts (" + s.offset() + " or " + start + ")");
                        }
                        alone = true; // no second half: this thread reads on to the end
                    }
                }
            } catch (GraknFormatException e) {
                outcome.firstDamage = e;
            }
            outcome.firstUnknownItems = s.unknownItems();
            firstDone = true;
        } finally {
            boolean interrupted = false;
            if (!firstDone || outcome.firstDamage != null) other.interrupt();
            while (other.isAlive()) {
                try {
                    other.join(200);
                    progress.update(s.position() + secondPosition.get());
                } catch (InterruptedException e) {
                    interrupted = true; // the other thread feeds the caller's state: it must end before that is used
                    other.interrupt();
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
        // without a second half this thread read the whole file, whatever happened to the other one
        if (outcome.firstDamage != null || alone) return outcome;
        Throwable f = failed.get();
        if (f instanceof RuntimeException r) throw r;
        if (f instanceof Error e) throw e;
        if (f != null) throw new IllegalStateException(f);
        outcome.split = true;
        return outcome;
    }

    private static long awaitStart(CompletableFuture<Long> start, String name) {
        try {
            return start.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("reading " + name + " was interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
