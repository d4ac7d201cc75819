package io.graknmigrate.diff;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Things {@code [0, things)} cut into pieces of {@link #SIZE} that threads take in turn, each piece
 * once: work on independent things (a round along out-edges, the exact check) shared so that neither
 * thread waits for the other when things cost unevenly.
 */
final class Pieces {

    /** Things per piece. */
    static final int SIZE = 1 << 16;

    private final long things;
    private final AtomicLong next = new AtomicLong();

    Pieces(long things) {
        this.things = things;
    }

    /** The first thing of the next piece nobody took yet, or -1 when none is left. */
    long take() {
        long from = next.getAndIncrement() * SIZE;
        return from < things ? from : -1;
    }

    /** The end (exclusive) of the piece that starts at {@code from}. */
    long end(long from) {
        return Math.min(things, from + SIZE);
    }
}
