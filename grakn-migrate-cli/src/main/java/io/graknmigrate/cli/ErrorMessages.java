package io.graknmigrate.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Turns any failure into the one line a user sees after {@code error: }. Our own exceptions already
 * carry a full sentence (what, where, what to do); the JDK's file-system exceptions carry little more
 * than a path, so they get the rest here.
 */
final class ErrorMessages {

    private ErrorMessages() { }

    static String describe(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return "out of memory; give Java more heap (GRAKN_MIGRATE_JAVA_OPTS=-Xmx4g) and report the input that caused it";
        }
        if (t instanceof io.graknmigrate.format.OutputRefusedException e) {
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
            String reason = e.getReason() == null ? "file system error" : e.getReason().toLowerCase(java.util.Locale.ROOT);
            if (reason.contains("no space")) reason = "no space left on device, free some space or write elsewhere";
            if (reason.contains("read-only")) reason = "read-only file system, write elsewhere";
            if (reason.contains("is a directory")) reason = "is a directory, give a file there";
            return (e.getFile() == null ? "" : e.getFile() + ": ") + reason;
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return "internal error (" + t.getClass().getSimpleName() + "); rerun with -v and report the stack trace";
        }
        if (t instanceof java.io.IOException && !(t.getClass().getName().startsWith("io.graknmigrate"))) {
            String lower = message.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("no space left")) return "no space left on device (" + message + "), free some space or write elsewhere";
            if (lower.contains("broken pipe")) return "output closed early (broken pipe)";
        }
        return oneLine(message);
    }

    static String oneLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).replaceAll("\\p{Cc}", "?"); // CR, ESC or C1 controls from input would garble the terminal
    }
}
