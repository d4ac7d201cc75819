package io.graknmigrate.migrate;

import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.ValueType;
import io.graknmigrate.format.ChecksumTally;
import io.graknmigrate.format.Counts;
import io.graknmigrate.keyspace.ThingId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns a keyspace into items: a header, every attribute, entity and relation (with ownerships and
 * role players), then checksums counted as Grakn counts them.
 *
 * <p>Reading the store and building items runs on reader threads, one per connection of the source's
 * snapshot ({@link KeyspaceSource#readers()}), while the calling thread hands the items to the sink
 * (encoding and writing them). A sink that takes encoded frames ({@link ItemSink#acceptsFrames()}, a
 * file writer) gets the things already encoded by the readers ({@link ThingFrames}), so the calling
 * thread only copies bytes. The kinds' slices are dealt out to the readers in turn and taken back in
 * the same order, so the items come out exactly as one sequential pass would write them: attributes,
 * entities, relations, each in id order. Memory is bounded: each reader runs at most
 * {@link #QUEUED_BATCHES} batches of {@link #BATCH} items (and, encoded, of about {@link #BATCH_BYTES}
 * bytes, or one larger thing) ahead of the sink.
 */
public final class Exporter {

    private static final int CHECK_EVERY = 4096;
    static final int BATCH = 1024;
    static final int QUEUED_BATCHES = 8;
    /** A batch of encoded frames ends at this many bytes (or {@link #BATCH} things), one huge thing aside. */
    static final int BATCH_BYTES = 1 << 18;

    private static final TypeKind[] ORDER = {TypeKind.ATTRIBUTE, TypeKind.ENTITY, TypeKind.RELATION};

    private Exporter() { }

    /**
     * Readers an export uses: one per core, two at most (the sink needs a core too); the system
     * property {@code graknmigrate.export.readers} overrides it, for measuring.
     */
    public static int defaultReaders() {
        int cores = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        return Math.max(1, Integer.getInteger("graknmigrate.export.readers", cores));
    }

    /** A slice of a kind, dealt to reader {@code index % readers}. */
    private record Unit(TypeKind kind, long slice) { }

    /** What a reader hands over: a batch of items or of encoded frames, the end of a unit, or its failure. */
    private record Batch(List<Item> items, ThingFrames frames, boolean endOfUnit, Throwable failure) { }

    /**
     * Exports the source's snapshot into the sink. When the sink takes encoded frames
     * ({@link ItemSink#acceptsFrames()}), the readers encode the things and the calling thread only
     * copies the bytes; otherwise the readers build items and the sink encodes them.
     *
     * @param tool what the header's version field says wrote the file ("grakn-migrate 0.1.0")
     */
    public static ExportSummary export(KeyspaceSource source, ItemSink sink, String tool, ProgressListener progress) throws IOException {
        long start = System.nanoTime();
        Schema schema = source.schema();
        // the total only sizes the progress bar: nobody sees it, nothing counts it
        long total = progress == ProgressListener.NONE ? -1 : source.countThings();
        long[] sliceCounts = new long[ORDER.length];
        long units = 0;
        for (int k = 0; k < ORDER.length; k++) {
            sliceCounts[k] = source.slices(ORDER[k]);
            units += sliceCounts[k];
        }
        int readers = (int) Math.max(1, Math.min(source.readers(), units));
        sink.accept(Item.newBuilder().setHeader(Item.Header.newBuilder()
                .setGraknVersion(tool).setOriginalDatabase(source.keyspace())).build());
        ChecksumTally tally = new ChecksumTally();
        boolean framed = sink.acceptsFrames();
        long done = 0;
        progress.start("export " + source.keyspace(), total, "things");
        List<BlockingQueue<Batch>> queues = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        try {
            for (int r = 0; r < readers; r++) {
                BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
                queues.add(queue);
                int reader = r;
                long unitCount = units;
                Thread t = new Thread(() -> read(source, schema, reader, readers, unitCount, sliceCounts, framed, queue, stop),
                        "export-reader-" + r);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            for (long u = 0; u < units; u++) {
                BlockingQueue<Batch> queue = queues.get((int) (u % readers));
                while (true) {
                    Batch batch;
                    try {
                        batch = queue.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CancellationException("export cancelled");
                    }
                    if (batch.failure() != null) throw rethrow(batch.failure());
                    if (batch.endOfUnit()) break;
                    ThingFrames frames = batch.frames();
                    if (frames != null) {
                        if (Thread.currentThread().isInterrupted()) throw new CancellationException("export cancelled");
                        Counts counts = frames.counts();
                        sink.acceptFrames(frames.bytes(), frames.length(), counts, frames.items());
                        tally.add(counts, frames.items());
                        long before = done;
                        done += frames.items();
                        if (Thread.currentThread().isInterrupted()) throw new CancellationException("export cancelled");
                        if (done / CHECK_EVERY != before / CHECK_EVERY) progress.update(done);
                        continue;
                    }
                    for (Item item : batch.items()) {
                        // before each write: an interrupted thread's next write to a file channel fails it (closed by interrupt)
                        if (Thread.currentThread().isInterrupted()) throw new CancellationException("export cancelled");
                        sink.accept(item);
                        tally.add(item);
                        if (++done % CHECK_EVERY == 0) progress.update(done);
                    }
                }
            }
            progress.update(done);
        } finally {
            stop.set(true);
            for (Thread t : threads) t.interrupt();
            boolean interrupted = false;
            for (Thread t : threads) {
                while (true) {
                    try {
                        t.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true; // the readers must be gone before the snapshot closes
                    }
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            progress.finish();
        }
        Counts c = tally.counts();
        sink.accept(Item.newBuilder().setChecksums(c.toChecksums()).build());
        return new ExportSummary(source.keyspace(), c, -1, (System.nanoTime() - start) / 1e9);
    }

    /** A reader thread: streams its units (every {@code readers}-th, from {@code reader}) into its queue. */
    private static void read(KeyspaceSource source, Schema schema, int reader, int readers, long units,
                             long[] sliceCounts, boolean framed, BlockingQueue<Batch> queue, AtomicBoolean stop) {
        try {
            int capacity = 1 << 16;
            for (long u = reader; u < units && !stop.get(); u += readers) {
                Unit unit = unit(u, sliceCounts);
                if (framed) {
                    capacity = readFrames(source, schema, reader, unit, capacity, queue, stop);
                    continue;
                }
                List<Item>[] batch = new List[] {new ArrayList<Item>(BATCH)};
                source.forEachInSlice(reader, unit.kind(), unit.slice(), thing -> {
                    Item item = toItem(unit.kind(), thing, schema);
                    // sizes are memoized in the message: computed here, the sink's encoder only reads them
                    item.getSerializedSize();
                    batch[0].add(item);
                    if (batch[0].size() == BATCH) {
                        put(queue, new Batch(batch[0], null, false, null), stop);
                        batch[0] = new ArrayList<>(BATCH);
                    }
                });
                if (!batch[0].isEmpty()) put(queue, new Batch(batch[0], null, false, null), stop);
                put(queue, new Batch(null, null, true, null), stop);
            }
        } catch (Stopped e) {
            // the export ended (failed, cancelled) before this reader: nothing to hand over
        } catch (Throwable e) {
            try {
                put(queue, new Batch(null, null, false, e), stop);
            } catch (Stopped ignored) {
                // nobody is waiting for it any more
            }
        }
    }

    /**
     * Streams one unit as batches of encoded frames; returns the capacity to start the next batch
     * with (about what the last one needed, so a batch's array rarely grows or sits half empty).
     */
    private static int readFrames(KeyspaceSource source, Schema schema, int reader, Unit unit, int capacity,
                                  BlockingQueue<Batch> queue, AtomicBoolean stop) {
        FrameBatches b = new FrameBatches(schema, unit.kind(), capacity, queue, stop);
        source.forEachInSlice(reader, unit.kind(), unit.slice(), thing -> {
            b.frames.add(unit.kind(), thing, b.valueType(thing.type()));
            b.added();
        });
        if (b.frames.items() > 0) put(queue, new Batch(null, b.frames, false, null), stop);
        put(queue, new Batch(null, null, true, null), stop);
        return b.next;
    }

    /** A reader's batch of frames being filled, handed over when full. */
    private static final class FrameBatches {
        private final Schema schema;
        private final boolean attributes;
        private final BlockingQueue<Batch> queue;
        private final AtomicBoolean stop;
        /** A value type is looked up through the type's supertypes: once a type, not once a thing. */
        private final Map<String, ValueType> valueTypes = new HashMap<>();
        ThingFrames frames;
        int next;

        FrameBatches(Schema schema, TypeKind kind, int capacity, BlockingQueue<Batch> queue, AtomicBoolean stop) {
            this.schema = schema;
            this.attributes = kind == TypeKind.ATTRIBUTE;
            this.queue = queue;
            this.stop = stop;
            this.frames = new ThingFrames(capacity);
            this.next = capacity;
        }

        ValueType valueType(String type) {
            if (!attributes) return null;
            ValueType v = valueTypes.get(type);
            if (v == null && !valueTypes.containsKey(type)) {
                v = schema.valueType(type);
                valueTypes.put(type, v);
            }
            return v;
        }

        void added() {
            if (frames.items() == BATCH || frames.length() >= BATCH_BYTES) {
                put(queue, new Batch(null, frames, false, null), stop);
                int used = Math.min(BATCH_BYTES, frames.length());
                next = used + (used >> 3) + 64;
                frames = new ThingFrames(next, frames);
            }
        }
    }

    private static Unit unit(long index, long[] sliceCounts) {
        long i = index;
        for (int k = 0; k < ORDER.length; k++) {
            if (i < sliceCounts[k]) return new Unit(ORDER[k], i);
            i -= sliceCounts[k];
        }
        throw new IllegalArgumentException("no unit " + index);
    }

    /** Thrown inside a reader when the export stopped waiting for it. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private static void put(BlockingQueue<Batch> queue, Batch batch, AtomicBoolean stop) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                if (stop.get()) throw new Stopped();
            }
        } catch (InterruptedException e) {
            throw new Stopped();
        }
    }

    /** A reader's failure, rethrown on the exporting thread as it was (unchecked) or wrapped. */
    private static RuntimeException rethrow(Throwable failure) throws IOException {
        if (failure instanceof UncheckedIOException u) throw u.getCause();
        if (failure instanceof RuntimeException r) return r;
        if (failure instanceof Error e) throw e;
        return new InternalFailureException("export reader failed (" + failure + ")", failure);
    }

    /** The item of one thing, ids spelled as {@link ThingId} spells them: what a sink of items gets. */
    static Item toItem(TypeKind kind, StoredThing thing, Schema schema) {
        List<Item.OwnedAttribute> owned = new ArrayList<>(thing.ownedCount());
        for (int i = 0, n = thing.ownedCount(); i < n; i++) {
            owned.add(Item.OwnedAttribute.newBuilder().setId(ThingId.of(thing.owned(i))).build());
        }
        String id = ThingId.of(thing.id());
        return switch (kind) {
            case ENTITY -> Item.newBuilder().setEntity(Item.Entity.newBuilder()
                    .setId(id).setLabel(thing.type()).addAllAttribute(owned)).build();
            case ATTRIBUTE -> Item.newBuilder().setAttribute(Item.Attribute.newBuilder()
                    .setId(id).setLabel(thing.type()).addAllAttribute(owned)
                    .setValue(value(thing.value(), schema.valueType(thing.type())))).build();
            case RELATION -> {
                Item.Relation.Builder r = Item.Relation.newBuilder().setId(id).setLabel(thing.type()).addAllAttribute(owned);
                Item.Relation.Role.Builder role = null;
                for (int i = 0, n = thing.playerCount(); i < n; i++) {
                    String label = thing.role(i);
                    if (role == null || !role.getLabel().equals(label)) {
                        if (role != null) r.addRole(role);
                        role = Item.Relation.Role.newBuilder().setLabel(label);
                    }
                    role.addPlayer(Item.Relation.Role.Player.newBuilder().setId(ThingId.of(thing.player(i))));
                }
                if (role != null) r.addRole(role);
                yield Item.newBuilder().setRelation(r).build();
            }
        };
    }

    static ValueObject value(Object v, ValueType type) {
        ValueObject.Builder b = ValueObject.newBuilder();
        if (type == null) {
            if (v instanceof String s) return b.setString(s).build();
            if (v instanceof Double d) return b.setDouble(d).build();
            if (v instanceof Boolean x) return b.setBoolean(x).build();
            return b.setLong(((Number) v).longValue()).build();
        }
        return switch (type) {
            case STRING -> b.setString((String) v).build();
            case LONG -> b.setLong(((Number) v).longValue()).build();
            case DOUBLE -> b.setDouble(((Number) v).doubleValue()).build();
            case BOOLEAN -> b.setBoolean((Boolean) v).build();
            case DATETIME -> b.setDatetime(((Number) v).longValue()).build();
        };
    }
}
