package io.graknmigrate.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The ownerships of one kind's things in an id range, in (owner, attribute) order, fetched as pages
 * of at most {@link AggregateRows#CHUNK_ROWS} rows, each page one row of two {@code group_concat}
 * aggregates (owners, attributes) read from their bytes.
 *
 * <p>A page goes from the kind's things to their ownerships (a seek per thing), so the ownerships of
 * the other kinds' things in the range are never read: the kinds' ids interleave, and each kind is
 * exported in a pass of its own. When a page is full, its last owner may own more than the page
 * holds: that owner's further attributes come from pages of its own (a seek on the primary key past
 * the last attribute), then paging goes on from the next thing. So a page is bounded whatever a
 * thing owns, and every ownership is read once.
 */
final class OwnershipRows {

    /** Parameters: first id, end id (exclusive), page size. {@code %s}: the kind's type ids as an SQL list. */
    static final String BY_THINGS = "SELECT group_concat(owner), group_concat(attribute) FROM (SELECT o.owner AS owner,"
            + " o.attribute AS attribute FROM thing t JOIN ownership o ON o.owner = t.id WHERE t.id >= ? AND t.id < ?"
            + " AND t.type IN %s ORDER BY t.id, o.attribute LIMIT ?)";

    /** Parameters: owner, last attribute read, page size. */
    static final String OF_ONE_OWNER = "SELECT group_concat(attribute) FROM (SELECT attribute FROM ownership"
            + " WHERE owner = ? AND attribute > ? ORDER BY attribute LIMIT ?)";

    private final PreparedStatement byThings;
    private final PreparedStatement ofOneOwner;
    private final long end;
    private final int pageSize;
    private long from;
    /** The owner whose own pages are being read, or -1 while paging by things. */
    private long oneOwner = -1;
    private AggregateText owners;
    private AggregateText attributes;
    private int pageRows;
    private boolean done;
    private boolean valid;
    private long owner = Long.MIN_VALUE;
    private long attribute = Long.MIN_VALUE;

    OwnershipRows(PreparedStatement byThings, PreparedStatement ofOneOwner, long from, long end) {
        this(byThings, ofOneOwner, from, end, AggregateRows.CHUNK_ROWS);
    }

    /** As above, with pages of {@code pageSize} rows (tests use small pages). */
    OwnershipRows(PreparedStatement byThings, PreparedStatement ofOneOwner, long from, long end, int pageSize) {
        this.pageSize = pageSize;
        this.byThings = byThings;
        this.ofOneOwner = ofOneOwner;
        this.from = from;
        this.end = end;
    }

    /** Moves to the next ownership; false at the end. */
    boolean next() throws SQLException {
        while (attributes == null || attributes.atEnd()) {
            if (!fetch()) {
                valid = false;
                return false;
            }
        }
        long o = oneOwner >= 0 ? oneOwner : owners.number();
        if (oneOwner < 0 && !owners.atEnd()) owners.expect(',');
        long a = attributes.number();
        if (!attributes.atEnd()) attributes.expect(',');
        if (o < owner || o == owner && a <= attribute) throw new IllegalStateException("the store returned ownerships out of key order");
        owner = o;
        attribute = a;
        valid = true;
        return true;
    }

    long owner() {
        if (!valid) throw new IllegalStateException("no current ownership");
        return owner;
    }

    long attribute() {
        if (!valid) throw new IllegalStateException("no current ownership");
        return attribute;
    }

    boolean valid() { return valid; }

    private boolean fetch() throws SQLException {
        if (done) return false;
        boolean full = attributes != null && pageRows == pageSize;
        if (attributes != null) {
            if (oneOwner >= 0) {
                if (!full) {
                    // that owner is done: on with the things after it
                    from = oneOwner + 1;
                    oneOwner = -1;
                }
            } else if (full) {
                oneOwner = owner; // the page's last owner may own more than the page held
            } else {
                done = true;
                return false;
            }
        }
        byte[][] got = oneOwner >= 0 ? page(ofOneOwner, oneOwner, attribute, 1) : from >= end ? null : page(byThings, from, end, 2);
        if (got == null) {
            if (oneOwner >= 0) {
                // the last owner held exactly a page: go on with the things after it
                attributes = new AggregateText(new byte[0]);
                pageRows = 0;
                return true;
            }
            done = true;
            return false;
        }
        owners = oneOwner >= 0 ? null : new AggregateText(got[0]);
        attributes = new AggregateText(got[got.length - 1]);
        pageRows = 1;
        for (byte b : attributes.bytes) if (b == ',') pageRows++;
        return true;
    }

    /** One page: the aggregates of the statement, or null when it found no row. */
    private byte[][] page(PreparedStatement s, long first, long second, int columns) throws SQLException {
        s.setLong(1, first);
        s.setLong(2, second);
        s.setInt(3, pageSize);
        try (ResultSet rs = s.executeQuery()) {
            if (!rs.next()) return null;
            byte[][] got = new byte[columns][];
            for (int i = 0; i < columns; i++) {
                got[i] = rs.getBytes(i + 1);
                if (got[i] == null || got[i].length == 0) return null;
            }
            return got;
        }
    }
}
