package io.graknmigrate.store;

import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.RoleType;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.ThingType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether the data of a keyspace still fits a changed schema, as Grakn checks an {@code undefine} (or a
 * {@code define} making a type abstract): a type with instances cannot go or become abstract; an
 * ownership, a role a type plays or a role a relation relates cannot go while some data uses it. Only
 * what the change removes is looked at, so a define on a big keyspace costs nothing here.
 */
final class SchemaDataCheck {

    private SchemaDataCheck() { }

    static void check(Connection c, Schema before, Schema after, Map<String, Integer> typeIds, Map<String, Integer> roleIds)
            throws SQLException {
        List<String> conflicts = new ArrayList<>();
        for (ThingType t : before.types()) {
            Integer id = typeIds.get(t.label());
            if (id == null) continue;
            ThingType now = after.type(t.label()).orElse(null);
            if (now == null || (now.isAbstract() && !t.isAbstract())) {
                long n = count(c, "SELECT count(*) FROM thing WHERE type = ?", id);
                if (n > 0) {
                    conflicts.add(String.format(Locale.ROOT, "type %s has %,d instances, so it cannot be %s; delete them first", t.label(), n,
                            now == null ? "undefined" : "made abstract"));
                }
                if (now == null) continue;
            }
            for (String a : before.ownedAttributeTypes(t.label())) {
                Integer aid = typeIds.get(a);
                if (aid == null || after.owns(t.label(), a)) continue;
                long n = count(c, "SELECT count(*) FROM thing w JOIN ownership o ON o.owner = w.id JOIN thing x ON x.id = o.attribute"
                        + " WHERE w.type = ? AND x.type = ?", id, aid);
                if (n > 0) {
                    conflicts.add(String.format(Locale.ROOT, "%,d %s things own %s attributes, so %s can no longer lose has %s; delete those ownerships first",
                            n, t.label(), a, t.label(), a));
                }
            }
            for (RoleType r : before.roles()) {
                Integer rid = roleIds.get(r.label());
                if (rid == null) continue;
                if (before.plays(t.label(), r.label()) && !after.plays(t.label(), r.label())) {
                    long n = count(c, "SELECT count(*) FROM role_player p JOIN thing x ON x.id = p.player WHERE p.role = ? AND x.type = ?", rid, id);
                    if (n > 0) {
                        conflicts.add(String.format(Locale.ROOT, "%,d %s things play %s, so %s can no longer lose plays %s; delete those role players first",
                                n, t.label(), r.label(), t.label(), r.label()));
                    }
                }
                if (t.kind() == TypeKind.RELATION && before.relates(t.label(), r.label()) && !after.relates(t.label(), r.label())) {
                    long n = count(c, "SELECT count(*) FROM role_player p JOIN thing x ON x.id = p.relation WHERE p.role = ? AND x.type = ?", rid, id);
                    if (n > 0) {
                        conflicts.add(String.format(Locale.ROOT, "%,d %s relations have players in %s, so %s can no longer lose relates %s;"
                                + " delete those role players first", n, t.label(), r.label(), t.label(), r.label()));
                    }
                }
            }
        }
        for (RoleType r : before.roles()) {
            Integer rid = roleIds.get(r.label());
            if (rid == null || after.role(r.label()).isPresent()) continue;
            long n = count(c, "SELECT count(*) FROM role_player WHERE role = ?", rid);
            if (n > 0) conflicts.add(String.format(Locale.ROOT, "role %s has %,d players, so it cannot be undefined; delete them first", r.label(), n));
        }
        if (!conflicts.isEmpty()) throw new SchemaConflictException(conflicts);
    }

    private static long count(Connection c, String sql, long... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) s.setLong(i + 1, args[i]);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
