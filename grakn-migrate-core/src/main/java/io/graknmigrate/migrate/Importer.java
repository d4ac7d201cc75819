package io.graknmigrate.migrate;

import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.ThingType;
import io.graknmigrate.schema.ValueType;
import io.graknmigrate.format.ChecksumTally;
import io.graknmigrate.format.Counts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Turns items into things of a sink, with Grakn 1.8's import semantics: labels remapped, checked against
 * the schema while reading (every mismatch collected, with counts, so the user sees them all at once),
 * references resolved at the end by the sink, checksums compared. Reads the input once: stdin works.
 * The caller commits or rolls back the sink; this class never commits on a failure.
 */
public final class Importer {

    private static final int CHECK_EVERY = 4096;
    /** Distinct problems kept for the report; more are counted, not listed (hostile files). */
    private static final int MAX_PROBLEMS = 200;

    private final KeyspaceSink sink;
    private final Schema schema;
    private final Map<String, String> remap;
    private final boolean skipValidation;
    private final Map<String, long[]> mismatches = new LinkedHashMap<>();
    private final Map<String, TypeKind> unknownLabels = new LinkedHashMap<>();
    private long otherMismatches;
    /** Attribute type -> its regex (declared or inherited), or NO_REGEX. Bounded by the schema. */
    private final Map<String, java.util.regex.Pattern> regexes = new java.util.HashMap<>();
    private static final java.util.regex.Pattern NO_REGEX = java.util.regex.Pattern.compile("");
    private final Map<String, long[]> regexViolations = new java.util.TreeMap<>();
    private final ChecksumTally tally = new ChecksumTally();
    private Item.Checksums checksums;
    private int checksumItems;

    private Importer(KeyspaceSink sink, ImportOptions options) {
        this.sink = sink;
        this.schema = sink.schema();
        this.remap = options.remap();
        this.skipValidation = options.skipValidation();
    }

    /** Imports every item into the sink and checks the result; throws {@link ImportException} on any problem, without committing. */
    public static ImportSummary run(KeyspaceSink sink, ItemInput input, ImportOptions options, boolean cleaned, ProgressListener progress) {
        return new Importer(sink, options).run(input, cleaned, progress);
    }

    private ImportSummary run(ItemInput input, boolean cleaned, ProgressListener progress) {
        long start = System.nanoTime();
        String where = "import of " + input.name() + " into keyspace " + sink.keyspace();
        progress.start("import " + sink.keyspace(), input.size(), "bytes");
        long n = 0;
        try {
            while (input.hasNext()) {
                Item item = input.next();
                tally.add(item);
                if (++n % CHECK_EVERY == 0) {
                    if (Thread.currentThread().isInterrupted()) throw new CancellationException(where + " cancelled, nothing was changed");
                    progress.update(input.position());
                }
                switch (item.getItemCase()) {
                    case ENTITY -> entity(item.getEntity());
                    case ATTRIBUTE -> attribute(item.getAttribute());
                    case RELATION -> relation(item.getRelation());
                    case CHECKSUMS -> {
                        if (checksumItems++ == 0) checksums = item.getChecksums();
                    }
                    case HEADER, ITEM_NOT_SET -> { }
                }
            }
            progress.update(input.position());
        } finally {
            progress.finish();
        }

        Counts imported = tally.counts();
        List<String> problems = new ArrayList<>();
        if (!mismatches.isEmpty()) {
            mismatches.forEach((message, count) -> problems.add(message.replace("{n}", String.format(Locale.ROOT, "%,d", count[0]))));
            if (otherMismatches > 0) problems.add(otherMismatches + " more kinds of mismatch not listed");
            List<String> suggestions = suggestions();
            problems.addAll(suggestions);
            throw new ImportException(where + " failed, nothing was changed: " + mismatches.size()
                    + " kind(s) of item do not fit the schema (" + firstOf(problems) + ")"
                    + (suggestions.isEmpty() ? ", fix the schema or remap labels with old=new" : ", " + suggestions.get(0)), problems);
        }
        if (checksums != null) {
            Counts expected = Counts.of(checksums);
            if (!expected.equals(imported)) {
                problems.add("the file's checksums say " + expected);
                problems.add("the file holds        " + imported);
                throw new ImportException(where + " failed, nothing was changed: the checksums do not match what the file holds"
                        + " (file says " + expected + "; found " + imported + "), the file is truncated or damaged, check it with `grakn-migrate verify`", problems);
            }
        }
        KeyspaceSink.Resolution r = sink.resolve();
        if (r.duplicateIds() > 0) {
            throw new ImportException(where + " failed, nothing was changed: " + r.duplicateIds()
                    + " items reuse an id of an earlier item (first: '" + r.firstDuplicateId() + "'), the file is damaged, check it with `grakn-migrate verify`",
                    List.of(r.duplicateIds() + " duplicate ids, first '" + r.firstDuplicateId() + "'"));
        }
        if (r.danglingReferences() > 0) {
            throw new ImportException(where + " failed, nothing was changed: " + r.danglingReferences()
                    + " ownerships or role players refer to ids the file does not contain (first: '" + r.firstDanglingReference()
                    + "'), the file is incomplete, check it with `grakn-migrate verify`",
                    List.of(r.danglingReferences() + " dangling references, first '" + r.firstDanglingReference() + "'"));
        }
        List<String> violations = new ArrayList<>();
        long violationCount = r.violations();
        regexViolations.forEach((type, c) -> violations.add(String.format(Locale.ROOT,
                "%,d %s attributes do not match the regex of %s", c[0], type, type)));
        for (long[] c : regexViolations.values()) violationCount += c[0];
        violations.addAll(r.violationMessages());
        if (violationCount > 0 && !skipValidation) {
            throw new ImportException(where + " failed, nothing was changed: " + violationCount + " schema violations ("
                    + violations.get(0) + "), fix the schema, or import anyway with --skip-validation", violations);
        }
        return new ImportSummary(sink.keyspace(), imported, r.attributesReused(), skipValidation ? violationCount : 0,
                checksums != null, cleaned, input.position(), (System.nanoTime() - start) / 1e9);
    }

    private static String firstOf(List<String> problems) {
        return problems.isEmpty() ? "" : problems.get(0);
    }

    private String label(String label) {
        String to = remap.get(label);
        return to == null ? label : to;
    }

    private void mismatch(String message) {
        long[] c = mismatches.get(message);
        if (c == null) {
            if (mismatches.size() >= MAX_PROBLEMS) {
                otherMismatches++;
                return;
            }
            mismatches.put(message, c = new long[1]);
        }
        c[0]++;
    }

    private static String plural(TypeKind kind) {
        return switch (kind) { case ENTITY -> "entities"; case ATTRIBUTE -> "attributes"; case RELATION -> "relations"; };
    }

    /** The thing type for an item's label, or null after recording why it does not fit. */
    private ThingType type(String fileLabel, TypeKind kind) {
        String l = label(fileLabel);
        String shown = l.equals(fileLabel) ? "'" + l + "'" : "'" + l + "' (remapped from '" + fileLabel + "')";
        ThingType t = schema.type(l).orElse(null);
        if (t == null && l.startsWith("@")) {
            mismatch("implicit relation type " + shown + ": {n} " + plural(kind) + " in the file; Grakn 1.8 has no implicit"
                    + " relations, convert them to a relation type of your own in the old database (docs/migration-guide.md)");
            return null;
        }
        if (t == null) {
            mismatch("unknown type " + shown + ": {n} " + plural(kind) + " in the file, the schema has no such type");
            if (unknownLabels.size() < MAX_PROBLEMS) unknownLabels.putIfAbsent(l, kind);
            return null;
        }
        if (t.kind() != kind) {
            mismatch("type " + shown + " is a " + t.kind().meta() + " type in the schema, but the file has {n} " + plural(kind) + " of it");
            return null;
        }
        if (t.isAbstract()) {
            mismatch("type " + shown + " is abstract in the schema, but the file has {n} " + plural(kind) + " of it");
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
        ValueType vt = schema.valueType(t.label());
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
        if (found == null) {
            mismatch("{n} attributes of type '" + type + "' have no value");
            return null;
        }
        if (found != vt) {
            mismatch("{n} attributes of type '" + type + "' have " + found.keyword() + " values, but the schema says "
                    + type + " holds " + (vt == null ? "no value type" : vt.keyword()) + " values");
            return null;
        }
        return switch (found) {
            case STRING -> v.getString();
            case BOOLEAN -> v.getBoolean();
            case LONG -> v.getLong();
            case DATETIME -> v.getDatetime();
            case DOUBLE -> {
                if (Double.isNaN(v.getDouble())) {
                    mismatch("{n} attributes of type '" + type + "' have the value NaN, which no keyspace can hold");
                    yield null;
                }
                yield v.getDouble();
            }
        };
    }

    /** Grakn refuses string attributes that do not match their type's regex; counted as schema violations. */
    private void checkRegex(String type, String value) {
        java.util.regex.Pattern p = regexes.computeIfAbsent(type, k -> {
            for (ThingType t : schema.supertypes(k)) {
                if (t.regex() != null) {
                    try {
                        return java.util.regex.Pattern.compile(t.regex());
                    } catch (java.util.regex.PatternSyntaxException e) {
                        return NO_REGEX; // a regex Java cannot compile cannot be enforced either
                    }
                }
            }
            return NO_REGEX;
        });
        if (p != NO_REGEX && !p.matcher(value).matches()) regexViolations.computeIfAbsent(type, k -> new long[1])[0]++;
    }

    private void relation(Item.Relation r) {
        ThingType t = type(r.getLabel(), TypeKind.RELATION);
        boolean ok = t != null;
        for (Item.Relation.Role role : r.getRoleList()) {
            String l = label(role.getLabel());
            String shown = l.equals(role.getLabel()) ? "'" + l + "'" : "'" + l + "' (remapped from '" + role.getLabel() + "')";
            if (schema.role(l).isEmpty() && l.startsWith("@")) {
                mismatch("implicit role " + shown + ": {n} role entries in the file; Grakn 1.8 has no implicit relations,"
                        + " convert them to a relation type of your own in the old database (docs/migration-guide.md)");
                ok = false;
            } else if (schema.role(l).isEmpty()) {
                mismatch("unknown role " + shown + ": {n} role entries in the file, the schema has no such role");
                if (unknownLabels.size() < MAX_PROBLEMS) unknownLabels.putIfAbsent(l, null);
                ok = false;
            } else if (t != null && !schema.relates(t.label(), l)) {
                mismatch("relation type '" + t.label() + "' does not relate role " + shown + ", but {n} of its relations in the file have players in it");
                ok = false;
            }
        }
        if (!ok || failed()) return;
        sink.putRelation(r.getId(), t.label());
        for (Item.OwnedAttribute o : r.getAttributeList()) sink.putOwnership(r.getId(), o.getId());
        for (Item.Relation.Role role : r.getRoleList()) {
            String l = label(role.getLabel());
            for (Item.Relation.Role.Player p : role.getPlayerList()) sink.putRolePlayer(r.getId(), l, p.getId());
        }
    }

    /** "did you mean old=new?" for unknown labels close to a schema label of the same kind. */
    private List<String> suggestions() {
        return LabelSuggestions.suggest(schema, unknownLabels, remap);
    }
}
