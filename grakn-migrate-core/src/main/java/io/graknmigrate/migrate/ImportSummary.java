package io.graknmigrate.migrate;

import io.graknmigrate.format.Counts;

/**
 * What an import did. {@code attributesReused}: attributes of the file that already existed (same
 * type and value) and were reused. {@code violationsSkipped}: schema violations let through by
 * {@code --skip-validation}. {@code checksumsPresent}: whether the file carried checksums to compare.
 */
public record ImportSummary(String keyspace, Counts counts, long attributesReused, long violationsSkipped,
                            boolean checksumsPresent, boolean cleaned, long bytes, double seconds) {

    /** The one-line summary the CLI prints. */
    public String line() {
        StringBuilder sb = new StringBuilder("imported ").append(counts).append(" into ").append(keyspace)
                .append(" in ").append(Format.seconds(seconds))
                .append(" (").append(Format.bytes(bytes)).append(Format.rate(counts.things(), seconds)).append(")");
        if (attributesReused > 0) sb.append("; ").append(Format.count(attributesReused)).append(" attributes already existed and were reused");
        if (cleaned) sb.append("; existing data was removed first (--clean)");
        if (violationsSkipped > 0) sb.append("; ").append(Format.count(violationsSkipped)).append(" schema violations let through (--skip-validation)");
        if (!checksumsPresent) sb.append("; the file had no checksums to compare");
        else sb.append("; checksums match");
        return sb.toString();
    }
}
