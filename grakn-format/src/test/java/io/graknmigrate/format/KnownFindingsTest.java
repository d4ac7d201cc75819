package io.graknmigrate.format;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Regression cases for the fuzzing findings in {@link KnownFindings}: enable each once it is fixed. */
class KnownFindingsTest {

    @Test
    @Disabled("known finding, owner h/format: ItemScanner rejects a 10-byte int64 varint that protobuf-java (ItemReader) accepts")
    void itemScannerAcceptsWhatItemReaderAccepts() throws IOException {
        byte[] data;
        try (InputStream in = getClass().getResourceAsStream("KnownFindings/overlong-varint.grakn")) {
            data = in.readAllBytes();
        }
        ItemReaderFuzzTest.Outcome reader = ItemReaderFuzzTest.readWithItemReader(data, false);
        ItemReaderFuzzTest.Outcome scanner = ItemReaderFuzzTest.readWithItemScanner(data, false);
        assertThat(scanner.items()).isEqualTo(reader.items());
        assertThat(scanner.ending()).isEqualTo(reader.ending());
    }

    @Test
    void jsonLinesWithABrokenGzipLayerFailWithATypedOneLineError() throws IOException {
        byte[] data;
        try (InputStream in = getClass().getResourceAsStream("KnownFindings/jsonl-gzip-truncated-header.jsonl")) {
            data = in.readAllBytes();
        }
        assertThatThrownBy(() -> {
            try (JsonlReader r = JsonlReader.open(new ByteArrayInputStream(data), "x.jsonl.gz")) {
                while (r.hasNext()) r.next();
            }
        }).isInstanceOf(GraknFormatException.class).hasMessageContaining("x.jsonl.gz").hasMessageNotContaining("\n");
    }
}
