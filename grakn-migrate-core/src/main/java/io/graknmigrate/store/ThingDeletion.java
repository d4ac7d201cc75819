package io.graknmigrate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.StringJoiner;

/**
 * Graql's delete on the store's tables: a thing goes with its edges, and a relation left without
 * players goes too (which may empty further relations it played in).
 */
final class ThingDeletion {

    private ThingDeletion() { }

    static long deleteThing(Connection c, long id) throws SQLException {
        long deleted = 0;
        Deque<Long> pending = new ArrayDeque<>();
        pending.push(id);
        while (!pending.isEmpty()) {
            long next = pending.pop();
            // Relations this thing plays in: they may be left empty.
            java.util.List<Long> relations = new java.util.ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT relation FROM role_player WHERE player = ?")) {
                s.setLong(1, next);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) relations.add(rs.getLong(1));
                }
            }
            int removed;
            try (PreparedStatement s = c.prepareStatement("DELETE FROM thing WHERE id = ?")) {
                s.setLong(1, next);
                removed = s.executeUpdate();
            }
            exec(c, "DELETE FROM ownership WHERE owner = ?", next);
            exec(c, "DELETE FROM ownership WHERE attribute = ?", next);
            exec(c, "DELETE FROM role_player WHERE relation = ?", next);
            exec(c, "DELETE FROM role_player WHERE player = ?", next);
            deleted += removed;
            for (long r : relations) if (r != next && isEmptyRelation(c, r)) pending.push(r);
        }
        return deleted;
    }

    static boolean deleteOwnership(Connection c, long owner, long attribute) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM ownership WHERE owner = ? AND attribute = ?")) {
            s.setLong(1, owner);
            s.setLong(2, attribute);
            return s.executeUpdate() > 0;
        }
    }

    static long deleteRolePlayer(Connection c, long relation, Collection<Integer> roles, long player) throws SQLException {
        String roleFilter = "";
        if (roles != null) {
            if (roles.isEmpty()) return 0;
            StringJoiner j = new StringJoiner(",", " AND role IN (", ")");
            for (int r : roles) j.add(Integer.toString(r));
            roleFilter = j.toString();
        }
        long removed;
        try (PreparedStatement s = c.prepareStatement("DELETE FROM role_player WHERE relation = ? AND player = ?" + roleFilter)) {
            s.setLong(1, relation);
            s.setLong(2, player);
            removed = s.executeUpdate();
        }
        if (removed > 0 && isEmptyRelation(c, relation)) deleteThing(c, relation);
        return removed;
    }

    private static boolean isEmptyRelation(Connection c, long relation) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM role_player WHERE relation = ?)"
                + " AND EXISTS (SELECT 1 FROM thing WHERE id = ?)")) {
            s.setLong(1, relation);
            s.setLong(2, relation);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static void exec(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }
}
