package io.graknmigrate.typedb3;

import io.graknmigrate.format.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The phases a conversion shows: named for what runs, and each bar with a total ends at that total. */
class ConversionProgressTest {

    @TempDir
    Path dir;

    /** One phase as a listener saw it. */
    record Phase(String task, long total, String unit, long last, boolean finished) { }

    /** Records every phase; fails on an update outside a phase or a phase started inside another. */
    static final class Recorder implements ProgressListener {
        final List<Phase> phases = new ArrayList<>();
        private Phase open;

        @Override
        public void start(String task, long total, String unit) {
            assertThat(open).as("phase %s started while %s runs", task, open).isNull();
            open = new Phase(task, total, unit, 0, false);
        }

        @Override
        public void update(long current) {
            assertThat(open).as("update outside a phase").isNotNull();
            assertThat(current).as("progress of %s goes back", open.task()).isGreaterThanOrEqualTo(open.last());
            open = new Phase(open.task(), open.total(), open.unit(), current, false);
        }

        @Override
        public void finish() {
            if (open == null) return;
            phases.add(new Phase(open.task(), open.total(), open.unit(), open.last(), true));
            open = null;
        }
    }

    private static final String PEOPLE = """
            define
            name sub attribute, value string;
            person sub entity, has name, plays friendship_friend;
            friendship sub relation, relates friendship_friend;
            """;

    @Test
    void everyPhaseIsNamedForItsJobAndEveryBarReachesItsTotal() throws Exception {
        Recorder recorder = new Recorder();
        Conversion c = new Conversion(dir, PEOPLE).progress(recorder);
        // more items than one progress step, so the bars move before they end
        for (int i = 0; i < 10_000; i++) {
            c.attribute("n" + i, "name", "name " + i).entity("p" + i, "person", "n" + i);
        }
        for (int i = 0; i + 1 < 10_000; i += 2) {
            c.relation("f" + i, "friendship", Map.of("friendship_friend", List.of("p" + i, "p" + (i + 1))));
        }
        c.run();
        assertThat(c.result.valid()).isTrue();

        assertThat(recorder.phases).extracting(Phase::task).containsExactly(
                "reading", "resolving owners", "converting", "checking keys", "writing schema", "writing data",
                "checking", "checking references");
        for (Phase p : recorder.phases) {
            assertThat(p.finished()).isTrue();
            if (p.total() >= 0) assertThat(p.last()).as("%s ends at its total", p.task()).isEqualTo(p.total());
        }
        assertThat(recorder.phases.get(2).total()).isEqualTo(15_000);
    }

    @Test
    void droppedThingsStillCountTowardsTheConvertingTotal() throws Exception {
        Recorder recorder = new Recorder();
        Conversion c = new Conversion(dir, PEOPLE).progress(recorder)
                .options(new Typedb3Converter.Options().allowDrops(true))
                .entity("p1", "person").entity("x1", "robot").entity("p1", "person");
        c.run();
        Phase converting = recorder.phases.stream().filter(p -> p.task().equals("converting")).findFirst().orElseThrow();
        assertThat(converting.total()).isEqualTo(3);
        assertThat(converting.last()).isEqualTo(3);
    }
}
