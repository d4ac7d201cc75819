package io.graknmigrate.migrate;

import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.ValueType;
import io.graknmigrate.format.ChecksumTally;
import io.graknmigrate.format.Counts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Turns a keyspace into items: a header, every attribute, entity and relation (with ownerships and
 * role players), then checksums counted as Grakn counts them. One thing in memory at a time.
 */
public final class Exporter {

    private static final int CHECK_EVERY = 4096;

    private Exporter() { }

    /**
     * @param tool what the header's version field says wrote the file ("grakn-migrate 0.1.0")
     */
    public static ExportSummary export(KeyspaceSource source, ItemSink sink, String tool, ProgressListener progress) throws IOException {
        long start = System.nanoTime();
        Schema schema = source.schema();
        long total = source.countThings();
        sink.accept(Item.newBuilder().setHeader(Item.Header.newBuilder()
                .setGraknVersion(tool).setOriginalDatabase(source.keyspace())).build());
        ChecksumTally tally = new ChecksumTally();
        long[] done = {0};
        progress.start("export " + source.keyspace(), total, "things");
        try {
            for (TypeKind kind : new TypeKind[] {TypeKind.ATTRIBUTE, TypeKind.ENTITY, TypeKind.RELATION}) {
                source.forEach(kind, thing -> {
                    Item item = toItem(kind, thing, schema);
                    try {
                        sink.accept(item);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    tally.add(item);
                    if (++done[0] % CHECK_EVERY == 0) {
                        if (Thread.currentThread().isInterrupted()) throw new CancellationException("export cancelled");
                        progress.update(done[0]);
                    }
                });
            }
            progress.update(done[0]);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            progress.finish();
        }
        Counts c = tally.counts();
        sink.accept(Item.newBuilder().setChecksums(c.toChecksums()).build());
        return new ExportSummary(source.keyspace(), c, -1, (System.nanoTime() - start) / 1e9);
    }

    static Item toItem(TypeKind kind, ThingRecord thing, Schema schema) {
        List<Item.OwnedAttribute> owned = new ArrayList<>(thing.owned().size());
        for (String id : thing.owned()) owned.add(Item.OwnedAttribute.newBuilder().setId(id).build());
        return switch (kind) {
            case ENTITY -> Item.newBuilder().setEntity(Item.Entity.newBuilder()
                    .setId(thing.id()).setLabel(thing.type()).addAllAttribute(owned)).build();
            case ATTRIBUTE -> Item.newBuilder().setAttribute(Item.Attribute.newBuilder()
                    .setId(thing.id()).setLabel(thing.type()).addAllAttribute(owned)
                    .setValue(value(thing.value(), schema.valueType(thing.type())))).build();
            case RELATION -> {
                Item.Relation.Builder r = Item.Relation.newBuilder().setId(thing.id()).setLabel(thing.type()).addAllAttribute(owned);
                Item.Relation.Role.Builder role = null;
                for (ThingRecord.RolePlayer p : thing.players()) {
                    if (role == null || !role.getLabel().equals(p.role())) {
                        if (role != null) r.addRole(role);
                        role = Item.Relation.Role.newBuilder().setLabel(p.role());
                    }
                    role.addPlayer(Item.Relation.Role.Player.newBuilder().setId(p.player()));
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
