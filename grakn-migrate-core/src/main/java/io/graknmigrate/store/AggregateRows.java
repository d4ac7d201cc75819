package io.graknmigrate.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Rows of integer columns in primary-key order, fetched as one {@code group_concat} string per chunk
 * of at most {@link #CHUNK_ROWS} rows (the columns separated by a space, the rows by a comma), read
 * from the string's bytes. One JNI call brings a chunk instead of a few per row, and SQLite builds the
 * string in C; a chunk's string is bounded by its row count whatever the data (at most
 * {@code CHUNK_ROWS} rows of at most {@code columns} 20-digit numbers).
 *
 * <p>Chunks follow each other by key: the next one starts after the last row of the previous one
 * (a row-value range on the primary key, a seek), so a relation with millions of role players is read
 * chunk by chunk too. The rows are checked to rise strictly, as the primary key orders them.
 */
final class AggregateRows {

    /** Rows per chunk: about 0.4 MB of text for two columns, the statement's cost spread over enough rows. */
    static final int CHUNK_ROWS = 1 << 14;

    private final PreparedStatement statement;
    private final int columns;
    private final long[] row;
    private final long last;
    private final int chunkRows;
    private AggregateText text;
    private int rowsInChunk;
    private boolean more;
    private boolean valid;

    /**
     * @param statement {@code SELECT group_concat(c1 || ' ' || c2 ..., ',') FROM (SELECT c1, c2 ... FROM t
     *                  WHERE (c1, c2 ...) > (?, ? ...) AND c1 <= ? ORDER BY c1, c2 ... LIMIT ?)}
     * @param columns   how many key columns the rows have
     */
    AggregateRows(PreparedStatement statement, int columns, long first, long last) {
        this(statement, columns, first, last, CHUNK_ROWS);
    }

    /** As above, with chunks of {@code chunkRows} rows (tests use small chunks). */
    AggregateRows(PreparedStatement statement, int columns, long first, long last, int chunkRows) {
        this.chunkRows = chunkRows;
        this.statement = statement;
        this.columns = columns;
        this.row = new long[columns];
        this.last = last;
        row[0] = first - 1;
        for (int i = 1; i < columns; i++) row[i] = Long.MAX_VALUE;
        this.more = first <= last;
    }

    /** The SQL of an aggregate over the key columns {@code cols} of {@code table}, in key order. */
    static String sql(String table, String... cols) {
        String key = String.join(", ", cols);
        String marks = "?" + ", ?".repeat(cols.length - 1);
        return "SELECT group_concat(" + String.join(" || ' ' || ", cols) + ", ',') FROM (SELECT " + key + " FROM " + table
                + " WHERE (" + key + ") > (" + marks + ") AND " + cols[0] + " <= ? ORDER BY " + key + " LIMIT ?)";
    }

    /** Moves to the next row; false at the end. */
    boolean next() throws SQLException {
        if (text == null || text.atEnd()) {
            if (!fetch()) {
                valid = false;
                return false;
            }
        }
        long previousFirst = row[0];
        boolean rises = false;
        boolean equalSoFar = true;
        for (int i = 0; i < columns; i++) {
            long v = text.number();
            if (equalSoFar && v != row[i]) {
                rises = v > row[i];
                equalSoFar = false;
            }
            row[i] = v;
            if (i < columns - 1) text.expect(' ');
            else if (!text.atEnd()) text.expect(',');
        }
        if (!rises || row[0] < previousFirst) throw new IllegalStateException("the store returned rows out of key order");
        valid = true;
        return true;
    }

    /** Column {@code i} (0-based) of the current row. */
    long get(int i) {
        if (!valid) throw new IllegalStateException("no current row");
        return row[i];
    }

    /** Whether there is a current row (next() returned true last). */
    boolean valid() { return valid; }

    private boolean fetch() throws SQLException {
        if (!more) return false;
        if (text != null && rowsInChunk < chunkRows) {
            more = false;
            return false;
        }
        for (int i = 0; i < columns; i++) statement.setLong(i + 1, row[i]);
        statement.setLong(columns + 1, last);
        statement.setInt(columns + 2, chunkRows);
        byte[] got;
        try (ResultSet rs = statement.executeQuery()) {
            got = rs.next() ? rs.getBytes(1) : null;
        }
        if (got == null || got.length == 0) {
            more = false;
            return false;
        }
        text = new AggregateText(got);
        rowsInChunk = 0;
        for (byte b : got) if (b == ',') rowsInChunk++;
        rowsInChunk++;
        return true;
    }

}
