package io.graknmigrate.benchmarks;

import io.graknmigrate.format.GraknFormatException;
import io.graknmigrate.format.ItemReader;
import io.graknmigrate.format.ItemWriter;
import io.graknmigrate.format.proto.Item;
import io.graknmigrate.format.proto.ValueObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real-shaped large backup: every thing of a real Grakn export (Grakn's own {@code simulation.grakn})
 * copied {@code N} times, each copy a self-contained graph of its own.
 *
 * <ul>
 *   <li><b>Ids</b> are fresh per copy. In the {@link IdStyle#GRAKN} style they keep Grakn's
 *       {@code V<digits>} form: {@code V(d + copy × 10^k)} for an original {@code Vd}, with
 *       {@code 10^k} above the largest original number, so copy 0 keeps the original ids. In the
 *       {@link IdStyle#TEXT} style every id is UUID-like text ({@code 8-4-4-4-12} hex digits, not in
 *       sorted order), the shape of ids that are not {@code V<digits>}.</li>
 *   <li><b>References</b> (owned attributes, role players) point into the same copy.</li>
 *   <li><b>Values</b> are distinct per copy, so no two attributes of one type share a value (Grakn keeps
 *       one attribute per type and value): copy {@code k ≥ 1} appends {@code " #k"} to strings and adds
 *       {@code k × span} to longs, doubles and datetimes, where {@code span} exceeds the distance
 *       between the smallest and largest original value of that kind (copy 0 keeps the original
 *       values). A boolean attribute has only two possible values, so it cannot be copied distinctly:
 *       boolean attributes are written once, in copy 0, and the other copies own or play that one
 *       attribute (the file then has {@code N × things − (N − 1) × booleans} things; the simulation
 *       export has no boolean attributes, so exactly {@code N ×} its things).</li>
 *   <li>The header is the source's; the checksums are {@link ItemWriter}'s count of what was written.</li>
 * </ul>
 *
 * <p>The copy suffix breaks the schema's {@code regex} constraints (e.g. {@code language} must be one of
 * five words), so {@link #writeSchemas} writes the source's schema files as they are and a second set with
 * the {@code regex} properties taken out: a keyspace defined from the first set is the one a scaled import
 * must fail on (a doomed import), from the second set it must succeed.
 *
 * <p>Memory is bounded by the source, not by {@code N}: the source is read once to plan and then once
 * per copy, streaming; ids and values are remapped by pure functions of the original and the copy.
 *
 * <p>One class of about 500 lines: planning, remapping and the schema rewrite share the source's value
 * spans and id ranges, and the command line is a thin shell over them; split, each part would be a
 * handful of static helpers passing the same plan around.
 */
public final class ScaledSimulation {

    /** How copied ids are spelled. */
    public enum IdStyle {
        /** Grakn's own {@code V<digits>}. */
        GRAKN,
        /** UUID-like text, the shape of ids written by other tools (TypeDB 2.0 exports, hand-made files). */
        TEXT
    }

    /** The schema files, with and without the {@code regex} properties. */
    public record Schemas(Path schema, Path schemaPt2, Path schemaNoRegex, Path schemaPt2NoRegex, int regexesRemoved) {
    }

    /** What was written, as Grakn's checksums count it. */
    public record Counts(long entities, long attributes, long relations, long rolePlayers, long ownerships,
                         long bytes) {
        public long things() {
            return entities + attributes + relations;
        }
    }

    private static final Pattern V_ID = Pattern.compile("V([0-9]{1,15})");

    private final Path source;
    /** The copy stride of id numbers: a power of ten above the largest original number. */
    private final long idStride;
    private final long longMin;
    private final long longSpan;
    private final double doubleMin;
    private final double doubleSpan;
    private final long datetimeSpan;
    /** Original ids of boolean attributes: written once, shared by every copy. */
    private final Set<String> booleanIds;
    private final long sourceThings;

    private ScaledSimulation(Path source, long idStride, long longMin, long longSpan, double doubleMin,
                             double doubleSpan, long datetimeSpan, Set<String> booleanIds, long sourceThings) {
        this.source = source;
        this.idStride = idStride;
        this.longMin = longMin;
        this.longSpan = longSpan;
        this.doubleMin = doubleMin;
        this.doubleSpan = doubleSpan;
        this.datetimeSpan = datetimeSpan;
        this.booleanIds = booleanIds;
        this.sourceThings = sourceThings;
    }

    /**
     * Reads {@code source} once to plan the copies: the id stride, the value spans, the boolean
     * attributes. Every id of the source must be {@code V<digits>} (Grakn's form).
     *
     * @throws IllegalArgumentException when the source cannot be copied distinctly
     */
    public static ScaledSimulation of(Path source) {
        long maxNumber = 0;
        long longMin = Long.MAX_VALUE;
        long longMax = Long.MIN_VALUE;
        double doubleMin = Double.POSITIVE_INFINITY;
        double doubleMax = Double.NEGATIVE_INFINITY;
        long dtMin = Long.MAX_VALUE;
        long dtMax = Long.MIN_VALUE;
        Set<String> booleans = new HashSet<>();
        Map<String, Set<Double>> doublesByLabel = new HashMap<>();
        long things = 0;
        try (ItemReader reader = ItemReader.open(source)) {
            while (reader.hasNext()) {
                Item item = reader.next();
                String id;
                switch (item.getItemCase()) {
                    case ATTRIBUTE -> {
                        Item.Attribute a = item.getAttribute();
                        id = a.getId();
                        ValueObject v = a.getValue();
                        switch (v.getValueCase()) {
                            case STRING -> {
                                if (SUFFIX.matcher(v.getString()).find()) {
                                    throw new IllegalArgumentException(source + ": the value of " + id
                                            + " already ends like a copy suffix (\" #<digits>\"), copies would collide");
                                }
                            }
                            case BOOLEAN -> booleans.add(id);
                            case LONG -> {
                                longMin = Math.min(longMin, v.getLong());
                                longMax = Math.max(longMax, v.getLong());
                            }
                            case DOUBLE -> {
                                double d = v.getDouble();
                                if (!Double.isFinite(d)) {
                                    throw new IllegalArgumentException(source + ": " + id + " holds " + d
                                            + ", which cannot be offset per copy");
                                }
                                doubleMin = Math.min(doubleMin, d);
                                doubleMax = Math.max(doubleMax, d);
                                doublesByLabel.computeIfAbsent(a.getLabel(), k -> new HashSet<>()).add(d);
                            }
                            case DATETIME -> {
                                dtMin = Math.min(dtMin, v.getDatetime());
                                dtMax = Math.max(dtMax, v.getDatetime());
                            }
                            default -> { }
                        }
                        maxNumber = Math.max(maxNumber, number(id, a.getAttributeList()));
                    }
                    case ENTITY -> maxNumber = Math.max(maxNumber, number(item.getEntity().getId(),
                            item.getEntity().getAttributeList()));
                    case RELATION -> {
                        Item.Relation r = item.getRelation();
                        maxNumber = Math.max(maxNumber, number(r.getId(), r.getAttributeList()));
                        for (Item.Relation.Role role : r.getRoleList()) {
                            for (Item.Relation.Role.Player p : role.getPlayerList()) {
                                maxNumber = Math.max(maxNumber, number(p.getId(), List.of()));
                            }
                        }
                    }
                    default -> {
                        continue;
                    }
                }
                things++;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        long stride = 10;
        while (stride <= maxNumber) stride = Math.multiplyExact(stride, 10);
        long longSpan = longMax >= longMin ? Math.addExact(Math.subtractExact(longMax, longMin), 1) : 1;
        double doubleSpan = doubleMax >= doubleMin ? Math.ceil(doubleMax - doubleMin) + 1 : 1;
        long datetimeSpan = dtMax >= dtMin ? Math.addExact(Math.subtractExact(dtMax, dtMin), 1) : 1;
        ScaledSimulation plan = new ScaledSimulation(source, stride, longMin == Long.MAX_VALUE ? 0 : longMin, longSpan,
                doubleMin == Double.POSITIVE_INFINITY ? 0 : doubleMin, doubleSpan, datetimeSpan, Set.copyOf(booleans),
                things);
        plan.checkDoublesStayDistinct(doublesByLabel, longMax, dtMin, dtMax);
        return plan;
    }

    private static final Pattern SUFFIX = Pattern.compile(" #[0-9]+$");

    /** The largest id number among an item's id and owned attributes; rejects ids not in Grakn's form. */
    private static long number(String id, List<Item.OwnedAttribute> owned) {
        long max = parseNumber(id);
        for (Item.OwnedAttribute o : owned) max = Math.max(max, parseNumber(o.getId()));
        return max;
    }

    private static long parseNumber(String id) {
        Matcher m = V_ID.matcher(id);
        if (!m.matches()) {
            throw new NumberFormatException("id '" + id + "' is not Grakn's V<digits>, only such sources can be scaled");
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * Offsets large enough to lose precision would make two doubles of one copy equal, or stray into
     * another copy's range: checked for every copy against the source's values (source-sized work).
     */
    private void checkDoublesStayDistinct(Map<String, Set<Double>> doublesByLabel, long longMax, long dtMin, long dtMax) {
        // the largest copy is not known yet: check up to a generous bound once, cheaply, at the edges
        for (Map.Entry<String, Set<Double>> e : doublesByLabel.entrySet()) {
            for (int copy : new int[] {1, 999, 9_999}) {
                Set<Double> seen = new HashSet<>();
                for (double d : e.getValue()) {
                    double mapped = shift(d, copy);
                    if (!seen.add(mapped) || mapped < doubleMin + copy * doubleSpan - 0.5
                            || mapped > doubleMin + copy * doubleSpan + doubleSpan - 0.5) {
                        throw new IllegalArgumentException(source + ": the double values of " + e.getKey()
                                + " are too close together to stay distinct when offset for copy " + copy);
                    }
                }
            }
        }
        // overflow of the long and datetime offsets at the largest supported copy
        Math.addExact(longMax, Math.multiplyExact((long) MAX_COPIES, longSpan));
        Math.addExact(dtMax, Math.multiplyExact((long) MAX_COPIES, datetimeSpan));
        Math.multiplyExact((long) MAX_COPIES, idStride);
    }

    /** Copies beyond this are refused (the offsets are checked for overflow up to it). */
    public static final int MAX_COPIES = 9_999;

    private double shift(double d, int copy) {
        return copy == 0 ? d : d + copy * doubleSpan;
    }

    /** Things in the source file. */
    public long sourceThings() {
        return sourceThings;
    }

    /** Boolean attributes in the source (written once, see the class comment). */
    public int sourceBooleans() {
        return booleanIds.size();
    }

    /** Things a file of {@code copies} copies holds. */
    public long things(int copies) {
        return copies * sourceThings - (long) (copies - 1) * booleanIds.size();
    }

    /**
     * Writes {@code copies} copies of the source to {@code out} with {@link ItemWriter} (temporary file,
     * renamed when complete; an existing file is replaced).
     */
    public Counts write(Path out, int copies, IdStyle ids) {
        if (copies < 1 || copies > MAX_COPIES) {
            throw new IllegalArgumentException("copies must be 1.." + MAX_COPIES + ", got " + copies);
        }
        try (ItemWriter writer = ItemWriter.create(out)) {
            boolean header = false;
            long lastReport = System.nanoTime();
            for (int copy = 0; copy < copies; copy++) {
                try (ItemReader reader = ItemReader.open(source)) {
                    while (reader.hasNext()) {
                        Item item = reader.next();
                        switch (item.getItemCase()) {
                            case HEADER -> {
                                if (!header) {
                                    writer.header(item.getHeader().getGraknVersion(),
                                            item.getHeader().getOriginalDatabase());
                                    header = true;
                                }
                            }
                            case CHECKSUMS -> { }
                            case ATTRIBUTE -> {
                                if (copy == 0 || !booleanIds.contains(item.getAttribute().getId())) {
                                    writer.write(copyAttribute(item.getAttribute(), copy, ids));
                                }
                            }
                            case ENTITY -> writer.write(copyEntity(item.getEntity(), copy, ids));
                            case RELATION -> writer.write(copyRelation(item.getRelation(), copy, ids));
                            default -> { }
                        }
                    }
                }
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.err.printf(Locale.ROOT, "  %s: %d of %d copies%n", out.getFileName(), copy + 1, copies);
                }
            }
            if (!header) writer.header("1.8.4", "scaled");
            Item.Checksums sums = writer.finish();
            return new Counts(sums.getEntityCount(), sums.getAttributeCount(), sums.getRelationCount(),
                    sums.getRoleCount(), sums.getOwnershipCount(), Files.size(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Item copyAttribute(Item.Attribute a, int copy, IdStyle ids) {
        Item.Attribute.Builder b = a.toBuilder().setId(id(a.getId(), copy, ids));
        remapOwned(b.getAttributeBuilderList(), copy, ids);
        if (copy > 0) {
            ValueObject v = a.getValue();
            switch (v.getValueCase()) {
                case STRING -> b.setValue(ValueObject.newBuilder().setString(v.getString() + " #" + copy));
                case LONG -> b.setValue(ValueObject.newBuilder().setLong(v.getLong() + copy * longSpan));
                case DOUBLE -> b.setValue(ValueObject.newBuilder().setDouble(shift(v.getDouble(), copy)));
                case DATETIME -> b.setValue(ValueObject.newBuilder().setDatetime(v.getDatetime() + copy * datetimeSpan));
                default -> { }
            }
        }
        return Item.newBuilder().setAttribute(b).build();
    }

    private Item copyEntity(Item.Entity e, int copy, IdStyle ids) {
        Item.Entity.Builder b = e.toBuilder().setId(id(e.getId(), copy, ids));
        remapOwned(b.getAttributeBuilderList(), copy, ids);
        return Item.newBuilder().setEntity(b).build();
    }

    private Item copyRelation(Item.Relation r, int copy, IdStyle ids) {
        Item.Relation.Builder b = r.toBuilder().setId(id(r.getId(), copy, ids));
        remapOwned(b.getAttributeBuilderList(), copy, ids);
        for (Item.Relation.Role.Builder role : b.getRoleBuilderList()) {
            for (Item.Relation.Role.Player.Builder p : role.getPlayerBuilderList()) {
                p.setId(reference(p.getId(), copy, ids));
            }
        }
        return Item.newBuilder().setRelation(b).build();
    }

    private void remapOwned(List<Item.OwnedAttribute.Builder> owned, int copy, IdStyle ids) {
        for (Item.OwnedAttribute.Builder o : owned) o.setId(reference(o.getId(), copy, ids));
    }

    /** A reference to a boolean attribute goes to its only copy, copy 0. */
    private String reference(String original, int copy, IdStyle ids) {
        return id(original, booleanIds.contains(original) ? 0 : copy, ids);
    }

    /** The id of {@code original}'s copy {@code copy}. */
    String id(String original, int copy, IdStyle ids) {
        long number = parseNumber(original) + copy * idStride;
        if (ids == IdStyle.GRAKN) return "V" + number;
        return uuidLike(number);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** 32 hex digits, 8-4-4-4-12: a bijective scramble of the number, then the number itself. */
    static String uuidLike(long number) {
        long hi = mix(number);
        char[] c = new char[36];
        int p = 0;
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) c[p++] = '-';
            long word = i < 16 ? hi : number;
            int shift = (15 - (i & 15)) * 4;
            c[p++] = HEX[(int) (word >>> shift) & 0xf];
        }
        return new String(c);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static final Pattern REGEX_BEFORE_END =
            Pattern.compile(",\\s*regex\\s+\"(?:[^\"\\\\]|\\\\.)*\"\\s*;");
    private static final Pattern REGEX_BEFORE_MORE =
            Pattern.compile("regex\\s+\"(?:[^\"\\\\]|\\\\.)*\"\\s*,\\s*");

    /** Graql text with every {@code regex "…"} property taken out; the statement around it stays valid. */
    static String withoutRegexes(String gql) {
        return REGEX_BEFORE_MORE.matcher(REGEX_BEFORE_END.matcher(gql).replaceAll(";")).replaceAll("");
    }

    static int countRegexes(String gql) {
        Matcher m = Pattern.compile("(?m)\\bregex\\s+\"").matcher(gql);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    /**
     * Writes {@code schema.gql} and {@code schema-pt2.gql} from the source's directory into {@code dir} as
     * they are, and {@code schema-no-regex.gql}, {@code schema-pt2-no-regex.gql} without their
     * {@code regex} properties.
     */
    public static Schemas writeSchemas(Path sourceDir, Path dir) throws IOException {
        Files.createDirectories(dir);
        String one = Files.readString(sourceDir.resolve("schema.gql"), StandardCharsets.UTF_8);
        String two = Files.readString(sourceDir.resolve("schema-pt2.gql"), StandardCharsets.UTF_8);
        Schemas s = new Schemas(dir.resolve("schema.gql"), dir.resolve("schema-pt2.gql"),
                dir.resolve("schema-no-regex.gql"), dir.resolve("schema-pt2-no-regex.gql"),
                countRegexes(one) + countRegexes(two));
        String oneFree = withoutRegexes(one);
        String twoFree = withoutRegexes(two);
        if (countRegexes(oneFree) + countRegexes(twoFree) != 0) {
            throw new IllegalArgumentException(sourceDir + ": a regex property in an unexpected place, cannot take it out");
        }
        writeText(s.schema(), one);
        writeText(s.schemaPt2(), two);
        writeText(s.schemaNoRegex(), oneFree);
        writeText(s.schemaPt2NoRegex(), twoFree);
        return s;
    }

    private static void writeText(Path file, String text) throws IOException {
        // a plain temporary name (not createTempFile's owner-only mode): the schemas are shared with other users
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The file name {@code benchmarks/run --scale} and {@code ScaleBenchmark} use for a scaled file. */
    public static String fileName(int copies, IdStyle ids) {
        return "simulation-x" + copies + (ids == IdStyle.TEXT ? "-text-ids" : "") + ".grakn";
    }

    /**
     * Returns the scaled file in {@code dir}, writing it (and the schemas) when missing: the cached copy
     * is reused only when complete (the writer renames it into place at the very end).
     */
    public static Path ensure(Path source, Path dir, int copies, IdStyle ids) throws IOException {
        Path file = dir.resolve(fileName(copies, ids));
        if (!Files.isRegularFile(dir.resolve("schema-no-regex.gql"))) writeSchemas(source.getParent(), dir);
        if (!Files.isRegularFile(file)) {
            Files.createDirectories(dir);
            of(source).write(file, copies, ids);
        }
        return file;
    }

    static final String USAGE = """
            usage: java -cp benchmarks.jar io.graknmigrate.benchmarks.ScaledSimulation
                     --copies N --out FILE.grakn [--ids grakn|text] [--source simulation.grakn] [--schema-dir DIR]
                     [--if-missing]
              --copies N      copies of every thing (330 gives 10,083,480 things, 33 about 1M)
              --ids grakn     fresh ids in Grakn's V<digits> form (default); text: UUID-like ids
              --source FILE   the export to copy (default ../shared/fixtures/grakn-1.8/simulation.grakn)
              --schema-dir D  also write schema.gql, schema-pt2.gql (as they are) and
                              schema-no-regex.gql, schema-pt2-no-regex.gql (regex properties taken out)
                              from the source's directory into D
              --if-missing    do nothing when FILE.grakn (and the schemas) are already there""";

    /** Command line: see {@link #USAGE}. */
    public static void main(String[] args) {
        int copies = -1;
        IdStyle ids = IdStyle.GRAKN;
        Path out = null;
        Path source = Datasets.simulationFile();
        Path schemaDir = null;
        boolean ifMissing = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("-h") || arg.equals("--help")) {
                    System.out.println(USAGE);
                    return;
                }
                if (arg.equals("--if-missing")) {
                    ifMissing = true;
                    continue;
                }
                if (i + 1 >= args.length) throw new IllegalArgumentException("option " + arg + " needs a value");
                String value = args[++i];
                switch (arg) {
                    case "--copies" -> copies = Integer.parseInt(value);
                    case "--ids" -> ids = switch (value) {
                        case "grakn" -> IdStyle.GRAKN;
                        case "text" -> IdStyle.TEXT;
                        default -> throw new IllegalArgumentException("--ids is grakn or text, not " + value);
                    };
                    case "--out" -> out = Path.of(value);
                    case "--source" -> source = Path.of(value);
                    case "--schema-dir" -> schemaDir = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (copies < 1 || copies > MAX_COPIES || out == null) {
                throw new IllegalArgumentException("--copies (1.." + MAX_COPIES + ") and --out are required");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage() + ", on the command line, see the usage below");
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try {
            long start = System.nanoTime();
            if (!Files.isRegularFile(source)) {
                throw new IllegalArgumentException(source + " not found, pass --source or create ../shared");
            }
            if (ifMissing && Files.isRegularFile(out)
                    && (schemaDir == null || Files.isRegularFile(schemaDir.resolve("schema-pt2-no-regex.gql")))) {
                System.err.println("kept " + out + " (already there)");
                return;
            }
            if (schemaDir != null) {
                Schemas s = writeSchemas(source.getParent(), schemaDir);
                System.err.println("wrote " + s.schema() + ", " + s.schemaPt2() + " and, without their "
                        + s.regexesRemoved() + " regex properties, " + s.schemaNoRegex() + ", " + s.schemaPt2NoRegex());
            }
            ScaledSimulation plan = of(source);
            Counts c = plan.write(out, copies, ids);
            System.err.printf(Locale.ROOT,
                    "wrote %s: %d copies of %s, %d things (%d attributes, %d entities, %d relations), "
                            + "%d role players, %d ownerships, %d boolean attributes shared, %d bytes in %.1f s%n",
                    out, copies, source.getFileName(), c.things(), c.attributes(), c.entities(), c.relations(),
                    c.rolePlayers(), c.ownerships(), plan.sourceBooleans(), c.bytes(),
                    (System.nanoTime() - start) / 1e9);
        } catch (IllegalArgumentException | ArithmeticException e) {
            System.err.println("error: " + e.getMessage() + ", cannot scale " + source);
            System.exit(1);
        } catch (IOException | UncheckedIOException | GraknFormatException e) {
            System.err.println("error: could not write the scaled backup, " + out + ": " + e.getMessage()
                    + ", check the directory exists and has space");
            System.exit(1);
        }
    }
}
