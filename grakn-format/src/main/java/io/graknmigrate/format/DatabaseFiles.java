package io.graknmigrate.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Files that belong to an SQLite database, which no output of ours may ever replace: keyspaces live
 * in such files, and a backup written over one destroys it. A file counts by its content (the
 * database header, the write-ahead log's or the rollback journal's magic number), so no spelling of
 * its path (symlinks, {@code ..}, other case, hard links) gets past, and by its name (the database
 * suffixes and SQLite's {@code -wal}, {@code -shm}, {@code -journal} companions, whose shared-memory
 * file has no magic number).
 */
public final class DatabaseFiles {

    private static final byte[] DATABASE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JOURNAL_MAGIC = {(byte) 0xd9, (byte) 0xd5, 0x05, (byte) 0xf9, 0x20, (byte) 0xa1, 0x63, (byte) 0xd7};
    private static final String[] NAME_SUFFIXES = {".sqlite", ".sqlite3", ".db-wal", "-wal", "-shm", "-journal"};

    private DatabaseFiles() { }

    /** Whether a file's name is a database's or a companion's. */
    public static boolean hasDatabaseName(Path path) {
        Path name = path.getFileName();
        if (name == null) return false;
        String lower = name.toString().toLowerCase(Locale.ROOT);
        for (String suffix : NAME_SUFFIXES) if (lower.endsWith(suffix)) return true;
        return false;
    }

    /** Whether an existing file starts like an SQLite database, WAL or rollback journal (false when absent or unreadable). */
    public static boolean hasDatabaseContent(Path path) {
        if (!Files.isRegularFile(path)) return false;
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException | SecurityException e) {
            return false;
        }
        if (n == 16 && Arrays.equals(head, DATABASE_HEADER)) return true;
        if (n >= 4 && head[0] == 0x37 && head[1] == 0x7f && head[2] == 0x06 && (head[3] == (byte) 0x82 || head[3] == (byte) 0x83)) return true;
        return n >= 8 && Arrays.equals(Arrays.copyOf(head, 8), JOURNAL_MAGIC);
    }

    /** Whether {@code path} names a database file or an existing file holds one. */
    public static boolean isDatabaseFile(Path path) {
        return hasDatabaseName(path) || hasDatabaseContent(path);
    }

    /**
     * Checks an output file before it is written or renamed into place.
     *
     * @throws OutputRefusedException when it is a database file, or exists and {@code existing} is {@link ExistingFile#KEEP}
     */
    public static void checkOutput(Path path, String displayName, ExistingFile existing) {
        if (isDatabaseFile(path)) throw new OutputRefusedException(OutputRefusedException.Reason.DATABASE_FILE, path, displayName);
        if (existing == ExistingFile.KEEP && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputRefusedException(OutputRefusedException.Reason.EXISTS, path, displayName);
        }
    }
}
