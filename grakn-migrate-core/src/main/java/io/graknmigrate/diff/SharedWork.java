package io.graknmigrate.diff;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Work of one side that the other side's thread, once done with its own side, takes a share of. The
 * sides are read on a thread each, and the larger one finishes later while the other core idles:
 * its work that splits into independent pieces (the halves of the id merge, the last chunk of each
 * id sort) is offered here, and each piece runs exactly once, on whichever thread claims it first.
 *
 * <p>The owner calls {@link #run} for its pieces and {@link #end()} when its side is done (also when
 * it failed); the other thread calls {@link #help()}, which runs offered pieces until then. Nobody
 * has to help: unclaimed pieces run on the owner's thread.
 */
final class SharedWork {

    private static final Piece END = new Piece(null);

    private final BlockingQueue<Piece> offered = new LinkedBlockingQueue<>();

    /** Work nobody helps with: every piece runs on the caller's thread. */
    static SharedWork alone() {
        return new SharedWork();
    }

    /**
     * Runs every piece once, the first on this thread and the others on this one or a helper's,
     * and returns when all have run; the first failure is rethrown (after every claimed piece has
     * ended, so none still writes into files the caller is about to close).
     */
    void run(Runnable... pieces) {
        Piece[] shared = new Piece[pieces.length];
        for (int i = 1; i < pieces.length; i++) {
            shared[i] = new Piece(pieces[i]);
            offered.add(shared[i]);
        }
        Throwable failure = null;
        try {
            pieces[0].run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (int i = 1; i < pieces.length; i++) {
            // after a failure the pieces nobody took are dropped, not run
            if (failure == null) shared[i].runIfUnclaimed();
            else if (shared[i].claim()) shared[i].done.countDown();
        }
        for (int i = 1; i < pieces.length; i++) {
            shared[i].await();
            if (failure == null) failure = shared[i].failure;
        }
        if (failure instanceof RuntimeException r) throw r;
        if (failure instanceof Error e) throw e;
    }

    /** The owner's side is done: a thread in {@link #help()} returns. */
    void end() {
        offered.add(END);
    }

    /** Runs the pieces offered until the owner calls {@link #end()}. */
    void help() {
        while (true) {
            Piece p;
            try {
                p = offered.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw GraphDiff.cancelled(null);
            }
            if (p == END) return;
            p.runIfUnclaimed();
        }
    }

    private static final class Piece {
        private final Runnable work;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile Throwable failure;

        Piece(Runnable work) {
            this.work = work;
        }

        boolean claim() {
            return claimed.compareAndSet(false, true);
        }

        void runIfUnclaimed() {
            if (!claim()) return;
            try {
                work.run();
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                done.countDown();
            }
        }

        /** Waits for the piece, uninterruptibly: it is short, and it may write into files the waiter will close. */
        void await() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
