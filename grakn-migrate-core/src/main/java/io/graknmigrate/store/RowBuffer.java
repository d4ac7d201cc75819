package io.graknmigrate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Rows of integers for one INSERT, sent as multi-row {@code VALUES} statements: one statement step per
 * {@link #ROWS} rows instead of one per row, and no boxing of every value as JDBC batches do. Holds at
 * most {@link #ROWS} rows.
 */
final class RowBuffer {

    /** Stands for SQL NULL. */
    static final long NULL = Long.MIN_VALUE;
    static final int ROWS = 64;

    private final Connection c;
    private final String head;
    private final int cols;
    private final long[] values;
    private final PreparedStatement full;
    private int rows;

    /** @param head the statement up to VALUES, such as {@code INSERT INTO t(a, b)} */
    RowBuffer(Connection c, String head, int cols) throws SQLException {
        this.c = c;
        this.head = head;
        this.cols = cols;
        this.values = new long[ROWS * cols];
        this.full = c.prepareStatement(sql(ROWS));
    }

    private String sql(int n) {
        StringBuilder b = new StringBuilder(head).append(" VALUES ");
        String row = "(" + "?, ".repeat(cols - 1) + "?)";
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
        rows = 0;
        return changed;
    }

    private int execute(PreparedStatement s) throws SQLException {
        int n = rows * cols;
        for (int i = 0; i < n; i++) {
            long v = values[i];
            if (v == NULL) s.setNull(i + 1, Types.INTEGER);
            else s.setLong(i + 1, v);
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
