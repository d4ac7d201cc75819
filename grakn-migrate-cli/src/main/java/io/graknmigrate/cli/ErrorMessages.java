package io.graknmigrate.cli;

import io.graknmigrate.client.ServerException;
import io.graknmigrate.format.GraknFormatException;
import io.graknmigrate.format.OutputRefusedException;
import io.graknmigrate.keyspace.KeyspaceNotFoundException;
import io.graknmigrate.migrate.ImportException;
import io.graknmigrate.migrate.InternalFailureException;
import io.graknmigrate.server.ListenException;

import io.graknmigrate.typedb3.OutDirNotReplaceableException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Turns any failure into the one line a user sees after {@code error: }. Our own exceptions carry a
 * full sentence (what, where, what to do about the data) and a typed reason; the advice that names
 * this tool's commands and options is added here, from that reason, because the library does not know
 * it runs under this command line. The JDK's file-system exceptions carry little more than a path, so
 * they get the rest here.
 */
final class ErrorMessages {

    private ErrorMessages() { }

    static String describe(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return "out of memory; give Java more heap (GRAKN_MIGRATE_JAVA_OPTS=-Xmx4g) and report the input that caused it";
        }
        if (t instanceof OutputRefusedException e) {
            return switch (e.reason()) {
                case EXISTS -> e.getMessage() + "; add --force (-f) to replace it, or choose another name";
                case DATABASE_FILE -> e.getMessage() + "; choose another name, outside the data directory";
            };
        }
        if (t instanceof NoSuchFileException e) {
            return e.getFile() + ": no such file or directory, check the path";
        }
        if (t instanceof AccessDeniedException e) {
            return e.getFile() + ": permission denied, check the file's permissions";
        }
        if (t instanceof NotDirectoryException e) {
            return e.getFile() + ": not a directory, give a directory there";
        }
        if (t instanceof FileAlreadyExistsException e) {
            return e.getFile() + ": already exists, remove it or choose another name";
        }
        if (t instanceof DirectoryNotEmptyException e) {
            return e.getFile() + ": directory is not empty";
        }
        if (t instanceof FileSystemException e) {
            String reason = e.getReason() == null ? "file system error" : e.getReason().toLowerCase(Locale.ROOT);
            if (reason.contains("no space")) reason = "no space left on device, free some space or write elsewhere";
            if (reason.contains("read-only")) reason = "read-only file system, write elsewhere";
            if (reason.contains("is a directory")) reason = "is a directory, give a file there";
            return (e.getFile() == null ? "" : e.getFile() + ": ") + reason;
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return "internal error (" + t.getClass().getSimpleName() + "); rerun with -v and report the stack trace";
        }
        if (t instanceof IOException && !(t.getClass().getName().startsWith("io.graknmigrate"))) {
            String lower = message.toLowerCase(Locale.ROOT);
            if (lower.contains("no space left")) return "no space left on device (" + message + "), free some space or write elsewhere";
            if (lower.contains("broken pipe")) return "output closed early (broken pipe)";
        }
        return oneLine(message) + advice(t);
    }

    /** What to do, in this tool's terms, for a failure whose message says what went wrong. */
    static String advice(Throwable t) {
        if (t instanceof ImportException e) {
            return switch (e.reason()) {
                case CHECKSUM_MISMATCH, DUPLICATE_ID, DANGLING_REFERENCE -> ", check it with `grakn-migrate verify`";
                case SCHEMA_VIOLATION -> ", or import anyway with --skip-validation";
                case KEY_CLASH -> "";
                case KEYS_ALREADY_IN_KEYSPACE -> "; import into a new keyspace, or replace the keyspace's data with --clean";
                case SCHEMA_MISMATCH -> "";
            };
        }
        if (t instanceof OutDirNotReplaceableException e && e.reason() == OutDirNotReplaceableException.Reason.EARLIER_CONVERSION) {
            return "; add --force (-f) to replace them, or choose another directory";
        }
        if (t instanceof KeyspaceNotFoundException e) {
            return ", create it with `grakn-migrate define " + e.keyspace() + " SCHEMA.gql` (or import with --schema SCHEMA.gql),"
                    + " or check the name with `grakn-migrate keyspaces`";
        }
        if (t instanceof GraknFormatException e && e.lookalike() != null) {
            return switch (e.lookalike()) {
                case SQLITE_DATABASE -> " (an embedded keyspace? use it with --data)";
                case JSON -> " (if it is a JSON Lines export, convert it: grakn-migrate convert FILE.jsonl FILE.grakn)";
                default -> "";
            };
        }
        if (t instanceof ServerException e) {
            return switch (e.reason()) {
                case TRUSTED_CA_UNREADABLE, TRUSTED_CA_INVALID -> " (--tls-ca)";
                case UNKNOWN_HOST -> "; check --server";
                case NO_ANSWER, NOT_GRPC -> e.tls() ? "; drop --tls if the server speaks plaintext" : "; add --tls if the server expects TLS";
                case TLS_FAILED -> "; check --tls-ca, or drop --tls if the server speaks plaintext";
                case TIMEOUT -> ", or raise --timeout";
                case SERVER_FILE -> "; give a path on the server's machine with --server-path";
                case CANNOT_CONNECT, SERVER_STATUS -> "";
            };
        }
        if (t instanceof ListenException) return "; choose another --port or --bind";
        if (t instanceof InternalFailureException) return ", rerun with -v and report it";
        return "";
    }

    static String oneLine(String message) {
        int newline = message.indexOf('\n');
        // CR, ESC or C1 controls from input would garble the terminal
        return (newline < 0 ? message : message.substring(0, newline)).replaceAll("\\p{Cc}", "?");
    }
}
