package io.graknmigrate.store;

import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.migrate.ItemInput;
import io.graknmigrate.migrate.ItemSinks;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.embedded.EmbeddedKeyspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.graknmigrate.store.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

/** kill -9 in the middle of an import: the keyspace must be exactly as before when opened again. */
class KilledImportTest {

    @TempDir
    Path dir;

    /**
     * The child: imports the file, says "importing" after 5,000 items (more than one batch flushed),
     * then slows down to be killed. With a third argument "file" it imports the way files go (the
     * pre-check beside it; V ids into the emptied keyspace keep their numbers).
     */
    public static void main(String[] args) throws Exception {
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(Path.of(args[0]));
        try (ItemReader reader = ItemReader.open(Path.of(args[1]))) {
            ItemInput in = ItemSinks.from(reader);
            ItemInput slow = new ItemInput() {
                long n;
                @Override public boolean hasNext() { return in.hasNext(); }
                @Override public Item next() {
                    if (++n == 5000) {
                        System.out.println("importing");
                        System.out.flush();
                    }
                    if (n > 5000) {
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            throw new RuntimeException(e);
                        }
                    }
                    return in.next();
                }
                @Override public long position() { return in.position(); }
                @Override public long size() { return in.size(); }
                @Override public String name() { return in.name(); }
            };
            Path file = args.length > 2 && args[2].equals("file") ? Path.of(args[1]) : null;
            keyspaces.importItems("ks", slow, ImportOptions.defaults().withClean(true), w -> { }, ProgressListener.NONE, file);
        }
        System.out.println("finished");
    }

    @Test
    void killedImportLeavesTheKeyspaceAsItWas() throws Exception {
        killMidImport(backup(3, 1500), "stream");
    }

    @Test
    void killedImportOfAFileWhoseIdsBecomeStoreIdsLeavesTheKeyspaceAsItWas() throws Exception {
        killMidImport(DirectIdImportTest.withVIds(backup(3, 1500), 3), "file");
    }

    private void killMidImport(List<Item> items, String way) throws Exception {
        Path data = dir.resolve("data");
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(data);
        keyspaces.define("ks", schema(), w -> { });
        importFile(keyspaces, "ks", write(dir.resolve("small.grakn"), backup(2, 30), null), ImportOptions.defaults());
        byte[] before = exportBytes(keyspaces, "ks");
        Path big = write(dir.resolve("big.grakn"), items, null);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), KilledImportTest.class.getName(),
                data.toString(), big.toString(), way).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("importing"));
            assertThat(line).as("the child import started").isEqualTo("importing");
            // The import decodes ahead of its writes: give the writes time to catch up with what was read.
            Thread.sleep(300);
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback by us
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(exportBytes(keyspaces, "ks")).isEqualTo(before);
        // and the keyspace is writable again at once
        importFile(keyspaces, "ks", write(dir.resolve("small2.grakn"), List.of(attribute("x", "name", str("after"))), null), ImportOptions.defaults());
    }
}
