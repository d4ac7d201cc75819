package io.graknmigrate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Attribute rows (id, type, value) for one INSERT into {@code thing}, sent as multi-row {@code VALUES}
 * statements like {@link RowBuffer}: one statement step per {@link RowBuffer#ROWS} rows instead of one
 * per row, as a JDBC batch steps. Only for inserts whose caller needs the number of rows changed, not
 * which ones: an insert that cannot be ignored, or one where any ignored row means the same thing.
 */
final class AttributeRowBuffer {

    private final Connection c;
    private final String head;
    private final long[] ids = new long[RowBuffer.ROWS];
    private final int[] types = new int[RowBuffer.ROWS];
    private final Object[] values = new Object[RowBuffer.ROWS];
    private final PreparedStatement full;
    private int rows;

    /** @param head the statement up to VALUES, such as {@code INSERT INTO thing(id, type, value)} */
    AttributeRowBuffer(Connection c, String head) throws SQLException {
        this.c = c;
        this.head = head;
        this.full = c.prepareStatement(sql(RowBuffer.ROWS));
    }

    private String sql(int n) {
        StringBuilder b = new StringBuilder(head).append(" VALUES ");
        for (int i = 0; i < n; i++) b.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
        return b.toString();
    }

    int rows() { return rows; }

    boolean full() { return rows == RowBuffer.ROWS; }

    /** The store id of a buffered row. */
    long id(int row) { return ids[row]; }

    /** The type of a buffered row. */
    int type(int row) { return types[row]; }

    /** The value is one {@link EmbeddedSink#bindValue} binds. */
    void add(long id, int type, Object value) {
        ids[rows] = id;
        types[rows] = type;
        values[rows++] = value;
    }

    /** Inserts the buffered rows; returns how many rows the statement changed. */
    int flush() throws SQLException {
        if (rows == 0) return 0;
        int changed;
        if (rows == RowBuffer.ROWS) {
            changed = execute(full);
        } else {
            try (PreparedStatement s = c.prepareStatement(sql(rows))) {
                changed = execute(s);
            }
        }
        Arrays.fill(values, 0, rows, null);
        rows = 0;
        return changed;
    }

    private int execute(PreparedStatement s) throws SQLException {
        for (int i = 0, p = 1; i < rows; i++) {
            s.setLong(p++, ids[i]);
            s.setInt(p++, types[i]);
            EmbeddedSink.bindValue(s, p++, values[i]);
        }
        return s.executeUpdate();
    }

    void close() {
        try {
            full.close();
        } catch (SQLException ignored) {
            // closing
        }
    }
}
