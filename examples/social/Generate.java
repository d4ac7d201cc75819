// Generates social.grakn, the example backup for schema.gql: a deterministic (seeded) social network
// that uses every value type, attributes owning attributes, a role hierarchy, relations playing roles
// in relations, and keys. Run through generate.sh; arguments: <output> [people] [seed].
// The data satisfies the schema (keys present and unique, has/plays respected), so it imports with
// full validation.

import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

public class Generate {

    static final String[] FIRST = {"Ada", "Alan", "Barbara", "Claude", "Donald", "Edsger", "Frances", "Grace", "Hedy",
            "John", "Katherine", "Leslie", "Margaret", "Niklaus", "Radia", "Tim", "Tony", "Ursula", "Whitfield", "Yukihiro"};
    static final String[] LAST = {"Lovelace", "Turing", "Liskov", "Shannon", "Knuth", "Dijkstra", "Allen", "Hopper",
            "Lamarr", "Backus", "Johnson", "Lamport", "Hamilton", "Wirth", "Perlman", "Berners-Lee", "Hoare", "Franklin"};
    static final String[] LANGUAGES = {"en", "fr", "de", "ja", "pt", "nl"};
    static final String[] WORDS = {"graph", "schema", "rule", "role", "keyspace", "migration", "backup", "query",
            "relation", "attribute", "entity", "type", "inference", "export", "import"};

    final ItemWriter out;
    final Random random;
    final Map<String, String> attributes = new HashMap<>();
    long nextId = 4096;

    Generate(ItemWriter out, long seed) {
        this.out = out;
        this.random = new Random(seed);
    }

    String id() { return "V" + (nextId++); }

    /** The attribute of this type and value, written once (attributes are unique per type and value). */
    String attribute(String type, ValueObject value, String... owned) {
        String key = type + "\u0000" + value.toString();
        String id = attributes.get(key);
        if (id != null) return id;
        id = id();
        attributes.put(key, id);
        Item.Attribute.Builder a = Item.Attribute.newBuilder().setId(id).setLabel(type).setValue(value);
        for (String o : owned) a.addAttribute(Item.OwnedAttribute.newBuilder().setId(o));
        out.write(Item.newBuilder().setAttribute(a).build());
        return id;
    }

    /** An attribute whose value is unique by construction: not remembered, so memory stays flat. */
    String uniqueAttribute(String type, ValueObject value) {
        String id = id();
        out.write(Item.newBuilder().setAttribute(Item.Attribute.newBuilder().setId(id).setLabel(type).setValue(value)).build());
        return id;
    }

    String entity(String type, List<String> owned) {
        String id = id();
        Item.Entity.Builder e = Item.Entity.newBuilder().setId(id).setLabel(type);
        for (String o : owned) e.addAttribute(Item.OwnedAttribute.newBuilder().setId(o));
        out.write(Item.newBuilder().setEntity(e).build());
        return id;
    }

    /** rolesAndPlayers: role, player, role, player, ... */
    String relation(String type, List<String> owned, String... rolesAndPlayers) {
        String id = id();
        Item.Relation.Builder r = Item.Relation.newBuilder().setId(id).setLabel(type);
        for (String o : owned) r.addAttribute(Item.OwnedAttribute.newBuilder().setId(o));
        for (int i = 0; i < rolesAndPlayers.length; i += 2) {
            r.addRole(Item.Relation.Role.newBuilder().setLabel(rolesAndPlayers[i])
                    .addPlayer(Item.Relation.Role.Player.newBuilder().setId(rolesAndPlayers[i + 1])));
        }
        out.write(Item.newBuilder().setRelation(r).build());
        return id;
    }

    static ValueObject str(String s) { return ValueObject.newBuilder().setString(s).build(); }
    static ValueObject lng(long v) { return ValueObject.newBuilder().setLong(v).build(); }
    static ValueObject dbl(double v) { return ValueObject.newBuilder().setDouble(v).build(); }
    static ValueObject bool(boolean v) { return ValueObject.newBuilder().setBoolean(v).build(); }
    static ValueObject date(long ms) { return ValueObject.newBuilder().setDatetime(ms).build(); }

    <T> T pick(T[] a) { return a[random.nextInt(a.length)]; }

    long someDay() {
        // 2000-01-01 .. 2020-12-31, at midnight UTC, as Grakn stores datetimes
        return (946_684_800_000L / 86_400_000L + random.nextInt(7670)) * 86_400_000L;
    }

    void run(int people) {
        out.header("grakn-migrate example generator", "social");
        String[] languageIds = new String[LANGUAGES.length];
        for (int i = 0; i < LANGUAGES.length; i++) languageIds[i] = attribute("language", str(LANGUAGES[i]));
        String trueId = attribute("verified", bool(true));
        String falseId = attribute("verified", bool(false));

        int organisations = Math.max(2, people / 25);
        List<String> orgs = new ArrayList<>();
        for (int i = 0; i < organisations; i++) {
            String name = attribute("name", str(pick(WORDS).toUpperCase() + " " + pick(LAST) + " Ltd"), pick(languageIds));
            String code = uniqueAttribute("code", str(String.format("ORG-%05d", i)));
            orgs.add(entity("organisation", List.of(code, name)));
        }

        List<String> persons = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            String first = pick(FIRST), last = pick(LAST);
            List<String> owned = new ArrayList<>();
            owned.add(uniqueAttribute("email", str(first.toLowerCase() + "." + last.toLowerCase() + "." + i + "@example.org")));
            owned.add(attribute("name", str(first + " " + last), pick(languageIds)));
            if (random.nextInt(3) == 0) owned.add(attribute("nickname", str(first.substring(0, 3).toLowerCase() + random.nextInt(50)), pick(languageIds)));
            long age = 12 + random.nextInt(70);
            owned.add(attribute("age", lng(age)));
            owned.add(age > 17 ? trueId : falseId);
            owned.add(attribute("joined", date(someDay())));
            persons.add(entity("person", owned));
        }

        List<String> endorsable = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            String p = persons.get(i);
            if (i > 0 && random.nextInt(4) == 0) {
                relation("parenthood", List.of(), "parent", persons.get(random.nextInt(i)), "child", p);
            }
            int friends = random.nextInt(3);
            for (int f = 0; f < friends; f++) {
                String other = persons.get(random.nextInt(people));
                if (other.equals(p)) continue;
                String fr = relation("friendship", List.of(attribute("since", date(someDay()))), "friend", p, "friend", other);
                if (random.nextInt(5) == 0) endorsable.add(fr);
            }
            if (random.nextInt(10) < 7) {
                String job = relation("employment", List.of(attribute("since", date(someDay())),
                                attribute("rating", dbl(Math.round(random.nextDouble() * 50) / 10.0))),
                        "employee", p, "employer", orgs.get(random.nextInt(orgs.size())));
                if (random.nextInt(5) == 0) endorsable.add(job);
            }
            if (random.nextInt(6) == 0) relation("membership", List.of(), "member", p, "organiser", orgs.get(random.nextInt(orgs.size())));
            if (random.nextInt(3) == 0) {
                String post = entity("post", List.of(
                        uniqueAttribute("text", str("On " + pick(WORDS) + " and " + pick(WORDS) + " (" + i + ")")),
                        attribute("rating", dbl(Math.round(random.nextDouble() * 50) / 10.0)),
                        attribute("joined", date(someDay()))));
                relation("authorship", List.of(), "author", p, "work", post);
            }
        }
        for (String o : orgs) {
            if (random.nextBoolean()) relation("membership", List.of(), "member", o, "organiser", orgs.get(random.nextInt(orgs.size())));
        }
        for (String e : endorsable) relation("endorsement", List.of(), "endorsed", e, "endorser", persons.get(random.nextInt(people)));
        out.finish();
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: Generate <output.grakn> [people] [seed]");
            System.exit(2);
        }
        int people = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        try (ItemWriter w = ItemWriter.create(Path.of(args[0]))) {
            new Generate(w, seed).run(people);
            System.err.println("wrote " + args[0] + ": " + w.items() + " items");
        }
    }
}
