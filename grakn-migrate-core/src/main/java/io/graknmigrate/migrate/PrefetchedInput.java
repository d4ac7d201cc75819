package io.graknmigrate.migrate;

import io.graknmigrate.format.proto.Item;

import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;

/**
 * An input read and decoded on a thread of its own, a few batches ahead of the import: the import's
 * thread spends most of its time inside SQLite, and decoding beside it uses the second core. Memory
 * is bounded: at most {@link #QUEUED} batches of at most {@link #ITEMS} items or about
 * {@link #BYTES} bytes each. A failure of the reading thread is thrown by the consumer where the
 * items before it end, as the input itself would have. Only for inputs whose reads a thread
 * interrupt ends (files); {@link #close} stops the thread and waits for it.
 */
final class PrefetchedInput implements ItemInput, AutoCloseable {

    private static final int ITEMS = 1024;
    private static final long BYTES = 1 << 20;
    private static final int QUEUED = 4;

    /** A run of items with the input's position after each, or how the input failed after them. */
    private record Batch(Item[] items, long[] positions, int size, RuntimeException failure, Error error, boolean last, long end) { }

    private final ItemInput input;
    private final String where;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread thread;
    /** The import's thread: an interrupt the input gives the reading thread (a cancel) is meant for it. */
    private final Thread consumer = Thread.currentThread();
    private volatile boolean closed;
    private Batch batch;
    private int next;
    private long position;

    /** @param where the import as messages name it, for a cancel while waiting */
    PrefetchedInput(ItemInput input, String where) {
        this.input = input;
        this.where = where;
        this.thread = new Thread(this::read, "import-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void read() {
        while (true) {
            Item[] items = new Item[ITEMS];
            long[] positions = new long[ITEMS];
            int n = 0;
            long from = input.position();
            RuntimeException failure = null;
            Error error = null;
            boolean last = false;
            try {
                while (n < ITEMS && (n == 0 || positions[n - 1] - from < BYTES)) {
                    boolean more = input.hasNext();
                    passOnInterrupt();
                    if (!more) {
                        last = true;
                        break;
                    }
                    items[n] = input.next();
                    passOnInterrupt();
                    positions[n++] = input.position();
                }
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                error = e;
            }
            boolean end = last || failure != null || error != null;
            if (!deliver(new Batch(items, positions, n, failure, error, end, last ? input.position() : -1)) || end) return;
        }
    }

    private void passOnInterrupt() {
        if (!closed && Thread.interrupted()) consumer.interrupt();
    }

    /** Queues the batch; false when the input was closed meanwhile. */
    private boolean deliver(Batch b) {
        while (!closed) {
            try {
                queue.put(b);
                return true;
            } catch (InterruptedException e) {
                if (!closed) consumer.interrupt();
            }
        }
        return false;
    }

    @Override
    public boolean hasNext() {
        while (batch == null || next == batch.size()) {
            if (batch != null) {
                if (batch.failure() != null) throw batch.failure();
                if (batch.error() != null) throw batch.error();
                if (batch.last()) {
                    position = batch.end();
                    return false;
                }
            }
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException(where + " cancelled, nothing was changed");
            }
            next = 0;
        }
        return true;
    }

    @Override
    public Item next() {
        if (!hasNext()) throw new NoSuchElementException();
        position = batch.positions()[next];
        Item item = batch.items()[next];
        batch.items()[next++] = null;
        return item;
    }

    @Override
    public long position() { return position; }

    @Override
    public long size() { return input.size(); }

    @Override
    public String name() { return input.name(); }

    /** Stops the reading thread (when still running) and waits for it to end. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        Threads.joinUninterruptibly(thread);
    }
}
