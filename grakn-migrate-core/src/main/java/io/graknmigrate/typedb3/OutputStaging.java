package io.graknmigrate.typedb3;

import io.graknmigrate.format.DatabaseFiles;
import io.graknmigrate.format.OutputRefusedException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one place where the converter's output reaches the user's out-dir. Everything is built in a
 * new directory next to the out-dir; {@link #commit()} renames it over the out-dir, so the three
 * files always come from one run: a crash or a full disk leaves the old out-dir as it was (and at
 * worst a hidden {@code .NAME.typedb3-*} directory beside it), never a mix. An existing out-dir is
 * replaced only when it is empty or holds nothing but a previous conversion's files, and only when
 * {@code replaceExisting} allows it; it is moved aside first and deleted once the new one is in place.
 */
final class OutputStaging implements AutoCloseable {

    /** The files a conversion writes; an out-dir holding anything else is not ours to replace. */
    static final Set<String> OUTPUTS = Set.of("schema.tql", "data.typedb", "report.md");

    private final Path target;
    private final Path temp;
    private final List<String> files = new ArrayList<>();
    private boolean committed;

    private OutputStaging(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /**
     * Opens a staging directory for {@code outDir}, refusing at once an out-dir it could not replace.
     *
     * @param replaceExisting whether an out-dir holding a previous conversion may be replaced
     */
    static OutputStaging open(Path outDir, boolean replaceExisting) throws IOException {
        Path target = outDir.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists and is not a directory, give a directory for the output");
        }
        // An out-dir may be anywhere the user names, the data directory included: never a database file.
        for (String name : OUTPUTS) {
            if (DatabaseFiles.isDatabaseFile(target.resolve(name))) {
                throw new OutputRefusedException(OutputRefusedException.Reason.DATABASE_FILE, target.resolve(name), target.resolve(name).toString());
            }
        }
        if (Files.isDirectory(target)) checkReplaceable(target, replaceExisting);
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".typedb3-new-");
        try {
            // the directory becomes the out-dir: give it ordinary permissions, not 0700
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        return new OutputStaging(target, temp);
    }

    private static void checkReplaceable(Path target, boolean replaceExisting) throws IOException {
        List<Path> present = list(target);
        if (present.isEmpty()) return;
        for (Path p : present) {
            if (!OUTPUTS.contains(p.getFileName().toString()) || !Files.isRegularFile(p)) {
                throw new OutDirNotReplaceableException(target, OutDirNotReplaceableException.Reason.FOREIGN_FILES, "holds " + p.getFileName()
                        + ", which is not a typedb3 output; give a new or empty directory");
            }
        }
        if (!replaceExisting) {
            List<String> names = present.stream().map(p -> p.getFileName().toString()).sorted().toList();
            throw new OutDirNotReplaceableException(target, OutDirNotReplaceableException.Reason.EARLIER_CONVERSION,
                    "holds the files of an earlier conversion (" + String.join(", ", names) + "), which were left as they are");
        }
    }

    Path directory() { return temp; }

    /** A final output file (part of the out-dir on commit). */
    Path file(String name) {
        files.add(name);
        return temp.resolve(name);
    }

    /** A scratch file, deleted before the commit. */
    Path temp(String name) { return temp.resolve(name); }

    /** Puts the new out-dir in place: the staging directory, holding only the final files, is renamed over it. */
    void commit() throws IOException {
        for (Path p : list(temp)) if (!files.contains(p.getFileName().toString())) Files.deleteIfExists(p);
        Path old = null;
        if (Files.isDirectory(target)) {
            old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".typedb3-old-");
            Files.delete(old);
            move(target, old);
        }
        try {
            move(temp, target);
        } catch (IOException e) {
            if (old != null) move(old, target);
            throw e;
        }
        committed = true;
        if (old != null) deleteTree(old);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> l = new ArrayList<>();
        if (!Files.isDirectory(dir)) return l;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) l.add(p);
        }
        return l;
    }

    private static void deleteTree(Path dir) throws IOException {
        for (Path p : list(dir)) Files.deleteIfExists(p);
        Files.deleteIfExists(dir);
    }

    @Override
    public void close() throws IOException {
        if (!committed) deleteTree(temp);
    }
}
