package io.graknmigrate.typedb3;

import io.graknmigrate.format.Counts;
import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.RoleType;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.ThingType;
import io.graknmigrate.schema.ValueType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The two passes over the input. Pass 1 writes the attributes and records every id and ownership in
 * a work SQLite database; the attribute owners are then resolved in SQL; pass 2 writes entities and
 * relations (re-homed ownerships, scoped roles, duplicates and dangling references removed) and
 * gathers the {@link ObservedFacts} the schema translation needs. Per-item state lives in the work
 * database, so memory is bounded by the schema, not the input.
 *
 * <p>Longer than most classes because both passes share one work database and one set of counters
 * whose sums must add up; split, they would pass that state back and forth.
 *
 * <p>Why the conversion finds duplicate and dangling ids in a work database of its own, rather than
 * through {@code format.Verification} (verify) or the import's temp tables: it must know, for every
 * id, its kind and label and whether it is kept, to drop what does not fit, re-home ownerships by
 * attributes, and scope roles; Verification's fingerprints only answer "duplicate or dangling", and
 * the import's tables live in a keyspace transaction the conversion does not have (it writes files,
 * not a keyspace). The written files are then checked again, independently, by {@link ImportValidator}.
 */
final class DataPasses {

    private static final int KIND_ATTRIBUTE = 1;
    private static final int KIND_ENTITY = 2;
    private static final int KIND_RELATION = 3;
    private static final int CHECK_EVERY = 4096;
    /** Unknown labels kept for the remap suggestions; more are counted, not listed (hostile files). */
    private static final int MAX_UNKNOWN_LABELS = 200;

    /** What the passes produced besides the three part files. */
    record Outcome(ObservedFacts facts, ConversionCounts counts, LossLog losses, List<Decision> rehomings,
                   Map<String, TypeKind> unknownLabels, String headerVersion, String headerDatabase,
                   Item.Checksums inputChecksums) { }

    private final Schema schema;
    private final Typedb3Converter.Options options;
    private final TypeNames names;
    private final ProgressListener progress;
    private final Map<String, Pattern> regexes = new HashMap<>();
    private final Tally c = new Tally();
    private final LossLog losses = new LossLog();
    private final Map<String, TypeKind> unknownLabels = new LinkedHashMap<>();

    // schema-sized facts, frozen into ObservedFacts at the end
    private final Map<String, Long> instances = new HashMap<>();
    private final Map<String, Long> orphans = new TreeMap<>();
    private final Map<String, Set<String>> ownedTypes = new TreeMap<>();
    private final Set<OwnerAttribute> multiOwned = new HashSet<>();
    private final Map<String, Set<RelationRole>> playedRoles = new TreeMap<>();
    private final Set<RelationRole> multiPlayed = new HashSet<>();
    private final Set<RelationRole> brokenSpecialisations = new HashSet<>();
    private final Map<OwnerAttribute, Long> keyCardinalityViolations = new HashMap<>();
    private final Map<OwnerAttribute, Long> keyUniquenessViolations = new HashMap<>();
    private final Map<String, Long> regexViolations = new TreeMap<>();
    private final Map<RelationRole, Long> playersByRole = new HashMap<>();
    private final List<Decision> rehomings = new ArrayList<>();

    /** The mutable counters behind {@link ConversionCounts}. */
    private static final class Tally {
        String headerVersion;
        String headerDatabase;
        Item.Checksums inputChecksums;
        long checksumItems;
        long headers;
        long unknownItems;
        final long[] itemsIn = new long[4];
        final long[] itemsOut = new long[4];
        final long[] itemsDropped = new long[4];
        long ownIn, ownKept, ownDuplicate, ownDangling, ownToDropped, ownOfDroppedOwner;
        long ownByAttribute, ownByAttributeRehomed, ownByAttributeOrphaned, ownByAttributeDropped, ownByAttributeDangling;
        long ownAddedByRehoming, ownRehomedAlreadyOwned;
        long playersIn, playersKept, playersDuplicate, playersDangling, playersDropped, playersAttribute,
                playersRoleNotRelated, playersOfDroppedRelation;
        long relationsWithoutPlayers;
    }

    DataPasses(Schema schema, Typedb3Converter.Options options, TypeNames names, ProgressListener progress) {
        this.schema = schema;
        this.options = options;
        this.names = names;
        this.progress = progress;
        for (ThingType t : schema.types()) {
            if (t.regex() != null) {
                try {
                    regexes.put(t.label(), Pattern.compile(t.regex()));
                } catch (PatternSyntaxException e) {
                    // the schema translation reports it
                }
            }
        }
    }

    /** Both passes: attributes into {@code attrs}, entities into {@code ents}, relations into {@code rels}. */
    Outcome run(Path input, Path workDirectory, Path attrs, Path ents, Path rels) throws IOException, SQLException {
        try (WorkDatabase db = new WorkDatabase(workDirectory, "typedb3-work")) {
            db.execute("CREATE TABLE things(id TEXT PRIMARY KEY, kind INTEGER NOT NULL, label TEXT NOT NULL, idx INTEGER NOT NULL)",
                    "CREATE TABLE dropped(id TEXT PRIMARY KEY, kind INTEGER NOT NULL, label TEXT NOT NULL)",
                    "CREATE TABLE own(owner TEXT NOT NULL, owner_kind INTEGER NOT NULL, attr TEXT NOT NULL)",
                    "CREATE TABLE key_use(decl_owner TEXT NOT NULL, decl_key TEXT NOT NULL, attr TEXT NOT NULL, owner TEXT NOT NULL)");
            passOne(input, db, attrs);
            progress.start(Typedb3Phases.RESOLVING_OWNERS, -1, "");
            try {
                resolveAttributeOwners(db);
            } finally {
                progress.finish();
            }
            passTwo(input, db, ents, rels);
            progress.start(Typedb3Phases.CHECKING_KEYS, -1, "");
            try {
                collectOrphansAndKeys(db);
            } finally {
                progress.finish();
            }
        }
        ObservedFacts facts = new ObservedFacts(instances, orphans, ownedTypes, multiOwned, playedRoles, multiPlayed,
                brokenSpecialisations, keyCardinalityViolations, keyUniquenessViolations, regexViolations, playersByRole);
        return new Outcome(facts, counts(), losses, List.copyOf(rehomings), Collections.unmodifiableMap(new LinkedHashMap<>(unknownLabels)),
                c.headerVersion, c.headerDatabase, c.inputChecksums);
    }

    private ConversionCounts counts() {
        ConversionCounts.OwnershipCounts own = new ConversionCounts.OwnershipCounts(c.ownIn, c.ownKept, c.ownByAttribute,
                c.ownByAttributeRehomed, c.ownByAttributeOrphaned, c.ownByAttributeDropped, c.ownByAttributeDangling,
                c.ownDuplicate, c.ownDangling, c.ownToDropped, c.ownOfDroppedOwner, c.ownAddedByRehoming, c.ownRehomedAlreadyOwned);
        ConversionCounts.PlayerCounts players = new ConversionCounts.PlayerCounts(c.playersIn, c.playersKept, c.playersDuplicate,
                c.playersDangling, c.playersDropped, c.playersAttribute, c.playersRoleNotRelated, c.playersOfDroppedRelation);
        return new ConversionCounts(kind(KIND_ATTRIBUTE), kind(KIND_ENTITY), kind(KIND_RELATION), c.headers, c.checksumItems,
                c.unknownItems, own, players, c.relationsWithoutPlayers,
                new Counts(c.itemsOut[KIND_ENTITY], c.itemsOut[KIND_ATTRIBUTE], c.itemsOut[KIND_RELATION],
                        c.playersKept, own.written()), instances);
    }

    private ConversionCounts.ItemCounts kind(int k) {
        return new ConversionCounts.ItemCounts(c.itemsIn[k], c.itemsOut[k], c.itemsDropped[k]);
    }

    private static void checkInterrupted(long n) {
        if (n % CHECK_EVERY == 0 && Thread.currentThread().isInterrupted()) {
            throw new CancellationException("conversion cancelled");
        }
    }

    private String dataLabel(String label) { return options.remap.getOrDefault(label, label); }

    // ------------------------------------------------------------------ pass 1

    private void passOne(Path input, WorkDatabase db, Path attrs) throws IOException, SQLException {
        long size = Files.size(input);
        progress.start(Typedb3Phases.READING, size, "bytes");
        try (ItemReader reader = ItemReader.open(input);
             ItemWriter out = ItemWriter.create(attrs);
             PreparedStatement thing = db.connection.prepareStatement("INSERT OR IGNORE INTO things(id, kind, label, idx) VALUES (?, ?, ?, ?)");
             PreparedStatement dropped = db.connection.prepareStatement("INSERT OR IGNORE INTO dropped(id, kind, label) VALUES (?, ?, ?)");
             PreparedStatement own = db.connection.prepareStatement("INSERT INTO own(owner, owner_kind, attr) VALUES (?, ?, ?)")) {
            while (reader.hasNext()) {
                Item item = reader.next();
                long idx = reader.itemIndex();
                checkInterrupted(idx);
                if (idx % CHECK_EVERY == 0) progress.update(reader.position());
                switch (item.getItemCase()) {
                    case HEADER -> {
                        c.headers++;
                        if (c.headerVersion == null) {
                            c.headerVersion = item.getHeader().getGraknVersion();
                            c.headerDatabase = item.getHeader().getOriginalDatabase();
                        }
                    }
                    case CHECKSUMS -> {
                        c.checksumItems++;
                        if (c.inputChecksums == null) c.inputChecksums = item.getChecksums();
                    }
                    case ATTRIBUTE -> attribute(item.getAttribute(), idx, thing, dropped, own, out);
                    case ENTITY -> {
                        Item.Entity e = item.getEntity();
                        c.itemsIn[KIND_ENTITY]++;
                        c.ownIn += e.getAttributeCount();
                        String label = dataLabel(e.getLabel());
                        LossReason reason = objectProblem(label, TypeKind.ENTITY);
                        if (reason == null && !insertThing(thing, e.getId(), KIND_ENTITY, label, idx)) reason = LossReason.DUPLICATE_ID;
                        if (reason != null) {
                            dropItem(dropped, KIND_ENTITY, reason, label, e.getId(), label);
                            ownershipsOfDropped(label, e.getId(), e.getAttributeCount());
                            continue;
                        }
                        instances.merge(label, 1L, Long::sum);
                        for (Item.OwnedAttribute o : e.getAttributeList()) insertOwn(own, e.getId(), KIND_ENTITY, o.getId());
                    }
                    case RELATION -> {
                        Item.Relation r = item.getRelation();
                        c.itemsIn[KIND_RELATION]++;
                        c.ownIn += r.getAttributeCount();
                        long players = 0;
                        for (Item.Relation.Role role : r.getRoleList()) players += role.getPlayerCount();
                        c.playersIn += players;
                        String label = dataLabel(r.getLabel());
                        LossReason reason = objectProblem(label, TypeKind.RELATION);
                        if (reason == null && !insertThing(thing, r.getId(), KIND_RELATION, label, idx)) reason = LossReason.DUPLICATE_ID;
                        if (reason != null) {
                            dropItem(dropped, KIND_RELATION, reason, label, r.getId(), label);
                            ownershipsOfDropped(label, r.getId(), r.getAttributeCount());
                            c.playersOfDroppedRelation += players;
                            losses.add(LossReason.RELATION_DROPPED, label, players, r.getId(), players + " players");
                            continue;
                        }
                        instances.merge(label, 1L, Long::sum);
                        for (Item.OwnedAttribute o : r.getAttributeList()) insertOwn(own, r.getId(), KIND_RELATION, o.getId());
                    }
                    default -> c.unknownItems++;
                }
            }
            c.unknownItems += reader.unknownItems();
            out.complete();
            progress.update(size);
        }
        db.execute("CREATE INDEX own_attr ON own(attr)", "CREATE INDEX own_owner ON own(owner)", "ANALYZE");
        db.connection.commit();
        progress.finish();
    }

    private void attribute(Item.Attribute a, long idx, PreparedStatement thing, PreparedStatement dropped,
                           PreparedStatement own, ItemWriter out) throws SQLException, IOException {
        c.itemsIn[KIND_ATTRIBUTE]++;
        String label = dataLabel(a.getLabel());
        Set<String> owned = new LinkedHashSet<>();
        for (Item.OwnedAttribute o : a.getAttributeList()) owned.add(o.getId());
        c.ownIn += a.getAttributeCount();
        LossReason reason = attributeProblem(label, a);
        String badValue = reason == null ? BadValues.problem(a.getValue()) : null;
        if (badValue != null) reason = LossReason.BAD_VALUE;
        if (reason == null && !insertThing(thing, a.getId(), KIND_ATTRIBUTE, label, idx)) reason = LossReason.DUPLICATE_ID;
        if (reason != null) {
            String shown = Values.show(a.getValue()) + (badValue == null ? "" : ": " + badValue);
            dropItem(dropped, KIND_ATTRIBUTE, reason, label, a.getId(), shown);
            ownershipsOfDropped(label, a.getId(), a.getAttributeCount());
            return;
        }
        c.ownDuplicate += a.getAttributeCount() - owned.size();
        c.ownByAttribute += owned.size();
        for (String id : owned) insertOwn(own, a.getId(), KIND_ATTRIBUTE, id);
        instances.merge(label, 1L, Long::sum);
        checkRegexes(label, a.getValue());
        out.write(Item.newBuilder().setAttribute(Item.Attribute.newBuilder()
                .setId(a.getId()).setLabel(names.type(label)).setValue(a.getValue())).build());
        c.itemsOut[KIND_ATTRIBUTE]++;
    }

    private void dropItem(PreparedStatement dropped, int kind, LossReason reason, String label, String id, String value)
            throws SQLException {
        c.itemsDropped[kind]++;
        losses.add(reason, label, id, value);
        if (reason == LossReason.UNKNOWN_TYPE && unknownLabels.size() < MAX_UNKNOWN_LABELS) {
            unknownLabels.putIfAbsent(label, kind == KIND_ATTRIBUTE ? TypeKind.ATTRIBUTE : kind == KIND_ENTITY ? TypeKind.ENTITY : TypeKind.RELATION);
        }
        dropped.setString(1, id);
        dropped.setInt(2, kind);
        dropped.setString(3, label);
        dropped.executeUpdate();
    }

    private void ownershipsOfDropped(String label, String id, long n) {
        c.ownOfDroppedOwner += n;
        losses.add(LossReason.OWNER_DROPPED, label, n, id, n + " ownerships");
    }

    private static boolean insertThing(PreparedStatement ps, String id, int kind, String label, long idx) throws SQLException {
        ps.setString(1, id);
        ps.setInt(2, kind);
        ps.setString(3, label);
        ps.setLong(4, idx);
        return ps.executeUpdate() == 1;
    }

    private static void insertOwn(PreparedStatement ps, String owner, int kind, String attr) throws SQLException {
        ps.setString(1, owner);
        ps.setInt(2, kind);
        ps.setString(3, attr);
        ps.executeUpdate();
    }

    private LossReason objectProblem(String label, TypeKind kind) {
        ThingType t = schema.type(label).orElse(null);
        if (t == null) return LossReason.UNKNOWN_TYPE;
        if (t.kind() != kind) return LossReason.WRONG_KIND;
        return null;
    }

    private LossReason attributeProblem(String label, Item.Attribute a) {
        LossReason p = objectProblem(label, TypeKind.ATTRIBUTE);
        if (p != null) return p;
        if (!a.hasValue() || a.getValue().getValueCase() == ValueObject.ValueCase.VALUE_NOT_SET) return LossReason.NO_VALUE;
        ValueType vt = schema.valueType(label);
        if (vt == null) return LossReason.WRONG_VALUE_TYPE;
        ValueObject.ValueCase want = switch (vt) {
            case STRING -> ValueObject.ValueCase.STRING;
            case LONG -> ValueObject.ValueCase.LONG;
            case DOUBLE -> ValueObject.ValueCase.DOUBLE;
            case BOOLEAN -> ValueObject.ValueCase.BOOLEAN;
            case DATETIME -> ValueObject.ValueCase.DATETIME;
        };
        return a.getValue().getValueCase() != want ? LossReason.WRONG_VALUE_TYPE : null;
    }

    /** TypeDB 3 applies a supertype's regex to subtypes too, so every regex up the chain is checked. */
    private void checkRegexes(String label, ValueObject value) {
        if (value.getValueCase() != ValueObject.ValueCase.STRING) return;
        for (ThingType t : schema.supertypes(label)) {
            Pattern p = regexes.get(t.label());
            if (p != null && !p.matcher(value.getString()).matches()) regexViolations.merge(t.label(), 1L, Long::sum);
        }
    }

    // ------------------------------------------------------------------ attributes owning attributes

    private void resolveAttributeOwners(WorkDatabase db) throws SQLException {
        db.execute("CREATE TABLE up(a TEXT NOT NULL, y TEXT NOT NULL, ykind INTEGER NOT NULL)",
                "CREATE TABLE rehome(owner TEXT NOT NULL, attr TEXT NOT NULL)");
        boolean rehome = options.attributeOwners == Typedb3Converter.AttributeOwners.REHOME;
        if (rehome) {
            // up(a, y): y owns attribute a, directly or through a chain of attributes; only for
            // attributes that own attributes. UNION keeps it finite when attributes own each other.
            db.execute("INSERT INTO up WITH RECURSIVE r(a, y, ykind) AS ("
                            + " SELECT o.attr, o.owner, o.owner_kind FROM own o"
                            + "  WHERE o.attr IN (SELECT owner FROM own WHERE owner_kind = 1)"
                            + " UNION"
                            + " SELECT r.a, o.owner, o.owner_kind FROM r JOIN own o ON o.attr = r.y WHERE r.ykind = 1)"
                            + " SELECT a, y, ykind FROM r",
                    "CREATE INDEX up_a ON up(a)",
                    "INSERT INTO rehome SELECT DISTINCT up.y, e.attr FROM own e"
                            + " JOIN up ON up.a = e.owner AND up.ykind != 1"
                            + " JOIN things t ON t.id = e.attr AND t.kind = 1"
                            + " WHERE e.owner_kind = 1");
        }
        db.execute("CREATE INDEX rehome_owner ON rehome(owner)", "CREATE INDEX rehome_attr ON rehome(attr)");
        // every ownership by an attribute, judged once: dangling, re-homed, or dropped
        try (Statement s = db.connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT e.owner, w.label, e.attr, t.label, d.label,"
                     + " EXISTS (SELECT 1 FROM up WHERE up.a = e.owner AND up.ykind != 1)"
                     + " FROM own e JOIN things w ON w.id = e.owner LEFT JOIN things t ON t.id = e.attr AND t.kind = 1"
                     + " LEFT JOIN dropped d ON d.id = e.attr WHERE e.owner_kind = 1 ORDER BY w.label, e.owner")) {
            while (rs.next()) {
                String owner = rs.getString(1);
                String ownerType = rs.getString(2);
                String attr = rs.getString(3);
                if (rs.getString(4) == null) {
                    c.ownByAttributeDangling++;
                    if (rs.getString(5) != null) losses.add(LossReason.OWNED_ATTRIBUTE_DROPPED, ownerType, owner, "owns " + attr);
                    else losses.add(LossReason.OWNED_ID_NOT_AN_ATTRIBUTE, ownerType, owner, "owns " + attr);
                } else if (!rehome) {
                    c.ownByAttributeDropped++;
                    losses.add(LossReason.ATTRIBUTE_OWNER_DROPPED_BY_OPTION, ownerType, owner, "owned " + rs.getString(4) + " " + attr);
                } else if (rs.getBoolean(6)) {
                    c.ownByAttributeRehomed++;
                } else {
                    c.ownByAttributeOrphaned++;
                    losses.add(LossReason.ATTRIBUTE_OWNER_WITHOUT_OWNER, ownerType, owner, "owned " + rs.getString(4) + " " + attr);
                }
            }
        }
        if (rehome) {
            try (Statement s = db.connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT ta.label, tv.label, ty.label, count(*), count(DISTINCT x.y) FROM"
                         + " (SELECT DISTINCT up.y AS y, e.attr AS attr, e.owner AS via FROM own e"
                         + "   JOIN up ON up.a = e.owner AND up.ykind != 1 WHERE e.owner_kind = 1) x"
                         + " JOIN things ta ON ta.id = x.attr AND ta.kind = 1 JOIN things tv ON tv.id = x.via"
                         + " JOIN things ty ON ty.id = x.y GROUP BY ta.label, tv.label, ty.label ORDER BY ta.label, tv.label, ty.label")) {
                while (rs.next()) {
                    rehomings.add(new Decision(rs.getString(1), rs.getLong(4), rs.getLong(4) + " '" + rs.getString(1)
                            + "' ownerships re-homed from '" + rs.getString(2) + "' to the " + rs.getLong(5) + " '" + rs.getString(3)
                            + "' things that owned those '" + rs.getString(2) + "' attributes (TypeDB 3 attributes cannot own attributes)"));
                }
            }
        }
        db.connection.commit();
    }

    // ------------------------------------------------------------------ pass 2

    /** Kind and label of an id: a kept item's, else a dropped item's (dropped = true), else null. */
    private record Found(int kind, String label, boolean dropped) { }

    private void passTwo(Path input, WorkDatabase db, Path ents, Path rels) throws IOException, SQLException {
        long total = c.itemsIn[KIND_ENTITY] + c.itemsIn[KIND_RELATION];
        progress.start(Typedb3Phases.CONVERTING, total, "things");
        long done = 0;
        try (ItemReader reader = ItemReader.open(input);
             ItemWriter entOut = ItemWriter.create(ents);
             ItemWriter relOut = ItemWriter.create(rels);
             PreparedStatement lookup = db.connection.prepareStatement("SELECT kind, label, idx FROM things WHERE id = ?");
             PreparedStatement lookupDropped = db.connection.prepareStatement("SELECT kind, label FROM dropped WHERE id = ?");
             PreparedStatement rehomed = db.connection.prepareStatement(
                     "SELECT r.attr, t.label FROM rehome r JOIN things t ON t.id = r.attr WHERE r.owner = ?");
             PreparedStatement keyUse = db.connection.prepareStatement("INSERT INTO key_use(decl_owner, decl_key, attr, owner) VALUES (?, ?, ?, ?)")) {
            Lookups l = new Lookups(lookup, lookupDropped, rehomed, keyUse);
            while (reader.hasNext()) {
                Item item = reader.next();
                long idx = reader.itemIndex();
                if (item.getItemCase() != Item.ItemCase.ENTITY && item.getItemCase() != Item.ItemCase.RELATION) continue;
                // every entity and relation read counts, kept or not, so the bar ends at its total
                done++;
                checkInterrupted(done);
                if (done % CHECK_EVERY == 0) progress.update(done);
                if (item.getItemCase() == Item.ItemCase.ENTITY) {
                    Item.Entity e = item.getEntity();
                    String label = dataLabel(e.getLabel());
                    if (!isKept(lookup, e.getId(), idx)) continue;
                    Item.Entity.Builder b = Item.Entity.newBuilder().setId(e.getId()).setLabel(names.type(label));
                    for (String id : ownerships(e.getId(), label, e.getAttributeList(), l)) {
                        b.addAttribute(Item.OwnedAttribute.newBuilder().setId(id));
                    }
                    entOut.write(Item.newBuilder().setEntity(b).build());
                    c.itemsOut[KIND_ENTITY]++;
                } else if (item.getItemCase() == Item.ItemCase.RELATION) {
                    Item.Relation r = item.getRelation();
                    String label = dataLabel(r.getLabel());
                    if (!isKept(lookup, r.getId(), idx)) continue;
                    Item.Relation.Builder b = Item.Relation.newBuilder().setId(r.getId()).setLabel(names.type(label));
                    for (String id : ownerships(r.getId(), label, r.getAttributeList(), l)) {
                        b.addAttribute(Item.OwnedAttribute.newBuilder().setId(id));
                    }
                    roles(label, r, b, l);
                    relOut.write(Item.newBuilder().setRelation(b).build());
                    c.itemsOut[KIND_RELATION]++;
                }
            }
            entOut.complete();
            relOut.complete();
            progress.update(done);
        }
        db.connection.commit();
        progress.finish();
    }

    private record Lookups(PreparedStatement kept, PreparedStatement dropped, PreparedStatement rehomed, PreparedStatement keyUse) {
        Found find(String id) throws SQLException {
            kept.setString(1, id);
            try (ResultSet rs = kept.executeQuery()) {
                if (rs.next()) return new Found(rs.getInt(1), rs.getString(2), false);
            }
            dropped.setString(1, id);
            try (ResultSet rs = dropped.executeQuery()) {
                if (rs.next()) return new Found(rs.getInt(1), rs.getString(2), true);
            }
            return null;
        }
    }

    private static boolean isKept(PreparedStatement lookup, String id, long idx) throws SQLException {
        lookup.setString(1, id);
        try (ResultSet rs = lookup.executeQuery()) {
            return rs.next() && rs.getLong(3) == idx;
        }
    }

    /** The owned ids to write, sorted so that the output does not depend on the input's list order. */
    private List<String> ownerships(String ownerId, String ownerLabel, List<Item.OwnedAttribute> list, Lookups l)
            throws SQLException {
        Map<String, String> owned = new TreeMap<>(); // id -> attribute type
        Set<String> seen = new HashSet<>();
        for (Item.OwnedAttribute o : list) {
            if (!seen.add(o.getId())) {
                c.ownDuplicate++;
                continue;
            }
            Found found = l.find(o.getId());
            if (found != null && found.dropped && found.kind == KIND_ATTRIBUTE) {
                c.ownToDropped++;
                losses.add(LossReason.OWNED_ATTRIBUTE_DROPPED, ownerLabel, ownerId, "owns " + o.getId() + " (" + found.label + ")");
                continue;
            }
            if (found == null || found.dropped || found.kind != KIND_ATTRIBUTE) {
                c.ownDangling++;
                losses.add(LossReason.OWNED_ID_NOT_AN_ATTRIBUTE, ownerLabel, ownerId, "owns " + o.getId());
                continue;
            }
            owned.put(o.getId(), found.label);
            c.ownKept++;
        }
        if (options.attributeOwners == Typedb3Converter.AttributeOwners.REHOME) {
            l.rehomed.setString(1, ownerId);
            try (ResultSet rs = l.rehomed.executeQuery()) {
                while (rs.next()) {
                    if (owned.containsKey(rs.getString(1))) {
                        c.ownRehomedAlreadyOwned++;
                    } else {
                        owned.put(rs.getString(1), rs.getString(2));
                        c.ownAddedByRehoming++;
                    }
                }
            }
        }
        // facts: which exact types are owned, and which owner/attribute-supertype pairs hold 2+
        Map<String, Integer> perType = new HashMap<>();
        for (String attrType : owned.values()) {
            ownedTypes.computeIfAbsent(ownerLabel, k -> new TreeSet<>()).add(attrType);
            for (ThingType t : schema.supertypes(attrType)) perType.merge(t.label(), 1, Integer::sum);
        }
        perType.forEach((attrType, n) -> {
            if (n > 1) multiOwned.add(new OwnerAttribute(ownerLabel, attrType));
        });
        for (String key : schema.keys(ownerLabel)) {
            OwnerAttribute decl = new OwnerAttribute(keyDeclarer(ownerLabel, key), key);
            if (perType.getOrDefault(key, 0) != 1) keyCardinalityViolations.merge(decl, 1L, Long::sum);
            for (Map.Entry<String, String> e : owned.entrySet()) {
                if (schema.isSubtypeOf(e.getValue(), key)) {
                    l.keyUse.setString(1, decl.owner());
                    l.keyUse.setString(2, decl.attribute());
                    l.keyUse.setString(3, e.getKey());
                    l.keyUse.setString(4, ownerId);
                    l.keyUse.executeUpdate();
                }
            }
        }
        return new ArrayList<>(owned.keySet());
    }

    /** The topmost type in the owner's chain that declares the key. */
    private String keyDeclarer(String ownerLabel, String key) {
        String decl = ownerLabel;
        for (ThingType t : schema.supertypes(ownerLabel)) if (t.keys().contains(key)) decl = t.label();
        return decl;
    }

    /** The topmost relation type in the chain that declares {@code relates role} itself, or null. */
    private String roleDeclarer(String relationType, String role) {
        String decl = null;
        for (ThingType t : schema.supertypes(relationType)) if (t.relates().containsKey(role)) decl = t.label();
        return decl;
    }

    private void roles(String relLabel, Item.Relation r, Item.Relation.Builder b, Lookups l) throws SQLException {
        Map<RelationRole, Set<String>> byRole = new TreeMap<>();
        for (Item.Relation.Role role : r.getRoleList()) {
            String roleLabel = dataLabel(role.getLabel());
            String declarer = roleDeclarer(relLabel, roleLabel);
            if (declarer == null) {
                c.playersRoleNotRelated += role.getPlayerCount();
                losses.add(LossReason.ROLE_NOT_RELATED, relLabel, role.getPlayerCount(), r.getId(),
                        "role " + roleLabel + ", " + role.getPlayerCount() + " players");
                if (schema.role(roleLabel).isEmpty() && unknownLabels.size() < MAX_UNKNOWN_LABELS) unknownLabels.putIfAbsent(roleLabel, null);
                continue;
            }
            // a subtype on the way up that specialises this role away would make TypeDB reject the player
            for (ThingType t : schema.supertypes(relLabel)) {
                if (t.label().equals(declarer)) break;
                for (Map.Entry<String, String> e : t.relates().entrySet()) {
                    if (roleLabel.equals(e.getValue())) brokenSpecialisations.add(new RelationRole(t.label(), e.getKey()));
                }
            }
            RelationRole scoped = new RelationRole(declarer, roleLabel);
            Set<String> players = byRole.computeIfAbsent(scoped, k -> new TreeSet<>());
            for (Item.Relation.Role.Player p : role.getPlayerList()) {
                if (players.contains(p.getId())) {
                    c.playersDuplicate++;
                    continue;
                }
                Found found = l.find(p.getId());
                if (found == null) {
                    c.playersDangling++;
                    losses.add(LossReason.PLAYER_NOT_IN_FILE, relLabel, r.getId(), roleLabel + ": " + p.getId());
                    continue;
                }
                if (found.kind == KIND_ATTRIBUTE) {
                    if (found.dropped) {
                        c.playersDropped++;
                        losses.add(LossReason.PLAYER_DROPPED, relLabel, r.getId(), roleLabel + ": " + p.getId());
                    } else {
                        c.playersAttribute++;
                        losses.add(LossReason.ATTRIBUTE_PLAYER, relLabel, r.getId(), roleLabel + ": " + p.getId() + " (" + found.label + ")");
                    }
                    continue;
                }
                if (found.dropped) {
                    c.playersDropped++;
                    losses.add(LossReason.PLAYER_DROPPED, relLabel, r.getId(), roleLabel + ": " + p.getId());
                    continue;
                }
                players.add(p.getId());
                c.playersKept++;
                playedRoles.computeIfAbsent(found.label, k -> new TreeSet<>()).add(scoped);
            }
        }
        Map<String, Integer> perRole = new HashMap<>();
        long total = 0;
        for (Map.Entry<RelationRole, Set<String>> e : byRole.entrySet()) {
            if (e.getValue().isEmpty()) continue;
            Item.Relation.Role.Builder rb = Item.Relation.Role.newBuilder().setLabel(names.scoped(e.getKey()));
            for (String id : e.getValue()) rb.addPlayer(Item.Relation.Role.Player.newBuilder().setId(id));
            b.addRole(rb);
            total += e.getValue().size();
            playersByRole.merge(new RelationRole(relLabel, e.getKey().role()), (long) e.getValue().size(), Long::sum);
            // count for the role and every role it specialises (a card on a role counts its specialisations)
            Set<String> chain = new LinkedHashSet<>();
            for (String role = e.getKey().role(); role != null && !role.equals(RoleType.META) && chain.add(role); ) {
                role = schema.role(role).map(RoleType::supertype).orElse(null);
            }
            for (String role : chain) perRole.merge(role, e.getValue().size(), Integer::sum);
        }
        perRole.forEach((role, n) -> {
            if (n > 1) multiPlayed.add(new RelationRole(relLabel, role));
        });
        if (total == 0) {
            c.relationsWithoutPlayers++;
            losses.add(LossReason.RELATION_WITHOUT_PLAYERS, relLabel, r.getId(), "");
        }
    }

    private void collectOrphansAndKeys(WorkDatabase db) throws SQLException {
        try (Statement s = db.connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT t.label, count(*) FROM things t WHERE t.kind = 1"
                     + " AND NOT EXISTS (SELECT 1 FROM own o JOIN things w ON w.id = o.owner WHERE o.attr = t.id AND o.owner_kind != 1)"
                     + " AND NOT EXISTS (SELECT 1 FROM rehome r WHERE r.attr = t.id) GROUP BY t.label")) {
            while (rs.next()) orphans.put(rs.getString(1), rs.getLong(2));
        }
        try (Statement s = db.connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT decl_owner, decl_key, count(*) FROM (SELECT decl_owner, decl_key, attr FROM key_use"
                     + " GROUP BY decl_owner, decl_key, attr HAVING count(DISTINCT owner) > 1) GROUP BY decl_owner, decl_key")) {
            while (rs.next()) keyUniquenessViolations.put(new OwnerAttribute(rs.getString(1), rs.getString(2)), rs.getLong(3));
        }
    }
}
