package io.graknmigrate.typedb3;

import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.Counts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code data.typedb}: one header, the attribute, entity and relation parts in that order
 * (TypeDB parks references to items it has not seen in memory, so players and owned attributes come
 * first), and the checksums that grakn-format's {@link ItemWriter} computes from what it wrote.
 */
final class DataFileAssembler {

    private DataFileAssembler() { }

    /**
     * @param database the header's database field
     * @param expected the converter's own counts; the written checksums must equal them
     */
    static void write(Path dataFile, String database, List<Path> parts, Counts expected) throws IOException {
        Item.Checksums written;
        try (ItemWriter out = ItemWriter.create(dataFile)) {
            out.header("Grakn 1.8 via grakn-migrate typedb3", database);
            for (Path part : parts) {
                if (Files.size(part) == 0) continue;
                try (ItemReader in = ItemReader.open(part)) {
                    while (in.hasNext()) out.write(in.next());
                }
            }
            written = out.finish();
        }
        if (!written.equals(expected.toChecksums())) {
            throw new IllegalStateException("internal error: written checksums " + Counts.of(written)
                    + " differ from the converter's counts " + expected);
        }
    }
}
