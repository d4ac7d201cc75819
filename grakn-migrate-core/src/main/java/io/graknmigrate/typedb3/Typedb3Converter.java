package io.graknmigrate.typedb3;

import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.RoleType;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.SchemaPrinter;
import io.graknmigrate.schema.ThingType;
import io.graknmigrate.schema.ValueType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Converts a Grakn 1.8 schema and {@code .grakn} export into what TypeDB 3.4+ {@code database import}
 * accepts: a TypeQL 3 {@code schema.tql}, a {@code data.typedb} item stream and a report.
 *
 * <p>Two passes over the input: the first writes the attributes and records every id and ownership
 * in a work SQLite database; the second writes entities and relations (re-homed ownerships, scoped
 * roles, duplicates and dangling references removed) and gathers the facts the schema's
 * cardinalities, keys, owns and plays depend on. Only schema-sized facts are kept in memory. The
 * result is then read back and checked by {@link ImportValidator}.
 */
public final class Typedb3Converter {

    /** What happens to ownerships whose owner is an attribute (TypeDB 3 rejects them: DIS7). */
    public enum AttributeOwners { REHOME, DROP }

    public static final class Options {
        AttributeOwners attributeOwners = AttributeOwners.REHOME;
        Map<String, String> remap = Map.of();
        String source = "";

        public Options attributeOwners(AttributeOwners mode) { this.attributeOwners = mode; return this; }

        /** Data labels to rename before anything else ({@code old=new}, as Grakn's import takes them). */
        public Options remap(Map<String, String> remap) { this.remap = Map.copyOf(remap); return this; }

        /** Where the data came from, for the report. */
        public Options source(String source) { this.source = source; return this; }
    }

    /** The outcome: the report (with the validator's problems) and where the files are. */
    public record Result(ConversionReport report, Path schemaFile, Path dataFile, Path reportFile) {
        public boolean valid() { return report.problems().isEmpty(); }
    }

    private static final int KIND_ATTRIBUTE = 1;
    private static final int KIND_ENTITY = 2;
    private static final int KIND_RELATION = 3;
    private static final int CHECK_EVERY = 4096;

    private final Schema schema;
    private final Options options;
    private final ProgressListener progress;
    private final ConversionReport report = new ConversionReport();

    // schema-sized facts gathered from the data (1.8 labels)
    private final Map<String, Long> instances = new HashMap<>();
    private final Map<String, Long> orphans = new TreeMap<>();
    private final Map<String, Set<String>> observedOwns = new TreeMap<>();
    private final Set<String> multiOwns = new java.util.HashSet<>();
    private final Map<String, Set<String>> observedPlays = new TreeMap<>();
    private final Set<String> multiRelates = new java.util.HashSet<>();
    private final Set<String> brokenSpecialisations = new TreeSet<>();
    private final Map<String, Long> keyCardinalityViolations = new TreeMap<>();
    private final Map<String, Long> keyUniquenessViolations = new TreeMap<>();
    private final Map<String, Long> regexViolations = new TreeMap<>();
    private final Map<String, Long> droppedItemsByReason = new TreeMap<>();

    private final Map<String, String> typeNames = new HashMap<>();
    private final Map<String, String> roleNames = new HashMap<>();
    private final Map<String, Pattern> regexes = new HashMap<>();

    public Typedb3Converter(Schema schema, Options options, ProgressListener progress) {
        this.schema = schema;
        this.options = options;
        this.progress = progress == null ? ProgressListener.NONE : progress;
        planNames();
        for (ThingType t : schema.types()) {
            if (t.regex() != null) {
                try {
                    regexes.put(t.label(), Pattern.compile(t.regex()));
                } catch (PatternSyntaxException e) {
                    // reported when the schema is built
                }
            }
        }
    }

    // ------------------------------------------------------------------ naming

    /**
     * Labels that are TypeQL 3 keywords get a trailing underscore (more if that is taken too); labels
     * that are not TypeQL identifiers get their odd characters replaced and, if needed, an x in front.
     */
    private void planNames() {
        Set<String> taken = new java.util.HashSet<>();
        for (ThingType t : schema.types()) taken.add(t.label());
        for (RoleType r : schema.roles()) taken.add(r.label());
        for (ThingType t : schema.types()) typeNames.put(t.label(), rename(t.label(), taken, "type"));
        for (RoleType r : schema.roles()) roleNames.put(r.label(), rename(r.label(), taken, "role"));
    }

    private String rename(String label, Set<String> taken, String what) {
        if (Labels.isIdentifier(label) && !Labels.isReserved(label)) return label;
        String name = label;
        String why;
        if (!Labels.isIdentifier(label)) {
            // Graql allowed labels such as 1st-place; TypeQL 3 identifiers start with a letter or _
            name = label.replaceAll("[^\\p{L}\\p{N}_-]", "_");
            if (!Labels.isIdentifier(name)) name = "x" + name;
            why = "it is not a TypeQL 3 identifier";
        } else {
            name = label + "_";
            why = "'" + label + "' is a TypeQL 3 keyword (DEX31)";
        }
        while (taken.contains(name) || Labels.isReserved(name)) name += "_";
        taken.add(name);
        report.decisions.add(what + " '" + label + "' renamed to '" + name + "': " + why + "; the data is relabelled to match");
        return name;
    }

    private String typeName(String label) { return typeNames.getOrDefault(label, label); }

    private String roleName(String label) { return roleNames.getOrDefault(label, label); }

    private String dataLabel(String label) { return options.remap.getOrDefault(label, label); }

    // ------------------------------------------------------------------ entry point

    /**
     * Converts {@code input} into {@code outDir} (created, or filled with three files replaced
     * atomically). Returns the result; {@link Result#valid()} is false when the validator found
     * problems (the files are still written so they can be inspected or fixed).
     */
    public Result convert(Path input, Path outDir) throws IOException {
        ItemFiles.requireReadable(input);
        try (OutputStaging staging = OutputStaging.open(outDir)) {
            Path attrs = staging.temp("attributes.part");
            Path ents = staging.temp("entities.part");
            Path rels = staging.temp("relations.part");
            Counters c = new Counters();
            try (WorkDatabase db = new WorkDatabase(staging.directory(), "typedb3-work")) {
                createTables(db);
                passOne(input, db, attrs, c);
                resolveAttributeOwners(db, c);
                passTwo(input, db, ents, rels, c);
                collectOrphansAndKeys(db);
            } catch (SQLException e) {
                throw new IOException("the work database failed (" + e.getMessage()
                        + "); check free space in " + outDir.toAbsolutePath().getParent(), e);
            }
            TypeQlSchema target = buildSchema();
            String schemaText = TypeQlPrinter.print(target, schemaHeader(), ruleComments());
            Path schemaFile = staging.file("schema.tql");
            Files.writeString(schemaFile, schemaText, StandardCharsets.UTF_8);
            Path dataFile = staging.file("data.typedb");
            writeData(dataFile, attrs, ents, rels, c);
            Files.deleteIfExists(attrs);
            Files.deleteIfExists(ents);
            Files.deleteIfExists(rels);
            fillReport(c, input);
            report.facts.put("output", outDir.toAbsolutePath().normalize() + " (schema.tql, data.typedb, report.md)");
            report.problems.addAll(ImportValidator.validate(schemaFile, dataFile, staging.directory(), progress));
            Path reportFile = staging.file("report.md");
            Files.writeString(reportFile, report.toMarkdown(), StandardCharsets.UTF_8);
            staging.commit();
            return new Result(report, outDir.resolve("schema.tql"), outDir.resolve("data.typedb"), outDir.resolve("report.md"));
        }
    }

    // ------------------------------------------------------------------ counters

    private static final class Counters {
        String headerVersion;
        String headerDatabase;
        Item.Checksums inputChecksums;
        long inputChecksumItems;
        long headers;
        long[] itemsIn = new long[4];
        long[] itemsOut = new long[4];
        long[] itemsDropped = new long[4];
        long ownIn, ownKept, ownDuplicate, ownDangling, ownOfDroppedItem;
        long ownByAttribute, ownByAttributeRehomed, ownByAttributeOrphaned, ownByAttributeDropped, ownByAttributeDangling;
        long ownAddedByRehoming, ownRehomedAlreadyOwned;
        long playersIn, playersKept, playersDuplicate, playersDangling, playersAttribute, playersRoleNotRelated, playersOfDroppedItem;
        long relationsWithoutPlayers;
        long unknownItems;
    }

    private void dropItem(Counters c, int kind, String reason) {
        c.itemsDropped[kind]++;
        // reasons name labels; hostile input could invent endless ones, so the list is capped
        if (droppedItemsByReason.size() >= 100 && !droppedItemsByReason.containsKey(reason)) reason = "other reasons (more than 100 kinds)";
        droppedItemsByReason.merge(reason, 1L, Long::sum);
    }

    private static void checkInterrupted(long n) {
        if (n % CHECK_EVERY == 0 && Thread.currentThread().isInterrupted()) {
            throw new CancellationException("conversion cancelled");
        }
    }

    // ------------------------------------------------------------------ pass 1

    private static void createTables(WorkDatabase db) throws SQLException {
        db.execute("CREATE TABLE things(id TEXT PRIMARY KEY, kind INTEGER NOT NULL, label TEXT NOT NULL, idx INTEGER NOT NULL)",
                "CREATE TABLE own(owner TEXT NOT NULL, owner_kind INTEGER NOT NULL, attr TEXT NOT NULL)",
                "CREATE TABLE key_use(decl TEXT NOT NULL, attr TEXT NOT NULL, owner TEXT NOT NULL)");
    }

    private void passOne(Path input, WorkDatabase db, Path attrs, Counters c) throws IOException, SQLException {
        progress.start("typedb3: read", Files.size(input), "bytes");
        try (ItemReader reader = ItemReader.open(input);
             ItemWriter out = ItemWriter.create(attrs);
             PreparedStatement thing = db.connection.prepareStatement("INSERT OR IGNORE INTO things(id, kind, label, idx) VALUES (?, ?, ?, ?)");
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
                        c.inputChecksumItems++;
                        c.inputChecksums = item.getChecksums();
                    }
                    case ATTRIBUTE -> {
                        Item.Attribute a = item.getAttribute();
                        c.itemsIn[KIND_ATTRIBUTE]++;
                        String label = dataLabel(a.getLabel());
                        Set<String> owned = new LinkedHashSet<>();
                        for (Item.OwnedAttribute o : a.getAttributeList()) owned.add(o.getId());
                        c.ownIn += a.getAttributeCount();
                        String reason = attributeProblem(label, a);
                        if (reason == null && !insertThing(thing, a.getId(), KIND_ATTRIBUTE, label, idx)) reason = "duplicate id";
                        if (reason != null) {
                            dropItem(c, KIND_ATTRIBUTE, "attribute: " + reason);
                            c.ownOfDroppedItem += a.getAttributeCount();
                            continue;
                        }
                        c.ownDuplicate += a.getAttributeCount() - owned.size();
                        c.ownByAttribute += owned.size();
                        for (String id : owned) insertOwn(own, a.getId(), KIND_ATTRIBUTE, id);
                        instances.merge(label, 1L, Long::sum);
                        checkRegexes(label, a.getValue());
                        out.write(Item.newBuilder().setAttribute(Item.Attribute.newBuilder()
                                .setId(a.getId()).setLabel(typeName(label)).setValue(a.getValue())).build());
                        c.itemsOut[KIND_ATTRIBUTE]++;
                    }
                    case ENTITY -> {
                        Item.Entity e = item.getEntity();
                        c.itemsIn[KIND_ENTITY]++;
                        c.ownIn += e.getAttributeCount();
                        String label = dataLabel(e.getLabel());
                        String reason = objectProblem(label, TypeKind.ENTITY);
                        if (reason == null && !insertThing(thing, e.getId(), KIND_ENTITY, label, idx)) reason = "duplicate id";
                        if (reason != null) {
                            dropItem(c, KIND_ENTITY, "entity: " + reason);
                            c.ownOfDroppedItem += e.getAttributeCount();
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
                        String reason = objectProblem(label, TypeKind.RELATION);
                        if (reason == null && !insertThing(thing, r.getId(), KIND_RELATION, label, idx)) reason = "duplicate id";
                        if (reason != null) {
                            dropItem(c, KIND_RELATION, "relation: " + reason);
                            c.ownOfDroppedItem += r.getAttributeCount();
                            c.playersOfDroppedItem += players;
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
        }
        db.execute("CREATE INDEX own_attr ON own(attr)", "CREATE INDEX own_owner ON own(owner)", "ANALYZE");
        db.connection.commit();
        progress.finish();
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

    private String objectProblem(String label, TypeKind kind) {
        ThingType t = schema.type(label).orElse(null);
        if (t == null) return "type '" + label + "' is not in the schema";
        if (t.kind() != kind) return "'" + label + "' is " + t.kind().meta() + " type in the schema, not " + kind.meta();
        return null;
    }

    private String attributeProblem(String label, Item.Attribute a) {
        String p = objectProblem(label, TypeKind.ATTRIBUTE);
        if (p != null) return p;
        if (!a.hasValue() || a.getValue().getValueCase() == ValueObject.ValueCase.VALUE_NOT_SET) return "no value (TypeDB 3: DIS6)";
        ValueType vt = schema.valueType(label);
        ValueObject.ValueCase want = switch (vt == null ? ValueType.STRING : vt) {
            case STRING -> ValueObject.ValueCase.STRING;
            case LONG -> ValueObject.ValueCase.LONG;
            case DOUBLE -> ValueObject.ValueCase.DOUBLE;
            case BOOLEAN -> ValueObject.ValueCase.BOOLEAN;
            case DATETIME -> ValueObject.ValueCase.DATETIME;
        };
        if (vt == null) return "type '" + label + "' has no value type";
        if (a.getValue().getValueCase() != want) {
            return "value is " + a.getValue().getValueCase().name().toLowerCase() + " but '" + label + "' holds " + vt.keyword();
        }
        return null;
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

    private void resolveAttributeOwners(WorkDatabase db, Counters c) throws SQLException {
        db.execute("CREATE TABLE up(a TEXT NOT NULL, y TEXT NOT NULL, ykind INTEGER NOT NULL)",
                "CREATE TABLE rehome(owner TEXT NOT NULL, attr TEXT NOT NULL)");
        if (options.attributeOwners == AttributeOwners.REHOME) {
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
        try (Statement s = db.connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT"
                     + " sum(CASE WHEN t.id IS NULL THEN 1 ELSE 0 END),"
                     + " sum(CASE WHEN t.id IS NOT NULL AND EXISTS (SELECT 1 FROM up WHERE up.a = e.owner AND up.ykind != 1) THEN 1 ELSE 0 END)"
                     + " FROM own e LEFT JOIN things t ON t.id = e.attr AND t.kind = 1 WHERE e.owner_kind = 1")) {
            rs.next();
            c.ownByAttributeDangling = rs.getLong(1);
            long moved = rs.getLong(2);
            long valid = c.ownByAttribute - c.ownByAttributeDangling;
            if (options.attributeOwners == AttributeOwners.REHOME) {
                c.ownByAttributeRehomed = moved;
                c.ownByAttributeOrphaned = valid - moved;
            } else {
                c.ownByAttributeDropped = valid;
            }
        }
        db.connection.commit();
    }

    // ------------------------------------------------------------------ pass 2

    private void passTwo(Path input, WorkDatabase db, Path ents, Path rels, Counters c) throws IOException, SQLException {
        progress.start("typedb3: convert", c.itemsIn[KIND_ENTITY] + c.itemsIn[KIND_RELATION], "things");
        long done = 0;
        try (ItemReader reader = ItemReader.open(input);
             ItemWriter entOut = ItemWriter.create(ents);
             ItemWriter relOut = ItemWriter.create(rels);
             PreparedStatement lookup = db.connection.prepareStatement("SELECT kind, label, idx FROM things WHERE id = ?");
             PreparedStatement rehomed = db.connection.prepareStatement(
                     "SELECT r.attr, t.label FROM rehome r JOIN things t ON t.id = r.attr WHERE r.owner = ?");
             PreparedStatement keyUse = db.connection.prepareStatement("INSERT INTO key_use(decl, attr, owner) VALUES (?, ?, ?)")) {
            while (reader.hasNext()) {
                Item item = reader.next();
                long idx = reader.itemIndex();
                if (item.getItemCase() == Item.ItemCase.ENTITY) {
                    Item.Entity e = item.getEntity();
                    String label = dataLabel(e.getLabel());
                    if (!isKept(lookup, e.getId(), idx)) continue;
                    Item.Entity.Builder b = Item.Entity.newBuilder().setId(e.getId()).setLabel(typeName(label));
                    for (String id : ownerships(e.getId(), label, e.getAttributeList(), lookup, rehomed, keyUse, c)) {
                        b.addAttribute(Item.OwnedAttribute.newBuilder().setId(id));
                    }
                    entOut.write(Item.newBuilder().setEntity(b).build());
                    c.itemsOut[KIND_ENTITY]++;
                } else if (item.getItemCase() == Item.ItemCase.RELATION) {
                    Item.Relation r = item.getRelation();
                    String label = dataLabel(r.getLabel());
                    if (!isKept(lookup, r.getId(), idx)) continue;
                    Item.Relation.Builder b = Item.Relation.newBuilder().setId(r.getId()).setLabel(typeName(label));
                    for (String id : ownerships(r.getId(), label, r.getAttributeList(), lookup, rehomed, keyUse, c)) {
                        b.addAttribute(Item.OwnedAttribute.newBuilder().setId(id));
                    }
                    roles(label, r, b, lookup, c);
                    relOut.write(Item.newBuilder().setRelation(b).build());
                    c.itemsOut[KIND_RELATION]++;
                } else {
                    continue;
                }
                done++;
                checkInterrupted(done);
                if (done % CHECK_EVERY == 0) progress.update(done);
            }
            entOut.complete();
            relOut.complete();
        }
        db.connection.commit();
        progress.finish();
    }

    private static boolean isKept(PreparedStatement lookup, String id, long idx) throws SQLException {
        lookup.setString(1, id);
        try (ResultSet rs = lookup.executeQuery()) {
            return rs.next() && rs.getLong(3) == idx;
        }
    }

    /** kind and label of an id in the input, or null when no kept item has it. */
    private static String[] find(PreparedStatement lookup, String id) throws SQLException {
        lookup.setString(1, id);
        try (ResultSet rs = lookup.executeQuery()) {
            if (!rs.next()) return null;
            return new String[]{String.valueOf(rs.getInt(1)), rs.getString(2)};
        }
    }

    private List<String> ownerships(String ownerId, String ownerLabel, List<Item.OwnedAttribute> list,
                                    PreparedStatement lookup, PreparedStatement rehomed, PreparedStatement keyUse,
                                    Counters c) throws SQLException {
        Map<String, String> owned = new LinkedHashMap<>(); // id -> attribute type
        Set<String> seen = new java.util.HashSet<>();
        for (Item.OwnedAttribute o : list) {
            if (!seen.add(o.getId())) {
                c.ownDuplicate++;
                continue;
            }
            String[] found = find(lookup, o.getId());
            if (found == null || !found[0].equals(String.valueOf(KIND_ATTRIBUTE))) {
                c.ownDangling++;
                continue;
            }
            owned.put(o.getId(), found[1]);
            c.ownKept++;
        }
        if (options.attributeOwners == AttributeOwners.REHOME) {
            rehomed.setString(1, ownerId);
            try (ResultSet rs = rehomed.executeQuery()) {
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
            observedOwns.computeIfAbsent(ownerLabel, k -> new TreeSet<>()).add(attrType);
            for (ThingType t : schema.supertypes(attrType)) perType.merge(t.label(), 1, Integer::sum);
        }
        perType.forEach((attrType, n) -> {
            if (n > 1) multiOwns.add(ownerLabel + "|" + attrType);
        });
        for (String key : schema.keys(ownerLabel)) {
            String decl = keyDeclarer(ownerLabel, key);
            if (perType.getOrDefault(key, 0) != 1) keyCardinalityViolations.merge(decl + "|" + key, 1L, Long::sum);
            for (Map.Entry<String, String> e : owned.entrySet()) {
                if (schema.isSubtypeOf(e.getValue(), key)) {
                    keyUse.setString(1, decl + "|" + key);
                    keyUse.setString(2, e.getKey());
                    keyUse.setString(3, ownerId);
                    keyUse.executeUpdate();
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

    private void roles(String relLabel, Item.Relation r, Item.Relation.Builder b, PreparedStatement lookup, Counters c)
            throws SQLException {
        Map<String, Set<String>> byRole = new LinkedHashMap<>();
        for (Item.Relation.Role role : r.getRoleList()) {
            String roleLabel = dataLabel(role.getLabel());
            String declarer = roleDeclarer(relLabel, roleLabel);
            if (declarer == null) {
                c.playersRoleNotRelated += role.getPlayerCount();
                continue;
            }
            // a subtype on the way up that specialises this role away would make TypeDB reject the player
            for (ThingType t : schema.supertypes(relLabel)) {
                if (t.label().equals(declarer)) break;
                for (Map.Entry<String, String> e : t.relates().entrySet()) {
                    if (roleLabel.equals(e.getValue())) brokenSpecialisations.add(t.label() + "|" + e.getKey());
                }
            }
            Set<String> players = byRole.computeIfAbsent(declarer + "|" + roleLabel, k -> new LinkedHashSet<>());
            for (Item.Relation.Role.Player p : role.getPlayerList()) {
                if (players.contains(p.getId())) {
                    c.playersDuplicate++;
                    continue;
                }
                String[] found = find(lookup, p.getId());
                if (found == null) {
                    c.playersDangling++;
                    continue;
                }
                if (found[0].equals(String.valueOf(KIND_ATTRIBUTE))) {
                    c.playersAttribute++;
                    continue;
                }
                players.add(p.getId());
                c.playersKept++;
                observedPlays.computeIfAbsent(found[1], k -> new TreeSet<>()).add(declarer + "|" + roleLabel);
            }
        }
        Map<String, Integer> perRole = new HashMap<>();
        long total = 0;
        for (Map.Entry<String, Set<String>> e : byRole.entrySet()) {
            if (e.getValue().isEmpty()) continue;
            String[] dr = e.getKey().split("\\|", 2);
            Item.Relation.Role.Builder rb = Item.Relation.Role.newBuilder().setLabel(typeName(dr[0]) + ":" + roleName(dr[1]));
            for (String id : e.getValue()) rb.addPlayer(Item.Relation.Role.Player.newBuilder().setId(id));
            b.addRole(rb);
            total += e.getValue().size();
            // count for the role and every role it specialises (a card on a role counts its specialisations)
            Set<String> chain = new LinkedHashSet<>();
            for (String role = dr[1]; role != null && !role.equals(RoleType.META) && chain.add(role); ) {
                role = schema.role(role).map(RoleType::supertype).orElse(null);
            }
            for (String role : chain) perRole.merge(role, e.getValue().size(), Integer::sum);
        }
        perRole.forEach((role, n) -> {
            if (n > 1) multiRelates.add(relLabel + "|" + role);
        });
        if (total == 0) c.relationsWithoutPlayers++;
    }

    private void collectOrphansAndKeys(WorkDatabase db) throws SQLException {
        try (Statement s = db.connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT t.label, count(*) FROM things t WHERE t.kind = 1"
                     + " AND NOT EXISTS (SELECT 1 FROM own o JOIN things w ON w.id = o.owner WHERE o.attr = t.id AND o.owner_kind != 1)"
                     + " AND NOT EXISTS (SELECT 1 FROM rehome r WHERE r.attr = t.id) GROUP BY t.label")) {
            while (rs.next()) orphans.put(rs.getString(1), rs.getLong(2));
        }
        try (Statement s = db.connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT decl, count(*) FROM (SELECT decl, attr FROM key_use GROUP BY decl, attr"
                     + " HAVING count(DISTINCT owner) > 1) GROUP BY decl")) {
            while (rs.next()) keyUniquenessViolations.put(rs.getString(1), rs.getLong(2));
        }
    }

    // ------------------------------------------------------------------ the schema

    private static String pair(String a, String b) { return a + "|" + b; }

    private boolean isStrictSubtype(String sub, String sup) { return !sub.equals(sup) && schema.isSubtypeOf(sub, sup); }

    private List<ThingType> topDown() {
        List<ThingType> all = new ArrayList<>(schema.types());
        all.sort((a, b) -> {
            int d = Integer.compare(schema.supertypes(a.label()).size(), schema.supertypes(b.label()).size());
            return d != 0 ? d : a.label().compareTo(b.label());
        });
        return all;
    }

    private TypeQlSchema buildSchema() {
        TypeQlSchema out = new TypeQlSchema();
        Map<String, Map<String, TypeQlType.Capability>> owns = new TreeMap<>();
        Map<String, Map<String, TypeQlType.Capability>> plays = new TreeMap<>();
        Map<String, Boolean> keyDeclared = new HashMap<>();
        List<ThingType> ordered = topDown();

        for (ThingType t : ordered) {
            TypeQlType q = out.add(new TypeQlType(typeName(t.label()), t.kind()));
            boolean root = Schema.META_LABELS.contains(t.supertype());
            if (!root) q.supertype = typeName(t.supertype());
            abstractness(t, q, out);
            if (t.kind() == TypeKind.ATTRIBUTE) {
                attributeType(t, q, root);
                continue;
            }
            for (String a : concat(t.keys(), t.has())) {
                boolean isKey = t.keys().contains(a);
                ThingType sup = schema.type(t.supertype()).orElse(null);
                if (sup != null && schema.owns(sup.label(), a)) {
                    report.decisions.add(t.label() + ": '" + (isKey ? "key " : "has ") + a + "' not re-stated, the supertype already owns it (SVL42)"
                            + (isKey && !schema.keys(sup.label()).contains(a) ? "; the key constraint on the subtype is lost" : ""));
                    continue;
                }
                owns.computeIfAbsent(t.label(), k -> new LinkedHashMap<>()).put(a, new TypeQlType.Capability());
                if (isKey) keyDeclared.put(pair(t.label(), a), true);
            }
            for (String role : t.plays()) {
                ThingType sup = schema.type(t.supertype()).orElse(null);
                if (sup != null && schema.plays(sup.label(), role)) {
                    report.decisions.add(t.label() + ": 'plays " + role + "' not re-stated, the supertype already plays it (SVL42)");
                    continue;
                }
                List<String> declarers = new ArrayList<>();
                for (ThingType r : schema.types()) {
                    if (r.kind() == TypeKind.RELATION && r.relates().containsKey(role)) {
                        ThingType rs = schema.type(r.supertype()).orElse(null);
                        if (rs == null || !schema.relates(rs.label(), role)) declarers.add(r.label());
                    }
                }
                if (declarers.isEmpty()) {
                    report.decisions.add(t.label() + ": 'plays " + role + "' dropped, no relation type relates '" + role + "'");
                    continue;
                }
                if (declarers.size() > 1) {
                    report.decisions.add(t.label() + ": 'plays " + role + "' became " + declarers.size()
                            + " scoped plays, one per relation type that declares the role: " + String.join(", ", declarers));
                }
                for (String d : declarers) plays.computeIfAbsent(t.label(), k -> new LinkedHashMap<>()).put(pair(d, role), new TypeQlType.Capability());
            }
            if (t.kind() == TypeKind.RELATION) relates(t, q);
        }

        addObservedOwns(owns);
        addObservedPlays(plays);
        normalise(owns, "owns");
        normalise(plays, "plays");

        for (Map.Entry<String, Map<String, TypeQlType.Capability>> e : owns.entrySet()) {
            TypeQlType q = out.type(typeName(e.getKey()));
            for (Map.Entry<String, TypeQlType.Capability> o : e.getValue().entrySet()) {
                ownsAnnotations(e.getKey(), o.getKey(), keyDeclared.containsKey(pair(e.getKey(), o.getKey())), o.getValue());
                q.owns.put(typeName(o.getKey()), o.getValue());
            }
        }
        for (Map.Entry<String, Map<String, TypeQlType.Capability>> e : plays.entrySet()) {
            TypeQlType q = out.type(typeName(e.getKey()));
            for (Map.Entry<String, TypeQlType.Capability> p : e.getValue().entrySet()) {
                String[] dr = p.getKey().split("\\|", 2);
                q.plays.put(typeName(dr[0]) + ":" + roleName(dr[1]), p.getValue());
            }
        }
        return out;
    }

    private static List<String> concat(Set<String> a, Set<String> b) {
        List<String> l = new ArrayList<>(a);
        for (String x : b) if (!a.contains(x)) l.add(x);
        return l;
    }

    private void abstractness(ThingType t, TypeQlType q, TypeQlSchema out) {
        if (!t.isAbstract()) return;
        long n = instances.getOrDefault(t.label(), 0L);
        if (n > 0) {
            report.decisions.add(t.label() + ": @abstract dropped, the data has " + n + " instances of it");
            return;
        }
        if (q.supertype != null && !out.type(q.supertype).isAbstract()) {
            report.decisions.add(t.label() + ": @abstract dropped, its supertype '" + t.supertype()
                    + "' is concrete and TypeDB 3 requires abstract types to have abstract supertypes (SVL14)");
            return;
        }
        q.isAbstract = true;
    }

    private void attributeType(ThingType t, TypeQlType q, boolean root) {
        ValueType declared = t.declaredValueType();
        ValueType inherited = root ? null : schema.valueType(t.supertype());
        ValueType effective = declared != null ? declared : inherited;
        if (declared != null && inherited == null) q.valueType = keyword(declared);
        if (declared != null && inherited != null && declared != inherited) {
            q.valueType = keyword(declared);
            report.decisions.add(t.label() + ": value type " + declared.keyword() + " differs from the supertype's " + inherited.keyword() + "; kept as declared");
        }
        if (effective == null && !q.isAbstract) {
            q.isAbstract = true;
            report.decisions.add(t.label() + ": has no value type, made @abstract (SVL22)");
        }
        if (t.regex() != null) regex(t, q, effective);
        for (String a : concat(t.keys(), t.has())) {
            report.decisions.add(t.label() + ": '" + (t.keys().contains(a) ? "key " : "has ") + a
                    + "' removed, TypeDB 3 attributes cannot own attributes (DEX11); the ownerships are "
                    + (options.attributeOwners == AttributeOwners.REHOME ? "re-homed to the owners' owners" : "dropped"));
        }
        for (String r : t.plays()) {
            report.decisions.add(t.label() + ": 'plays " + r + "' removed, TypeDB 3 attributes cannot play roles (DEX11); such players are dropped");
        }
        long n = orphans.getOrDefault(t.label(), 0L);
        if (n > 0) {
            boolean inherited2 = false;
            for (ThingType s : schema.supertypes(t.label())) {
                if (!s.label().equals(t.label()) && orphans.getOrDefault(s.label(), 0L) > 0) inherited2 = true;
            }
            if (!inherited2) q.independent = true;
            report.decisions.add(t.label() + ": @independent" + (inherited2 ? " (inherited)" : "") + ", " + n
                    + " of its instances have no owner and TypeDB 3 would delete them otherwise");
        }
    }

    private static String keyword(ValueType v) {
        return v == ValueType.LONG ? "integer" : v.keyword();
    }

    private void regex(ThingType t, TypeQlType q, ValueType effective) {
        String p = t.regex();
        String why = null;
        if (effective != ValueType.STRING) why = "it is on a non-string attribute type";
        else if (!regexes.containsKey(t.label())) why = "it is not a valid regular expression";
        else {
            String unsupported = RegexCompatibility.unsupported(p);
            if (unsupported != null) why = "it uses " + unsupported + ", which TypeDB 3's regex engine does not support (SVL31)";
        }
        long bad = regexViolations.getOrDefault(t.label(), 0L);
        if (why == null && bad > 0) why = bad + " values in the data do not match it (TypeDB 3 also applies it to subtypes)";
        if (why != null) {
            report.decisions.add(t.label() + ": regex \"" + p + "\" dropped, " + why);
            report.losses.add("regex constraint of '" + t.label() + "' (\"" + p + "\") not carried over: " + why);
            return;
        }
        q.regex = "^(?:" + p + ")$";
        if (q.valueType == null) q.valueType = keyword(effective);
        report.decisions.add(t.label() + ": regex anchored as @regex(\"^(?:" + p + ")$\") because TypeDB 3 matches substrings and Grakn matched whole values");
    }

    private void relates(ThingType t, TypeQlType q) {
        ThingType sup = schema.type(t.supertype()).orElse(null);
        for (Map.Entry<String, String> e : t.relates().entrySet()) {
            String role = e.getKey();
            if (sup != null && schema.relates(sup.label(), role)) {
                report.decisions.add(t.label() + ": 'relates " + role + "' not re-stated, the supertype already relates it (SVL7/SVL42)");
                continue;
            }
            TypeQlType.Capability cap = new TypeQlType.Capability();
            String as = e.getValue();
            if (as != null && !as.equals(RoleType.META)) {
                String why = null;
                if (sup == null || !schema.relates(sup.label(), as)) why = "no supertype relates '" + as + "' (SVL11)";
                else if (specialisedAbove(sup.label(), as)) why = "a supertype already specialises '" + as + "' (SVL12)";
                else if (brokenSpecialisations.contains(pair(t.label(), role))) {
                    why = "the data has '" + as + "' players in '" + t.label() + "' relations, which TypeDB 3 rejects after 'as'";
                }
                if (why == null) cap.specialises = roleName(as);
                else report.decisions.add(t.label() + ": 'relates " + role + " as " + as + "' written without 'as': " + why);
            }
            if (anyMulti(multiRelates, t.label(), role)) {
                cap.card(0, -1);
                report.decisions.add(t.label() + ": 'relates " + role + " @card(0..)', some relations have several players in it (default would be 0..1)");
            }
            q.relates.put(roleName(role), cap);
        }
    }

    private boolean specialisedAbove(String relation, String role) {
        for (ThingType t : schema.supertypes(relation)) if (t.relates().containsValue(role)) return true;
        return false;
    }

    /** True when some subtype of {@code declarer} (or itself) had 2+ for the key in {@code flags}. */
    private boolean anyMulti(Set<String> flags, String declarer, String target) {
        for (String f : flags) {
            int bar = f.indexOf('|');
            if (f.substring(bar + 1).equals(target) && schema.isSubtypeOf(f.substring(0, bar), declarer)) return true;
        }
        return false;
    }

    private void ownsAnnotations(String owner, String attr, boolean isKey, TypeQlType.Capability cap) {
        boolean multi = anyMulti(multiOwns, owner, attr);
        if (isKey) {
            String k = pair(owner, attr);
            String why = null;
            boolean unique = false;
            if (schema.valueType(attr) == ValueType.DOUBLE) why = "TypeDB 3 cannot key on a double attribute (SVL26)";
            else if (keyUniquenessViolations.containsKey(k)) why = keyUniquenessViolations.get(k) + " key values are shared by several owners";
            else if (keyCardinalityViolations.containsKey(k)) {
                why = keyCardinalityViolations.get(k) + " owners do not have exactly one";
                unique = true;
            }
            if (why == null) {
                cap.key = true;
                return;
            }
            cap.unique = unique;
            report.decisions.add(owner + ": 'key " + attr + "' written as 'owns " + attr + (unique ? " @unique" : "")
                    + (multi ? " @card(0..)" : "") + "': " + why);
            report.losses.add("key constraint '" + owner + " key " + attr + "' weakened: " + why);
        }
        if (multi) {
            cap.card(0, -1);
            report.decisions.add(owner + ": 'owns " + attr + " @card(0..)', some owners have several (default would be 0..1)");
        }
    }

    /** Adds an owns for every owner/attribute type pair the data has that no declaration covers exactly. */
    private void addObservedOwns(Map<String, Map<String, TypeQlType.Capability>> owns) {
        for (Map.Entry<String, Set<String>> e : observedOwns.entrySet()) {
            String owner = e.getKey();
            for (String attr : e.getValue()) {
                if (declarer(owns, owner, attr) != null) continue;
                String place = null;
                String reason = null;
                for (ThingType t : schema.supertypes(owner)) {
                    Map<String, TypeQlType.Capability> m = owns.get(t.label());
                    if (m == null) continue;
                    for (String x : m.keySet()) {
                        if (isStrictSubtype(attr, x)) {
                            place = t.label();
                            reason = "it owns '" + x + "', and in TypeDB 3 owning a supertype does not cover its subtypes";
                        } else if (schema.owns(x, attr)) {
                            place = t.label();
                            reason = "re-homed from '" + x + "', which owned '" + attr + "' in Grakn";
                        }
                    }
                }
                if (place == null) {
                    place = owner;
                    reason = "the data has such ownerships although the Grakn schema does not declare them";
                }
                owns.computeIfAbsent(place, k -> new LinkedHashMap<>()).put(attr, new TypeQlType.Capability());
                report.decisions.add(place + ": 'owns " + attr + "' added: " + reason);
            }
        }
    }

    private void addObservedPlays(Map<String, Map<String, TypeQlType.Capability>> plays) {
        for (Map.Entry<String, Set<String>> e : observedPlays.entrySet()) {
            for (String scoped : e.getValue()) {
                if (declarer(plays, e.getKey(), scoped) != null) continue;
                plays.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>()).put(scoped, new TypeQlType.Capability());
                report.decisions.add(e.getKey() + ": 'plays " + scoped.replace('|', ':')
                        + "' added: the data has such players although the Grakn schema does not declare them");
            }
        }
    }

    private String declarer(Map<String, Map<String, TypeQlType.Capability>> decls, String type, String target) {
        for (ThingType t : schema.supertypes(type)) {
            Map<String, TypeQlType.Capability> m = decls.get(t.label());
            if (m != null && m.containsKey(target)) return t.label();
        }
        return null;
    }

    /** Removes declarations a supertype already makes (added ones can make older ones redundant). */
    private void normalise(Map<String, Map<String, TypeQlType.Capability>> decls, String what) {
        for (Map.Entry<String, Map<String, TypeQlType.Capability>> e : decls.entrySet()) {
            ThingType sup = schema.type(schema.type(e.getKey()).map(ThingType::supertype).orElse("")).orElse(null);
            if (sup == null) continue;
            e.getValue().keySet().removeIf(target -> {
                String above = declarer(decls, sup.label(), target);
                if (above == null) return false;
                report.decisions.add(e.getKey() + ": '" + what + " " + target.replace('|', ':') + "' not re-stated, '" + above + "' declares it (SVL42)");
                return true;
            });
        }
    }

    private List<String> schemaHeader() {
        List<String> h = new ArrayList<>();
        h.add("TypeDB 3 schema converted from Grakn 1.8 by grakn-migrate typedb3.");
        if (!options.source.isEmpty()) h.add("Source: " + options.source);
        h.add("Import: database import <db> schema.tql data.typedb (TypeDB and Console 3.4 or later; 3.12.3+ recommended).");
        h.add("See report.md next to this file for every decision and loss.");
        return h;
    }

    private List<String> ruleComments() {
        List<String> lines = new ArrayList<>();
        if (schema.rules().isEmpty()) return lines;
        lines.add("Rules (" + schema.rules().size() + "): TypeDB 3 has no rules. Functions (fun ...) replace them, are");
        lines.add("computed only when a query calls them, and must be written by hand. The Grakn rules were:");
        lines.add("");
        // Graql text as SchemaPrinter lays it out: the rules follow the types in its output
        String printed = SchemaPrinter.print(schema);
        String first = schema.rules().iterator().next().label();
        int at = printed.indexOf("\n" + first + " sub rule,");
        if (at >= 0) {
            for (String line : printed.substring(at + 1).split("\n", -1)) lines.add(line);
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) lines.remove(lines.size() - 1);
        } else {
            for (var r : schema.rules()) lines.add(r + ";");
        }
        report.decisions.add(schema.rules().size() + " rules written as comments at the end of schema.tql: TypeDB 3 functions replace rules and must be written by hand");
        report.losses.add(schema.rules().size() + " rules (inferred facts were never part of the export, so no stored data is lost; queries relying on inference must be rewritten with functions)");
        return lines;
    }

    // ------------------------------------------------------------------ the data file

    /**
     * Concatenates the parts through grakn-format's {@link ItemWriter}, which computes the checksums
     * from what it writes; they must equal this converter's own counts, or something is wrong here.
     */
    private void writeData(Path dataFile, Path attrs, Path ents, Path rels, Counters c) throws IOException {
        Item.Checksums written;
        try (ItemWriter out = ItemWriter.create(dataFile)) {
            out.header("Grakn " + (c.headerVersion == null ? "unknown" : c.headerVersion) + " via grakn-migrate typedb3",
                    c.headerDatabase == null ? "" : c.headerDatabase);
            for (Path part : List.of(attrs, ents, rels)) {
                if (Files.size(part) == 0) continue;
                try (ItemReader in = ItemReader.open(part)) {
                    while (in.hasNext()) out.write(in.next());
                }
            }
            written = out.finish();
        }
        Item.Checksums expected = Item.Checksums.newBuilder()
                .setEntityCount(c.itemsOut[KIND_ENTITY]).setAttributeCount(c.itemsOut[KIND_ATTRIBUTE])
                .setRelationCount(c.itemsOut[KIND_RELATION]).setRoleCount(c.playersKept)
                .setOwnershipCount(c.ownKept + c.ownAddedByRehoming).build();
        if (!written.equals(expected)) {
            throw new IllegalStateException("internal error: written checksums " + written + " differ from the converter's counts "
                    + expected + "; rerun with -v and report it");
        }
    }

    // ------------------------------------------------------------------ the report

    private void fillReport(Counters c, Path input) {
        report.facts.put("input", options.source.isEmpty() ? input.toString() : options.source);
        if (c.headerVersion != null) report.facts.put("input header", "Grakn " + c.headerVersion + ", database '" + c.headerDatabase + "'");
        report.facts.put("attribute owners", options.attributeOwners.name().toLowerCase());
        if (!options.remap.isEmpty()) {
            report.facts.put("remapped labels", String.join(", ", options.remap.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList()));
        }
        if (c.inputChecksums != null) {
            Item.Checksums k = c.inputChecksums;
            long ownIn = c.ownIn;
            boolean match = k.getEntityCount() == c.itemsIn[KIND_ENTITY] && k.getAttributeCount() == c.itemsIn[KIND_ATTRIBUTE]
                    && k.getRelationCount() == c.itemsIn[KIND_RELATION] && k.getRoleCount() == c.playersIn && k.getOwnershipCount() == ownIn;
            report.facts.put("input checksums", match ? "match the input" : "DO NOT match the input (the input may be incomplete)");
            if (!match) report.losses.add("the input's checksums do not match its items; the input may be truncated or altered");
        } else {
            report.facts.put("input checksums", "absent");
        }

        Function<Integer, String> kind = k -> k == KIND_ATTRIBUTE ? "attributes" : k == KIND_ENTITY ? "entities" : "relations";
        ConversionReport.Section items = report.section("items", "Items (in = written + dropped)");
        for (int k : new int[]{KIND_ATTRIBUTE, KIND_ENTITY, KIND_RELATION}) {
            items.add(kind.apply(k) + " in", c.itemsIn[k]);
            items.add(kind.apply(k) + " written", c.itemsOut[k]);
            items.add(kind.apply(k) + " dropped", c.itemsDropped[k]);
        }
        items.add("header items in (replaced by one written header)", c.headers);
        items.add("checksums items in (replaced by recomputed checksums)", c.inputChecksumItems);
        if (c.unknownItems > 0) items.add("empty or unknown items in (dropped)", c.unknownItems);
        droppedItemsByReason.forEach((reason, n) -> report.losses.add(n + " items dropped: " + reason));

        ConversionReport.Section own = report.section("ownerships",
                "Ownership entries (in = kept + of attribute owners + duplicates + dangling + of dropped items; written = kept + added by re-homing)");
        own.add("in", c.ownIn);
        own.add("kept", c.ownKept);
        own.add("owned by attributes", c.ownByAttribute);
        own.add("owned by attributes: re-homed to the owners' owners", c.ownByAttributeRehomed);
        own.add("owned by attributes: dropped, owning attribute has no entity/relation owner", c.ownByAttributeOrphaned);
        own.add("owned by attributes: dropped (--attribute-owners drop)", c.ownByAttributeDropped);
        own.add("owned by attributes: dropped, owned id is not an attribute", c.ownByAttributeDangling);
        own.add("duplicates removed", c.ownDuplicate);
        own.add("dropped, owned id is not an attribute in the file", c.ownDangling);
        own.add("dropped with their owner item", c.ownOfDroppedItem);
        own.add("added by re-homing (written)", c.ownAddedByRehoming);
        own.add("re-homed values the owner already had (merged)", c.ownRehomedAlreadyOwned);
        own.add("written", c.ownKept + c.ownAddedByRehoming);

        ConversionReport.Section pl = report.section("players",
                "Role players (in = written + duplicates + dangling + attribute players + role not related + of dropped relations)");
        pl.add("in", c.playersIn);
        pl.add("written", c.playersKept);
        pl.add("duplicates removed", c.playersDuplicate);
        pl.add("dropped, player id not in the file", c.playersDangling);
        pl.add("dropped, player is an attribute", c.playersAttribute);
        pl.add("dropped, role not related by the relation type", c.playersRoleNotRelated);
        pl.add("dropped with their relation item", c.playersOfDroppedItem);

        ConversionReport.Section cs = report.section("checksums", "Checksums written (what data.typedb contains)");
        cs.add("entity_count", c.itemsOut[KIND_ENTITY]);
        cs.add("attribute_count", c.itemsOut[KIND_ATTRIBUTE]);
        cs.add("relation_count", c.itemsOut[KIND_RELATION]);
        cs.add("role_count", c.playersKept);
        cs.add("ownership_count", c.ownKept + c.ownAddedByRehoming);

        if (c.ownByAttributeRehomed > 0) {
            report.decisions.add(c.ownByAttributeRehomed + " ownerships by attributes re-homed: the owned value moves to the entities/relations that own the owning attribute, as TypeDB's 2.x→3.x guide recommends");
        }
        if (c.ownByAttributeOrphaned + c.ownByAttributeDropped > 0) {
            report.losses.add((c.ownByAttributeOrphaned + c.ownByAttributeDropped) + " ownerships by attributes dropped (TypeDB 3 attributes cannot own attributes); the owned values are kept");
        }
        if (c.ownDuplicate + c.playersDuplicate > 0) {
            report.decisions.add((c.ownDuplicate + c.playersDuplicate) + " duplicate ids removed from owner/role lists (TypeDB 3 would count them once and fail the checksums, DBI19)");
        }
        if (c.ownDangling + c.ownByAttributeDangling > 0) report.losses.add((c.ownDangling + c.ownByAttributeDangling) + " ownerships dropped: the owned id is not an attribute in the file (DBI20)");
        if (c.playersDangling > 0) report.losses.add(c.playersDangling + " role players dropped: the id is not an entity or relation in the file (DBI21)");
        if (c.playersAttribute > 0) report.losses.add(c.playersAttribute + " role players dropped: attributes cannot play roles in TypeDB 3");
        if (c.playersRoleNotRelated > 0) report.losses.add(c.playersRoleNotRelated + " role players dropped: their role is not related by the relation's type");
        if (c.relationsWithoutPlayers > 0) {
            report.losses.add(c.relationsWithoutPlayers + " relations have no role player left; TypeDB 3 deletes relations without players when the import finishes");
        }
    }
}
