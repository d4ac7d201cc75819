package io.graknmigrate.embedded;

import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.SchemaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The keyspace form of typedb3 needs the schema and the data of one committed state. */
class ExportWithSchemaTest {

    @TempDir
    Path dir;

    @Test
    void aDefineCommittedDuringTheExportChangesNeitherTheSchemaNorTheData() throws Exception {
        EmbeddedKeyspaces keyspaces = new EmbeddedKeyspaces(dir.resolve("data"), "test");
        keyspaces.define("ks", List.of(new GraqlSource("s.gql", "define person sub entity;")), w -> { });
        List<Item> items = new ArrayList<>();
        boolean[] defined = {false};
        Schema schema = keyspaces.exportWithSchema("ks", item -> {
            items.add(item);
            if (!defined[0]) {
                defined[0] = true;
                // a second writer commits while the export is running
                try {
                    new EmbeddedKeyspaces(dir.resolve("data"), "test")
                            .define("ks", List.of(new GraqlSource("t.gql", "define animal sub entity;")), w -> { });
                } catch (SchemaException e) {
                    throw new AssertionError(e);
                }
            }
        }, ProgressListener.NONE);
        assertThat(defined[0]).isTrue();
        assertThat(schema.type("person")).isPresent();
        assertThat(schema.type("animal")).as("the schema is of the snapshot the export read").isEmpty();
        assertThat(keyspaces.store().schema("ks").type("animal")).as("the define did commit").isPresent();
    }
}
