package io.graknmigrate.store;

import io.graknmigrate.migrate.MigrationException;
import io.graknmigrate.migrate.Threads;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.sort.ByteRecordSorter;
import io.graknmigrate.sort.RecordSorter;
import io.graknmigrate.store.pages.BTreeFileWriter;
import io.graknmigrate.store.pages.IndexTreeWriter;
import io.graknmigrate.store.pages.RecordBuilder;
import io.graknmigrate.store.pages.TableTreeWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The import's way into an empty keyspace for a file whose ids the pre-check vouched for: no row goes
 * through an SQL statement while the file is read. Things get store ids counted up from 1 in file
 * order, so the {@code thing} table is written as b-tree pages while streaming (or keep their
 * {@code V<n>} numbers, when the first one fits {@link DirectIds#idBound}: the rows are then sorted by
 * id first); the id map, the
 * references and the index entries go to external sorts ({@link RecordSorter}, {@link ByteRecordSorter}).
 * At the end, references are resolved by merging each sorted stream with the sorted id map, the rules
 * are checked on the way (ownerships against has/key, players against plays, key presence and
 * uniqueness), and the tables and their indexes are written as pages, in key order, into scratch
 * database files ({@link BTreeFileWriter}). SQLite then copies them into the keyspace inside the
 * import's transaction ({@code INSERT INTO main.t SELECT * FROM scratch.t}, which for an empty table
 * copies records without re-deciding anything), so every guarantee of a transaction holds: readers
 * see the keyspace as before until the commit, a kill leaves it unchanged.
 *
 * <p>This way only commits a file the general way would commit unchanged. Whatever would make the
 * general way report something or do more than insert — a dangling reference, an id twice (a hash
 * collision, since the pre-check vouched), a rule broken, a key missing or shared, one attribute twice
 * (the general way merges the copies) — makes {@link #load} return why instead; the caller then takes
 * the general way, which reads the file again and words the problem. Two rows the same (an ownership
 * listed twice) are written once, as the general way's {@code INSERT OR IGNORE} does.
 *
 * <p>Memory: each sorter holds a bounded chunk on the heap and spills sorted runs to files in the
 * keyspace's directory; the page writers hold one page per tree level. Nothing grows with the file.
 */
final class SortedLoad implements AutoCloseable {

    /** Whether imports take this way where it fits; tests turn it off to compare with the general way. */
    static volatile boolean taken = true;
    private static final AtomicLong LOADS = new AtomicLong();

    /** (key, value) pairs a sorter holds on the heap before spilling a sorted run (8 MiB, twice). */
    private static final int CHUNK = 1 << 19;
    private static final int ATTRIBUTE_SORT_BYTES = 48 << 20;
    private static final int TYPE_BITS = 16;
    private static final long TYPE_MASK = (1L << TYPE_BITS) - 1;
    private static final int CHECK_EVERY = 1 << 16;
    /** A rule's answer for a pair of types, asked of the schema once per pair. */
    private static final byte UNASKED = 0;
    private static final byte YES = 1;
    private static final byte NO = 2;

    private final Path dir;
    private final Schema schema;
    private final Map<String, Integer> typeIds;
    private final Map<Integer, String> typeLabels;
    private final Map<Integer, String> roleLabels;
    private final List<AutoCloseable> resources = new ArrayList<>();

    private final Scratch thingFile;
    private final TableTreeWriter thingRows;
    /**
     * With the file's ids kept, rows by store id: the file is not in id order, so the table is written
     * from this sort at the end (null when ids count up in file order and rows are written as read).
     */
    private ByteRecordSorter keptRows;
    /** The largest id kept as a store id, or 0 when ids count up; decided by the first id. */
    private final long keptIdBound;
    private boolean decided;
    private final byte[] rowKey = new byte[8];
    /** Original id key to {@code storeId << 16 | type}. */
    private final RecordSorter ids;
    /** Attribute key to {@code ownerStoreId << 16 | ownerType}, for ownerships whose owner was known when read. */
    private final RecordSorter ownerships;
    /** Owner key to attribute key, for ownerships read away from their owner. */
    private final RecordSorter ownershipsByOwnerKey;
    /** Player key to {@code relationStoreId << 16 | role}. */
    private final RecordSorter rolePlayers;
    /** {@code type << 40 | storeId} of entities and relations. */
    private final RecordSorter thingsByType;
    /** (type, value) in index order to the index entry (type, value, rowid). */
    private final ByteRecordSorter attributeValues;

    private final RecordBuilder row = new RecordBuilder();
    private final RecordBuilder entry = new RecordBuilder();
    private byte[] valueKey = new byte[64];
    /** Per attribute type, the kind its values were stored as (0 none yet, else {@link #kind}). */
    private final byte[] valueKinds;
    private final long[] newThings;
    private int maxRole;
    private long nextId;
    private long maxId;
    private String lastOriginal;
    private long lastId;
    private int lastType;
    /** Why this way cannot go on, found while reading (null: nothing yet). */
    private String unfit;

    /**
     * @param dir       where the sorts and scratch files go (the keyspace's directory: the space an
     *                  import needs is there)
     * @param typeIds     the keyspace's type store ids by label
     * @param typeLabels  the same, the other way round
     * @param roleLabels  the keyspace's role labels by store id
     * @param keptIdBound the largest {@code V<n>} kept as a store id (0: ids count up)
     */
    SortedLoad(Path dir, Schema schema, Map<String, Integer> typeIds, Map<Integer, String> typeLabels, Map<Integer, String> roleLabels,
               long keptIdBound) throws IOException, SQLException {
        this.dir = dir;
        this.keptIdBound = keptIdBound;
        this.schema = schema;
        this.typeIds = typeIds;
        this.typeLabels = typeLabels;
        this.roleLabels = roleLabels;
        int maxType = typeIds.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int roles = roleLabels.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (maxType > TYPE_MASK || roles > TYPE_MASK) unfit = "more types than this way packs";
        this.valueKinds = new byte[maxType + 1];
        this.newThings = new long[maxType + 1];
        try {
            thingFile = keep(Scratch.create(dir, "things", Layout.THING, Layout.THING_ATTRIBUTE_VALUE, Layout.THING_BY_TYPE));
            thingRows = thingFile.writer.table(thingFile.root("thing"));
            ids = keep(new RecordSorter(dir, CHUNK));
            ownerships = keep(new RecordSorter(dir, CHUNK));
            ownershipsByOwnerKey = keep(new RecordSorter(dir, CHUNK));
            rolePlayers = keep(new RecordSorter(dir, CHUNK));
            thingsByType = keep(new RecordSorter(dir, CHUNK));
            attributeValues = keep(new ByteRecordSorter(dir, ATTRIBUTE_SORT_BYTES));
        } catch (IOException | SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    private static long key(String original) {
        return ImportIdKeys.vouchedKey(original);
    }

    /**
     * The store id of a thing: the number of its {@code V<n>} id while ids are kept (decided by the
     * first thing: kept when it fits {@code keptIdBound}), else the next one counting up; -1 when ids are
     * kept and this one does not fit (the caller then reads the file again with ids counting up).
     */
    private long storeId(String original) {
        if (!decided) {
            decided = true;
            if (keptIdBound > 0 && DirectIds.storeId(original, keptIdBound) > 0) keptRows = keep(new ByteRecordSorter(dir, ATTRIBUTE_SORT_BYTES));
        }
        if (keptRows == null) return maxId = ++nextId;
        long id = DirectIds.storeId(original, keptIdBound);
        if (id > maxId) maxId = id;
        return id;
    }

    private void putRow(long id) throws IOException {
        if (keptRows == null) {
            thingRows.add(id, row.buffer(), 0, row.length());
            return;
        }
        for (int i = 0; i < 8; i++) rowKey[i] = (byte) (id >>> (56 - 8 * i));
        keptRows.add(rowKey, 0, 8, row.buffer(), 0, row.length());
    }

    /** Puts an entity or relation; false when ids are kept and this one does not fit. */
    boolean putThing(String original, int type) throws IOException {
        long id = storeId(original);
        if (id < 0) return false;
        ids.add(key(original), id << TYPE_BITS | type);
        row.clear().addNull().addInteger(type).addNull();
        putRow(id);
        thingsByType.add((long) type << 40 | id, 0);
        newThings[type]++;
        last(original, id, type);
        return true;
    }

    /** Puts an attribute: a String, Long (long and datetime), Double (never NaN) or Boolean value; false as {@link #putThing}. */
    boolean putAttribute(String original, int type, Object value) throws IOException {
        long id = storeId(original);
        if (id < 0) return false;
        ids.add(key(original), id << TYPE_BITS | type);
        row.clear().addNull().addInteger(type);
        entry.clear().addInteger(type);
        valueKey[0] = (byte) (type >>> 8);
        valueKey[1] = (byte) type;
        int keyLength;
        byte kind;
        if (value instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            row.addText(utf8, 0, utf8.length);
            entry.addText(utf8, 0, utf8.length);
            if (valueKey.length < utf8.length + 2) valueKey = new byte[utf8.length + 64];
            System.arraycopy(utf8, 0, valueKey, 2, utf8.length);
            keyLength = 2 + utf8.length;
            kind = 1;
        } else if (value instanceof Double d) {
            row.addReal(d);
            entry.addReal(d);
            // -0.0 sorts as 0.0: SQLite holds them equal, so the two in one type are two copies of one attribute
            long bits = Double.doubleToLongBits(d == 0.0 ? 0.0 : d);
            putLong(bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
            keyLength = 10;
            kind = 2;
        } else {
            long v = value instanceof Boolean b ? (b ? 1 : 0) : (Long) value;
            row.addInteger(v);
            entry.addInteger(v);
            putLong(v ^ Long.MIN_VALUE);
            keyLength = 10;
            kind = 3;
        }
        // Index order is SQLite's order of the values; the keys above give it for one kind of value a type.
        if (valueKinds[type] == 0) valueKinds[type] = kind;
        else if (valueKinds[type] != kind && unfit == null) unfit = "values of two kinds in one attribute type";
        entry.addInteger(id);
        putRow(id);
        attributeValues.add(valueKey, 0, keyLength, entry.buffer(), 0, entry.length());
        newThings[type]++;
        last(original, id, type);
        return true;
    }

    private void putLong(long v) {
        for (int i = 0; i < 8; i++) valueKey[2 + i] = (byte) (v >>> (56 - 8 * i));
    }

    private void last(String original, long id, int type) {
        lastOriginal = original;
        lastId = id;
        lastType = type;
    }

    void putOwnership(String owner, String attribute) {
        long a = key(attribute);
        if (owner.equals(lastOriginal)) ownerships.add(a, lastId << TYPE_BITS | lastType);
        else ownershipsByOwnerKey.add(key(owner), a);
    }

    void putRolePlayer(String relation, int role, String player) {
        if (!relation.equals(lastOriginal)) throw new IllegalStateException("role players must follow their relation");
        maxRole = Math.max(maxRole, role);
        rolePlayers.add(key(player), lastId << TYPE_BITS | role);
    }

    /**
     * Resolves, checks and writes everything, then copies it into the keyspace on {@code c} (inside its
     * transaction). Returns null when the data is in; else why this way does not fit the file, with
     * nothing written to the keyspace.
     */
    String load(Connection c) throws SQLException {
        try {
            if (unfit != null) return unfit;
            if (keptRows != null && !writeKeptRows()) return "an id defined twice";
            thingRows.finish();
            int idBits = Math.max(1, 64 - Long.numberOfLeadingZeros(maxId));
            int roleBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(maxRole));
            if (2 * idBits + roleBits > 63) return "more things than one sorted key packs";
            Scratch ownershipFile = keep(Scratch.create(dir, "ownerships", Layout.OWNERSHIP, Layout.OWNERSHIP_BY_ATTRIBUTE));
            Scratch rolePlayerFile = keep(Scratch.create(dir, "role-players", Layout.ROLE_PLAYER, Layout.ROLE_PLAYER_BY_PLAYER));
            ids.seal();
            // The references are resolved and checked on the second core while this thread builds the
            // thing table's indexes and copies it in: SQLite's copy is the longest step, and one thread's.
            AtomicReference<Object> other = new AtomicReference<>();
            Thread second = new Thread(() -> {
                try {
                    String why = loadOwnerships(ownershipFile, idBits);
                    if (why == null) why = loadRolePlayers(rolePlayerFile, idBits, roleBits);
                    other.set(why == null ? "" : why);
                } catch (Throwable t) {
                    other.set(t);
                }
            }, "import-sorted-load");
            second.setDaemon(true);
            second.start();
            boolean saved = false;
            String why;
            try {
                why = loadThingIndexes();
                if (why == null) {
                    thingFile.finish();
                    // Undone when the references turn out not to fit this way: the general way starts from an empty keyspace.
                    Sqlite.exec(c, "SAVEPOINT sorted_load");
                    saved = true;
                    // The import into an empty keyspace dropped these; the copy fills them as it fills the table.
                    Sqlite.exec(c, Layout.THING_BY_TYPE);
                    Sqlite.exec(c, Layout.THING_ATTRIBUTE_VALUE);
                    copyInto(c, thingFile, "thing");
                } else {
                    second.interrupt();
                }
            } catch (Throwable t) {
                second.interrupt();
                Threads.joinUninterruptibly(second);
                throw t;
            }
            Threads.joinUninterruptibly(second);
            Object result = other.get();
            if (why == null) {
                if (result instanceof Error e) throw e;
                if (result instanceof RuntimeException e) throw e;
                if (result instanceof IOException e) throw new UncheckedIOException(e);
                if (result instanceof SQLException e) throw e;
                if (result instanceof Throwable t) throw new IllegalStateException(t);
                if (!"".equals(result)) why = (String) result;
            }
            if (why != null) {
                if (saved) {
                    Sqlite.exec(c, "ROLLBACK TO sorted_load");
                    Sqlite.exec(c, "RELEASE sorted_load");
                }
                return why;
            }
            EmbeddedSink.checkCancelled();
            ownershipFile.finish();
            rolePlayerFile.finish();
            copyInto(c, ownershipFile, "ownership");
            copyInto(c, rolePlayerFile, "role_player");
            Sqlite.exec(c, "RELEASE sorted_load");
            LOADS.incrementAndGet();
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the rows of kept ids in id order; false when one id is there twice. */
    private boolean writeKeptRows() throws IOException {
        ByteRecordSorter.Cursor c = keptRows.sorted();
        long previous = 0;
        long n = 0;
        while (c.next()) {
            checkEvery(++n);
            byte[] k = c.key();
            int at = c.keyOffset();
            long id = 0;
            for (int i = 0; i < 8; i++) id = id << 8 | (k[at + i] & 0xff);
            if (id == previous) return false;
            previous = id;
            thingRows.add(id, c.payload(), c.payloadOffset(), c.payloadLength());
        }
        keptRows.close();
        return true;
    }

    /** How many loads in this process went in this way (tests tell the ways apart by it). */
    static long loads() { return LOADS.get(); }

    /**
     * Copies a scratch file's table, with the entries of its indexes, into the keyspace's empty table:
     * SQLite's transfer of a whole table, which appends records and index entries as they are.
     */
    private static void copyInto(Connection c, Scratch scratch, String table) throws SQLException {
        String schemaName = "sorted_" + table;
        try (PreparedStatement attach = c.prepareStatement("ATTACH DATABASE ? AS " + schemaName)) {
            attach.setString(1, scratch.file.toString());
            attach.execute();
        }
        Sqlite.exec(c, "INSERT INTO main." + table + " SELECT * FROM " + schemaName + "." + table);
        EmbeddedSink.checkCancelled();
    }

    private static void checkEvery(long n) {
        if ((n & (CHECK_EVERY - 1)) == 0 && Thread.currentThread().isInterrupted()) {
            throw new CancellationException("import cancelled, nothing was changed");
        }
    }

    /**
     * The id map read alongside a stream of references in key order; it notes, as it goes, two equal
     * keys (one id twice, or two ids with one hash).
     */
    private static final class IdLookup {
        private final RecordSorter.Cursor ids;
        private boolean has;
        private long key;
        private long value;
        private boolean repeated;
        private long read;

        IdLookup(RecordSorter sealed) {
            this.ids = sealed.sorted();
            advance();
        }

        private void advance() {
            long previous = key;
            has = ids.next();
            if (has) {
                key = ids.key();
                value = ids.value();
                if (read++ > 0 && key == previous) repeated = true;
            }
        }

        /** Reads the rest of the map; whether no key of all of it came twice. */
        boolean distinctToTheEnd() {
            while (has) {
                checkEvery(read);
                advance();
            }
            return !repeated;
        }

        /** {@code storeId << 16 | type} of the key, or -1 when no thing has it; keys must not descend. */
        long find(long k) {
            while (has && key < k) advance();
            return has && key == k ? value : -1;
        }
    }

    private String loadOwnerships(Scratch file, int idBits) throws IOException, SQLException {
        ownershipsByOwnerKey.seal();
        if (ownershipsByOwnerKey.size() > 0) {
            IdLookup owners = new IdLookup(ids);
            RecordSorter.Cursor c = ownershipsByOwnerKey.sorted();
            long n = 0;
            while (c.next()) {
                checkEvery(++n);
                long owner = owners.find(c.key());
                if (owner < 0) return "a dangling reference";
                ownerships.add(c.value(), owner);
            }
        }
        ownershipsByOwnerKey.close();
        byte[][] allowed = new byte[newThings.length][];
        try (RecordSorter byOwner = new RecordSorter(dir, CHUNK); RecordSorter byAttribute = new RecordSorter(dir, CHUNK)) {
            IdLookup attributes = new IdLookup(ids);
            RecordSorter.Cursor c = ownerships.sorted();
            long n = 0;
            while (c.next()) {
                checkEvery(++n);
                long attribute = attributes.find(c.key());
                if (attribute < 0) return "a dangling reference";
                int ownerType = (int) (c.value() & TYPE_MASK);
                int attributeType = (int) (attribute & TYPE_MASK);
                if (allowed[ownerType] == null) allowed[ownerType] = new byte[newThings.length];
                if (allowed[ownerType][attributeType] == UNASKED) {
                    allowed[ownerType][attributeType] = ImportRules.ownershipAllowed(schema, typeLabels, List.of(ownerType, attributeType)) ? YES : NO;
                }
                if (allowed[ownerType][attributeType] == NO) return "an ownership the schema does not allow";
                long owner = c.value() >>> TYPE_BITS;
                long a = attribute >>> TYPE_BITS;
                long types = (long) ownerType << TYPE_BITS | attributeType;
                byOwner.add(owner << idBits | a, types);
                byAttribute.add(a << idBits | owner, types);
            }
            ownerships.close();
            if (!attributes.distinctToTheEnd()) return "two ids with one key";
            KeyRules keys = new KeyRules(KeyChecks.pairs(schema, typeIds), newThings.length);
            long mask = (1L << idBits) - 1;
            writeDistinct(byOwner, file.writer.index(file.root("ownership")), row, (k, types, r) -> {
                long owner = k >>> idBits;
                r.addInteger(owner).addInteger(k & mask);
                keys.ownership(owner, (int) (types >>> TYPE_BITS), (int) (types & TYPE_MASK), k & mask);
                return true;
            });
            byOwner.close();
            if (!keys.everyOwnerHasOne(newThings)) return "a thing without exactly one of its keys";
            boolean unique = writeDistinct(byAttribute, file.writer.index(file.root("ownership_by_attribute")), row, (k, types, r) -> {
                long attribute = k >>> idBits;
                r.addInteger(attribute).addInteger(k & mask);
                return keys.keyOwner(attribute, (int) (types >>> TYPE_BITS), (int) (types & TYPE_MASK));
            });
            if (!unique) return "a key value owned twice";
        }
        return null;
    }

    /** The entry one distinct key of a sorted stream becomes; false when it breaks a rule. */
    private interface Entry {
        boolean encode(long key, long value, RecordBuilder into);
    }

    /**
     * Writes each distinct key of a sorted stream as one entry of a tree, in order (a row listed
     * twice is written once); false as soon as an entry breaks a rule.
     */
    private static boolean writeDistinct(RecordSorter sorted, IndexTreeWriter tree, RecordBuilder record, Entry entry) throws IOException {
        RecordSorter.Cursor c = sorted.sorted();
        long previous = -1;
        long n = 0;
        while (c.next()) {
            checkEvery(++n);
            long k = c.key();
            if (k == previous) continue;
            previous = k;
            record.clear();
            if (!entry.encode(k, c.value(), record)) return false;
            tree.add(record.buffer(), 0, record.length());
        }
        tree.finish();
        return true;
    }

    private String loadRolePlayers(Scratch file, int idBits, int roleBits) throws IOException, SQLException {
        rolePlayers.seal();
        RecordBuilder record = new RecordBuilder();
        byte[][] plays = new byte[newThings.length][];
        try (RecordSorter byRelation = new RecordSorter(dir, CHUNK); RecordSorter byPlayer = new RecordSorter(dir, CHUNK)) {
            IdLookup players = new IdLookup(ids);
            RecordSorter.Cursor c = rolePlayers.sorted();
            long n = 0;
            while (c.next()) {
                checkEvery(++n);
                long player = players.find(c.key());
                if (player < 0) return "a dangling reference";
                int playerType = (int) (player & TYPE_MASK);
                int role = (int) (c.value() & TYPE_MASK);
                if (plays[playerType] == null) plays[playerType] = new byte[maxRole + 1];
                if (plays[playerType][role] == UNASKED) {
                    plays[playerType][role] = ImportRules.playAllowed(schema, typeLabels, roleLabels, List.of(0, role, playerType)) ? YES : NO;
                }
                if (plays[playerType][role] == NO) return "a role player the schema does not allow";
                long relation = c.value() >>> TYPE_BITS;
                long p = player >>> TYPE_BITS;
                byRelation.add((relation << roleBits | role) << idBits | p, 0);
                byPlayer.add((p << idBits | relation) << roleBits | role, 0);
            }
            rolePlayers.close();
            long idMask = (1L << idBits) - 1;
            long roleMask = (1L << roleBits) - 1;
            writeDistinct(byRelation, file.writer.index(file.root("role_player")), record, (k, unused, r) -> {
                r.addInteger(k >>> (idBits + roleBits)).addInteger((k >>> idBits) & roleMask).addInteger(k & idMask);
                return true;
            });
            byRelation.close();
            writeDistinct(byPlayer, file.writer.index(file.root("role_player_by_player")), record, (k, unused, r) -> {
                r.addInteger(k >>> (idBits + roleBits)).addInteger((k >>> roleBits) & idMask).addInteger(k & roleMask);
                return true;
            });
        }
        return null;
    }

    private String loadThingIndexes() throws IOException {
        RecordBuilder record = new RecordBuilder();
        IndexTreeWriter byType = thingFile.writer.index(thingFile.root("thing_by_type"));
        RecordSorter.Cursor c = thingsByType.sorted();
        long n = 0;
        while (c.next()) {
            checkEvery(++n);
            record.clear().addInteger(c.key() >>> 40).addInteger(c.key() & ((1L << 40) - 1));
            byType.add(record.buffer(), 0, record.length());
        }
        byType.finish();
        thingsByType.close();
        IndexTreeWriter values = thingFile.writer.index(thingFile.root("thing_attribute_value"));
        ByteRecordSorter.Cursor v = attributeValues.sorted();
        byte[] previous = new byte[64];
        int previousLength = -1;
        n = 0;
        while (v.next()) {
            checkEvery(++n);
            int length = v.keyLength();
            if (length == previousLength && Arrays.equals(previous, 0, length, v.key(), v.keyOffset(), v.keyOffset() + length)) {
                return "an attribute twice";
            }
            if (previous.length < length) previous = new byte[length + 64];
            System.arraycopy(v.key(), v.keyOffset(), previous, 0, length);
            previousLength = length;
            values.add(v.payload(), v.payloadOffset(), v.payloadLength());
        }
        values.finish();
        return null;
    }

    /** A database file SQLite created with some of the keyspace's tables, whose empty trees are then filled with pages. */
    private static final class Scratch implements AutoCloseable {
        final Path file;
        final BTreeFileWriter writer;
        private final Map<String, Integer> roots;
        private boolean finished;

        private Scratch(Path file, BTreeFileWriter writer, Map<String, Integer> roots) {
            this.file = file;
            this.writer = writer;
            this.roots = roots;
        }

        static Scratch create(Path dir, String name, String... ddl) throws IOException, SQLException {
            Path file = Files.createTempFile(dir, "grakn-migrate-import-" + name + "-", ".tmp");
            try {
                Map<String, Integer> roots = new HashMap<>();
                try (Connection s = Sqlite.openPlain(file)) {
                    Sqlite.exec(s, "PRAGMA page_size = 4096");
                    for (String statement : ddl) Sqlite.exec(s, statement);
                    try (Statement q = s.createStatement(); ResultSet rs = q.executeQuery("SELECT name, rootpage FROM sqlite_schema")) {
                        while (rs.next()) roots.put(rs.getString(1), rs.getInt(2));
                    }
                }
                return new Scratch(file, BTreeFileWriter.open(file), roots);
            } catch (IOException | SQLException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        }

        int root(String name) {
            Integer page = roots.get(name);
            if (page == null) throw new IllegalStateException("no " + name + " in the scratch file");
            return page;
        }

        void finish() throws IOException {
            if (finished) return;
            finished = true;
            writer.finish();
            writer.close();
        }

        @Override
        public void close() throws IOException {
            try {
                writer.close();
            } finally {
                // Attached files stay open until the connection closes; unlinked now, their space returns then.
                Files.deleteIfExists(file);
            }
        }
    }

    /** Deletes every sort and scratch file; safe after a failure and twice. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (first == null) first = new UncheckedIOException(new IOException("cannot delete a temporary file in " + dir, e));
            }
        }
        resources.clear();
        if (first != null) throw first;
    }

    /** The failure of a write to the scratch or sort files, as one line for the user. */
    static MigrationException diskFailure(String keyspace, Path dir, Exception e) {
        return new MigrationException("cannot write the temporary files of the import into keyspace " + keyspace + " in " + dir
                + " (" + e.getMessage() + "), free some space there and retry (nothing was changed)", e);
    }
}
