package io.graknmigrate.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Writes random valid Graql 1.8 schemas from a seed: attribute, entity and relation hierarchies,
 * keys, has, plays, role overrides with {@code as}, regexes full of quotes and backslashes, and rules
 * with every pattern form; with comments, odd spacing, single quotes and statements in random order.
 */
final class RandomSchemas {

    private static final String[] STEMS = {"name", "x", "a_b", "Zed", "thing-2", "value", "date", "like", "contains", "long", "min", "k-core", "id"};
    private static final String[] REGEXES = {
        "^[a-z]+$", "a\"b", "\\d+", "\\\\d", "it's", "\"quoted\"", "\\.", "x\\\\\\\\y", "[\\\\\"']*", "^(A|B|C D)$", "é+ü"
    };
    private static final String[] STRINGS = {"plain", "with \"quotes\"", "it's", "back\\slash", "tail\\", "", "tab\there"};

    private final Random r;
    private int next;
    private final List<String> attributes = new ArrayList<>();
    private final List<String> attributeValueTypes = new ArrayList<>();
    private final List<String> entities = new ArrayList<>();
    private final List<String> relations = new ArrayList<>();
    private final List<String> roles = new ArrayList<>();
    /** Roles each relation relates, inherited ones included, parallel to {@link #relations}. */
    private final List<List<String>> relationRoles = new ArrayList<>();
    private final List<String> statements = new ArrayList<>();
    private final List<String> additions = new ArrayList<>();

    private RandomSchemas(long seed) {
        this.r = new Random(seed);
    }

    /** One or two sources: the second adds properties to types of the first, as schema-pt2.gql does. */
    static List<GraqlSource> generate(long seed) {
        return new RandomSchemas(seed).run();
    }

    private String label() {
        String stem = STEMS[r.nextInt(STEMS.length)];
        int n = next++;
        return n < STEMS.length && r.nextInt(3) == 0 && !used(stem) ? stem : stem + "-" + n;
    }

    private boolean used(String l) {
        return attributes.contains(l) || entities.contains(l) || relations.contains(l) || roles.contains(l);
    }

    private <T> T pick(List<T> list) { return list.get(r.nextInt(list.size())); }

    private String sep() {
        return switch (r.nextInt(8)) {
            case 0 -> "\n    ";
            case 1 -> " # a comment, with ; and { }\n\t";
            case 2 -> "  ";
            default -> " ";
        };
    }

    private String quote(String value) {
        char q = r.nextBoolean() ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(q);
        for (char c : value.toCharArray()) {
            if (c == '\\') sb.append("\\\\");
            else if (c == q) sb.append('\\').append(c);
            else sb.append(c);
        }
        return sb.append(q).toString();
    }

    private void statement(String label, String sub, List<String> props) {
        StringBuilder sb = new StringBuilder(label);
        List<String> all = new ArrayList<>();
        if (sub != null) all.add((r.nextInt(5) == 0 ? "sub! " : "sub ") + sub);
        all.addAll(props);
        if (r.nextInt(4) == 0) Collections.shuffle(all, r);
        for (int i = 0; i < all.size(); i++) sb.append(i == 0 ? " " : "," + sep()).append(all.get(i));
        statements.add(sb.append(";").toString());
    }

    private List<GraqlSource> run() {
        int nAttributes = 2 + r.nextInt(10);
        String[] vts = {"string", "long", "double", "boolean", "datetime"};
        for (int i = 0; i < nAttributes; i++) {
            String l = label();
            List<String> props = new ArrayList<>();
            String sup;
            String vt;
            if (attributes.isEmpty() || r.nextInt(3) == 0) {
                sup = "attribute";
                vt = vts[r.nextInt(vts.length)];
                // now and then in Grakn 1.7 spelling, which must read the same
                props.add((r.nextInt(6) == 0 ? "datatype " : "value ") + (vt.equals("datetime") && r.nextInt(4) == 0 ? "date" : vt));
            } else {
                int s = r.nextInt(attributes.size());
                sup = attributes.get(s);
                vt = attributeValueTypes.get(s);
                if (r.nextBoolean()) props.add("value " + vt);
            }
            if (r.nextInt(4) == 0) props.add("abstract");
            if (vt.equals("string") && r.nextInt(3) == 0) props.add("regex " + quote(REGEXES[r.nextInt(REGEXES.length)]));
            attributes.add(l);
            attributeValueTypes.add(vt);
            statement(l, sup, props);
        }
        int nRelations = 1 + r.nextInt(6);
        for (int i = 0; i < nRelations; i++) {
            String l = label();
            List<String> props = new ArrayList<>();
            List<String> related = new ArrayList<>();
            String sup = "relation";
            if (!relations.isEmpty() && r.nextInt(2) == 0) {
                int s = r.nextInt(relations.size());
                sup = relations.get(s);
                related.addAll(relationRoles.get(s));
            }
            List<String> inherited = List.copyOf(related);
            int nRoles = 1 + r.nextInt(3);
            for (int k = 0; k < nRoles; k++) {
                String role = l + "_" + label();
                if (!inherited.isEmpty() && r.nextBoolean()) props.add("relates " + role + " as " + pick(inherited));
                else props.add("relates " + role);
                roles.add(role);
                related.add(role);
            }
            if (r.nextInt(6) == 0) props.add("abstract");
            relations.add(l);
            relationRoles.add(related);
            statement(l, sup, props);
        }
        for (int i = r.nextInt(3); i > 0; i--) {
            String role = "free-" + label();
            String sup = r.nextBoolean() ? "role" : pick(roles);
            statement(role, sup, List.of());
            roles.add(role);
        }
        int nEntities = 1 + r.nextInt(8);
        for (int i = 0; i < nEntities; i++) {
            String l = label();
            String sup = entities.isEmpty() || r.nextBoolean() ? "entity" : pick(entities);
            List<String> props = new ArrayList<>();
            if (r.nextInt(4) == 0) props.add("abstract");
            entities.add(l);
            statement(l, sup, props);
        }
        // ownership and roles, partly as later additions to existing types
        List<String> owners = new ArrayList<>(entities);
        owners.addAll(relations);
        owners.addAll(attributes);
        for (String owner : owners) {
            List<String> props = new ArrayList<>();
            for (int k = r.nextInt(4); k > 0; k--) {
                String a = pick(attributes);
                props.add((r.nextInt(4) == 0 ? "key " : "has ") + a);
            }
            for (int k = r.nextInt(3); k > 0; k--) props.add("plays " + pick(roles));
            if (props.isEmpty()) continue;
            // a type must not own an attribute both as key and has: Grakn prints only the key
            List<String> clean = new ArrayList<>();
            for (String p : props) {
                String target = p.substring(p.indexOf(' ') + 1);
                if (clean.stream().noneMatch(c -> c.endsWith(" " + target) && !c.startsWith("plays") && !p.startsWith("plays"))) clean.add(p);
            }
            if (r.nextBoolean()) {
                statement(owner, null, clean);
            } else {
                StringBuilder sb = new StringBuilder(owner);
                for (int i = 0; i < clean.size(); i++) sb.append(i == 0 ? " " : ", ").append(clean.get(i));
                additions.add(sb.append(";").toString());
            }
        }
        int nRules = r.nextInt(5);
        for (int i = 0; i < nRules; i++) {
            String l = "rule-" + label();
            // Grakn's rules: statements and at most one negation of statements in 'when', one fact in 'then'
            statements.add(l + (r.nextInt(3) == 0 ? "" : " sub rule,") + " when {" + sep() + ruleCondition() + sep()
                    + "}, then {" + sep() + head() + ";" + sep() + "};");
        }
        Collections.shuffle(statements, r);
        List<GraqlSource> sources = new ArrayList<>();
        sources.add(new GraqlSource("gen-" + next + ".gql", "define\n\n" + String.join("\n\n", statements) + "\n"));
        if (!additions.isEmpty()) {
            Collections.shuffle(additions, r);
            sources.add(new GraqlSource("gen-add.gql", "# additions\ndefine " + String.join("\n", additions)));
        }
        return sources;
    }

    private String var() { return "$" + (char) ('a' + r.nextInt(6)) + (r.nextBoolean() ? "" : "-" + r.nextInt(3)); }

    private String literal() {
        return switch (r.nextInt(6)) {
            case 0 -> Long.toString(r.nextInt(2000) - 1000);
            case 1 -> (r.nextInt(200) - 100) + "." + r.nextInt(100);
            case 2 -> r.nextBoolean() ? "true" : "false";
            case 3 -> r.nextBoolean() ? "2020-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10) : "2019-12-31T23:59:" + (10 + r.nextInt(50));
            case 4 -> r.nextInt(3) + "e" + r.nextInt(4);
            default -> quote(STRINGS[r.nextInt(STRINGS.length)]);
        };
    }

    private String predicate() { return predicate(true); }

    private String predicate(boolean bareVariable) {
        String[] ops = {"", "== ", "!== ", "> ", ">= ", "< ", "<= "};
        return switch (r.nextInt(4)) {
            case 0 -> "contains " + quote(STRINGS[r.nextInt(STRINGS.length)]);
            case 1 -> "like " + quote(REGEXES[r.nextInt(REGEXES.length)]);
            case 2 -> (bareVariable ? ops[r.nextInt(ops.length)] : ops[1 + r.nextInt(ops.length - 1)]) + var();
            default -> ops[r.nextInt(ops.length)] + literal();
        };
    }

    private String tuple() {
        int rel = r.nextInt(relations.size());
        List<String> rs = relationRoles.get(rel);
        StringBuilder sb = new StringBuilder("(");
        for (int k = 1 + r.nextInt(3); k > 0; k--) {
            sb.append(r.nextInt(4) == 0 ? "" : pick(rs) + (r.nextBoolean() ? ": " : ":")).append(var()).append(k > 1 ? ", " : "");
        }
        return sb.append(") isa ").append(relations.get(rel)).toString();
    }

    private String statementPattern() {
        return switch (r.nextInt(8)) {
            case 0 -> var() + (r.nextBoolean() ? " " : "") + tuple();
            case 1 -> tuple() + (r.nextBoolean() ? ", has " + pick(attributes) + " " + var() : "");
            case 2 -> var() + " has " + pick(attributes) + " " + predicate() + (r.nextInt(5) == 0 ? " via " + var() : "");
            case 3 -> var() + " " + predicate(false);
            case 4 -> var() + (r.nextBoolean() ? " isa " : " isa! ") + pick(entities) + ", has " + pick(attributes) + " " + var();
            case 5 -> var() + " !== " + var();
            case 6 -> var() + " " + literal() + " isa " + pick(attributes);
            default -> var() + " isa " + pick(r.nextBoolean() ? entities : relations);
        };
    }

    private String ruleCondition() {
        String c = conjunction(0, 1 + r.nextInt(3));
        if (r.nextInt(3) == 0) c += sep() + "not {" + sep() + conjunction(0, 1 + r.nextInt(2)) + sep() + "};";
        return c;
    }

    private String conjunction(int depth, int size) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++) {
            int kind = depth == 0 ? 0 : r.nextInt(6);
            String p = switch (kind) {
                case 1 -> "not {" + sep() + conjunction(depth - 1, 1 + r.nextInt(3)) + sep() + "}";
                case 2 -> {
                    StringBuilder d = new StringBuilder();
                    for (int b = 2 + r.nextInt(2); b > 0; b--) {
                        d.append("{ ").append(conjunction(depth - 1, 1 + r.nextInt(2))).append(" }").append(b > 1 ? " or " : "");
                    }
                    yield d.toString();
                }
                default -> statementPattern();
            };
            sb.append(p).append(";").append(i < size - 1 ? sep() : "");
        }
        return sb.toString();
    }

    private String head() {
        return switch (r.nextInt(3)) {
            case 0 -> r.nextBoolean() ? var() + " has " + pick(attributes) + " " + var()
                    : "$h has " + pick(attributes) + " $hv; $hv " + literal();
            case 1 -> var() + " isa " + pick(entities);
            default -> tuple();
        };
    }
}
