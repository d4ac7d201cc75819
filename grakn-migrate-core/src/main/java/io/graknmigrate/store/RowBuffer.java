package io.graknmigrate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;

/**
 * Rows of integers for one INSERT, sent as multi-row {@code VALUES} statements: one statement step per
 * {@link #ROWS} rows instead of one per row, and no boxing of every value as JDBC batches do. Holds at
 * most {@link #ROWS} rows. A buffer {@link #withValue} has one more column last, an attribute's value
 * (as {@link EmbeddedSink#bindValue} binds it).
 */
final class RowBuffer {

    /** Stands for SQL NULL. */
    static final long NULL = Long.MIN_VALUE;
    static final int ROWS = 64;

    private final Connection c;
    private final String head;
    private final int cols;
    private final long[] values;
    /** The value column's values, or null without one. */
    private final Object[] objects;
    private final PreparedStatement full;
    private int rows;

    /** @param head the statement up to VALUES, such as {@code INSERT INTO t(a, b)} */
    RowBuffer(Connection c, String head, int cols) throws SQLException {
        this(c, head, cols, false);
    }

    private RowBuffer(Connection c, String head, int cols, boolean withValue) throws SQLException {
        this.c = c;
        this.head = head;
        this.cols = cols;
        this.values = new long[ROWS * cols];
        this.objects = withValue ? new Object[ROWS] : null;
        this.full = c.prepareStatement(sql(ROWS));
    }

    /**
     * Rows of (id, type, value) for an INSERT into {@code thing}, such as {@code INSERT INTO thing(id,
     * type, value)}: {@link #addWithValue} adds them.
     */
    static RowBuffer withValue(Connection c, String head) throws SQLException {
        return new RowBuffer(c, head, 2, true);
    }

    private String sql(int n) {
        StringBuilder b = new StringBuilder(head).append(" VALUES ");
        String row = "(" + "?, ".repeat(cols + (objects == null ? 0 : 1) - 1) + "?)";
        for (int i = 0; i < n; i++) b.append(i == 0 ? "" : ", ").append(row);
        return b.toString();
    }

    int rows() { return rows; }

    boolean full() { return rows == ROWS; }

    /** The value at a row and column of what is buffered. */
    long value(int row, int col) { return values[row * cols + col]; }

    void add(long a, long b) {
        int i = rows++ * cols;
        values[i] = a;
        values[i + 1] = b;
    }

    /** Adds a row of a buffer {@link #withValue}. */
    void addWithValue(long id, long type, Object value) {
        objects[rows] = value;
        add(id, type);
    }

    void add(long a, long b, long x) {
        int i = rows++ * cols;
        values[i] = a;
        values[i + 1] = b;
        values[i + 2] = x;
    }

    void add(long a, long b, long x, long y) {
        int i = rows++ * cols;
        values[i] = a;
        values[i + 1] = b;
        values[i + 2] = x;
        values[i + 3] = y;
    }

    /** Inserts the buffered rows; returns how many rows the statement changed (fewer when OR IGNORE skipped some). */
    int flush() throws SQLException {
        if (rows == 0) return 0;
        int changed;
        if (rows == ROWS) {
            changed = execute(full);
        } else {
            try (PreparedStatement s = c.prepareStatement(sql(rows))) {
                changed = execute(s);
            }
        }
        if (objects != null) Arrays.fill(objects, 0, rows, null);
        rows = 0;
        return changed;
    }

    private int execute(PreparedStatement s) throws SQLException {
        int p = 1;
        for (int r = 0; r < rows; r++) {
            for (int i = r * cols, end = i + cols; i < end; i++) {
                long v = values[i];
                if (v == NULL) s.setNull(p++, Types.INTEGER);
                else s.setLong(p++, v);
            }
            if (objects != null) EmbeddedSink.bindValue(s, p++, objects[r]);
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
