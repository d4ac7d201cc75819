package io.graknmigrate.typedb3;

import static org.assertj.core.api.Assertions.assertThat;

/** The sums every conversion report must satisfy, whatever the input. */
final class ReportInvariants {

    private ReportInvariants() { }

    /** Items, ownership entries and role players in = written + each kind of dropped; checksums = written. */
    static void assertCountsAddUp(ConversionReport r) {
        ConversionCounts c = r.counts();
        for (ConversionCounts.ItemCounts k : new ConversionCounts.ItemCounts[]{c.attributes(), c.entities(), c.relations()}) {
            assertThat(k.in()).isEqualTo(k.written() + k.dropped());
        }
        ConversionCounts.OwnershipCounts o = c.ownerships();
        assertThat(o.in()).isEqualTo(o.kept() + o.ownedByAttributes() + o.duplicates() + o.dangling() + o.toDroppedAttributes()
                + o.ofDroppedOwners());
        assertThat(o.ownedByAttributes()).isEqualTo(o.rehomed() + o.orphaned() + o.droppedByOption() + o.ownedByAttributesDangling());
        assertThat(o.written()).isEqualTo(o.kept() + o.addedByRehoming());
        ConversionCounts.PlayerCounts p = c.players();
        assertThat(p.in()).isEqualTo(p.written() + p.duplicates() + p.dangling() + p.droppedPlayers() + p.attributePlayers()
                + p.roleNotRelated() + p.ofDroppedRelations());
        assertThat(c.written().rolePlayers()).isEqualTo(p.written());
        assertThat(c.written().ownerships()).isEqualTo(o.written());
        assertThat(c.written().entities()).isEqualTo(c.entities().written());
        assertThat(c.written().attributes()).isEqualTo(c.attributes().written());
        assertThat(c.written().relations()).isEqualTo(c.relations().written());
        assertThat(c.writtenByType().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(c.written().things());
        long dataLosses = 0;
        for (Loss l : r.losses()) {
            assertThat(l.examples()).hasSizeLessThanOrEqualTo(5);
            if (l.reason() != LossReason.CONSTRAINT && l.reason() != LossReason.RULE && l.reason() != LossReason.RELATION_WITHOUT_PLAYERS
                    && l.reason() != LossReason.INPUT_CHECKSUMS) {
                dataLosses += l.count();
            }
        }
        // every dropped item, ownership and player is in exactly one loss
        assertThat(dataLosses).isEqualTo(r.dataDropped() - c.unknownItemsIn());
    }
}
