package io.graknmigrate.store;

import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.migrate.ImportOptions;
import io.graknmigrate.migrate.ImportSummary;

import java.nio.file.Path;

/** Every test of {@link ImportExportTest} on the stream path (what stdin takes): no pre-check, ids keyed exactly. */
class ImportExportStreamTest extends ImportExportTest {

    @Override
    ImportSummary doImport(EmbeddedKeyspaces ks, String keyspace, Path file, ImportOptions options) throws Exception {
        return TestData.importFile(ks, keyspace, file, options);
    }
}
