package io.graknmigrate.store;

import io.graknmigrate.migrate.MigrationException;
import io.graknmigrate.schema.GraqlSource;
import io.graknmigrate.schema.RoleType;
import io.graknmigrate.schema.Rule;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.SchemaDefiner;
import io.graknmigrate.schema.SchemaException;
import io.graknmigrate.schema.SchemaPrinter;
import io.graknmigrate.schema.ThingType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and writes a keyspace's schema: the canonical define text plus the structured type tables. */
final class SchemaTables {

    private SchemaTables() { }

    static String text(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT define FROM schema_define WHERE id = 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The stored schema, re-parsed from its canonical text. */
    static Schema load(Connection c, String keyspace) throws SQLException {
        String text = text(c);
        if (text == null || text.isBlank()) return new Schema();
        try {
            return SchemaDefiner.define(new Schema(), List.of(new GraqlSource("keyspace " + keyspace, text)), w -> { });
        } catch (SchemaException e) {
            throw new MigrationException("the stored schema of keyspace " + keyspace
                    + " cannot be read back (" + e.getMessage() + "), report this with the keyspace file", e);
        }
    }

    /** Writes the schema; the caller's transaction makes it atomic with whatever else it does. */
    static void save(Connection c, String keyspace, Schema schema) throws SQLException {
        String text = SchemaPrinter.print(schema);
        // Never store text we could not read back: the keyspace would be unreadable afterwards.
        try {
            SchemaDefiner.define(new Schema(), List.of(new GraqlSource("keyspace " + keyspace, text)), w -> { });
        } catch (SchemaException e) {
            throw new MigrationException("the schema of keyspace " + keyspace
                    + " would not read back after printing (" + e.getMessage() + "), nothing was changed; report this with your schema files", e);
        }
        try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO schema_define(id, define) VALUES (1, ?)")) {
            s.setString(1, text);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO type(label, kind, supertype, abstract, value_type, regex) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT(label) DO UPDATE SET kind = excluded.kind, supertype = excluded.supertype,"
                        + " abstract = excluded.abstract, value_type = excluded.value_type, regex = excluded.regex")) {
            for (ThingType t : schema.types()) {
                s.setString(1, t.label());
                s.setString(2, t.kind().meta());
                s.setString(3, t.supertype());
                s.setInt(4, t.isAbstract() ? 1 : 0);
                var vt = schema.valueType(t.label());
                s.setString(5, vt == null ? null : vt.keyword());
                s.setString(6, t.regex());
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO role(label, supertype) VALUES (?, ?) ON CONFLICT(label) DO UPDATE SET supertype = excluded.supertype")) {
            for (RoleType r : schema.roles()) {
                s.setString(1, r.label());
                s.setString(2, r.supertype());
                s.addBatch();
            }
            s.executeBatch();
        }
        // Types and roles an undefine removed (checked to have no instances or players by then).
        deleteMissing(c, "type", schema.types().stream().map(ThingType::label).toList());
        deleteMissing(c, "role", schema.roles().stream().map(RoleType::label).toList());
        Sqlite.exec(c, "DELETE FROM type_owns");
        Sqlite.exec(c, "DELETE FROM type_plays");
        Sqlite.exec(c, "DELETE FROM type_relates");
        Sqlite.exec(c, "DELETE FROM rule");
        try (PreparedStatement owns = c.prepareStatement("INSERT OR REPLACE INTO type_owns(type, attribute_type, is_key) VALUES (?, ?, ?)");
             PreparedStatement plays = c.prepareStatement("INSERT OR IGNORE INTO type_plays(type, role) VALUES (?, ?)");
             PreparedStatement relates = c.prepareStatement("INSERT OR IGNORE INTO type_relates(type, role, overrides) VALUES (?, ?, ?)");
             PreparedStatement rules = c.prepareStatement("INSERT OR IGNORE INTO rule(label) VALUES (?)")) {
            for (ThingType t : schema.types()) {
                for (String a : t.has()) {
                    owns.setString(1, t.label());
                    owns.setString(2, a);
                    owns.setInt(3, 0);
                    owns.addBatch();
                }
                for (String a : t.keys()) {
                    owns.setString(1, t.label());
                    owns.setString(2, a);
                    owns.setInt(3, 1);
                    owns.addBatch();
                }
                for (String r : t.plays()) {
                    plays.setString(1, t.label());
                    plays.setString(2, r);
                    plays.addBatch();
                }
                for (Map.Entry<String, String> r : t.relates().entrySet()) {
                    relates.setString(1, t.label());
                    relates.setString(2, r.getKey());
                    relates.setString(3, r.getValue());
                    relates.addBatch();
                }
            }
            for (Rule r : schema.rules()) {
                rules.setString(1, r.label());
                rules.addBatch();
            }
            owns.executeBatch();
            plays.executeBatch();
            relates.executeBatch();
            rules.executeBatch();
        }
    }

    private static void deleteMissing(Connection c, String table, List<String> labels) throws SQLException {
        Set<String> keep = new HashSet<>(labels);
        List<String> gone = new ArrayList<>();
        for (String label : ids(c, table).keySet()) if (!keep.contains(label)) gone.add(label);
        if (gone.isEmpty()) return;
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE label = ?")) {
            for (String label : gone) {
                s.setString(1, label);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    static Map<String, Integer> ids(Connection c, String table) throws SQLException {
        Map<String, Integer> ids = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, label FROM " + table)) {
            while (rs.next()) ids.put(rs.getString(2), rs.getInt(1));
        }
        return ids;
    }
}
