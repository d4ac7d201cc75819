package io.graknmigrate.diff;

import io.graknmigrate.format.Compression;
import io.graknmigrate.format.ItemKind;
import io.graknmigrate.format.ItemScanner;
import io.graknmigrate.format.Slice;
import io.graknmigrate.format.ValueKind;
import io.graknmigrate.keyspace.ThingId;
import io.graknmigrate.migrate.KeyspaceSource;
import io.graknmigrate.migrate.StoredThing;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.ValueType;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * One side of a comparison: a {@code .grakn} file (plain, gzip or zstd), a stream of one, or a
 * keyspace read from one snapshot. Each is read exactly once.
 */
public abstract class DiffInput {

    private final String name;

    private DiffInput(String name) {
        this.name = name;
    }

    /** How the side is named in the report and in messages. */
    public String name() { return name; }

    abstract void readInto(SideGraph graph, ProgressListener progress);

    /** A {@code .grakn} file; {@code displayName} names it in the report. */
    public static DiffInput file(Path path, String displayName) {
        return new Scanned(displayName, () -> ItemScanner.open(path, displayName), path);
    }

    /** A {@code .grakn} stream such as stdin, read once. */
    public static DiffInput stream(InputStream in, String displayName) {
        return new Scanned(displayName, () -> ItemScanner.open(in, displayName), null);
    }

    /**
     * A keyspace; {@code open} is called once and must return one consistent snapshot (the embedded
     * store's read transaction), closed after reading.
     */
    public static DiffInput keyspace(String displayName, Supplier<KeyspaceSource> open) {
        return new Keyspace(displayName, open);
    }

    private static final class Scanned extends DiffInput {
        private final Supplier<ItemScanner> open;
        /** The file, when the input is one: a plain one is where the ids are read back from. */
        private final Path path;

        Scanned(String name, Supplier<ItemScanner> open, Path path) {
            super(name);
            this.open = open;
            this.path = path;
        }

        @Override
        void readInto(SideGraph g, ProgressListener progress) {
            try (ItemScanner s = open.get()) {
                progress.start("diff: read " + name(), s.size(), "bytes");
                // an item's place can be read from again only in a plain regular file: not in a
                // compressed one, a stream, or a pipe named as a file (a second read would take its bytes)
                if (path != null && s.compression() == Compression.NONE && Files.isRegularFile(path)) g.readIdsFrom(path);
                while (s.next()) {
                    ItemKind kind = s.kind();
                    if (!kind.isThing()) {
                        if (kind == ItemKind.UNKNOWN) g.unknownItems++;
                        continue;
                    }
                    Slice id = s.id();
                    byte[] buf = id.bytes();
                    Slice label = s.label();
                    int labelCode = g.labels.code(label.bytes(), label.offset(), label.length());
                    int k = kind == ItemKind.ENTITY ? SideGraph.ENTITY : kind == ItemKind.ATTRIBUTE ? SideGraph.ATTRIBUTE : SideGraph.RELATION;
                    ValueKind vk = k == SideGraph.ATTRIBUTE ? s.valueKind() : ValueKind.NONE;
                    long bits = switch (vk) {
                        case LONG, DATETIME -> s.longValue();
                        case BOOLEAN -> s.booleanValue() ? 1 : 0;
                        case DOUBLE -> Double.doubleToRawLongBits(s.doubleValue());
                        default -> 0;
                    };
                    g.thing(k, buf, id.offset(), id.length(), s.itemOffset(), labelCode, vk, bits);
                    if (vk == ValueKind.STRING) {
                        Slice text = s.stringValue();
                        g.stringValue(text.bytes(), text.offset(), text.length());
                    }
                    for (int i = 0, n = s.ownedCount(); i < n; i++) {
                        Slice o = s.owned(i);
                        g.owns(o.bytes(), o.offset(), o.length());
                    }
                    if (k == SideGraph.RELATION) {
                        for (int r = 0, roles = s.roleCount(); r < roles; r++) {
                            Slice role = s.roleLabel(r);
                            int roleCode = g.labels.code(role.bytes(), role.offset(), role.length());
                            for (int i = 0, n = s.playerCount(r); i < n; i++) {
                                Slice p = s.player(r, i);
                                g.plays(roleCode, p.bytes(), p.offset(), p.length());
                            }
                        }
                    }
                    if ((s.itemIndex() & 8191) == 0) {
                        progress.update(s.position());
                        if (Thread.currentThread().isInterrupted()) throw GraphDiff.cancelled(null);
                    }
                }
                progress.update(s.position());
            } finally {
                progress.finish();
            }
        }
    }

    private static final class Keyspace extends DiffInput {
        private final Supplier<KeyspaceSource> open;

        Keyspace(String name, Supplier<KeyspaceSource> open) {
            super(name);
            this.open = open;
        }

        @Override
        void readInto(SideGraph g, ProgressListener progress) {
            try (KeyspaceSource source = open.get()) {
                Schema schema = source.schema();
                progress.start("diff: read " + name(), source.countThings(), "things");
                long[] done = {0};
                for (TypeKind kind : new TypeKind[] {TypeKind.ATTRIBUTE, TypeKind.ENTITY, TypeKind.RELATION}) {
                    int k = switch (kind) { case ENTITY -> SideGraph.ENTITY; case ATTRIBUTE -> SideGraph.ATTRIBUTE; case RELATION -> SideGraph.RELATION; };
                    source.forEach(kind, t -> {
                        add(g, k, t, schema);
                        if ((++done[0] & 4095) == 0) {
                            progress.update(done[0]);
                            if (Thread.currentThread().isInterrupted()) throw GraphDiff.cancelled(null);
                        }
                    });
                }
                progress.update(done[0]);
            } finally {
                progress.finish();
            }
        }

        /** Room for any row id as {@link ThingId} spells it ({@code V} and up to 20 characters). */
        private final byte[] idBytes = new byte[32];

        private void add(SideGraph g, int k, StoredThing t, Schema schema) {
            byte[] id = idBytes;
            int idLength = ThingId.write(t.id(), id, 0);
            int labelCode = g.labels.code(t.type());
            ValueKind vk = ValueKind.NONE;
            long bits = 0;
            byte[] text = null;
            if (k == SideGraph.ATTRIBUTE && t.value() != null) {
                ValueType vt = schema.valueType(t.type());
                Object v = t.value();
                if (vt == null) {
                    vt = v instanceof String ? ValueType.STRING : v instanceof Double ? ValueType.DOUBLE
                            : v instanceof Boolean ? ValueType.BOOLEAN : ValueType.LONG;
                }
                switch (vt) {
                    case STRING -> { vk = ValueKind.STRING; text = ((String) v).getBytes(StandardCharsets.UTF_8); }
                    case LONG -> { vk = ValueKind.LONG; bits = ((Number) v).longValue(); }
                    case DATETIME -> { vk = ValueKind.DATETIME; bits = ((Number) v).longValue(); }
                    case DOUBLE -> { vk = ValueKind.DOUBLE; bits = Double.doubleToRawLongBits(((Number) v).doubleValue()); }
                    case BOOLEAN -> { vk = ValueKind.BOOLEAN; bits = ((Boolean) v) ? 1 : 0; }
                }
            }
            // the graph copies the id (and hashes the references' ids): the bytes are free again after each call
            g.thing(k, id, 0, idLength, -1, labelCode, vk, bits);
            if (text != null) g.stringValue(text, 0, text.length);
            for (int i = 0, n = t.ownedCount(); i < n; i++) {
                g.owns(id, 0, ThingId.write(t.owned(i), id, 0));
            }
            for (int i = 0, n = t.playerCount(); i < n; i++) {
                g.plays(g.labels.code(t.role(i)), id, 0, ThingId.write(t.player(i), id, 0));
            }
        }
    }
}
