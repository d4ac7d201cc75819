package io.graknmigrate.server;

import io.graknmigrate.format.proto.Item;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.migrate.ItemInput;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.embedded.EmbeddedKeyspaces;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The real embedded (SQLite) keyspaces the server tests serve. */
final class Keyspaces implements TestKeyspaces {

    private final Path dir;
    private final EmbeddedKeyspaces keyspaces;

    private Keyspaces(Path dir) {
        this.dir = dir;
        this.keyspaces = new EmbeddedKeyspaces(dir, "grakn-migrate test");
    }

    static Keyspaces open(Path dataDir) {
        return new Keyspaces(dataDir);
    }

    EmbeddedKeyspaces embedded() {
        return keyspaces;
    }

    @Override
    public Path dataDir() {
        return dir;
    }

    @Override
    public MigrationBackend backend() {
        return new EmbeddedBackend(keyspaces);
    }

    @Override
    public void create(String keyspace, String schema, List<Item> things) throws Exception {
        keyspaces.define(keyspace, List.of(new GraqlSource(keyspace + ".gql", schema)), w -> { });
        if (things.isEmpty()) return;
        Iterator<Item> it = things.iterator();
        ItemInput input = new ItemInput() {
            long n;
            @Override public boolean hasNext() { return it.hasNext(); }
            @Override public Item next() { n++; return it.next(); }
            @Override public long position() { return n; }
            @Override public long size() { return things.size(); }
            @Override public String name() { return "test items"; }
        };
        keyspaces.importItems(keyspace, input, ImportOptions.defaults(), w -> { }, ProgressListener.NONE);
    }

    @Override
    public List<Item> things(String keyspace) throws Exception {
        List<Item> items = new ArrayList<>();
        keyspaces.export(keyspace, item -> {
            if (item.hasEntity() || item.hasAttribute() || item.hasRelation()) items.add(item);
        }, ProgressListener.NONE);
        return items;
    }
}
