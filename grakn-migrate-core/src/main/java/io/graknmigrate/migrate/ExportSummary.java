package io.graknmigrate.migrate;

import io.graknmigrate.format.Counts;
import io.graknmigrate.format.Numbers;

/** What an export wrote. {@code bytes} is -1 when the sink does not count bytes. */
public record ExportSummary(String keyspace, Counts counts, long bytes, double seconds) {

    public ExportSummary withBytes(long bytes) { return new ExportSummary(keyspace, counts, bytes, seconds); }

    /** The one-line summary the CLI prints. */
    public String line() {
        return "exported " + counts + " from " + keyspace + " in " + Numbers.seconds(seconds)
                + (bytes >= 0 ? " (" + Numbers.bytes(bytes) + (seconds > 0 ? ", " + Numbers.rate(counts.things(), seconds) : "") + ")" : "");
    }
}
