package io.graknmigrate.migrate;

import io.graknmigrate.format.Counts;
import io.graknmigrate.format.Numbers;

import java.util.List;

/**
 * What an import did. {@code attributesReused}: attributes of the file that already existed (same
 * type and value) and were reused. {@code violationsSkipped}: schema violations let through by
 * {@code --skip-validation}. {@code checksumsPresent}: whether the file carried checksums to compare.
 * {@code unmatchedRemaps}: the {@code old=new} remaps whose old label the file never used.
 */
public record ImportSummary(String keyspace, Counts counts, long attributesReused, long violationsSkipped,
                            boolean checksumsPresent, boolean cleaned, long bytes, double seconds, List<String> unmatchedRemaps) {

    public ImportSummary {
        unmatchedRemaps = List.copyOf(unmatchedRemaps);
    }

    /** The one-line summary the CLI prints. */
    public String line() {
        StringBuilder sb = new StringBuilder("imported ").append(counts).append(" into ").append(keyspace)
                .append(" in ").append(Numbers.seconds(seconds))
                .append(" (").append(Numbers.bytes(bytes)).append(seconds > 0 ? ", " + Numbers.rate(counts.things(), seconds) : "").append(")");
        if (attributesReused > 0) {
            sb.append("; ").append(Numbers.count(attributesReused, "attribute already existed and was reused",
                    "attributes already existed and were reused"));
        }
        if (cleaned) sb.append("; existing data was removed first (--clean)");
        if (violationsSkipped > 0) {
            sb.append("; ").append(Numbers.count(violationsSkipped, "schema violation", "schema violations")).append(" let through (--skip-validation)");
        }
        if (!unmatchedRemaps.isEmpty()) sb.append("; remaps that matched nothing: ").append(String.join(" ", unmatchedRemaps));
        if (!checksumsPresent) sb.append("; the file had no checksums to compare");
        else sb.append("; checksums match");
        return sb.toString();
    }
}
