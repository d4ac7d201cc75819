package io.graknmigrate.store;

import io.graknmigrate.keyspace.ThingId;
import io.graknmigrate.migrate.ThingRecord;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.ValueType;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the things of one kind in an id range, with their ownerships and role players, in id order,
 * through a few aggregate rows instead of a row per ownership.
 *
 * <p>Why: read row by row, every column of every row is a JNI call behind two monitors. Here each
 * chunk of {@link #CHUNK_IDS} ids is one row of {@code group_concat} aggregates of its things (ids,
 * types and, for attributes, the values), the ownerships come as pages of {@link OwnershipRows} and
 * the role players as chunks of {@link AggregateRows}; Java reads the aggregates' bytes and merges
 * the three by id. Each aggregate is a primary-key range scan (the ownerships: a seek per thing of
 * the kind), no correlated sub-query per thing.
 *
 * <p>Values travel in the aggregates only where the text is exact: integers (decimal) and text of at
 * most {@link #INLINE_TEXT_BYTES} UTF-8 bytes, whose byte lengths travel beside them so that any byte
 * (separators, newlines, NUL) can occur in it. Doubles, longer text, NULLs and a value stored other
 * than as its value type stores it are read through JDBC exactly as a row-by-row read reads them:
 * doubles and long text from one cursor per chunk merged alongside, the rest (none in a keyspace this
 * tool wrote) one by one. So a chunk's aggregates hold at most {@code CHUNK_IDS} things of at most
 * about {@code INLINE_TEXT_BYTES + 50} bytes each (about 4.5 MB), whatever the values.
 */
final class SliceReader {

    /** Ids per thing chunk. */
    static final long CHUNK_IDS = 1 << 13;

    /** Text values up to this many UTF-8 bytes ride in the chunk's string; longer ones are read on their own. */
    static final int INLINE_TEXT_BYTES = 512;

    private static final String ROLE_PLAYERS = AggregateRows.sql("role_player", "relation", "role", "player");

    private final Connection c;
    private final TypeKind kind;
    private final Schema schema;
    private final Map<Integer, String> typeLabels;
    private final Map<Integer, String> roleLabels;
    private final String typeIdList;
    private final boolean attributes;
    private final boolean relations;
    private final Map<Integer, ValueType> valueTypes = new HashMap<>();

    // the statements of the running read() and the state of its current chunk
    private PreparedStatement ownerships;
    private PreparedStatement ownershipsOfOne;
    private PreparedStatement players;
    private PreparedStatement sideValues;
    private PreparedStatement oneValue;
    private long chunkEnd;
    private long previousId;
    private AggregateText ids;
    private AggregateText types;
    private AggregateText forms;
    private AggregateText integers;
    private AggregateText texts;
    private OwnershipRows owned;
    private AggregateRows played;
    private ResultSet side;

    /**
     * @param typeIdList the kind's non-abstract type ids as an SQL list, {@code (1,2,3)}
     */
    SliceReader(Connection c, TypeKind kind, Schema schema, Map<Integer, String> typeLabels, Map<Integer, String> roleLabels,
                String typeIdList) {
        this.c = c;
        this.kind = kind;
        this.schema = schema;
        this.typeLabels = typeLabels;
        this.roleLabels = roleLabels;
        this.typeIdList = typeIdList;
        this.attributes = kind == TypeKind.ATTRIBUTE;
        this.relations = kind == TypeKind.RELATION;
    }

    /**
     * The chunk's things as separate aggregates of one scan, so that SQLite concatenates no strings
     * per row: ids, types and, for attributes, each value's form (its byte length for inline text,
     * {@code i} for an integer, {@code x} for a value read beside, {@code n} for one read on its own),
     * the integers, and the inline texts back to back (their lengths say where each ends). A NULL
     * is left out of an aggregate, so the integers and texts hold exactly those the forms announce.
     */
    private String thingsSql() {
        String inlineText = "typeof(value) = 'text' AND octet_length(value) <= " + INLINE_TEXT_BYTES;
        String values = !attributes ? ""
                : ", group_concat(CASE WHEN " + inlineText + " THEN octet_length(value) WHEN typeof(value) = 'integer' THEN 'i'"
                        + " WHEN typeof(value) IN ('real', 'text') THEN 'x' ELSE 'n' END)"
                        + ", group_concat(CASE WHEN typeof(value) = 'integer' THEN value END)"
                        + ", group_concat(CASE WHEN " + inlineText + " THEN value END, '')";
        return "SELECT group_concat(id), group_concat(type)" + values + " FROM thing WHERE id >= ? AND id < ? AND type IN " + typeIdList;
    }

    /** The values the thing aggregates leave out as 'x', in id order. */
    private static final String SIDE_VALUES = "SELECT id, value FROM thing WHERE id >= ? AND id < ? AND (typeof(value) = 'real'"
            + " OR (typeof(value) = 'text' AND octet_length(value) > " + INLINE_TEXT_BYTES + ")) ORDER BY id";

    /** Streams the kind's things with ids in {@code [from, to)}, in id order. */
    void read(long from, long to, Consumer<ThingRecord> action) throws SQLException {
        try (PreparedStatement things = c.prepareStatement(thingsSql());
             PreparedStatement ownerships = c.prepareStatement(String.format(OwnershipRows.BY_THINGS, typeIdList));
             PreparedStatement ownershipsOfOne = c.prepareStatement(OwnershipRows.OF_ONE_OWNER);
             PreparedStatement players = relations ? c.prepareStatement(ROLE_PLAYERS) : null;
             PreparedStatement sideValues = attributes ? c.prepareStatement(SIDE_VALUES) : null;
             PreparedStatement oneValue = attributes ? c.prepareStatement("SELECT value FROM thing WHERE id = ?") : null) {
            this.ownerships = ownerships;
            this.ownershipsOfOne = ownershipsOfOne;
            this.players = players;
            this.sideValues = sideValues;
            this.oneValue = oneValue;
            long b;
            for (long a = from; a < to; a = b) {
                b = to - a <= CHUNK_IDS ? to : a + CHUNK_IDS;
                things.setLong(1, a);
                things.setLong(2, b);
                try (ResultSet rs = things.executeQuery()) {
                    if (!rs.next()) continue;
                    byte[] idBytes = rs.getBytes(1);
                    if (idBytes == null || idBytes.length == 0) continue;
                    ids = new AggregateText(idBytes);
                    types = text(rs.getBytes(2));
                    if (attributes) {
                        forms = text(rs.getBytes(3));
                        integers = text(rs.getBytes(4));
                        texts = text(rs.getBytes(5));
                    }
                }
                readChunk(b, action);
            }
        } finally {
            ids = types = forms = integers = texts = null;
        }
    }

    private static AggregateText text(byte[] bytes) {
        return new AggregateText(bytes == null ? new byte[0] : bytes);
    }

    // The loop over a chunk's things and the reading of one thing are small methods of their own, so
    // the JIT compiles them early and cheaply (one large loop method costs seconds of on-stack compiling).

    /** Streams the things of the current chunk, whose ids are below {@code end}. */
    private void readChunk(long end, Consumer<ThingRecord> action) throws SQLException {
        long firstId = ids.number();
        ids.pos = 0;
        chunkEnd = end;
        owned = new OwnershipRows(ownerships, ownershipsOfOne, firstId, end);
        owned.next();
        played = null;
        if (relations) {
            played = new AggregateRows(players, 3, firstId, end - 1);
            played.next();
        }
        previousId = Long.MIN_VALUE;
        try {
            while (!ids.atEnd()) action.accept(thing());
            if (!types.atEnd() || attributes && !(forms.atEnd() && integers.atEnd() && texts.atEnd())) {
                throw new IllegalStateException("the store returned aggregates of different lengths");
            }
        } finally {
            if (side != null) {
                side.close();
                side = null;
            }
        }
    }

    private static void separator(AggregateText t) {
        if (!t.atEnd()) t.expect(',');
    }

    private ThingRecord thing() throws SQLException {
        long id = ids.number();
        separator(ids);
        if (id <= previousId) throw new IllegalStateException("the store returned things out of id order");
        previousId = id;
        int typeId = (int) types.number();
        separator(types);
        String type = typeLabels.get(typeId);
        Object value = null;
        if (attributes) {
            ValueType vt = valueTypes.get(typeId);
            if (vt == null && !valueTypes.containsKey(typeId)) {
                vt = schema.valueType(type);
                valueTypes.put(typeId, vt);
            }
            value = value(id, vt);
        }
        return new ThingRecord(ThingId.of(id), type, value, owned(id), relations ? players(id) : List.of());
    }

    /** The thing's value: from the aggregates when they carry it exactly, else read through JDBC. */
    private Object value(long id, ValueType vt) throws SQLException {
        if (forms.atEnd()) throw forms.malformed();
        byte form = forms.bytes[forms.pos];
        if (form >= '0' && form <= '9') {
            int length = (int) forms.number();
            separator(forms);
            if (length > texts.bytes.length - texts.pos) throw texts.malformed();
            int at = texts.pos;
            texts.pos += length;
            return vt == ValueType.STRING ? new String(texts.bytes, at, length, StandardCharsets.UTF_8) : oneValue(id, vt);
        }
        forms.pos++;
        separator(forms);
        switch (form) {
            case 'i' -> {
                long v = integers.number();
                separator(integers);
                if (vt == ValueType.LONG || vt == ValueType.DATETIME) return v;
                if (vt == ValueType.BOOLEAN) return v != 0;
                return oneValue(id, vt);
            }
            case 'x' -> {
                return sideValue(id, vt);
            }
            case 'n' -> {
                return oneValue(id, vt);
            }
            default -> throw forms.malformed();
        }
    }

    /** A value left out of the chunk's string, from the chunk's cursor over such values. */
    private Object sideValue(long id, ValueType vt) throws SQLException {
        if (side == null) {
            sideValues.setLong(1, id);
            sideValues.setLong(2, chunkEnd);
            side = sideValues.executeQuery();
            if (!side.next()) throw new IllegalStateException("the store lost the value of thing " + id);
        }
        while (side.getLong(1) < id) {
            if (!side.next()) throw new IllegalStateException("the store lost the value of thing " + id);
        }
        if (side.getLong(1) != id) throw new IllegalStateException("the store lost the value of thing " + id);
        return ReadSnapshot.readValue(side, 2, vt);
    }

    private List<String> owned(long id) throws SQLException {
        while (owned.valid() && owned.owner() < id) owned.next();
        if (!owned.valid() || owned.owner() != id) return List.of();
        List<String> attributes = new ArrayList<>(4);
        do {
            attributes.add(ThingId.of(owned.attribute()));
        } while (owned.next() && owned.owner() == id);
        return attributes;
    }

    private List<ThingRecord.RolePlayer> players(long id) throws SQLException {
        while (played.valid() && played.get(0) < id) played.next();
        if (!played.valid() || played.get(0) != id) return List.of();
        List<ThingRecord.RolePlayer> rolePlayers = new ArrayList<>(4);
        do {
            rolePlayers.add(new ThingRecord.RolePlayer(roleLabels.get((int) played.get(1)), ThingId.of(played.get(2))));
        } while (played.next() && played.get(0) == id);
        return rolePlayers;
    }

    /** A value read on its own, as a row-by-row read reads it. */
    private Object oneValue(long id, ValueType vt) throws SQLException {
        oneValue.setLong(1, id);
        try (ResultSet rs = oneValue.executeQuery()) {
            if (!rs.next()) throw new IllegalStateException("the store lost thing " + id);
            return ReadSnapshot.readValue(rs, 1, vt);
        }
    }
}
