package io.graknmigrate.typedb3;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the output files into a temporary directory and moves them into place only on
 * {@link #commit()}. A missing out-dir is created by renaming the whole temporary directory; an
 * existing one gets each file renamed over the old one. Nothing is left behind on failure.
 */
final class OutputStaging implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final boolean targetExisted;
    private final io.graknmigrate.format.ExistingFile existing;
    private final List<String> files = new ArrayList<>();
    private boolean committed;

    private OutputStaging(Path target, Path temp, boolean targetExisted, io.graknmigrate.format.ExistingFile existing) {
        this.existing = existing;
        this.target = target;
        this.temp = temp;
        this.targetExisted = targetExisted;
    }

    static OutputStaging open(Path outDir) throws IOException {
        return open(outDir, io.graknmigrate.format.ExistingFile.REPLACE, List.of());
    }

    /**
     * As {@link #open(Path)}; with {@link io.graknmigrate.format.ExistingFile#KEEP}, any of
     * {@code names} already in the out-dir is refused now, before any work, and again on commit.
     */
    static OutputStaging open(Path outDir, io.graknmigrate.format.ExistingFile existing, List<String> names) throws IOException {
        Path target = outDir.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IOException(target + ": exists and is not a directory, give a directory for the output");
        }
        boolean existed = Files.isDirectory(target);
        if (existed) for (String name : names) refuseExisting(target.resolve(name), existing);
        Path parent = existed ? target : target.getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".typedb3-tmp-");
        if (!existed) {
            // the temporary directory becomes the out-dir: give it ordinary permissions, not 0700
            try {
                Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
        }
        return new OutputStaging(target, temp, existed, existing);
    }

    Path directory() { return temp; }

    /** A final output file (moved into the out-dir on commit). */
    Path file(String name) {
        files.add(name);
        return temp.resolve(name);
    }

    /** A scratch file, deleted with the temporary directory. */
    Path temp(String name) { return temp.resolve(name); }

    void commit() throws IOException {
        for (Path p : list(temp)) if (!files.contains(p.getFileName().toString())) Files.deleteIfExists(p);
        if (!targetExisted) {
            move(temp, target);
        } else {
            for (String name : files) refuseExisting(target.resolve(name), existing);
            for (String name : files) move(temp.resolve(name), target.resolve(name));
            Files.deleteIfExists(temp);
        }
        committed = true;
    }

    private static void refuseExisting(Path file, io.graknmigrate.format.ExistingFile existing) {
        if (existing == io.graknmigrate.format.ExistingFile.KEEP && Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new io.graknmigrate.format.OutputRefusedException(io.graknmigrate.format.OutputRefusedException.Reason.EXISTS, file, file.toString());
        }
    }

    private static void move(Path from, Path to) throws IOException {
        // An out-dir may be anywhere the user names, the data directory included: never over a database file.
        if (io.graknmigrate.format.DatabaseFiles.isDatabaseFile(to)) {
            throw new io.graknmigrate.format.OutputRefusedException(io.graknmigrate.format.OutputRefusedException.Reason.DATABASE_FILE, to, to.toString());
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
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

    @Override
    public void close() throws IOException {
        if (committed && !Files.exists(temp)) return;
        for (Path p : list(temp)) Files.deleteIfExists(p);
        Files.deleteIfExists(temp);
    }
}
