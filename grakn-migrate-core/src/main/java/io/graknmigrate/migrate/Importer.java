package io.graknmigrate.migrate;

import io.graknmigrate.format.ChecksumTally;
import io.graknmigrate.format.Counts;
import io.graknmigrate.format.Numbers;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.Relabel;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.ThingType;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.ValueType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns items into things of a sink, with Grakn 1.8's import semantics: labels remapped, checked against
 * the schema while reading (every mismatch collected, with counts, so the user sees them all at once),
 * references resolved at the end by the sink, checksums compared. Reads the input once: stdin works.
 * The caller commits or rolls back the sink; this class never commits on a failure.
 *
 * <p>The per-item rules are checked here; the ones that need every id resolved (has, key, plays) by
 * the sink. The whole list, and which is checked where, is in the embedded store's {@code ImportRules}.
 */
public final class Importer {

    private static final int CHECK_EVERY = 4096;
    /** The phase shown once the pre-check has seen that the import fails, until it has every problem. */
    public static final String DOOMED_PHASE = "listing problems";
    /** How often the bar moves while the write pass waits for a doomed file's pre-check. */
    private static final long PROGRESS_MILLIS = 200;
    /** Distinct problems kept for the report; more are counted, not listed (hostile files). */
    private static final int MAX_PROBLEMS = 200;

    private final KeyspaceSink sink;
    private final Schema schema;
    private final Relabel relabel;
    private final boolean skipValidation;
    private final Map<String, long[]> mismatches = new LinkedHashMap<>();
    private final Map<String, TypeKind> unknownLabels = new LinkedHashMap<>();
    /** Distinct labels of the file that the schema has: bounded by the schema's size. */
    private final Set<String> knownLabels = new HashSet<>();
    /** Per kind, the file's labels that fit the schema, and their types. */
    private final Map<TypeKind, Map<String, ThingType>> fittingTypes = new EnumMap<>(TypeKind.class);
    /** Per attribute type, its value type (a walk up its supertypes, once). */
    private final Map<ThingType, Optional<ValueType>> valueTypes = new HashMap<>();
    /** Per relation type, the file's role labels that fit it. */
    private final Map<ThingType, Set<String>> fittingRoles = new HashMap<>();
    private long otherMismatches;
    private final AttributeRegexes regexes;
    private final Map<String, long[]> regexViolations = new TreeMap<>();
    private final ChecksumTally tally = new ChecksumTally();

    private Importer(KeyspaceSink sink, ImportOptions options) {
        this(sink, sink.schema(), options);
    }

    private Importer(KeyspaceSink sink, Schema schema, ImportOptions options) {
        this.sink = sink;
        this.schema = schema;
        this.regexes = new AttributeRegexes(schema);
        this.relabel = options.relabel();
        this.skipValidation = options.skipValidation();
        for (TypeKind k : TypeKind.values()) fittingTypes.put(k, new HashMap<>());
    }

    /** Imports every item into the sink and checks the result; throws {@link ImportException} on any problem, without committing. */
    public static ImportSummary run(KeyspaceSink sink, ItemInput input, ImportOptions options, boolean cleaned, ProgressListener progress) {
        return new Importer(sink, options).run(input, cleaned, progress, null);
    }

    /**
     * As {@link #run(KeyspaceSink, ItemInput, ImportOptions, boolean, ProgressListener)}, beside a
     * {@link ImportPreCheck} of the same file running on another thread: the write pass gives up as
     * soon as the pre-check has found the file doomed, and throws the pre-check's exception, with its
     * complete list; the pre-check's verdict is awaited before any reference is resolved.
     */
    public static ImportSummary run(KeyspaceSink sink, ItemInput input, ImportOptions options, boolean cleaned, ProgressListener progress,
                                    ImportPreCheck preCheck) {
        return new Importer(sink, options).run(input, cleaned, progress, preCheck);
    }

    /** An importer that only checks, for the pre-check: it writes nothing. */
    static Importer checker(Schema schema, ImportOptions options) {
        return new Importer(null, schema, options);
    }

    private ImportSummary run(ItemInput input, boolean cleaned, ProgressListener progress, ImportPreCheck preCheck) {
        String where = "import of " + input.name() + " into keyspace " + sink.keyspace();
        if (input.size() < 0) return run(input, where, cleaned, progress, preCheck);
        // A file is decoded on a thread of its own (a pipe's read may not end on an interrupt, so not from stdin).
        try (PrefetchedInput prefetched = new PrefetchedInput(input, where)) {
            return run(prefetched, where, cleaned, progress, preCheck);
        }
    }

    private ImportSummary run(ItemInput input, String where, boolean cleaned, ProgressListener progress, ImportPreCheck preCheck) {
        long start = System.nanoTime();
        if (preCheck != null) sink.idsVouchedFor(input.size());
        progress.start("reading", input.size(), "bytes");
        long n = 0;
        try {
            while (input.hasNext()) {
                Item item = input.next();
                tally.add(item);
                if (++n % CHECK_EVERY == 0) {
                    if (Thread.currentThread().isInterrupted()) throw new CancellationException(where + " cancelled, nothing was changed");
                    if (preCheck != null && preCheck.doomed()) awaitDoomed(preCheck, input, progress);
                    if (preCheck != null) preCheck.throwIfFailed();
                    progress.update(input.position());
                }
                switch (item.getItemCase()) {
                    case ENTITY -> entity(item.getEntity());
                    case ATTRIBUTE -> attribute(item.getAttribute());
                    case RELATION -> relation(item.getRelation());
                    case CHECKSUMS, HEADER, ITEM_NOT_SET -> { } // the tally keeps the checksums
                }
            }
            progress.update(input.position());
        } finally {
            progress.finish();
        }
        if (preCheck != null) preCheck.await();

        Counts imported = tally.counts();
        throwIfMismatched(where);
        throwIfChecksumsDisagree(where, imported, tally.declared());
        // Resolving references and checking keys can take a third of the run: its own phase, so the bar does not freeze at 100%.
        progress.start("checking references", -1, "");
        KeyspaceSink.Resolution r;
        try {
            r = sink.resolve();
        } finally {
            progress.finish();
        }
        if (r.duplicateIds() > 0 && preCheck != null) {
            // The pre-check found every id distinct: the sink's "duplicate" is two ids with one hash key.
            throw new MigrationException(where + " failed, nothing was changed: two different ids of the file share a hash key"
                    + " (one of them: '" + r.firstDuplicateId() + "'), which this import cannot tell apart; import it as a stream"
                    + " (from standard input), which keys such ids exactly");
        }
        if (r.duplicateIds() > 0) {
            throw new ImportException(ImportException.Reason.DUPLICATE_ID, where + " failed, nothing was changed: " + r.duplicateIds()
                    + " items reuse an id of an earlier item (first: '" + r.firstDuplicateId() + "'), the file is damaged",
                    List.of(r.duplicateIds() + " duplicate ids, first '" + r.firstDuplicateId() + "'"));
        }
        if (r.danglingReferences() > 0) {
            throw new ImportException(ImportException.Reason.DANGLING_REFERENCE, where + " failed, nothing was changed: " + r.danglingReferences()
                    + " ownerships or role players refer to ids the file does not contain (first: '" + r.firstDanglingReference()
                    + "'), the file is incomplete",
                    List.of(r.danglingReferences() + " dangling references, first '" + r.firstDanglingReference() + "'"));
        }
        List<String> violations = new ArrayList<>();
        long violationCount = r.violations() + regexViolations(violations);
        violations.addAll(r.violationMessages());
        if (r.keyClashesWithExisting() > 0 && !skipValidation) {
            // The file's keys are the keyspace's already: most likely this data was imported before, and
            // letting it through would duplicate every thing.
            throw new ImportException(ImportException.Reason.KEYS_ALREADY_IN_KEYSPACE, where + " failed, nothing was changed: "
                    + r.keyClashesWithExisting() + " key values of the file are already owned by things in keyspace " + sink.keyspace()
                    + " (the data looks imported already)", violations);
        }
        throwIfViolated(where, violationCount, violations, r.keyClashes() > 0);
        Item.Checksums checksums = tally.declared();
        List<String> unmatched = relabel.unmatched();
        return new ImportSummary(sink.keyspace(), imported, r.attributesReused(), skipValidation ? violationCount : 0,
                checksums != null, cleaned, input.position(), (System.nanoTime() - start) / 1e9, unmatched);
    }

    /**
     * Waits for a pre-check that has seen the file is doomed, which throws the complete list: writing
     * on would only take the machine from it. The bar follows the pre-check meanwhile; the reading's
     * own finish ends that phase.
     */
    private static void awaitDoomed(ImportPreCheck preCheck, ItemInput input, ProgressListener progress) {
        progress.finish();
        progress.start(DOOMED_PHASE, input.size(), "bytes");
        while (!preCheck.await(PROGRESS_MILLIS)) progress.update(preCheck.position());
        progress.finish(); // found nothing after all: reading on
        progress.start("reading", input.size(), "bytes");
    }

    /** Throws the schema mismatches found so far, all of them listed, with label suggestions. */
    void throwIfMismatched(String where) {
        if (mismatches.isEmpty()) return;
        List<String> problems = new ArrayList<>();
        mismatches.forEach((message, count) -> problems.add(message.replace("{n}", Numbers.count(count[0]))));
        if (otherMismatches > 0) problems.add(otherMismatches + " more kinds of mismatch not listed");
        if (unknownLabels.size() >= 3 && unknownLabels.size() > knownLabels.size()) {
            throw new ImportException(ImportException.Reason.SCHEMA_MISMATCH, where
                    + " failed, nothing was changed: most labels of the file are not in the schema ("
                    + unknownLabels.size() + (unknownLabels.size() >= MAX_PROBLEMS ? " or more" : "") + " unknown, " + knownLabels.size()
                    + " known; such as " + String.join(", ", unknownLabels.keySet().stream().limit(3).toList())
                    + "): the keyspace looks like the wrong one for this file; check the keyspace name, or give the file's schema"
                    + " first", firstFew(problems));
        }
        List<String> suggestions = suggestions();
        problems.addAll(suggestions);
        throw new ImportException(ImportException.Reason.SCHEMA_MISMATCH, where + " failed, nothing was changed: " + mismatches.size()
                + " kind(s) of item do not fit the schema (" + firstOf(problems) + ")"
                + (suggestions.isEmpty() ? ", fix the schema or remap labels with old=new" : ", " + suggestions.get(0)), problems);
    }

    /** Throws when the file's checksums item is repeated or disagrees with what the file holds. */
    void throwIfChecksumsDisagree(String where, Counts imported, Item.Checksums checksums) {
        List<String> problems = new ArrayList<>();
        if (tally.verdict() == ChecksumTally.Verdict.REPEATED) {
            problems.add("the file carries " + tally.checksumItems() + " checksums items, a backup has one");
            throw new ImportException(ImportException.Reason.CHECKSUM_MISMATCH, where + " failed, nothing was changed: the file carries "
                    + tally.checksumItems() + " checksums items (files concatenated?), so its checksums cannot vouch for it", problems);
        }
        if (checksums != null) {
            Counts expected = Counts.of(checksums);
            if (!expected.equals(imported)) {
                problems.add("the file's checksums say " + expected);
                problems.add("the file holds        " + imported);
                throw new ImportException(ImportException.Reason.CHECKSUM_MISMATCH, where + " failed, nothing was changed:"
                        + " the checksums do not match what the file holds (file says " + expected + "; found " + imported + "),"
                        + " the file is truncated or damaged", problems);
            }
        }
    }

    /**
     * The regex violations counted so far, one line per attribute type, and their number; added to
     * {@code violations}.
     */
    long regexViolations(List<String> violations) {
        long count = 0;
        for (Map.Entry<String, long[]> e : regexViolations.entrySet()) {
            violations.add(String.format(Locale.ROOT, "%,d %s attributes do not match the regex of %s", e.getValue()[0], e.getKey(), e.getKey()));
            count += e.getValue()[0];
        }
        return count;
    }

    /** Throws the schema violations (unless validation is skipped): {@code violations} lists them, the first names the reason. */
    void throwIfViolated(String where, long violationCount, List<String> violations, boolean keys) {
        if (violationCount > 0 && !skipValidation) {
            // Letting duplicate keys through breaks the keyspace's key rule for good: no way round is offered for them.
            throw new ImportException(keys ? ImportException.Reason.KEY_CLASH : ImportException.Reason.SCHEMA_VIOLATION,
                    where + " failed, nothing was changed: " + Numbers.count(violationCount, "schema violation", "schema violations")
                    + " (" + violations.get(0) + "), "
                    + (keys ? "fix the file or the schema" : "fix the schema"), violations);
        }
    }

    private static String firstOf(List<String> problems) {
        return problems.isEmpty() ? "" : problems.get(0);
    }

    private void mismatch(String message) {
        mismatch(message, 1);
    }

    /** Counts {@code n} items with the same mismatch (the pre-check counts alike items at once). */
    private void mismatch(String message, long n) {
        long[] c = mismatches.get(message);
        if (c == null) {
            if (mismatches.size() >= MAX_PROBLEMS) {
                otherMismatches++;
                return;
            }
            mismatches.put(message, c = new long[1]);
        }
        c[0] += n;
    }

    private static String plural(TypeKind kind) {
        return switch (kind) { case ENTITY -> "entities"; case ATTRIBUTE -> "attributes"; case RELATION -> "relations"; };
    }

    /** The thing type for an item's label, or null after recording why it does not fit. */
    private ThingType type(String fileLabel, TypeKind kind) {
        return type(fileLabel, kind, 1);
    }

    /** As {@link #type(String, TypeKind)}, for {@code n} alike items. */
    ThingType type(String fileLabel, TypeKind kind, long n) {
        // A label that fits once fits every time and records nothing more: looked up once per kind.
        Map<String, ThingType> fits = fittingTypes.get(kind);
        ThingType known = fits.get(fileLabel);
        if (known != null) return known;
        ThingType t = checkType(fileLabel, kind, n);
        if (t != null) fits.put(fileLabel, t);
        return t;
    }

    private ThingType checkType(String fileLabel, TypeKind kind, long n) {
        String l = relabel.map(fileLabel);
        String shown = l.equals(fileLabel) ? "'" + l + "'" : "'" + l + "' (remapped from '" + fileLabel + "')";
        ThingType t = schema.type(l).orElse(null);
        if (t == null && l.startsWith("@")) {
            mismatch("implicit relation type " + shown + ": {n} " + plural(kind) + " in the file; Grakn 1.8 has no implicit"
                    + " relations, convert them to a relation type of your own in the old database (docs/migration-guide.md)", n);
            return null;
        }
        if (t == null) {
            mismatch("unknown type " + shown + ": {n} " + plural(kind) + " in the file, the schema has no such type", n);
            if (unknownLabels.size() < MAX_PROBLEMS) unknownLabels.putIfAbsent(l, kind);
            return null;
        }
        knownLabels.add(l);
        if (t.kind() != kind) {
            mismatch("type " + shown + " is a " + t.kind().meta() + " type in the schema, but the file has {n} " + plural(kind) + " of it", n);
            return null;
        }
        if (t.isAbstract()) {
            mismatch("type " + shown + " is abstract in the schema, but the file has {n} " + plural(kind) + " of it", n);
            return null;
        }
        return t;
    }

    private boolean failed() { return !mismatches.isEmpty(); }

    private void entity(Item.Entity e) {
        ThingType t = type(e.getLabel(), TypeKind.ENTITY);
        if (t == null || failed()) return;
        sink.putEntity(e.getId(), t.label());
        for (Item.OwnedAttribute a : e.getAttributeList()) sink.putOwnership(e.getId(), a.getId());
    }

    private void attribute(Item.Attribute a) {
        ThingType t = type(a.getLabel(), TypeKind.ATTRIBUTE);
        if (t == null) return;
        ValueType vt = valueTypes.computeIfAbsent(t, k -> Optional.ofNullable(schema.valueType(k.label()))).orElse(null);
        Object value = value(a.getValue(), vt, t.label());
        if (value == null || failed()) return;
        if (value instanceof String text) checkRegex(t.label(), text);
        sink.putAttribute(a.getId(), t.label(), value);
        for (Item.OwnedAttribute o : a.getAttributeList()) sink.putOwnership(a.getId(), o.getId());
    }

    private Object value(ValueObject v, ValueType vt, String type) {
        ValueType found = switch (v.getValueCase()) {
            case STRING -> ValueType.STRING;
            case BOOLEAN -> ValueType.BOOLEAN;
            case LONG -> ValueType.LONG;
            case DOUBLE -> ValueType.DOUBLE;
            case DATETIME -> ValueType.DATETIME;
            case VALUE_NOT_SET -> null;
        };
        if (!valueFits(found, v.getValueCase() == ValueObject.ValueCase.DOUBLE && Double.isNaN(v.getDouble()), vt, type, 1)) return null;
        return switch (found) {
            case STRING -> v.getString();
            case BOOLEAN -> v.getBoolean();
            case LONG -> v.getLong();
            case DATETIME -> v.getDatetime();
            case DOUBLE -> v.getDouble();
        };
    }

    /**
     * Whether {@code n} attributes of {@code type} with values of kind {@code found} (null: no value)
     * fit the schema's value type {@code vt}; records why not.
     */
    boolean valueFits(ValueType found, boolean nan, ValueType vt, String type, long n) {
        if (valueFitsQuietly(found, nan, vt)) return true;
        if (found == null) {
            mismatch("{n} attributes of type '" + type + "' have no value", n);
            return false;
        }
        if (found != vt) {
            mismatch("{n} attributes of type '" + type + "' have " + found.keyword() + " values, but the schema says "
                    + type + " holds " + (vt == null ? "no value type" : vt.keyword()) + " values", n);
            return false;
        }
        mismatch("{n} attributes of type '" + type + "' have the value NaN, which no keyspace can hold", n);
        return false;
    }

    /**
     * Whether attributes with {@code found} values ({@code nan}: the value NaN) fit a type that holds
     * {@code vt} values, recording nothing: the rule {@link #valueFits} records the failures of.
     */
    static boolean valueFitsQuietly(ValueType found, boolean nan, ValueType vt) {
        return found != null && found == vt && !nan;
    }

    /** The value type of a thing type of the schema. */
    ValueType valueType(String type) { return schema.valueType(type); }

    /** The regex whole string values of the attribute type must match, or null: the pre-check matches values with it on its own threads. */
    Pattern regex(String type) { return regexes.pattern(type); }

    /** Grakn refuses string attributes that do not match their type's regex; counted as schema violations. */
    void checkRegex(String type, String value) {
        if (!regexes.allows(type, value)) countRegexViolations(type, 1);
    }

    /** Counts {@code n} string attributes of {@code type} whose value does not match its regex. */
    void countRegexViolations(String type, long n) {
        regexViolations.computeIfAbsent(type, k -> new long[1])[0] += n;
    }

    /** Whether validation is skipped, so that regex violations are counted and let through. */
    boolean skipsValidation() { return skipValidation; }

    private void relation(Item.Relation r) {
        ThingType t = type(r.getLabel(), TypeKind.RELATION);
        boolean ok = t != null;
        for (Item.Relation.Role role : r.getRoleList()) ok &= roleFits(t, role.getLabel(), 1);
        if (!ok || failed()) return;
        sink.putRelation(r.getId(), t.label());
        for (Item.OwnedAttribute o : r.getAttributeList()) sink.putOwnership(r.getId(), o.getId());
        for (Item.Relation.Role role : r.getRoleList()) {
            String l = relabel.map(role.getLabel());
            for (Item.Relation.Role.Player p : role.getPlayerList()) sink.putRolePlayer(r.getId(), l, p.getId());
        }
    }

    /**
     * Whether {@code n} role entries with the file's role label fit the schema, in a relation of type
     * {@code t} (null: the relation's type does not fit); records why not.
     */
    boolean roleFits(ThingType t, String fileRole, long n) {
        if (t == null) return checkRole(null, fileRole, n);
        Set<String> fits = fittingRoles.computeIfAbsent(t, k -> new HashSet<>());
        if (fits.contains(fileRole)) return true;
        boolean ok = checkRole(t, fileRole, n);
        if (ok) fits.add(fileRole);
        return ok;
    }

    /**
     * Whether role entries with the file's role label fit a relation of type {@code t} (null: of a type
     * that does not fit, so only the role itself is asked about), recording nothing.
     */
    boolean roleFitsQuietly(ThingType t, String fileRole) {
        return roleFits(t, relabel.map(fileRole));
    }

    /** The rule of {@link #roleFitsQuietly}, for the role label after remap; {@link #checkRole} records its failures. */
    private boolean roleFits(ThingType t, String role) {
        return schema.role(role).isPresent() && (t == null || schema.relates(t.label(), role));
    }

    private boolean checkRole(ThingType t, String fileRole, long n) {
        String l = relabel.map(fileRole);
        if (roleFits(t, l)) {
            knownLabels.add(l);
            return true;
        }
        String shown = l.equals(fileRole) ? "'" + l + "'" : "'" + l + "' (remapped from '" + fileRole + "')";
        if (schema.role(l).isPresent()) knownLabels.add(l);
        if (schema.role(l).isEmpty() && l.startsWith("@")) {
            mismatch("implicit role " + shown + ": {n} role entries in the file; Grakn 1.8 has no implicit relations,"
                    + " convert them to a relation type of your own in the old database (docs/migration-guide.md)", n);
            return false;
        } else if (schema.role(l).isEmpty()) {
            mismatch("unknown role " + shown + ": {n} role entries in the file, the schema has no such role", n);
            if (unknownLabels.size() < MAX_PROBLEMS) unknownLabels.putIfAbsent(l, null);
            return false;
        }
        mismatch("relation type '" + t.label() + "' does not relate role " + shown + ", but {n} of its relations in the file have players in it", n);
        return false;
    }

    /**
     * The thing type for a label when it fits (known, of that kind, not abstract), recording nothing:
     * the pre-check's view of a relation's type when counting its role entries.
     */
    ThingType typeIfFits(String fileLabel, TypeKind kind) {
        ThingType t = schema.type(relabel.map(fileLabel)).orElse(null);
        return t == null || t.kind() != kind || t.isAbstract() ? null : t;
    }

    /** The first few problems and how many more, for a failure where the whole list says nothing more. */
    private static List<String> firstFew(List<String> problems) {
        if (problems.size() <= 5) return problems;
        List<String> few = new ArrayList<>(problems.subList(0, 5));
        few.add("and " + (problems.size() - 5) + " more mismatches of the same sort");
        return few;
    }

    /**
     * "did you mean old=new?" for unknown labels close to a schema label of the same kind; never
     * two labels onto one (they cannot both be that label's misspelling).
     */
    private List<String> suggestions() {
        return LabelSuggestions.suggest(schema, unknownLabels, relabel.mapping());
    }
}
