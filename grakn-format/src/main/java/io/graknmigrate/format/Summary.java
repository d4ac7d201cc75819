package io.graknmigrate.format;

import io.graknmigrate.format.proto.Item;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a {@code .grakn} file holds: header, counts per kind and per label, and its checksums item
 * compared with what was counted. Built in one pass with the {@link ItemScanner}; memory depends on
 * the number of distinct labels (capped), not on the size of the file.
 */
public final class Summary {

    /** Distinct labels beyond this are folded into one {@code (other labels)} line per kind. */
    static final int MAX_LABELS = 100_000;

    /** One label of one kind: how many things carry it and, for attributes, the value kinds seen. */
    public record Label(String label, ItemKind kind, long count, Set<ValueKind> valueKinds) { }

    private final String file;
    private final long bytes;
    private final long items;
    private final Item.Header header;
    private final Counts counts;
    private final Item.Checksums checksums;
    private final List<Label> labels;
    private final long unknownItems;
    private final Compression compression;
    private final GraknFormatException damage;

    Summary(String file, long bytes, long items, Item.Header header, Counts counts, Item.Checksums checksums,
            List<Label> labels, long unknownItems, Compression compression) {
        this(file, bytes, items, header, counts, checksums, labels, unknownItems, compression, null);
    }

    private Summary(String file, long bytes, long items, Item.Header header, Counts counts, Item.Checksums checksums,
                    List<Label> labels, long unknownItems, Compression compression, GraknFormatException damage) {
        this.damage = damage;
        this.file = file;
        this.bytes = bytes;
        this.items = items;
        this.header = header;
        this.counts = counts;
        this.checksums = checksums;
        this.labels = List.copyOf(labels);
        this.unknownItems = unknownItems;
        this.compression = compression;
    }

    public static Summary of(Path path) {
        return of(path, path.toString(), ProgressListener.NONE);
    }

    public static Summary of(Path path, String displayName, ProgressListener progress) {
        return undamaged(upToDamage(path, displayName, progress));
    }

    public static Summary of(InputStream in, String displayName, ProgressListener progress) {
        return undamaged(upToDamage(in, displayName, progress));
    }

    /** Reads the rest of the scanner's items; a damaged file throws its {@link GraknFormatException}. */
    public static Summary of(ItemScanner scanner, ProgressListener progress) {
        return undamaged(upToDamage(scanner, progress));
    }

    private static Summary undamaged(Summary summary) {
        if (summary.damage != null) throw summary.damage;
        return summary;
    }

    /**
     * Like {@link #of(Path, String, ProgressListener)}, but a damaged file gives the summary of the items
     * before the damage, with the {@linkplain #damage() damage} that stopped the reading.
     */
    public static Summary upToDamage(Path path, String displayName, ProgressListener progress) {
        return upToDamage(path, displayName, progress, FileHalves.DEFAULT_FROM);
    }

    /** As {@link #upToDamage(Path, String, ProgressListener)}, read in two halves ({@link FileHalves}) when worth it from {@code splitFrom} bytes on. */
    static Summary upToDamage(Path path, String displayName, ProgressListener progress, long splitFrom) {
        try (ItemScanner scanner = ItemScanner.open(path, displayName)) {
            if (!FileHalves.worthIt(scanner, splitFrom)) return upToDamage(scanner, progress);
            progress.start("inspect", scanner.size(), "bytes");
            Collector first = new Collector();
            Collector second = new Collector();
            FileHalves.Outcome o = FileHalves.read(scanner, path, false, first::accept, second::accept, progress);
            if (o.split) first.append(second);
            GraknFormatException damage = o.damage();
            progress.update(damage == null ? scanner.size() : scanner.position());
            progress.finish();
            Summary summary = first.summary(scanner, o.unknownItems());
            return damage == null ? summary : summary.withDamage(damage);
        }
    }

    /** Like {@link #of(InputStream, String, ProgressListener)}, but a damaged stream gives the summary up to the damage. */
    public static Summary upToDamage(InputStream in, String displayName, ProgressListener progress) {
        try (ItemScanner scanner = ItemScanner.open(in, displayName)) {
            return upToDamage(scanner, progress);
        }
    }

    /** Reads the rest of the scanner's items, stopping at the first damage. */
    public static Summary upToDamage(ItemScanner scanner, ProgressListener progress) {
        Collector collector = new Collector();
        progress.start("inspect", scanner.size(), "bytes");
        try {
            while (scanner.next()) {
                collector.accept(scanner);
                if ((scanner.itemIndex() & 8191) == 0) progress.update(scanner.position());
            }
        } catch (GraknFormatException e) {
            progress.finish();
            return collector.summary(scanner).withDamage(e);
        }
        progress.update(scanner.position());
        progress.finish();
        return collector.summary(scanner);
    }

    /** This summary, of the items before the damage that stopped the reading. */
    Summary withDamage(GraknFormatException e) {
        return new Summary(file, bytes, items, header, counts, checksums, labels, unknownItems, compression, e);
    }

    /** What stopped the reading of a damaged file, or null when the file was read to its end. */
    public GraknFormatException damage() { return damage; }

    public String file() { return file; }

    /** Bytes of the input as stored (compressed size for compressed files). */
    public long bytes() { return bytes; }

    /** All items, header, checksums and unknown kinds included. */
    public long items() { return items; }

    /** The first header item, or null when there is none. */
    public Item.Header header() { return header; }

    public Counts counts() { return counts; }

    /** The last checksums item, or null when there is none. */
    public Item.Checksums checksums() { return checksums; }

    /** Whether the checksums item equals the counts; null when there is no checksums item. */
    public Boolean checksumsMatch() {
        return checksums == null ? null : Counts.of(checksums).equals(counts);
    }

    /** Labels sorted by kind name (attribute, entity, relation), then label. */
    public List<Label> labels() { return labels; }

    /** Items skipped because their kind is unknown. */
    public long unknownItems() { return unknownItems; }

    public Compression compression() { return compression; }

    /** The JSON object of {@code inspect --json}. */
    public String toJson() {
        Json json = new Json();
        json.begin();
        writeJsonFields(json);
        json.end();
        return json.toString();
    }

    void writeJsonFields(Json json) {
        json.field("file").value(file);
        json.field("bytes").value(bytes);
        json.field("items").value(items);
        json.field("header");
        if (header == null) json.nullValue();
        else {
            json.begin();
            json.field("graknVersion").value(header.getGraknVersion());
            json.field("originalDatabase").value(header.getOriginalDatabase());
            json.end();
        }
        json.field("counts");
        counts(json, counts);
        json.field("checksums");
        if (checksums == null) json.nullValue();
        else counts(json, Counts.of(checksums));
        json.field("checksumsMatch");
        Boolean match = checksumsMatch();
        if (match == null) json.nullValue();
        else json.value(match);
        json.field("unknownItems").value(unknownItems);
        json.field("damage");
        if (damage == null) json.nullValue();
        else json.begin().field("message").value(damage.getMessage()).field("offset").value(damage.offset())
                .field("item").value(damage.itemIndex()).end();
        json.field("labels").beginArray();
        for (Label l : labels) {
            json.begin();
            json.field("label").value(l.label());
            json.field("kind").value(l.kind().label());
            json.field("count").value(l.count());
            if (l.kind() == ItemKind.ATTRIBUTE) {
                json.field("valueTypes").beginArray();
                for (ValueKind v : l.valueKinds()) json.value(v.label());
                json.endArray();
            }
            json.end();
        }
        json.endArray();
    }

    private static void counts(Json json, Counts c) {
        json.begin();
        json.field("entity").value(c.entities());
        json.field("attribute").value(c.attributes());
        json.field("relation").value(c.relations());
        json.field("role").value(c.rolePlayers());
        json.field("ownership").value(c.ownerships());
        json.end();
    }

    /** A readable table for people. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("file       ").append(file).append(" (").append(Numbers.count(bytes, "byte", "bytes"))
                .append(compression == Compression.NONE ? "" : ", " + compression.name().toLowerCase(Locale.ROOT))
                .append(", ").append(Numbers.count(items, "item", "items")).append(")\n");
        sb.append("header     ").append(header == null ? "(none)"
                : "version " + header.getGraknVersion() + ", database " + header.getOriginalDatabase()).append('\n');
        Counts cs = checksums == null ? null : Counts.of(checksums);
        sb.append('\n').append(String.format(Locale.ROOT, "%-12s %15s %15s%n", "", "counted", "checksums"));
        row(sb, "entity", counts.entities(), cs == null ? null : cs.entities());
        row(sb, "attribute", counts.attributes(), cs == null ? null : cs.attributes());
        row(sb, "relation", counts.relations(), cs == null ? null : cs.relations());
        row(sb, "role", counts.rolePlayers(), cs == null ? null : cs.rolePlayers());
        row(sb, "ownership", counts.ownerships(), cs == null ? null : cs.ownerships());
        Boolean match = checksumsMatch();
        sb.append("checksums  ").append(match == null ? "absent" : match ? "match" : "DO NOT MATCH").append('\n');
        if (unknownItems > 0) sb.append("unknown    ").append(Numbers.count(unknownItems, "item", "items")).append(" of unknown kind (skipped)\n");
        if (damage != null) sb.append("damaged    the counts stop at the damage, at byte ").append(damage.offset()).append('\n');
        if (!labels.isEmpty()) {
            int width = 5;
            for (Label l : labels) width = Math.max(width, Math.min(60, l.label().length()));
            sb.append('\n').append(String.format(Locale.ROOT, "%-10s %-" + width + "s %15s  %s%n", "kind", "label", "count", "value types"));
            for (Label l : labels) {
                StringBuilder types = new StringBuilder();
                for (ValueKind v : l.valueKinds()) types.append(types.length() == 0 ? "" : ", ").append(v.label());
                sb.append(String.format(Locale.ROOT, "%-10s %-" + width + "s %15s  %s", l.kind().label(), l.label(), Numbers.count(l.count()), types)
                        .stripTrailing()).append('\n');
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, long counted, Long expected) {
        String mark = expected == null ? "" : expected == counted ? "" : "  <- mismatch";
        sb.append(String.format(Locale.ROOT, "%-12s %15s %15s%s%n", name, Numbers.count(counted), expected == null ? "-" : Numbers.count(expected), mark));
    }

    /** Counts items as a scanner passes over them; shared with {@link Verification}. */
    static final class Collector {
        long items;
        long entities;
        long attributes;
        long relations;
        long rolePlayers;
        long ownerships;
        Item.Header header;
        long headers;
        long firstHeaderIndex = -1;
        Item.Checksums checksums;
        long checksumsItems;
        private final LabelTable labels = new LabelTable();

        void accept(ItemScanner s) {
            items++;
            switch (s.kind()) {
                case ENTITY -> {
                    entities++;
                    ownerships += s.ownedCount();
                    labels.add(ItemKind.ENTITY, s.label(), ValueKind.NONE);
                }
                case ATTRIBUTE -> {
                    attributes++;
                    ownerships += s.ownedCount();
                    labels.add(ItemKind.ATTRIBUTE, s.label(), s.valueKind());
                }
                case RELATION -> {
                    relations++;
                    ownerships += s.ownedCount();
                    rolePlayers += s.playerCount();
                    labels.add(ItemKind.RELATION, s.label(), ValueKind.NONE);
                }
                case HEADER -> {
                    headers++;
                    if (header == null) {
                        header = Item.Header.newBuilder().setGraknVersion(s.graknVersion())
                                .setOriginalDatabase(s.originalDatabase()).build();
                        firstHeaderIndex = s.itemIndex();
                    }
                }
                case CHECKSUMS -> {
                    // The first one is the file's (ChecksumTally.Verdict); a later one only counts.
                    if (checksumsItems++ == 0) checksums = s.checksums();
                }
                default -> { }
            }
        }

        Counts counts() {
            return new Counts(entities, attributes, relations, rolePlayers, ownerships);
        }

        Summary summary(ItemScanner s) {
            return summary(s, s.unknownItems());
        }

        /** The summary of a file read by {@code s} (and maybe by other scanners too, which saw {@code unknownItems} in all). */
        Summary summary(ItemScanner s, long unknownItems) {
            long bytes = s.size() >= 0 ? s.size() : s.position();
            return new Summary(s.displayName(), bytes, items, header, counts(), checksums, labels.sorted(),
                    unknownItems, s.compression());
        }

        /** Adds what {@code later} collected from the items right after this one's: as if one collector had seen them all. */
        void append(Collector later) {
            items += later.items;
            entities += later.entities;
            attributes += later.attributes;
            relations += later.relations;
            rolePlayers += later.rolePlayers;
            ownerships += later.ownerships;
            if (header == null && later.header != null) {
                header = later.header;
                firstHeaderIndex = later.firstHeaderIndex;
            }
            headers += later.headers;
            if (checksumsItems == 0) checksums = later.checksums;
            checksumsItems += later.checksumsItems;
            labels.append(later.labels);
        }
    }

    /** Open-addressing table from (kind, label bytes) to a count, looked up without allocating. */
    static final class LabelTable {
        private byte[][] keys = new byte[64][];
        private byte[] kinds = new byte[64];
        private long[] counts = new long[64];
        private int[] valueMasks = new int[64];
        // a key's length and first eight bytes, so that most comparisons touch no key array
        private int[] lengths = new int[64];
        private long[] prefixes = new long[64];
        /** The slot of each label in the order the labels were first added, for {@link #append}. */
        private int[] inserted = new int[64];
        private int size;
        private final long[] overflow = new long[3];
        private final int[] overflowMasks = new int[3];

        private int last = -1;

        private static int hash(byte[] b, int off, int len, long prefix, int kind) {
            long h = len <= 8 ? (prefix ^ (long) len << 59) * 0x9E3779B97F4A7C15L : Slice.hash64(b, off, len);
            h ^= kind * 0xC2B2AE3D27D4EB4FL;
            return (int) (h ^ (h >>> 32));
        }

        private boolean matches(int i, int kind, Slice label, int len, long prefix) {
            return prefixes[i] == prefix && lengths[i] == len && kinds[i] == kind && (len <= 8 || label.contentEquals(keys[i]));
        }

        void add(ItemKind kind, Slice label, ValueKind value) {
            add(kind.ordinal(), label, value == ValueKind.NONE ? 0 : 1 << value.ordinal(), 1);
        }

        /** Counts {@code count} things of kind {@code k} (an ordinal) and label {@code label} with the value kinds of {@code mask}. */
        private void add(int k, Slice label, int mask, long count) {
            int len = label.length;
            long prefix = Slice.prefixWord(label.bytes, label.offset, len);
            // Exports run in long stretches of one label: try the previous hit before hashing.
            int l = last;
            if (l >= 0 && matches(l, k, label, len, prefix)) {
                counts[l] += count;
                valueMasks[l] |= mask;
                return;
            }
            int n = keys.length;
            int i = hash(label.bytes, label.offset, len, prefix, k) & (n - 1);
            while (keys[i] != null) {
                if (matches(i, k, label, len, prefix)) {
                    counts[i] += count;
                    valueMasks[i] |= mask;
                    last = i;
                    return;
                }
                i = (i + 1) & (n - 1);
            }
            if (size >= MAX_LABELS) {
                overflow[k] += count;
                overflowMasks[k] |= mask;
                return;
            }
            keys[i] = label.toByteArray();
            kinds[i] = (byte) k;
            counts[i] = count;
            valueMasks[i] = mask;
            lengths[i] = len;
            prefixes[i] = prefix;
            last = i;
            inserted[size] = i;
            if (++size * 2 > n) {
                grow();
                last = -1;
            }
        }

        /**
         * Adds {@code later}'s counts, its labels in the order they first occurred there: with more than
         * {@link Summary#MAX_LABELS} labels in all, the same ones take the last free places and the
         * same go to "(other labels)" as in one table that saw both stretches. (Unless {@code later}
         * alone saw more than that many: it counted the labels beyond as "(other labels)" without
         * knowing which this table names.)
         */
        void append(LabelTable later) {
            Slice key = new Slice();
            for (int q = 0; q < later.size; q++) {
                int j = later.inserted[q];
                add(later.kinds[j], key.set(later.keys[j], 0, later.lengths[j]), later.valueMasks[j], later.counts[j]);
            }
            for (int k = 0; k < 3; k++) {
                overflow[k] += later.overflow[k];
                overflowMasks[k] |= later.overflowMasks[k];
            }
        }

        private void grow() {
            byte[][] oldKeys = keys;
            byte[] oldKinds = kinds;
            long[] oldCounts = counts;
            int[] oldMasks = valueMasks;
            int[] oldLengths = lengths;
            long[] oldPrefixes = prefixes;
            int n = oldKeys.length * 2;
            keys = new byte[n][];
            kinds = new byte[n];
            counts = new long[n];
            valueMasks = new int[n];
            lengths = new int[n];
            prefixes = new long[n];
            int[] moved = new int[oldKeys.length];
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] == null) continue;
                int i = hash(oldKeys[j], 0, oldLengths[j], oldPrefixes[j], oldKinds[j]) & (n - 1);
                while (keys[i] != null) i = (i + 1) & (n - 1);
                moved[j] = i;
                keys[i] = oldKeys[j];
                kinds[i] = oldKinds[j];
                counts[i] = oldCounts[j];
                valueMasks[i] = oldMasks[j];
                lengths[i] = oldLengths[j];
                prefixes[i] = oldPrefixes[j];
            }
            int[] order = new int[n];
            for (int q = 0; q < size; q++) order[q] = moved[inserted[q]];
            inserted = order;
        }

        List<Label> sorted() {
            List<Label> out = new ArrayList<>(size);
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == null) continue;
                ItemKind kind = ItemKind.values()[kinds[i]];
                out.add(new Label(new String(keys[i], StandardCharsets.UTF_8), kind, counts[i], valueKinds(kind, valueMasks[i])));
            }
            for (int k = 0; k < 3; k++) {
                if (overflow[k] > 0) {
                    ItemKind kind = ItemKind.values()[k];
                    out.add(new Label("(other labels)", kind, overflow[k], valueKinds(kind, overflowMasks[k])));
                }
            }
            out.sort((a, b) -> {
                int c = a.kind().label().compareTo(b.kind().label());
                return c != 0 ? c : compareCodePoints(a.label(), b.label());
            });
            return out;
        }

        private static Set<ValueKind> valueKinds(ItemKind kind, int mask) {
            if (kind != ItemKind.ATTRIBUTE) return Collections.emptySet();
            EnumSet<ValueKind> set = EnumSet.noneOf(ValueKind.class);
            for (ValueKind v : ValueKind.values()) if ((mask & (1 << v.ordinal())) != 0) set.add(v);
            return Collections.unmodifiableSet(set);
        }

        /** Code point order, which is also UTF-8 byte order, unlike String.compareTo for non-BMP text. */
        static int compareCodePoints(String a, String b) {
            int[] x = a.codePoints().toArray();
            int[] y = b.codePoints().toArray();
            return Arrays.compare(x, y);
        }
    }
}
