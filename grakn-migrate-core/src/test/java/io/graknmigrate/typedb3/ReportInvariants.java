package io.graknmigrate.typedb3;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sums every conversion report must satisfy, whatever the input. */
final class ReportInvariants {

    private ReportInvariants() { }

    /** Items, ownership entries and role players in = written + each kind of dropped; checksums = written. */
    static void assertCountsAddUp(ConversionReport r) {
        ConversionReport.Section items = r.section("items");
        for (String k : List.of("attributes", "entities", "relations")) {
            assertThat(items.get(k + " in")).isEqualTo(items.get(k + " written") + items.get(k + " dropped"));
        }
        ConversionReport.Section own = r.section("ownerships");
        assertThat(own.get("in")).isEqualTo(own.get("kept") + own.get("owned by attributes") + own.get("duplicates removed")
                + own.get("dropped, owned id is not an attribute in the file") + own.get("dropped with their owner item"));
        assertThat(own.get("owned by attributes")).isEqualTo(own.get("owned by attributes: re-homed to the owners' owners")
                + own.get("owned by attributes: dropped, owning attribute has no entity/relation owner")
                + own.get("owned by attributes: dropped (--attribute-owners drop)")
                + own.get("owned by attributes: dropped, owned id is not an attribute"));
        assertThat(own.get("written")).isEqualTo(own.get("kept") + own.get("added by re-homing (written)"));
        ConversionReport.Section pl = r.section("players");
        assertThat(pl.get("in")).isEqualTo(pl.get("written") + pl.get("duplicates removed") + pl.get("dropped, player id not in the file")
                + pl.get("dropped, player is an attribute") + pl.get("dropped, role not related by the relation type")
                + pl.get("dropped with their relation item"));
        assertThat(r.section("checksums").get("role_count")).isEqualTo(pl.get("written"));
        assertThat(r.section("checksums").get("ownership_count")).isEqualTo(own.get("written"));
    }
}
