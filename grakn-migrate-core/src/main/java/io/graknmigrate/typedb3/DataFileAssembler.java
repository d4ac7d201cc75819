package io.graknmigrate.typedb3;

import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.Counts;
import io.graknmigrate.format.ProgressListener;

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

    private static final int PROGRESS_EVERY = 4096;

    private DataFileAssembler() { }

    /**
     * @param database the header's database field
     * @param expected the converter's own counts; the written checksums must equal them
     * @param progress told the bytes of the parts copied so far
     */
    static void write(Path dataFile, String database, List<Path> parts, Counts expected, ProgressListener progress) throws IOException {
        long total = 0;
        for (Path part : parts) total += Files.size(part);
        Item.Checksums written;
        progress.start(Typedb3Phases.WRITING_DATA, total, "bytes");
        try (ItemWriter out = ItemWriter.create(dataFile)) {
            out.header("Grakn 1.8 via grakn-migrate typedb3", database);
            long done = 0;
            for (Path part : parts) {
                long size = Files.size(part);
                if (size == 0) continue;
                try (ItemReader in = ItemReader.open(part)) {
                    while (in.hasNext()) {
                        out.write(in.next());
                        if (in.itemIndex() % PROGRESS_EVERY == 0) progress.update(done + in.position());
                    }
                }
                done += size;
                progress.update(done);
            }
            written = out.finish();
        } finally {
            progress.finish();
        }
        if (!written.equals(expected.toChecksums())) {
            throw new IllegalStateException("internal error: written checksums " + Counts.of(written)
                    + " differ from the converter's counts " + expected);
        }
    }
}
