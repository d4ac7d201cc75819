package io.graknmigrate.migrate;

import io.graknmigrate.format.GraknFormatException;
import io.graknmigrate.format.ItemKind;
import io.graknmigrate.format.ItemScanner;
import io.graknmigrate.format.ProblemKind;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.format.Slice;
import io.graknmigrate.format.ValueKind;
import io.graknmigrate.format.Verification;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.ThingType;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.ValueType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The checks of an import that need no store, run over a file on threads of their own while the
 * write pass starts on the caller's: labels and kinds after remap, value kinds, NaN, regexes (whole
 * value), checksums, duplicate ids and dangling references. It reads the file once with
 * {@link Verification} (zero-copy scanning, ids as fingerprints in sorted temp runs; the second half
 * of the file on a thread of its own once the file is doomed); the schema checks are the {@link Importer}'s own, fed with counts of alike items
 * ("shapes": kind, label, value kind; relation and role label) instead of item by item, so a doomed
 * file fails with the write pass's messages and every problem listed, after one read and before the
 * store has done much.
 *
 * <p>As soon as it has seen one problem that fails the import whatever else the file holds (a label
 * or value kind that does not fit, a value that breaks its regex), it says the file is
 * {@link #doomed()}: the write pass then waits for the complete list instead of taking a core from it.
 *
 * <p>What it finds is thrown in the order and with the reasons of the write pass; the checks that
 * need the keyspace (has, key and plays rules, keys against stored things, attributes reused) stay in
 * the write pass. A shape table that would outgrow its bound (a hostile file with very many distinct
 * labels) stops counting new shapes: those items are checked by the write pass as always (and all
 * of them, when the file was read in two halves and a half's counts are partial).
 */
public final class ImportPreCheck implements AutoCloseable {

    /** Distinct shapes counted; beyond that the write pass alone checks the rest. */
    private static final int MAX_SHAPES = 1 << 16;
    private static final int ROLE = -1;

    private final Thread thread;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile RuntimeException failure;
    private volatile Error error;
    private volatile boolean finished;
    private volatile boolean doomed;
    /**
     * Opened when the file is doomed: the second half of the file is read on a thread of its own only
     * then, since the write pass has both cores busy until then and an import that will succeed
     * gains nothing from a pre-check that ends sooner.
     */
    private final CountDownLatch secondHalfMayStart = new CountDownLatch(1);
    /** Bytes of the file read so far, both halves together. */
    private volatile long position;

    private ImportPreCheck(Path file, String where, Schema schema, ImportOptions options, Path tempDir) {
        this.thread = new Thread(() -> {
            try {
                check(file, where, tempDir, Importer.checker(schema, options));
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                error = e;
            } finally {
                finished = true;
                done.countDown();
            }
        }, "import-pre-check");
        thread.setDaemon(true);
    }

    /**
     * Starts checking the file on a thread of its own.
     *
     * @param where   the import as messages name it ("import of backup.grakn into keyspace ks")
     * @param tempDir where the id fingerprints are sorted (about 8 bytes per id and reference)
     */
    public static ImportPreCheck start(Path file, String where, Schema schema, ImportOptions options, Path tempDir) {
        ImportPreCheck p = new ImportPreCheck(file, where, schema, options, tempDir);
        p.thread.start();
        return p;
    }

    /**
     * Whether the pre-check has already seen a problem that fails the import: the write pass can stop
     * and {@link #await(long)} the pre-check, which goes on to list every problem.
     */
    public boolean doomed() { return doomed; }

    private void doom() {
        doomed = true;
        secondHalfMayStart.countDown();
    }

    /** Bytes of the file the pre-check has read so far (for progress while it is awaited). */
    public long position() { return position; }

    /** Throws what the pre-check found, when it has finished and found the file doomed; else returns at once. */
    public void throwIfFailed() {
        if (!finished) return;
        if (error != null) throw error;
        if (failure != null) throw failure;
    }

    /** Waits for the pre-check and throws what it found; a cancel (interrupt) while waiting throws {@link CancellationException}. */
    public void await() {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("import cancelled, nothing was changed");
        }
        throwIfFailed();
    }

    /**
     * Waits up to {@code millis} for the pre-check; once it has finished, throws what it found or
     * returns true. A cancel (interrupt) while waiting throws {@link CancellationException}.
     */
    public boolean await(long millis) {
        try {
            if (!done.await(millis, TimeUnit.MILLISECONDS)) return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("import cancelled, nothing was changed");
        }
        throwIfFailed();
        return true;
    }

    /** Stops the pre-check (when still running) and waits for its thread to end. */
    @Override
    public void close() {
        thread.interrupt();
        Threads.joinUninterruptibly(thread);
    }

    /** Whether the pre-check's thread has ended (for tests: no thread outlives its import). */
    boolean ended() { return !thread.isAlive(); }

    private void check(Path file, String where, Path tempDir, Importer checker) {
        Shapes firstHalf = new Shapes(checker);
        Shapes secondHalf = new Shapes(checker);
        ProgressListener read = new ProgressListener() {
            @Override public void start(String task, long total, String unit) { }
            @Override public void update(long current) { position = current; }
            @Override public void finish() { }
        };
        Verification v = Verification.of(file, file.toString(), read, tempDir, firstHalf::count, secondHalf::count,
                secondHalfMayStart);
        GraknFormatException damage = v.summary().damage();
        if (damage != null) throw damage;
        firstHalf.addAll(secondHalf);
        firstHalf.replay();
        checker.throwIfMismatched(where);
        boolean repeated = v.problems().stream().anyMatch(p -> p.kind() == ProblemKind.CHECKSUMS_REPEATED);
        if (!repeated) checker.throwIfChecksumsDisagree(where, v.summary().counts(), v.summary().checksums());
        for (Verification.Problem p : v.problems()) {
            if (p.kind() == ProblemKind.DUPLICATE_ID) {
                String first = idOf(p.examples());
                throw new ImportException(ImportException.Reason.DUPLICATE_ID, where + " failed, nothing was changed: " + p.count()
                        + " items reuse an id of an earlier item (first: '" + first + "'), the file is damaged",
                        List.of(p.count() + " duplicate ids, first '" + first + "'"));
            }
        }
        long dangling = 0;
        String first = null;
        for (Verification.Problem p : v.problems()) {
            if (p.kind() == ProblemKind.DANGLING_OWNERSHIP || p.kind() == ProblemKind.DANGLING_ROLE_PLAYER) {
                dangling += p.count();
                if (first == null) first = idOf(p.examples());
            }
        }
        if (dangling > 0) {
            throw new ImportException(ImportException.Reason.DANGLING_REFERENCE, where + " failed, nothing was changed: " + dangling
                    + " ownerships or role players refer to ids the file does not contain (first: '" + first + "'), the file is incomplete",
                    List.of(dangling + " dangling references, first '" + first + "'"));
        }
        List<String> violations = new ArrayList<>();
        long regex = checker.regexViolations(violations);
        checker.throwIfViolated(where, regex, violations, false);
    }

    /** The id an example of {@link Verification} starts with ("V12 (items 3, 9)"). */
    private static String idOf(List<String> examples) {
        if (examples.isEmpty()) return "?";
        String e = examples.get(0);
        int space = e.indexOf(" (");
        return space < 0 ? e : e.substring(0, space);
    }

    /** One kind of alike items and how many the file has. */
    private static final class Shape {
        final long hash;
        final int tag;
        final byte[] label;
        final byte[] role;
        long count;
        /** For string attributes of a type with a regex: that type, and its regex, which values are matched with one by one. */
        String regexType;
        Pattern regex;
        long regexViolations;

        Shape(long hash, int tag, byte[] label, byte[] role) {
            this.hash = hash;
            this.tag = tag;
            this.label = label;
            this.role = role;
        }

        boolean is(int tag, Slice label, Slice role) {
            return this.tag == tag && label.contentEquals(this.label) && (role == null ? this.role == null : role.contentEquals(this.role));
        }

        boolean is(Shape other) {
            return tag == other.tag && Arrays.equals(label, other.label) && Arrays.equals(role, other.role);
        }
    }

    /**
     * Counts items by shape while one stretch of the file is scanned (one instance per thread), then
     * replays each shape once through the importer's checks.
     */
    private final class Shapes {
        private final Importer checker;
        private final Map<Long, Shape> byHash = new HashMap<>();
        private final List<Shape> inOrder = new ArrayList<>();
        private boolean full;
        /**
         * Whether some shapes were counted in one half of the file only: a half whose table filled
         * up did not count the other half's shapes that it had not seen, so no count can be trusted.
         */
        private boolean partial;

        Shapes(Importer checker) {
            this.checker = checker;
        }

        void count(ItemScanner s) {
            if ((s.itemIndex() & 8191) == 0 && Thread.currentThread().isInterrupted()) {
                throw new CancellationException("import cancelled, nothing was changed");
            }
            ItemKind kind = s.kind();
            if (!kind.isThing()) return;
            Slice label = s.label();
            int tag = kind.ordinal() << 8 | s.valueKind().ordinal() << 1
                    | (s.valueKind() == ValueKind.DOUBLE && Double.isNaN(s.doubleValue()) ? 1 : 0);
            Shape shape = shape(tag, label, null);
            if (shape == null) return;
            shape.count++;
            if (shape.regex != null && !shape.regex.matcher(s.stringValue().toString()).matches()) {
                shape.regexViolations++;
                if (!checker.skipsValidation()) doom();
            }
            if (kind == ItemKind.RELATION) {
                for (int r = 0, n = s.roleCount(); r < n; r++) {
                    Shape role = shape(ROLE, label, s.roleLabel(r));
                    if (role != null) role.count++;
                }
            }
        }

        private Shape shape(int tag, Slice label, Slice role) {
            long h = label.hash64() * 31 + tag;
            if (role != null) h = h * 0x9E3779B97F4A7C15L ^ role.hash64();
            for (long k = h; ; k++) {
                Shape found = byHash.get(k);
                if (found == null) break;
                if (found.is(tag, label, role)) return found;
            }
            if (full || inOrder.size() >= MAX_SHAPES) {
                full = true;
                return null;
            }
            Shape created = new Shape(h, tag, label.toByteArray(), role == null ? null : role.toByteArray());
            if (!fits(created)) doom();
            insert(created);
            return created;
        }

        private void insert(Shape shape) {
            long k = shape.hash;
            while (byHash.containsKey(k)) k++;
            byHash.put(k, shape);
            inOrder.add(shape);
        }

        /**
         * Whether a new shape's items fit the schema, recording nothing (the replay records); an
         * attribute shape of a type with a regex gets the regex its values are matched with.
         */
        private boolean fits(Shape shape) {
            String label = text(shape.label);
            if (shape.tag == ROLE) {
                ThingType relation = checker.typeIfFits(label, TypeKind.RELATION);
                return checker.roleFitsQuietly(relation, text(shape.role)); // a misfit relation (null) dooms on its own
            }
            TypeKind kind = kindOf(ItemKind.values()[shape.tag >> 8]);
            ThingType t = checker.typeIfFits(label, kind);
            if (t == null) return false;
            if (kind != TypeKind.ATTRIBUTE) return true;
            ValueKind vk = ValueKind.values()[(shape.tag >> 1) & 0x7f];
            if (!Importer.valueFitsQuietly(valueType(vk), (shape.tag & 1) == 1, checker.valueType(t.label()))) return false;
            if (vk == ValueKind.STRING) {
                shape.regex = checker.regex(t.label());
                if (shape.regex != null) shape.regexType = t.label();
            }
            return true;
        }

        /** Adds the shapes a later stretch of the file counted, after this one's: the order stays that of the whole file. */
        void addAll(Shapes later) {
            if (later.inOrder.isEmpty()) return;
            partial = full || later.full;
            for (Shape shape : later.inOrder) {
                Shape same = null;
                for (long k = shape.hash; same == null; k++) {
                    Shape found = byHash.get(k);
                    if (found == null) break;
                    if (found.is(shape)) same = found;
                }
                if (same == null) {
                    insert(shape);
                } else {
                    same.count += shape.count;
                    same.regexViolations += shape.regexViolations;
                }
            }
        }

        /** Each shape once through the importer's checks, weighted by its count, in the order the file first had it. */
        void replay() {
            if (partial) return; // the write pass checks every item itself
            for (Shape shape : inOrder) {
                String label = text(shape.label);
                if (shape.tag == ROLE) {
                    checker.roleFits(checker.typeIfFits(label, TypeKind.RELATION), text(shape.role), shape.count);
                    continue;
                }
                TypeKind kind = kindOf(ItemKind.values()[shape.tag >> 8]);
                ThingType t = checker.type(label, kind, shape.count);
                if (t == null || kind != TypeKind.ATTRIBUTE) continue;
                ValueKind vk = ValueKind.values()[(shape.tag >> 1) & 0x7f];
                checker.valueFits(valueType(vk), (shape.tag & 1) == 1, checker.valueType(t.label()), t.label(), shape.count);
                if (shape.regexViolations > 0) checker.countRegexViolations(shape.regexType, shape.regexViolations);
            }
        }

        private static String text(byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }

        private static TypeKind kindOf(ItemKind k) {
            return switch (k) {
                case ENTITY -> TypeKind.ENTITY;
                case ATTRIBUTE -> TypeKind.ATTRIBUTE;
                case RELATION -> TypeKind.RELATION;
                default -> throw new IllegalArgumentException("not a thing: " + k);
            };
        }

        private static ValueType valueType(ValueKind k) {
            return switch (k) {
                case STRING -> ValueType.STRING;
                case BOOLEAN -> ValueType.BOOLEAN;
                case LONG -> ValueType.LONG;
                case DOUBLE -> ValueType.DOUBLE;
                case DATETIME -> ValueType.DATETIME;
                case NONE -> null;
            };
        }
    }
}
