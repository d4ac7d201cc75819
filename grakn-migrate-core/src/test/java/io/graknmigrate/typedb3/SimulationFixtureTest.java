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
        ConversionCounts.OwnershipCounts own = result.report().counts().ownerships();
        assertThat(own.ownedByAttributes()).isEqualTo(7);
        assertThat(own.rehomed()).isEqualTo(7);
        assertThat(schemaText).containsPattern("entity country[^;]*owns currency-code");
        assertThat(schemaText).doesNotContainPattern("attribute currency[^;]*owns");
    }

    @Test
    void countsAddUp() {
        ConversionReport r = result.report();
        ReportInvariants.assertCountsAddUp(r);
        assertThat(r.counts().attributes().in()).isEqualTo(15517);
        assertThat(r.counts().entities().in()).isEqualTo(6720);
        assertThat(r.counts().relations().in()).isEqualTo(8319);
        assertThat(r.counts().ownerships().in()).isEqualTo(28492);
        assertThat(r.counts().players().in()).isEqualTo(17338);
        assertThat(r.counts().players().written()).isEqualTo(17338);
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
