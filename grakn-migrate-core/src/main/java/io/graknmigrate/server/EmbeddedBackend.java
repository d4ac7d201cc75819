package io.graknmigrate.server;

import io.graknmigrate.format.Relabel;
import io.graknmigrate.format.Counts;
import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.migrate.ImportSummary;
import io.graknmigrate.migrate.ItemInput;
import io.graknmigrate.migrate.ItemSink;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.schema.SchemaException;
import io.graknmigrate.embedded.EmbeddedKeyspaces;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CancellationException;

/** The embedded (SQLite) keyspaces of a data directory, served by {@code grakn-migrate serve}. */
public final class EmbeddedBackend implements MigrationBackend {

    private final EmbeddedKeyspaces keyspaces;

    public EmbeddedBackend(EmbeddedKeyspaces keyspaces) {
        this.keyspaces = keyspaces;
    }

    @Override
    public boolean isOwnFile(Path path) {
        return keyspaces.isStoreFile(path);
    }

    @Override
    public String schema(String keyspace) {
        return keyspaces.schema(keyspace);
    }

    @Override
    public void export(String keyspace, ItemSink sink, ProgressListener progress) throws IOException {
        keyspaces.export(keyspace, sink, progress);
    }

    @Override
    public long importFile(String keyspace, Path file, Map<String, String> remap, ProgressListener progress) throws IOException {
        try (ItemReader reader = ItemReader.open(file)) {
            ThingCountingInput input = new ThingCountingInput(reader);
            ImportSummary summary = keyspaces.importItems(keyspace, input, ImportOptions.defaults().withRelabel(Relabel.of(remap)), w -> { },
                    new ThingProgress(input, progress), file);
            return summary.counts().things();
        } catch (SchemaException e) {
            // Only schema sources given with the import define anything; the service sends none.
            throw new RequestException(RequestException.Reason.INVALID_INPUT, e.getMessage(), e);
        }
    }

    /**
     * The importer measures progress in bytes; Grakn's clients expect things. Counts the things
     * read; the total is estimated from the bytes read so far until the file's checksums say it
     * (Grakn's server takes {@code max(current, checksummed things)}), and the last progress before
     * the completion has current == total, so a client's bar ends full.
     */
    private static final class ThingProgress implements ProgressListener {
        private final ThingCountingInput input;
        private final ProgressListener out;

        ThingProgress(ThingCountingInput input, ProgressListener out) {
            this.input = input;
            this.out = out;
        }

        private boolean started;

        /** Only the first phase (reading) starts the client's bar: the later ones are counted in the same things. */
        @Override
        public void start(String task, long total, String unit) {
            if (started) return;
            started = true;
            out.start("import", -1, "things");
        }

        private long estimate;

        @Override
        public void update(long current) {
            long size = input.size();
            long position = input.position();
            // Estimated once, and again only if the count outgrows it, so progress bars stay put.
            if (input.checksummed >= 0 && estimate != Math.max(input.things, input.checksummed)) {
                estimate = Math.max(input.things, input.checksummed);
                out.start("import", estimate, "things");
            } else if (input.checksummed < 0 && size > 0 && position > 0 && input.things > 0 && (estimate == 0 || input.things > estimate)) {
                estimate = Math.max(input.things, Math.round((double) size * input.things / position));
                out.start("import", estimate, "things");
            }
            out.update(input.things);
            // The importer reports after its last item too: a job cancelled by then must not commit.
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("import of " + input.name() + " cancelled, nothing was changed");
            }
        }

        @Override
        public void finish() {
            if (estimate != input.things) {
                estimate = input.things;
                out.start("import", estimate, "things");
            }
            out.update(input.things);
            out.finish();
        }
    }

    private static final class ThingCountingInput implements ItemInput {
        private final ItemReader reader;
        long things;
        /** Things the file's checksums item counts, once it has been read; -1 before. */
        long checksummed = -1;

        ThingCountingInput(ItemReader reader) {
            this.reader = reader;
        }

        /** Stops at the next item once the job is cancelled, so a cancelled import never reaches its commit. */
        @Override
        public boolean hasNext() {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("import of " + reader.displayName() + " cancelled, nothing was changed");
            }
            return reader.hasNext();
        }

        @Override
        public Item next() {
            Item item = reader.next();
            if (item.hasEntity() || item.hasAttribute() || item.hasRelation()) things++;
            else if (item.hasChecksums()) checksummed = Counts.of(item.getChecksums()).things();
            return item;
        }

        @Override
        public long position() {
            return reader.position();
        }

        @Override
        public long size() {
            return reader.size();
        }

        @Override
        public String name() {
            return reader.displayName();
        }
    }
}
