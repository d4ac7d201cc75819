package io.graknmigrate.store;

import io.graknmigrate.migrate.StoredThing;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.ValueType;
import io.graknmigrate.store.pages.BTreeCursor;
import io.graknmigrate.store.pages.DatabaseFile;
import io.graknmigrate.store.pages.PageFormatException;
import io.graknmigrate.store.pages.Record;
import io.graknmigrate.store.pages.SchemaEntry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The things of a keyspace read straight from its database file's pages ({@link DatabaseFile}), for an
 * export: the {@code thing} table in rowid order, merged with {@code ownership} (by owner) and
 * {@code role_player} (by relation), one sequential pass a range, no SQL. It reads what
 * {@link ReadSnapshot}'s queries read, in the same order, so an export through it is the same bytes.
 *
 * <p>The file must be the snapshot's complete committed state and stay so while it is read
 * ({@link KeyspaceStore#readForExport} makes sure of it). A value stored other than its attribute
 * type's value kind is read through SQL ({@link ValueLookup}), so it converts exactly as SQLite does.
 */
final class ThingPages implements AutoCloseable {

    /** Ranges of rowids the table is cut into: enough for two readers to stay even whatever the kinds' spread. */
    static final int RANGES = 64;

    /** Things of other kinds skipped after which the ownership and role-player cursors seek rather than step. */
    static final int SEEK_AFTER = 256;

    /** Reads one thing's value through SQL, for the values the page reader does not convert itself. */
    interface ValueLookup {
        Object value(int reader, long id, ValueType type);
    }

    private final String keyspace;
    private final DatabaseFile file;
    private final long thingRoot, ownershipRoot, rolePlayerRoot;
    /** Inclusive upper rowid of each range but the last, which is open-ended. */
    private final long[] splits;

    private ThingPages(String keyspace, DatabaseFile file, long thingRoot, long ownershipRoot, long rolePlayerRoot) {
        this.keyspace = keyspace;
        this.file = file;
        this.thingRoot = thingRoot;
        this.ownershipRoot = ownershipRoot;
        this.rolePlayerRoot = rolePlayerRoot;
        this.splits = file.table(thingRoot).splitKeys(RANGES);
    }

    /**
     * Opens the keyspace's file and checks it holds the three tables exactly as {@link Layout} creates them.
     *
     * @throws PageFormatException when the file or its schema is not what this reader reads
     * @throws IOException when the file cannot be read
     */
    static ThingPages open(String keyspace, Path path) throws IOException {
        DatabaseFile file = DatabaseFile.open(path);
        try {
            long thing = 0, ownership = 0, rolePlayer = 0;
            for (SchemaEntry e : file.schema()) {
                if (!"table".equals(e.type())) continue;
                if ("thing".equals(e.name())) thing = root(e, Layout.THING);
                else if ("ownership".equals(e.name())) ownership = root(e, Layout.OWNERSHIP);
                else if ("role_player".equals(e.name())) rolePlayer = root(e, Layout.ROLE_PLAYER);
            }
            if (thing == 0 || ownership == 0 || rolePlayer == 0) throw new PageFormatException(path + ": the keyspace tables are missing");
            return new ThingPages(keyspace, file, thing, ownership, rolePlayer);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private static long root(SchemaEntry e, String ddl) {
        if (!Layout.storedSql(ddl).equals(e.sql())) throw new PageFormatException("table " + e.name() + " is not as this version creates it: " + e.sql());
        if (e.rootPage() < 1) throw new PageFormatException("table " + e.name() + " has root page " + e.rootPage());
        return e.rootPage();
    }

    /** How many ranges of rowids {@link #forEachInRange} reads, one after another the whole table. */
    int ranges() { return splits.length + 1; }

    /**
     * Streams the things of one kind whose rowids fall in the range, in rowid order, as
     * {@link ReadSnapshot#forEachInSlice} streams them (one {@link StoredThing}, refilled for each).
     *
     * @param kinds the kind of each exported type id (null: the type is not exported)
     * @param types the label of each type id
     * @param valueTypes the value type of each attribute type id
     * @param roles the label of each role id
     */
    void forEachInRange(int reader, int range, TypeKind kind, TypeKind[] kinds, String[] types, ValueType[] valueTypes,
                        String[] roles, ValueLookup lookup, Consumer<StoredThing> action) {
        if (range < 0 || range >= ranges()) throw new IllegalArgumentException("no range " + range + " of " + ranges());
        long from = range == 0 ? Long.MIN_VALUE : splits[range - 1] + 1;
        long last = range == splits.length ? Long.MAX_VALUE : splits[range];
        StoredThing thing = new StoredThing();
        try {
            BTreeCursor things = file.table(thingRoot);
            BTreeCursor owns = file.index(ownershipRoot);
            BTreeCursor players = kind == TypeKind.RELATION ? file.index(rolePlayerRoot) : null;
            boolean ownMore = owns.seek(from);
            boolean playerMore = players != null && players.seek(from);
            int skipped = 0;
            for (boolean more = things.seek(from); more && things.rowid() <= last; more = things.next()) {
                Record r = things.record();
                if (!r.isNull(0) || !r.isInteger(1)) {
                    throw new PageFormatException("thing " + things.rowid() + " is not a (NULL, integer, value) row");
                }
                long typeId = r.integer(1);
                if (typeId < 0 || typeId >= kinds.length || kinds[(int) typeId] != kind) {
                    skipped++;
                    continue;
                }
                int type = (int) typeId;
                long id = things.rowid();
                if (skipped >= SEEK_AFTER) {
                    // past a run of other kinds: their ownerships and role players are sought over, not stepped through
                    ownMore = owns.seek(id);
                    if (players != null) playerMore = players.seek(id);
                }
                skipped = 0;
                Object value = kind == TypeKind.ATTRIBUTE ? value(r, reader, id, valueTypes[type], lookup) : null;
                thing.reset(id, types[type], value);
                while (ownMore) {
                    Record o = owns.record();
                    long owner = integer(o, 0, "ownership");
                    if (owner > id) break;
                    // thing ids start at 1: SQL's join reads a 0 the way it reads a missing ownership
                    if (owner == id) {
                        long attribute = integer(o, 1, "ownership");
                        if (attribute != 0) thing.addOwned(attribute);
                    }
                    ownMore = owns.next();
                }
                if (players != null) {
                    while (playerMore) {
                        Record p = players.record();
                        long relation = integer(p, 0, "role_player");
                        if (relation > id) break;
                        if (relation == id) {
                            long role = integer(p, 1, "role_player");
                            thing.addPlayer(role >= 0 && role < roles.length ? roles[(int) role] : null, integer(p, 2, "role_player"));
                        }
                        playerMore = players.next();
                    }
                }
                action.accept(thing);
            }
        } catch (PageFormatException e) {
            throw Sqlite.unreadable(file.path(), e.getMessage(), e);
        }
    }

    /** How many things have a type of {@code kinds} (a non-null entry), read in one pass over the table. */
    long count(TypeKind[] kinds) {
        try {
            BTreeCursor things = file.table(thingRoot);
            long n = 0;
            for (boolean more = things.first(); more; more = things.next()) {
                Record r = things.record();
                if (!r.isInteger(1)) throw new PageFormatException("thing " + things.rowid() + " has no integer type");
                long type = r.integer(1);
                if (type >= 0 && type < kinds.length && kinds[(int) type] != null) n++;
            }
            return n;
        } catch (PageFormatException e) {
            throw Sqlite.unreadable(file.path(), e.getMessage(), e);
        }
    }

    private static long integer(Record r, int column, String table) {
        if (!r.isInteger(column)) throw new PageFormatException("a " + table + " row whose column " + column + " is not an integer");
        return r.integer(column);
    }

    /**
     * The value as {@link ReadSnapshot#readValue} reads it: read here when it is stored as its value
     * type stores it, through SQL otherwise (so SQLite converts it, as it does for the SQL reader).
     */
    private static Object value(Record r, int reader, long id, ValueType type, ValueLookup lookup) {
        if (type != null) {
            switch (type) {
                case STRING -> {
                    if (r.isText(2)) return r.text(2);
                }
                case LONG, DATETIME -> {
                    if (r.isInteger(2)) return r.integer(2);
                }
                case DOUBLE -> {
                    if (r.isReal(2)) return r.real(2);
                }
                case BOOLEAN -> {
                    if (r.isInteger(2)) return r.integer(2) != 0;
                }
            }
        }
        return lookup.value(reader, id, type);
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }

    @Override
    public String toString() {
        return "pages of " + keyspace;
    }
}
