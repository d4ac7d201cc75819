package io.graknmigrate.match;

import io.graknmigrate.graql.Comparator;
import io.graknmigrate.graql.Literal;
import io.graknmigrate.match.MatchPattern.Conjunction;
import io.graknmigrate.match.MatchPattern.Constraint;
import io.graknmigrate.embedded.EmbeddedKeyspaces;
import io.graknmigrate.store.ReadSnapshot;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.graknmigrate.match.Patterns.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same seeded random graph and random patterns answered by the store (generated SQL) and by a
 * naive evaluator that tries every binding: the answer sets must be equal.
 */
class MatchDifferentialTest {

    @TempDir
    Path dir;

    static final String[] ENTITY_TYPES = {"person", "student", "company"};
    static final String[] TYPES = {"thing", "entity", "relation", "attribute", "person", "student", "company", "friendship",
            "employment", "route", "trip", "name", "nickname", "email", "age", "score", "active", "born"};
    static final String[] ATTRIBUTE_TYPES = {"name", "nickname", "email", "age", "score", "active", "born"};
    static final String[] NAMES = {"Ann", "Bob", "ann b", "Carl", "Dora"};
    static final String[] ROLES = {"friend", "employee", "employer", "stop", "origin", "destination", "role"};
    static final String[] RELATION_TYPES = {"friendship", "employment", "route", "trip", "relation"};

    static Graph randomGraph(Random r) {
        Graph g = new Graph();
        List<Long> names = new ArrayList<>();
        for (String n : NAMES) names.add(g.attribute("name", n));
        List<Long> nicks = List.of(g.attribute("nickname", "Ann"), g.attribute("nickname", "bobby"));
        List<Long> ages = new ArrayList<>();
        for (long a : new long[] {20, 25, 30, 35}) ages.add(g.attribute("age", a));
        List<Long> scores = List.of(g.attribute("score", 1.5), g.attribute("score", 25.0), g.attribute("score", -3.25));
        List<Long> actives = List.of(g.attribute("active", true), g.attribute("active", false));
        List<Long> borns = List.of(g.attribute("born", new Literal.DateTimeLiteral(0)), g.attribute("born", new Literal.DateTimeLiteral(86_400_000L * 365)));
        List<Long> people = new ArrayList<>();
        int n = 5 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            long email = g.attribute("email", "p" + i + "@x");
            String type = r.nextInt(3) == 0 ? "student" : "person";
            long p = g.entity(type, email);
            if (r.nextBoolean()) g.own(p, names.get(r.nextInt(names.size())));
            if (r.nextInt(4) == 0) g.own(p, nicks.get(r.nextInt(nicks.size())));
            if (r.nextBoolean()) g.own(p, ages.get(r.nextInt(ages.size())));
            if (r.nextBoolean()) g.own(p, actives.get(r.nextInt(2)));
            if (r.nextInt(3) == 0) g.own(p, borns.get(r.nextInt(2)));
            if (type.equals("student") && r.nextBoolean()) g.own(p, scores.get(r.nextInt(3)));
            people.add(p);
        }
        List<Long> companies = List.of(g.entity("company", names.get(0)), g.entity("company"));
        for (int i = 0; i < 4; i++) {
            long a = people.get(r.nextInt(n));
            long b = people.get(r.nextInt(n));
            long f = a == b ? g.relation("friendship", "friend", a) : g.relation("friendship", "friend", a, "friend", b);
            if (r.nextBoolean()) g.own(f, scores.get(r.nextInt(3)));
        }
        for (int i = 0; i < 3; i++) g.relation("employment", "employee", people.get(r.nextInt(n)), "employer", companies.get(r.nextInt(2)));
        for (int i = 0; i < 2; i++) {
            long a = people.get(r.nextInt(n));
            long b = people.get(r.nextInt(n));
            if (a == b) g.relation("trip", "origin", a);
            else g.relation("trip", "origin", a, "destination", b);
        }
        g.relation("route", "stop", companies.get(1), "stop", people.get(0));
        return g;
    }

    private static <T> T pick(Random r, T[] a) { return a[r.nextInt(a.length)]; }

    private int anon;

    private String anonymous() { return MatchPattern.anonymous(++anon); }

    private Object literal(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> pick(r, NAMES);
            case 1 -> (long) (15 + r.nextInt(25));
            case 2 -> r.nextBoolean() ? 1.5 : 25.0;
            case 3 -> r.nextBoolean();
            case 4 -> new Literal.DateTimeLiteral(r.nextBoolean() ? 0 : 86_400_000L * 365);
            default -> "p" + r.nextInt(7) + "@x";
        };
    }

    private Comparator comparator(Random r, Object literal) {
        if (literal instanceof String && r.nextInt(3) == 0) return r.nextBoolean() ? Comparator.CONTAINS : Comparator.LIKE;
        Comparator[] plain = {Comparator.EQ, Comparator.NEQ, Comparator.GT, Comparator.GTE, Comparator.LT, Comparator.LTE};
        return pick(r, plain);
    }

    private Object stringOperand(Comparator c, Object literal) {
        if (c == Comparator.CONTAINS) return ((String) literal).substring(0, 1).toUpperCase(java.util.Locale.ROOT);
        if (c == Comparator.LIKE) return "^" + ((String) literal).charAt(0) + ".*";
        return literal;
    }

    private List<Constraint> statement(Random r, String x, String y) {
        List<Constraint> out = new ArrayList<>();
        switch (r.nextInt(11)) {
            case 0 -> out.add(r.nextInt(3) == 0 ? isaDirect(x, pick(r, TYPES)) : isa(x, pick(r, TYPES)));
            case 1 -> out.add(has(x, pick(r, ATTRIBUTE_TYPES), r.nextBoolean() ? "v" : anonymous()));
            case 2 -> {
                String a = anonymous();
                Object lit = literal(r);
                Comparator c = comparator(r, lit);
                out.add(has(x, pick(r, ATTRIBUTE_TYPES), a));
                out.add(value(a, c, stringOperand(c, lit)));
            }
            case 3 -> {
                String rel = r.nextBoolean() ? "r" : anonymous();
                out.add(rp(rel, r.nextInt(3) == 0 ? null : pick(r, ROLES), x));
                if (r.nextBoolean()) out.add(rp(rel, r.nextInt(3) == 0 ? null : pick(r, ROLES), y));
                if (r.nextBoolean()) out.add(isa(rel, pick(r, RELATION_TYPES)));
            }
            case 4 -> { out.add(isa(y, pick(r, ENTITY_TYPES))); out.add(neq(x, y)); }
            case 5 -> out.add(id(x, "V" + (1 + r.nextInt(40))));
            case 6 -> {
                String a = anonymous();
                out.add(isa(x, pick(r, ENTITY_TYPES)));
                out.add(not(has(x, pick(r, ATTRIBUTE_TYPES), a), value(a, Comparator.EQ, literal(r))));
            }
            case 7 -> out.add(or(and(isa(x, pick(r, TYPES))), and(isa(x, pick(r, TYPES)))));
            case 8 -> {
                out.add(has(x, "age", "v"));
                out.add(has(y, pick(r, new String[] {"age", "score", "name"}), "w"));
                out.add(compare("v", comparator(r, 1L), "w"));
            }
            case 9 -> { out.add(isaVar(x, "t")); out.add(sub("t", pick(r, TYPES), r.nextInt(3) == 0)); }
            default -> { out.add(isa(x, pick(r, TYPES))); out.add(not(isa(x, pick(r, TYPES)))); }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void storeAndNaiveEvaluatorGiveTheSameAnswers(long seed) throws Exception {
        Random r = new Random(seed);
        Graph g = randomGraph(r);
        EmbeddedKeyspaces ks = new EmbeddedKeyspaces(dir.resolve("data"));
        g.load(ks, "diff", dir);
        NaiveMatcher naive = new NaiveMatcher(g);
        int planned = 0;
        int nonEmpty = 0;
        try (ReadSnapshot snapshot = ks.store().read("diff"); MatchEngine engine = snapshot.matcher(w -> { })) {
            // The import numbered things in the order written, which the naive side relies on.
            for (Graph.Thing t : g.things.values()) {
                List<Answer> a = new ArrayList<>();
                engine.forEachAnswer(and(id("x", "V" + t.id)), List.of(), a::add);
                assertThat(a).hasSize(1);
                assertThat(((Concept.Thing) a.get(0).get("x")).type()).isEqualTo(t.type);
            }
            for (int q = 0; q < 60; q++) {
                List<Constraint> cs = new ArrayList<>(statement(r, "x", "y"));
                int more = r.nextInt(3);
                for (int i = 0; i < more; i++) cs.addAll(statement(r, r.nextBoolean() ? "x" : "y", r.nextBoolean() ? "y" : "z"));
                Conjunction pattern = new Conjunction(cs);
                Set<Map<String, String>> expected = naive.answers(pattern);
                List<Map<String, String>> actual = new ArrayList<>();
                try {
                    engine.forEachAnswer(pattern, List.of(), a -> actual.add(shown(a)));
                } catch (MatchException e) {
                    continue; // a pattern Graql refuses (an unbound variable): nothing to compare
                }
                planned++;
                if (!expected.isEmpty()) nonEmpty++;
                // Each answer once: the store drops duplicates (or proves there are none).
                assertThat(actual).as("pattern %s", cs).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            }
        }
        assertThat(planned).isGreaterThan(20);
        assertThat(nonEmpty).isGreaterThan(5);
    }

    private static Map<String, String> shown(Answer a) {
        Map<String, String> m = new HashMap<>();
        a.concepts().forEach((k, v) -> m.put(k, v instanceof Concept.Thing t ? t.id() : ((Concept.Type) v).label()));
        return m;
    }
}
