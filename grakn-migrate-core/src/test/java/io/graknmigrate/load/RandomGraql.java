package io.graknmigrate.load;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * A seeded random insert-only file for {@link LoadTestData#SCHEMA}, written in the styles real files
 * use, with an independent count of what a keyspace must hold after loading it: every isa of an
 * entity or relation type is a new thing, an attribute is one per type and value.
 */
final class RandomGraql {

    private static final String[] NAMES = {"Ann", "Bo", "Cy", "Di", "Ed's", "F\\\"x\\\""};

    private final StringBuilder text = new StringBuilder();
    private final Set<String> attributes = new HashSet<>();
    private long entities;
    private long relations;
    private long people;
    private final long seed;

    RandomGraql(long seed, int queries) {
        this.seed = seed;
        Random r = new Random(seed);
        for (int q = 0; q < queries; q++) {
            switch (r.nextInt(5)) {
                case 0 -> text.append("insert ").append(person(r, "$p")).append('\n');
                case 1 -> text.append("insert ").append(person(r, "$a")).append("\n  ").append(person(r, "$b"))
                        .append("\n  $f (friend: $a, friend: $b) isa friendship").append(score(r)).append(";\n");
                case 2 -> text.append("insert (employee: $e, employer: $c) isa employment; ").append(person(r, "$e"))
                        .append(" $c isa company, has name ").append(name(r)).append(";\n");
                case 3 -> {
                    String n = name(r);
                    text.append("insert $n ").append(n).append(" isa name;\n");
                }
                default -> {
                    text.append("# a comment line\ninsert\n").append(person(r, "$x")).append(" $x has age ").append(age(r)).append(";\n");
                }
            }
            if (q % 3 == 0) text.append('\n');
            // entities and relations counted where made
        }
    }

    private String person(Random r, String var) {
        entities++;
        long n = people++;
        String email = "r" + seed + "x" + n + "@x.org";
        attributes.add("email=" + email);
        StringBuilder sb = new StringBuilder(var).append(r.nextBoolean() ? " isa person" : " isa student")
                .append(", has email ").append(r.nextBoolean() ? "\"" + email + "\"" : "'" + email + "'");
        if (r.nextBoolean()) sb.append(", has name ").append(name(r));
        if (r.nextBoolean()) sb.append(", has age ").append(age(r));
        if (r.nextBoolean()) sb.append(score(r));
        if (r.nextInt(4) == 0) {
            int day = 1 + r.nextInt(28);
            String date = "2020-02-" + (day < 10 ? "0" : "") + day;
            attributes.add("born=" + date);
            sb.append(", has born ").append(date);
        }
        if (r.nextInt(4) == 0) {
            boolean b = r.nextBoolean();
            attributes.add("active=" + b);
            sb.append(", has active ").append(b);
        }
        return sb.append(';').toString();
    }

    private String name(Random r) {
        String n = NAMES[r.nextInt(NAMES.length)];
        attributes.add("name=" + n.replace("\\", ""));
        return "\"" + n + "\"";
    }

    private String age(Random r) {
        int a = r.nextInt(10);
        attributes.add("age=" + a);
        return Integer.toString(a);
    }

    private String score(Random r) {
        int whole = r.nextInt(4);
        boolean real = r.nextBoolean();
        attributes.add("score=" + (double) whole);
        return ", has score " + (real ? whole + ".0" : Integer.toString(whole));
    }

    String text() {
        if (relations == 0) relations = countRelations();
        return text.toString();
    }

    private long countRelations() {
        long n = 0;
        int i = -1;
        while ((i = text.indexOf(") isa ", i + 1)) >= 0) n++;
        return n;
    }

    long entities() {
        // companies are entities too
        long companies = 0;
        int i = -1;
        while ((i = text.indexOf("isa company", i + 1)) >= 0) companies++;
        return entities + companies;
    }

    long relations() { return countRelations(); }

    int attributes() {
        Set<String> all = new HashSet<>(attributes);
        int i = -1;
        while ((i = text.indexOf("isa company, has name \"", i + 1)) >= 0) { } // names counted in name()
        return all.size();
    }

    static String file(long seed, int queries) {
        return new RandomGraql(seed, queries).text();
    }
}
