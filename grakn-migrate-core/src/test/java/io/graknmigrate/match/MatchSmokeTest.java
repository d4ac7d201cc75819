package io.graknmigrate.match;

import io.graknmigrate.store.EmbeddedKeyspaces;
import io.graknmigrate.store.ReadSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.graknmigrate.match.Patterns.*;
import static org.assertj.core.api.Assertions.assertThat;

class MatchSmokeTest {
    @TempDir
    Path dir;

    @Test
    void smoke() throws Exception {
        Graph g = new Graph();
        long ea = g.attribute("email", "a@x");
        long na = g.attribute("name", "Alice");
        long alice = g.entity("person", ea, na);
        long eb = g.attribute("email", "b@x");
        long bob = g.entity("person", eb);
        g.relation("friendship", "friend", alice, "friend", bob);
        EmbeddedKeyspaces ks = new EmbeddedKeyspaces(dir.resolve("data"));
        g.load(ks, "ks", dir);
        try (ReadSnapshot r = ks.store().read("ks"); MatchEngine m = r.matcher(System.err::println)) {
            List<Answer> out = new ArrayList<>();
            m.forEachAnswer(and(isa("p", "person"), has("p", "email", "e"), value("e", MatchPattern.Comparator.EQ, "a@x")), List.of(), out::add);
            System.err.println(out);
            out.clear();
            m.forEachAnswer(and(rp("f", "friend", "x"), rp("f", "friend", "y"), isa("f", "friendship"), has("x", "email", "e"),
                    value("e", MatchPattern.Comparator.EQ, "a@x")), List.of(), out::add);
            System.err.println(out);
            assertThat(out).hasSize(1);
        }
    }
}
