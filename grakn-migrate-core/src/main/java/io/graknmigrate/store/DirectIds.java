package io.graknmigrate.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The import's way for a file whose ids are all Grakn's {@code V<digits>}, into an empty keyspace: the
 * number of each id is its store id ({@link io.graknmigrate.keyspace.ThingId} spells store ids the
 * same way, so the ids even survive an export). No id map is kept and no reference needs a lookup
 * while streaming: things go straight into {@code thing}, ownerships and role players by store id into
 * the staging tables of {@link ImportTables}; one join with {@code thing} at the end finds each
 * referenced thing's type, or its absence (a dangling reference).
 *
 * <p>The unique (type, value) index is dropped for the load and built once after it (a sort instead
 * of an index insert per attribute). A file that has one attribute twice (hand-made files) makes that
 * build fail; the copies are then merged into the one with the lowest id, references rewritten, and
 * counted as reused, as the general way would have reused the first.
 *
 * <p>Everything happens inside the savepoint {@code direct_ids}: an item that does not fit (an id that
 * is not {@code V<digits>}, a number out of range, an id defined twice) makes the sink roll back to it
 * and take the general way, reading the file again. Checks the general way makes while streaming are
 * made here at the end, or by the pre-check that runs beside every file import; the sink never gets
 * to commit a keyspace the general way would refuse.
 */
final class DirectIds {

    /** The largest number ever taken as a store id: later writes count up from the highest id. */
    static final long MAX_ID = (1L << 40) - 1;

    private final Connection c;
    private final long maxId;
    private final RowBuffer things;
    private final RowBuffer attributes;
    private final RowBuffer ownerships;
    private final RowBuffer rolePlayers;
    private boolean written;

    /**
     * Opens the savepoint; needs the import's TEMP tables, and the unique (type, value) index dropped.
     *
     * @param inputBytes the file's size: no id above an eighth of it is taken (see {@link #storeId})
     */
    DirectIds(Connection c, long inputBytes) throws SQLException {
        this.c = c;
        this.maxId = idBound(inputBytes);
        Sqlite.exec(c, "SAVEPOINT direct_ids");
        things = new RowBuffer(c, "INSERT OR IGNORE INTO thing(id, type)", 2);
        attributes = RowBuffer.withValue(c, "INSERT OR IGNORE INTO thing(id, type, value)");
        ownerships = new RowBuffer(c, "INSERT INTO import_ownership(owner, owner_type, owner_key, attribute)", 4);
        rolePlayers = new RowBuffer(c, "INSERT INTO import_role_player(relation, relation_type, role, player)", 4);
    }

    /** The largest number kept as a store id for a file of {@code inputBytes} (see {@link #storeId}). */
    static long idBound(long inputBytes) {
        return Math.min(MAX_ID, Math.max(1 << 16, inputBytes / 8));
    }

    /**
     * The store id an original id names on this way ({@code V12} -> 12), or -1 when it does not fit.
     * An export reads things in ranges of ids, one query each, so the ids must not be much sparser
     * than the things: a file has fewer things than an eighth of its bytes, and ids up to that bound
     * keep the ranges full. Grakn's own ids are far sparser (about 1,750 per thing) and take the
     * general way; ids that count up from 1 (exports of this tool) fit, and keep their ids.
     */
    long storeId(String original) {
        return storeId(original, maxId);
    }

    /** As {@link #storeId(String)}, for ids up to {@code bound} ({@link #idBound} of the file's size). */
    static long storeId(String original, long bound) {
        long k = ImportIdKeys.numericKey(original);
        if (k <= 0 || (k & 1) != 0) return -1;
        long id = k >>> 1;
        return id <= bound ? id : -1;
    }

    /** Whether anything was put yet (if not, leaving this way needs no second read). */
    boolean written() { return written; }

    /** Puts an entity or relation; false when the id is defined twice (the general way names it). */
    boolean putThing(long id, int type) throws SQLException {
        written = true;
        things.add(id, type);
        return !things.full() || flushThings();
    }

    private boolean flushThings() throws SQLException {
        int rows = things.rows();
        return things.flush() == rows;
    }

    /** Puts an attribute; false when the id is defined twice. */
    boolean putAttribute(long id, int type, Object value) throws SQLException {
        written = true;
        attributes.addWithValue(id, type, value);
        return !attributes.full() || flushAttributes();
    }

    private boolean flushAttributes() throws SQLException {
        int rows = attributes.rows();
        return attributes.flush() == rows;
    }

    /** Stages an ownership; the owner's type is {@link RowBuffer#NULL} when it is not the thing just put. */
    void putOwnership(long owner, long ownerType, long attribute) throws SQLException {
        written = true;
        ownerships.add(owner, ownerType, RowBuffer.NULL, attribute);
        if (ownerships.full()) ownerships.flush();
    }

    void putRolePlayer(long relation, int relationType, int role, long player) throws SQLException {
        written = true;
        rolePlayers.add(relation, relationType, role, player);
        if (rolePlayers.full()) rolePlayers.flush();
    }

    /**
     * Writes what is buffered; false when an id turned out to be defined twice. After true, the way
     * is kept: the savepoint is released.
     */
    boolean finishLoad() throws SQLException {
        if (!flushAttributes() || !flushThings()) return false;
        ownerships.flush();
        rolePlayers.flush();
        close();
        Sqlite.exec(c, "RELEASE direct_ids");
        return true;
    }

    /** Undoes everything written on this way; the keyspace and the staging tables are as before it. */
    void abandon() throws SQLException {
        close();
        Sqlite.exec(c, "ROLLBACK TO direct_ids");
        Sqlite.exec(c, "RELEASE direct_ids");
        Sqlite.exec(c, "DELETE FROM import_ownership");
        Sqlite.exec(c, "DELETE FROM import_role_player");
    }

    /**
     * Builds the unique (type, value) index ({@link AttributeCopies}, references to merged copies
     * rewritten in the staging tables); then resolves the staged references into
     * {@code resolved_ownership} and {@code resolved_role_player} (the general way's tables, with keys
     * as {@link ImportIdKeys} makes them, for messages).
     *
     * @return how many attributes were merged into another copy (reused)
     */
    long resolve() throws SQLException {
        long merged = AttributeCopies.mergeAndIndex(c, new String[][] {{"import_ownership", "attribute"}, {"import_ownership", "owner"},
            {"import_role_player", "player"}});
        EmbeddedSink.checkCancelled();
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TEMP TABLE resolved_ownership AS"
                    + " SELECT CASE WHEN p.owner_type IS NULL THEN o.id ELSE p.owner END AS owner, coalesce(p.owner_type, o.type) AS owner_type,"
                    + " a.id AS attribute, a.type AS attribute_type, p.attribute * 2 AS attribute_key, p.owner * 2 AS owner_key"
                    + " FROM import_ownership p LEFT JOIN thing a ON a.id = p.attribute"
                    + " LEFT JOIN thing o ON p.owner_type IS NULL AND o.id = p.owner");
            EmbeddedSink.checkCancelled();
            s.executeUpdate("CREATE TEMP TABLE resolved_role_player AS"
                    + " SELECT p.relation AS relation, p.relation_type AS relation_type, p.role AS role,"
                    + " x.id AS player, x.type AS player_type, p.player * 2 AS player_key"
                    + " FROM import_role_player p LEFT JOIN thing x ON x.id = p.player");
            s.executeUpdate("DROP TABLE import_ownership");
            s.executeUpdate("DROP TABLE import_role_player");
        }
        return merged;
    }

    private void close() {
        things.close();
        ownerships.close();
        rolePlayers.close();
        attributes.close();
    }
}
