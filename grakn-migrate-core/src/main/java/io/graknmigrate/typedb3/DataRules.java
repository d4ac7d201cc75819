package io.graknmigrate.typedb3;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.schema.TypeKind;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.function.UnaryOperator;


/**
 * TypeDB 3's import rules for the data, as this project models them: what {@code database import}
 * checks item by item (DBI, DIS errors) and at the end (checksums, references, cardinalities, keys,
 * owner-less attributes). The data file is streamed once into a work SQLite database and checked
 * with queries, so memory stays bounded.
 */
final class DataRules {

    private final TypeQlSchema schema;
    private final Problems problems;

    private DataRules(TypeQlSchema schema, Problems problems) {
        this.schema = schema;
        this.problems = problems;
    }

    static void check(TypeQlSchema schema, Problems problems, Path dataFile, WorkDatabase db, ProgressListener progress)
            throws IOException, SQLException {
        new DataRules(schema, problems).checkData(dataFile, db, progress);
    }

    private void problem(String kind, String example) { problems.add(kind, example); }

    private static long cardMax(TypeQlType.Capability c, long defaultMax) {
        if (c.key) return 1;
        return c.hasCard() ? c.cardMax : defaultMax;
    }

    private static long cardMin(TypeQlType.Capability c) {
        if (c.key) return 1;
        return c.hasCard() ? c.cardMin : 0;
    }

    private void checkData(Path dataFile, WorkDatabase db, ProgressListener progress) throws IOException, SQLException {
        db.execute("CREATE TABLE things(id TEXT PRIMARY KEY, kind INTEGER NOT NULL, label TEXT NOT NULL)",
                "CREATE TABLE own(owner TEXT NOT NULL, attr TEXT NOT NULL)",
                "CREATE TABLE play(rel TEXT NOT NULL, role TEXT NOT NULL, player TEXT NOT NULL)");
        long[] counted = new long[5];
        long checksumItems = 0;
        Item.Checksums checksums = null;
        Map<String, Pattern> compiled = new HashMap<>();
        long size = Files.size(dataFile);
        progress.start(Typedb3Phases.CHECKING, size, "bytes");
        try (ItemReader reader = ItemReader.open(dataFile);
             PreparedStatement thing = db.connection.prepareStatement("INSERT OR IGNORE INTO things VALUES (?, ?, ?)");
             PreparedStatement own = db.connection.prepareStatement("INSERT INTO own VALUES (?, ?)");
             PreparedStatement play = db.connection.prepareStatement("INSERT INTO play VALUES (?, ?, ?)")) {
            while (reader.hasNext()) {
                Item item = reader.next();
                if (reader.itemIndex() % 4096 == 0) {
                    if (Thread.currentThread().isInterrupted()) throw new CancellationException("validation cancelled");
                    progress.update(reader.position());
                }
                switch (item.getItemCase()) {
                    case CHECKSUMS -> {
                        checksumItems++;
                        checksums = item.getChecksums();
                    }
                    case HEADER -> { }
                    case ATTRIBUTE -> {
                        Item.Attribute a = item.getAttribute();
                        counted[1]++;
                        TypeQlType t = typeOf(a.getLabel(), TypeKind.ATTRIBUTE, "attribute", "DBI14");
                        if (a.getAttributeCount() > 0) problem("attribute owns attributes (DIS7)", a.getId());
                        counted[4] += a.getAttributeCount();
                        insert(thing, a.getId(), 1, a.getLabel());
                        if (t == null) continue;
                        if (t.isAbstract()) problem("instance of an abstract type", a.getLabel());
                        value(a, compiled);
                    }
                    case ENTITY -> {
                        Item.Entity e = item.getEntity();
                        counted[0]++;
                        TypeQlType t = typeOf(e.getLabel(), TypeKind.ENTITY, "entity", "DBI15");
                        if (t != null && t.isAbstract()) problem("instance of an abstract type", e.getLabel());
                        insert(thing, e.getId(), 2, e.getLabel());
                        ownerships(own, e.getId(), e.getAttributeList(), counted);
                    }
                    case RELATION -> {
                        Item.Relation r = item.getRelation();
                        counted[2]++;
                        TypeQlType t = typeOf(r.getLabel(), TypeKind.RELATION, "relation", "DBI16");
                        if (t != null && t.isAbstract()) problem("instance of an abstract type", r.getLabel());
                        insert(thing, r.getId(), 3, r.getLabel());
                        ownerships(own, r.getId(), r.getAttributeList(), counted);
                        Set<String> rolesSeen = new HashSet<>();
                        for (Item.Relation.Role role : r.getRoleList()) {
                            String label = role.getLabel();
                            counted[3] += role.getPlayerCount();
                            role(label, r.getLabel(), t);
                            if (!rolesSeen.add(label)) problem("role listed twice in one relation", r.getId() + " " + label);
                            Set<String> players = new HashSet<>();
                            for (Item.Relation.Role.Player p : role.getPlayerList()) {
                                if (!players.add(p.getId())) {
                                    problem("duplicate player in a role (server counts it once: DBI19)", r.getId() + " " + label + " " + p.getId());
                                }
                                play.setString(1, r.getId());
                                play.setString(2, label);
                                play.setString(3, p.getId());
                                play.executeUpdate();
                            }
                        }
                    }
                    default -> problem("empty item (DIS5)", "item " + reader.itemIndex());
                }
            }
            if (reader.unknownItems() > 0) problem("empty or unknown items (DIS5)", reader.unknownItems() + " items");
            progress.update(size);
        } finally {
            progress.finish();
        }
        if (checksumItems == 0) problem("no checksums item (DBI18)", dataFile.toString());
        if (checksumItems > 1) problem("checksums received more than once (DBI13)", checksumItems + " items");
        if (checksums != null) {
            long[] c = {checksums.getEntityCount(), checksums.getAttributeCount(), checksums.getRelationCount(),
                    checksums.getRoleCount(), checksums.getOwnershipCount()};
            if (!Arrays.equals(c, counted)) {
                problem("checksums mismatch (DBI19)", "file says " + Arrays.toString(c) + ", items hold " + Arrays.toString(counted));
            }
        }
        progress.start(Typedb3Phases.CHECKING_REFERENCES, -1, "");
        try {
            db.execute("CREATE INDEX own_owner ON own(owner)", "CREATE INDEX own_attr ON own(attr)",
                    "CREATE INDEX play_rel ON play(rel)", "ANALYZE");
            db.connection.commit();
            references(db);
            ownershipRules(db);
            roleRules(db);
            orphans(db);
        } finally {
            progress.finish();
        }
    }

    private void insert(PreparedStatement ps, String id, int kind, String label) throws SQLException {
        ps.setString(1, id);
        ps.setInt(2, kind);
        ps.setString(3, label);
        if (ps.executeUpdate() == 0) problem("duplicate item id", id);
    }

    private void ownerships(PreparedStatement own, String owner, List<Item.OwnedAttribute> list, long[] counted) throws SQLException {
        counted[4] += list.size();
        Set<String> seen = new HashSet<>();
        for (Item.OwnedAttribute o : list) {
            if (!seen.add(o.getId())) problem("duplicate owned attribute in one owner (server counts it once: DBI19)", owner + " " + o.getId());
            own.setString(1, owner);
            own.setString(2, o.getId());
            own.executeUpdate();
        }
    }

    private TypeQlType typeOf(String label, TypeKind kind, String what, String code) {
        TypeQlType t = schema.type(label);
        if (t == null || t.kind() != kind) {
            problem(what + " type does not exist in the schema (" + code + ")", label);
            return null;
        }
        return t;
    }

    private void value(Item.Attribute a, Map<String, Pattern> compiled) {
        ValueObject v = a.getValue();
        String vt = schema.valueType(a.getLabel());
        if (!a.hasValue() || v.getValueCase() == ValueObject.ValueCase.VALUE_NOT_SET) {
            problem("attribute without a value (DIS6)", a.getId());
            return;
        }
        String expected = switch (v.getValueCase()) {
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case LONG -> "integer";
            case DOUBLE -> "double";
            case DATETIME -> "datetime";
            default -> "?";
        };
        if (!expected.equals(vt)) {
            problem("value does not match the attribute type's value type", a.getLabel() + " holds " + vt + ", item " + a.getId() + " has " + expected);
            return;
        }
        String bad = BadValues.problem(v);
        if (bad != null) problem("value TypeDB 3 cannot store", a.getLabel() + " " + a.getId() + ": " + bad);
        if (v.getValueCase() == ValueObject.ValueCase.STRING) {
            for (String regex : schema.regexes(a.getLabel())) {
                // TypeDB 3 runs is_match, an unanchored search, on an RE2-family engine
                Pattern p = compiled.computeIfAbsent(regex, r -> {
                    try {
                        return Pattern.compile(r);
                    } catch (PatternSyntaxException e) {
                        return null;
                    }
                });
                if (p != null && !p.matcher(v.getString()).find()) problem("value does not match @regex", a.getLabel() + " " + a.getId());
            }
        }
    }

    private void role(String label, String relationLabel, TypeQlType relation) {
        int colon = label.indexOf(':');
        if (colon < 0) {
            problem("role label not scoped relation:role (DBI17)", label);
            return;
        }
        String scope = label.substring(0, colon);
        String role = label.substring(colon + 1);
        TypeQlType declarer = schema.type(scope);
        if (declarer == null || !declarer.relates().containsKey(role)) {
            problem("role type does not exist in the schema (DBI17)", label);
            return;
        }
        if (relation == null) return;
        if (!schema.isSubtypeOf(relationLabel, scope)) problem("relation type does not relate the role", relationLabel + " / " + label);
        else if (schema.isSpecialisedAway(relationLabel, scope, role)) {
            problem("player of a role the relation type specialises away", relationLabel + " / " + label);
        }
    }

    private void references(WorkDatabase db) throws SQLException {
        query(db, "SELECT count(DISTINCT o.attr), min(o.attr) FROM own o WHERE NOT EXISTS (SELECT 1 FROM things t WHERE t.id = o.attr AND t.kind = 1)",
                rs -> {
                    if (rs.getLong(1) > 0) problem("unknown owned attributes (DBI20)", rs.getLong(1) + " ids, e.g. " + rs.getString(2));
                });
        query(db, "SELECT count(DISTINCT p.player), min(p.player) FROM play p"
                        + " WHERE NOT EXISTS (SELECT 1 FROM things t WHERE t.id = p.player AND t.kind IN (2, 3))",
                rs -> {
                    if (rs.getLong(1) > 0) problem("unknown role players, or attributes as players (DBI21)", rs.getLong(1) + " ids, e.g. " + rs.getString(2));
                });
    }

    private void ownershipRules(WorkDatabase db) throws SQLException {
        query(db, "SELECT DISTINCT w.label, a.label FROM own o JOIN things w ON w.id = o.owner JOIN things a ON a.id = o.attr AND a.kind = 1", rs -> {
            if (schema.ownsDeclarer(rs.getString(1), rs.getString(2)) == null) {
                problem("owner type does not own that exact attribute type", rs.getString(1) + " has " + rs.getString(2));
            }
        });
        // cardinality and @key per owner instance, streamed owner by owner
        perThing(db, "SELECT o.owner, w.label, a.label, count(*) FROM own o JOIN things w ON w.id = o.owner"
                + " JOIN things a ON a.id = o.attr AND a.kind = 1 GROUP BY o.owner, w.label, a.label ORDER BY o.owner",
                attributeType -> attributeType, this::ownerCards);
        // owners with no ownership at all still need their @key / min cards
        query(db, "SELECT t.id, t.label FROM things t WHERE t.kind IN (2, 3) AND NOT EXISTS (SELECT 1 FROM own o WHERE o.owner = t.id)",
                rs -> ownerCards(rs.getString(1), rs.getString(2), Map.of()));
        // @key and @unique: no attribute shared by two owners under the declaring type
        for (TypeQlType t : schema.types()) {
            for (Map.Entry<String, TypeQlType.Capability> o : t.owns().entrySet()) {
                if (!o.getValue().key && !o.getValue().unique) continue;
                List<String> owners = subtypes(t.label());
                List<String> attrs = subtypes(o.getKey());
                String sql = "SELECT o.attr FROM own o JOIN things w ON w.id = o.owner JOIN things a ON a.id = o.attr"
                        + " WHERE w.label IN (" + placeholders(owners.size()) + ") AND a.label IN (" + placeholders(attrs.size()) + ")"
                        + " GROUP BY o.attr HAVING count(DISTINCT o.owner) > 1";
                try (PreparedStatement ps = db.connection.prepareStatement(sql)) {
                    int i = 1;
                    for (String s : owners) ps.setString(i++, s);
                    for (String s : attrs) ps.setString(i++, s);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) problem("@key/@unique value shared by several owners", t.label() + " owns " + o.getKey() + ": " + rs.getString(1));
                    }
                }
            }
        }
    }

    private void ownerCards(String owner, String ownerType, Map<String, Long> perType) {
        for (TypeQlType t : schema.supertypes(ownerType)) {
            for (Map.Entry<String, TypeQlType.Capability> o : t.owns().entrySet()) {
                long n = 0;
                for (Map.Entry<String, Long> e : perType.entrySet()) if (schema.isSubtypeOf(e.getKey(), o.getKey())) n += e.getValue();
                long max = cardMax(o.getValue(), 1);
                if (n < cardMin(o.getValue()) || (max >= 0 && n > max)) {
                    problem("ownership cardinality violated (DBI3 at the end of the import)", owner + " (" + ownerType + ") has " + n + " of " + o.getKey()
                            + ", '" + t.label() + " owns " + o.getKey() + "' allows " + cardMin(o.getValue()) + ".." + (max < 0 ? "" : max));
                }
            }
        }
    }

    private void roleRules(WorkDatabase db) throws SQLException {
        query(db, "SELECT DISTINCT t.label, p.role FROM play p JOIN things t ON t.id = p.player AND t.kind IN (2, 3)", rs -> {
            if (schema.playsDeclarer(rs.getString(1), rs.getString(2)) == null) {
                problem("player type does not play that scoped role", rs.getString(1) + " plays " + rs.getString(2));
            }
        });
        perThing(db, "SELECT p.rel, r.label, p.role, count(*) FROM play p JOIN things r ON r.id = p.rel AND r.kind = 3"
                + " GROUP BY p.rel, r.label, p.role ORDER BY p.rel",
                role -> role.substring(role.indexOf(':') + 1), this::relationCards);
    }

    private void relationCards(String rel, String relType, Map<String, Long> perRole) {
        for (TypeQlType t : schema.supertypes(relType)) {
            for (Map.Entry<String, TypeQlType.Capability> r : t.relates().entrySet()) {
                long n = 0;
                for (String s : schema.roleAndSpecialisations(r.getKey())) n += perRole.getOrDefault(s, 0L);
                long max = cardMax(r.getValue(), 1);
                if (max >= 0 && n > max) {
                    problem("role cardinality violated (DBI3 at the end of the import)", rel + " (" + relType + ") has " + n + " players in " + r.getKey()
                            + ", '" + t.label() + " relates " + r.getKey() + "' allows " + cardMin(r.getValue()) + ".." + max);
                }
            }
        }
    }

    private void orphans(WorkDatabase db) throws SQLException {
        query(db, "SELECT t.label, count(*) FROM things t WHERE t.kind = 1 AND NOT EXISTS (SELECT 1 FROM own o WHERE o.attr = t.id) GROUP BY t.label", rs -> {
            if (schema.type(rs.getString(1)) != null && !schema.isIndependent(rs.getString(1))) {
                problem("attributes without an owner whose type is not @independent (TypeDB 3 deletes them when the import finishes)",
                        rs.getLong(2) + " of " + rs.getString(1));
            }
        });
    }

    private List<String> subtypes(String label) {
        List<String> l = new ArrayList<>();
        for (TypeQlType t : schema.types()) if (schema.isSubtypeOf(t.label(), label)) l.add(t.label());
        return l;
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(Math.max(n, 1), "?"));
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private interface PerThingCheck {
        void check(String thing, String type, Map<String, Long> countsByLabel);
    }

    /**
     * Runs {@code sql} (thing id, its type, a label, a count; ordered by thing id) and checks each
     * thing's counts by label once its rows are read, so that only one thing's counts are held at a time.
     */
    private static void perThing(WorkDatabase db, String sql, UnaryOperator<String> label, PerThingCheck check)
            throws SQLException {
        String[] current = {null, null};
        Map<String, Long> counts = new TreeMap<>();
        query(db, sql, rs -> {
            if (!rs.getString(1).equals(current[0])) {
                if (current[0] != null) check.check(current[0], current[1], counts);
                current[0] = rs.getString(1);
                current[1] = rs.getString(2);
                counts.clear();
            }
            counts.put(label.apply(rs.getString(3)), rs.getLong(4));
        });
        if (current[0] != null) check.check(current[0], current[1], counts);
    }

    private static void query(WorkDatabase db, String sql, Row row) throws SQLException {
        try (Statement s = db.connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) row.accept(rs);
        }
    }
}
