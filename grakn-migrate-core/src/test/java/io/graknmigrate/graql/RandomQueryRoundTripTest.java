package io.graknmigrate.graql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random Graql files of every query kind, written with random spacing, quoting and comments: each
 * parses, and each query's canonical text parses back to the same canonical text (print is a fixpoint).
 */
class RandomQueryRoundTripTest {

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void parsePrintParseIsAFixpoint(long seed) throws Exception {
        Generator g = new Generator(seed);
        String text = g.file();
        List<Query> queries;
        try {
            queries = Graql.parse("gen.gql", text, w -> { });
        } catch (GraqlException e) {
            throw new AssertionError("seed " + seed + ": generated file refused: " + e.getMessage() + "\n" + text, e);
        }
        assertThat(queries).hasSize(g.queries);
        StringBuilder all = new StringBuilder();
        for (Query q : queries) {
            String canonical = q.toString();
            assertThat(Graql.parseQuery(canonical).toString()).as("seed %d", seed).isEqualTo(canonical);
            all.append(canonical).append('\n');
        }
        // the canonical file as a whole reads back to the same queries
        List<Query> again = Graql.parse("canonical.gql", all.toString(), w -> { });
        assertThat(again).extracting(Query::toString).containsExactlyElementsOf(queries.stream().map(Query::toString).toList());
    }

    /** Writes random but valid Graql 1.8. */
    static final class Generator {
        private static final String[] LABELS = {"person", "name", "value", "count", "k-core", "Zed_2", "from", "thing",
                "größe", "a-b", "contains", "entity", "relation"};
        private static final String[] VARS = {"x", "y", "z", "p-1", "Q", "_"};
        private final Random r;
        int queries;

        Generator(long seed) {
            r = new Random(seed);
        }

        private String pick(String[] a) { return a[r.nextInt(a.length)]; }

        private String ws() {
            return switch (r.nextInt(6)) {
                case 0 -> "  ";
                case 1 -> "\n";
                case 2 -> " # note ; { } 'x\n";
                case 3 -> "\t";
                default -> " ";
            };
        }

        private String label() { return pick(LABELS); }

        private String var() { return "$" + pick(VARS); }

        private String namedVar() { return "$" + VARS[r.nextInt(VARS.length - 1)]; }

        private String literal() {
            return switch (r.nextInt(8)) {
                case 0 -> Long.toString(r.nextInt(2000) - 1000);
                case 1 -> (r.nextInt(200) - 100) + "." + r.nextInt(1000);
                case 2 -> r.nextBoolean() ? "true" : "false";
                case 3 -> String.format("%04d-%02d-%02d", 1900 + r.nextInt(200), 1 + r.nextInt(12), 1 + r.nextInt(28));
                case 4 -> String.format("%04d-%02d-%02dT%02d:%02d:%02d.%03d", 1900 + r.nextInt(200), 1 + r.nextInt(12),
                        1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1000));
                case 5 -> r.nextBoolean() ? "+12345-06-07T08:09" : "-0044-03-15";
                case 6 -> "'it\\'s \\\"" + r.nextInt(9) + "\\\" \\d'";
                default -> "\"s" + r.nextInt(100) + " \\\\ \"";
            };
        }

        private String comparison() {
            return switch (r.nextInt(5)) {
                case 0 -> pick(new String[] {"==", "!==", ">", ">=", "<", "<="}) + " " + (r.nextBoolean() ? literal() : namedVar());
                case 1 -> "contains " + (r.nextBoolean() ? "\"ab\"" : namedVar());
                case 2 -> "like \"^[A-Z].*$\"";
                default -> literal();
            };
        }

        private String tuple(boolean roles) {
            StringBuilder sb = new StringBuilder("(");
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                if (roles || r.nextBoolean()) sb.append(r.nextInt(5) == 0 ? namedVar() : label()).append(r.nextBoolean() ? ": " : ":");
                sb.append(namedVar()).append(k > 1 ? "," + ws() : "");
            }
            return sb.append(")").toString();
        }

        private String instance(boolean insert) {
            return switch (r.nextInt(5)) {
                case 0 -> namedVar() + " isa " + label() + has(insert);
                case 1 -> (r.nextBoolean() ? namedVar() + " " : "") + tuple(insert) + " isa " + label() + has(insert);
                case 2 -> namedVar() + " " + literal() + (r.nextBoolean() ? " isa " + label() : "");
                case 3 -> namedVar() + has(insert).replaceFirst("^,", "");
                default -> namedVar() + " isa " + label();
            };
        }

        private String has(boolean insert) {
            StringBuilder sb = new StringBuilder();
            for (int k = r.nextInt(3); k > 0; k--) {
                sb.append(",").append(ws()).append("has ").append(label()).append(' ')
                        .append(insert ? (r.nextBoolean() ? literal() : namedVar()) : r.nextBoolean() ? comparison() : namedVar());
            }
            if (sb.isEmpty()) sb.append(", has ").append(label()).append(' ').append(insert ? literal() : namedVar());
            return sb.toString();
        }

        private String statementPattern() {
            return switch (r.nextInt(11)) {
                case 0 -> namedVar() + (r.nextBoolean() ? " isa! " : " isa ") + (r.nextBoolean() ? label() : namedVar());
                case 1 -> namedVar() + " " + comparison();
                case 2 -> namedVar() + " != " + namedVar();
                case 3 -> namedVar() + " id V" + r.nextInt(1000);
                case 4 -> namedVar() + (r.nextBoolean() ? " sub " : " sub! ") + label();
                case 5 -> namedVar() + " type " + label();
                case 6 -> (r.nextBoolean() ? label() : namedVar()) + " plays " + label() + ", has " + label();
                case 7 -> namedVar() + " relates " + label() + (r.nextBoolean() ? " as " + label() : "");
                case 8 -> namedVar() + " has " + label() + " " + namedVar() + " via " + namedVar();
                default -> instance(false);
            };
        }

        private String patterns(int depth) {
            StringBuilder sb = new StringBuilder();
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                int kind = depth > 0 ? r.nextInt(5) : 0;
                switch (kind) {
                    case 1 -> sb.append("not {").append(ws()).append(patterns(depth - 1)).append("};");
                    case 2 -> sb.append("{ ").append(patterns(depth - 1)).append(" } or {").append(patterns(depth - 1)).append("};");
                    case 3 -> sb.append("{ ").append(patterns(depth - 1)).append(" };");
                    default -> sb.append(statementPattern()).append(";");
                }
                sb.append(ws());
            }
            return sb.toString();
        }

        private String match() { return "match" + ws() + patterns(2); }

        private String typeStatement() {
            return switch (r.nextInt(7)) {
                case 0 -> label() + " sub " + label() + (r.nextBoolean() ? ", abstract" : "") + ", has " + label() + ", key " + label();
                case 1 -> label() + " sub attribute, value " + pick(new String[] {"long", "double", "string", "boolean", "datetime"})
                        + (r.nextBoolean() ? ", regex \"^a\\\\d$\"" : "");
                case 2 -> label() + " sub relation, relates " + label() + ", relates " + label() + " as " + label();
                case 3 -> label() + " plays " + label();
                case 4 -> label() + (r.nextBoolean() ? " sub rule," : "") + " when {" + ws() + patterns(1) + "}, then {"
                        + ws() + instance(true) + "; }";
                case 5 -> "$t type " + label() + ", sub! entity";
                default -> label() + " sub! " + label();
            } + ";";
        }

        private String query() {
            return switch (r.nextInt(10)) {
                case 0 -> "define" + ws() + typeStatements();
                case 1 -> "undefine" + ws() + typeStatements();
                case 2 -> "insert" + ws() + instances();
                case 3 -> match() + "insert" + ws() + instances();
                case 4 -> match() + "delete" + ws() + instances();
                case 5 -> match() + get() + modifiers();
                case 6 -> match() + get() + aggregate();
                case 7 -> match() + get() + "group " + namedVar() + ";" + (r.nextBoolean() ? ws() + aggregate() : "");
                default -> compute();
            };
        }

        private String typeStatements() {
            StringBuilder sb = new StringBuilder();
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                sb.append(typeStatement()).append(ws());
            }
            return sb.toString();
        }

        private String instances() {
            StringBuilder sb = new StringBuilder();
            for (int k = 1 + r.nextInt(3); k > 0; k--) sb.append(instance(true)).append(";").append(ws());
            return sb.toString();
        }

        private String get() {
            StringBuilder sb = new StringBuilder("get");
            for (int k = r.nextInt(3); k > 0; k--) sb.append(sb.length() == 3 ? " " : ", ").append(namedVar());
            return sb.append(";").append(ws()).toString();
        }

        private String modifiers() {
            StringBuilder sb = new StringBuilder();
            if (r.nextBoolean()) sb.append("sort ").append(namedVar()).append(pick(new String[] {"", " asc", " desc"})).append(";");
            if (r.nextBoolean()) sb.append(" offset ").append(r.nextInt(100)).append(";");
            if (r.nextBoolean()) sb.append(" limit ").append(r.nextInt(100)).append(";");
            return sb.toString();
        }

        private String aggregate() {
            String m = pick(new String[] {"count", "sum", "max", "min", "mean", "median", "std"});
            return m + (m.equals("count") ? "" : " " + namedVar()) + ";";
        }

        private String compute() {
            return switch (r.nextInt(5)) {
                case 0 -> "compute count" + (r.nextBoolean() ? " in [" + label() + ", " + label() + "]" : "") + ";";
                case 1 -> "compute " + pick(new String[] {"sum", "max", "min", "mean", "median", "std"}) + " of " + label()
                        + ", in " + label() + ";";
                case 2 -> "compute path from V" + r.nextInt(9) + ", to V" + r.nextInt(9) + ";";
                case 3 -> "compute centrality in [" + label() + "], using k-core, where min-k=" + r.nextInt(5) + ";";
                default -> "compute cluster in " + label() + ", using connected-component, where [contains=V1, size=2];";
            };
        }

        String file() {
            StringBuilder sb = new StringBuilder();
            for (int k = 1 + r.nextInt(6); k > 0; k--) {
                sb.append(query()).append(ws());
                queries++;
            }
            return sb.toString();
        }
    }
}
