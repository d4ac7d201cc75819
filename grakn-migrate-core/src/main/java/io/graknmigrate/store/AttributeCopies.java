package io.graknmigrate.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The unique (type, value) index built once after an import's load into an empty keyspace (a sort
 * instead of an index insert per attribute), with Grakn's attribute reuse applied to the attributes
 * the file has more than once (hand-made files): they make the build fail, and are then merged into
 * the copy with the lowest store id before it is built again.
 */
final class AttributeCopies {

    private AttributeCopies() { }

    /**
     * Builds {@code thing_attribute_value}; when the new attributes hold copies, first points every
     * reference to a copy at the copy that is kept and deletes the others.
     *
     * @param references table and column pairs holding store ids of things (the staged references or
     *                   the id map) that must follow a merge
     * @return how many attributes were merged into another (counted as reused)
     */
    static long mergeAndIndex(Connection c, String[][] references) throws SQLException {
        try {
            Sqlite.exec(c, Layout.THING_ATTRIBUTE_VALUE);
            return 0;
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("UNIQUE")) throw e;
        }
        long merged;
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE IF EXISTS temp.import_merged");
            s.executeUpdate("CREATE TEMP TABLE import_merged(id INTEGER PRIMARY KEY, keep INTEGER NOT NULL)");
            // The same comparison as the unique index's: a partition is one (type, value).
            s.executeUpdate("INSERT INTO import_merged(id, keep) SELECT id, keep FROM"
                    + " (SELECT id, min(id) OVER (PARTITION BY type, value) AS keep FROM thing WHERE value IS NOT NULL) WHERE id <> keep");
            EmbeddedSink.checkCancelled();
            for (String[] r : references) {
                s.executeUpdate("UPDATE " + r[0] + " SET " + r[1] + " = (SELECT keep FROM import_merged m WHERE m.id = " + r[0] + "." + r[1]
                        + ") WHERE " + r[1] + " IN (SELECT id FROM import_merged)");
                EmbeddedSink.checkCancelled();
            }
            merged = s.executeUpdate("DELETE FROM thing WHERE id IN (SELECT id FROM import_merged)");
            s.executeUpdate("DROP TABLE import_merged");
        }
        Sqlite.exec(c, Layout.THING_ATTRIBUTE_VALUE);
        return merged;
    }
}
