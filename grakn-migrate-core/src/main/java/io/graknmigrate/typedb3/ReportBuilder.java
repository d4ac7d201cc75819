package io.graknmigrate.typedb3;

import io.graknmigrate.format.ChecksumTally;
import io.graknmigrate.format.Counts;

import java.util.ArrayList;
import java.util.List;

/** Assembles the {@link ConversionReport} from what the passes, the translation and the rules produced. */
final class ReportBuilder {

    private ReportBuilder() { }

    static ConversionReport build(Typedb3Converter.Options options, String source, String output, DataPasses.Outcome data,
                                  SchemaTranslator.Translation translation, RuleTranslation.Result rules) {
        ConversionCounts c = data.counts();
        List<Loss> losses = new ArrayList<>();
        // The same verdict import and verify reach on the same file: the first checksums item is the
        // file's, and a repeated one means the checksums cannot vouch for it.
        ConversionReport.InputChecksums checksums = switch (ChecksumTally.judge(c.checksumItemsIn(), data.inputChecksums(), c.in())) {
            case MATCH -> ConversionReport.InputChecksums.MATCH;
            case MISSING -> ConversionReport.InputChecksums.ABSENT;
            case MISMATCH -> {
                losses.add(new Loss(LossReason.INPUT_CHECKSUMS, "", 0, "the input's checksums (" + Counts.of(data.inputChecksums())
                        + ") do not match its items (" + c.in() + "); the input may be truncated or altered", List.of()));
                yield ConversionReport.InputChecksums.MISMATCH;
            }
            case REPEATED -> {
                losses.add(new Loss(LossReason.INPUT_CHECKSUMS, "", 0, "the input carries " + c.checksumItemsIn()
                        + " checksums items (files concatenated?), so they cannot vouch for it", List.of()));
                yield ConversionReport.InputChecksums.REPEATED;
            }
        };
        ConversionReport.Input input = new ConversionReport.Input(source, data.headerVersion(), data.headerDatabase(), checksums,
                options.attributeOwners, options.onBadValue, options.allowDrops, options.remap, output);

        List<Decision> decisions = new ArrayList<>(translation.decisions());
        decisions.addAll(data.rehomings());
        long duplicates = c.ownerships().duplicates() + c.players().duplicates();
        if (duplicates > 0) {
            decisions.add(new Decision("", duplicates, duplicates + " duplicate ids removed from owner/role lists ("
                    + c.ownerships().duplicates() + " ownerships, " + c.players().duplicates()
                    + " role players): TypeDB 3 would count them once and fail the checksums (DBI19)"));
        }
        losses.addAll(data.losses().losses());
        losses.addAll(translation.losses());
        if (!rules.outcomes().isEmpty()) {
            long drafted = rules.outcomes().stream().filter(RuleOutcome::drafted).count();
            int n = rules.outcomes().size();
            decisions.add(new Decision("rules", 0, n + " rules written as comments at the end of schema.tql, " + drafted
                    + " of them with a draft TypeQL 3 function: TypeDB 3 functions replace rules and are computed only when a query calls them"));
            losses.add(new Loss(LossReason.RULE, "rules", 0, n + " rules (inferred facts were never part of the export, so no stored data is lost;"
                    + " queries relying on inference must be rewritten with functions)", List.of()));
        }
        return new ConversionReport(input, c, decisions, losses, rules.outcomes(), List.of());
    }
}
