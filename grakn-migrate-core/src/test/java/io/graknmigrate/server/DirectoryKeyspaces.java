package io.graknmigrate.server;

import io.graknmigrate.format.proto.Item;
import io.graknmigrate.progress.ProgressListener;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/** TEMPORARY stand-in keyspaces (schema text + item file per keyspace) until the SQLite store lands. */
final class DirectoryKeyspaces implements TestKeyspaces {

    private final Path dir;

    DirectoryKeyspaces(Path dir) {
        this.dir = dir;
    }

    @Override
    public Path dataDir() {
        return dir;
    }

    @Override
    public void create(String keyspace, String schema, List<Item> things) throws IOException {
        Files.writeString(dir.resolve(keyspace + ".gql"), schema);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(keyspace + ".grakn")))) {
            for (Item item : things) item.writeDelimitedTo(out);
        }
    }

    @Override
    public List<Item> things(String keyspace) throws IOException {
        List<Item> items = new ArrayList<>();
        backend().export(keyspace, item -> {
            if (item.hasEntity() || item.hasAttribute() || item.hasRelation()) items.add(item);
        }, ProgressListener.NONE);
        return items;
    }

    @Override
    public MigrationBackend backend() {
        return new MigrationBackend() {
            @Override
            public String schema(String keyspace) throws IOException {
                return Files.readString(existing(keyspace, ".gql"));
            }

            @Override
            public void export(String keyspace, ItemSink sink, ProgressListener progress) throws IOException {
                Path data = existing(keyspace, ".grakn");
                ItemTally tally = new ItemTally();
                sink.accept(Item.newBuilder().setHeader(Item.Header.newBuilder().setGraknVersion("test").setOriginalDatabase(keyspace)).build());
                List<Item> items = read(data);
                progress.start("export", items.size(), "things");
                for (Item item : items) {
                    if (Thread.currentThread().isInterrupted()) throw new CancellationException();
                    tally.add(item);
                    sink.accept(item);
                    progress.update(tally.things());
                }
                sink.accept(Item.newBuilder().setChecksums(tally.counted()).build());
            }

            @Override
            public long importFile(String keyspace, Path file, Map<String, String> remap, ProgressListener progress) throws IOException {
                String schema = schema(keyspace);
                Path data = existing(keyspace, ".grakn");
                List<Item> items = read(data);
                List<Item> incoming = read(file);
                progress.start("import", incoming.size(), "things");
                long n = 0;
                for (Item item : incoming) {
                    if (Thread.currentThread().isInterrupted()) throw new CancellationException();
                    if (!(item.hasEntity() || item.hasAttribute() || item.hasRelation())) continue;
                    Item.Builder b = item.toBuilder();
                    if (item.hasEntity()) b.getEntityBuilder().setLabel(remap.getOrDefault(item.getEntity().getLabel(), item.getEntity().getLabel()));
                    if (item.hasAttribute()) b.getAttributeBuilder().setLabel(remap.getOrDefault(item.getAttribute().getLabel(), item.getAttribute().getLabel()));
                    if (item.hasRelation()) b.getRelationBuilder().setLabel(remap.getOrDefault(item.getRelation().getLabel(), item.getRelation().getLabel()));
                    Item mapped = b.build();
                    String label = mapped.hasEntity() ? mapped.getEntity().getLabel() : mapped.hasAttribute() ? mapped.getAttribute().getLabel() : mapped.getRelation().getLabel();
                    if (!schema.contains(label + " sub")) throw new IllegalStateException("label " + label + " is not in the schema");
                    items.add(mapped);
                    progress.update(++n);
                }
                Path temp = dir.resolve(keyspace + ".tmp");
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                    for (Item item : items) item.writeDelimitedTo(out);
                }
                Files.move(temp, data, StandardCopyOption.REPLACE_EXISTING);
                return n;
            }
        };
    }

    private Path existing(String keyspace, String suffix) {
        Path p = dir.resolve(keyspace + suffix);
        if (!Files.exists(p)) throw new IllegalStateException("keyspace " + keyspace + " not found");
        return p;
    }

    private static List<Item> read(Path file) throws IOException {
        List<Item> items = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Item item;
            while ((item = Item.parseDelimitedFrom(in)) != null) items.add(item);
        }
        return items;
    }
}
