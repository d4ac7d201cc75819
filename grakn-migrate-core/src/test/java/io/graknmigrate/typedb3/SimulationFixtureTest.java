package io.graknmigrate.typedb3;

import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.SchemaDefiner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real Grakn 1.8 export (simulation.grakn) with its schema converts cleanly. */
class SimulationFixtureTest {

    static final Path FIXTURES = Path.of("../../shared/fixtures/grakn-1.8");

    static Schema schema;
    static Typedb3Converter.Result result;
    static String schemaText;

    @TempDir
    static Path dir;

    @BeforeAll
    static void convert() throws Exception {
        assumeTrue(Files.isRegularFile(FIXTURES.resolve("simulation.grakn")), "../shared not found: " + FIXTURES.toAbsolutePath());
        List<GraqlSource> sources = new ArrayList<>();
        for (String f : List.of("schema.gql", "schema-pt2.gql")) sources.add(new GraqlSource(f, Files.readString(FIXTURES.resolve(f))));
        schema = SchemaDefiner.define(new Schema(), sources, w -> { });
        result = new Typedb3Converter(schema, new Typedb3Converter.Options(), null)
                .convert(FIXTURES.resolve("simulation.grakn"), System.getProperty("typedb3.out") != null ? Path.of(System.getProperty("typedb3.out")) : dir.resolve("out"));
        schemaText = Files.readString(result.schemaFile());
    }

    @Test
    void validatorPasses() {
        assertThat(result.report().problems()).isEmpty();
        assertThat(result.valid()).isTrue();
    }

    @Test
    void sevenAttributeOwnershipsAreRehomed() {
        ConversionReport.Section own = result.report().section("ownerships");
        assertThat(own.get("owned by attributes")).isEqualTo(7);
        assertThat(own.get("owned by attributes: re-homed to the owners' owners")).isEqualTo(7);
        assertThat(schemaText).containsPattern("entity country[^;]*owns currency-code");
        assertThat(schemaText).doesNotContainPattern("attribute currency[^;]*owns");
    }

    @Test
    void countsAddUp() {
        ConversionReport r = result.report();
        ConversionReport.Section items = r.section("items");
        for (String k : List.of("attributes", "entities", "relations")) {
            assertThat(items.get(k + " in")).isEqualTo(items.get(k + " written") + items.get(k + " dropped"));
        }
        assertThat(items.get("attributes in")).isEqualTo(15517);
        assertThat(items.get("entities in")).isEqualTo(6720);
        assertThat(items.get("relations in")).isEqualTo(8319);
        ConversionReport.Section own = r.section("ownerships");
        assertThat(own.get("in")).isEqualTo(28492);
        assertThat(own.get("in")).isEqualTo(own.get("kept") + own.get("owned by attributes") + own.get("duplicates removed")
                + own.get("dropped, owned id is not an attribute in the file") + own.get("dropped with their owner item"));
        assertThat(own.get("owned by attributes")).isEqualTo(own.get("owned by attributes: re-homed to the owners' owners")
                + own.get("owned by attributes: dropped, owning attribute has no entity/relation owner")
                + own.get("owned by attributes: dropped (--attribute-owners drop)")
                + own.get("owned by attributes: dropped, owned id is not an attribute"));
        assertThat(own.get("written")).isEqualTo(own.get("kept") + own.get("added by re-homing (written)"));
        ConversionReport.Section pl = r.section("players");
        assertThat(pl.get("in")).isEqualTo(17338);
        assertThat(pl.get("in")).isEqualTo(pl.get("written") + pl.get("duplicates removed") + pl.get("dropped, player id not in the file")
                + pl.get("dropped, player is an attribute") + pl.get("dropped, role not related by the relation type")
                + pl.get("dropped with their relation item"));
        assertThat(pl.get("written")).isEqualTo(17338);
        assertThat(r.section("checksums").get("ownership_count")).isEqualTo(own.get("written"));
    }

    @Test
    void multiValuedOwnershipsAndRolesGetOpenCardinality() {
        assertThat(schemaText).containsPattern("owns language @card\\(0\\.\\.\\)");
        assertThat(schemaText).containsPattern("relates parentship_parent @card\\(0\\.\\.\\)");
        assertThat(schemaText).containsPattern("relates parentship_child @card\\(0\\.\\.\\)");
    }

    @Test
    void relationsPlayingRolesAndInheritedRolesAreScoped() {
        assertThat(schemaText).containsPattern("relation marriage[^;]*plays locates:locates_located");
        assertThat(schemaText).contains("relates born-in_child as locates_located");
        assertThat(schemaText).doesNotContainPattern("plays [a-z-]+_[a-z-]+[,;]");
    }

    @Test
    void inheritedValueTypesAreNotRestated() {
        assertThat(schemaText).containsPattern("attribute start-date, sub date-of-event;");
        assertThat(schemaText).contains("attribute date-of-event @abstract");
        assertThat(schemaText).contains("attribute company-number, value integer;");
    }

    @Test
    void rulesBecomeComments() {
        assertThat(schemaText).contains("# location-hierarchy-transitivity sub rule,");
        assertThat(schemaText).doesNotContainPattern("(?m)^[^#\\n]*sub rule");
    }

    @Test
    void regexesAreAnchored() {
        assertThat(schemaText).contains("@regex(\"^(?:^(English|German|Portugese|Afrikaans|Mandarin)$)$\")");
    }
}
