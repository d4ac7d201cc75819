package io.graknmigrate.cli;

import io.graknmigrate.format.ScanProgress;
import io.graknmigrate.progress.ProgressListener;

import java.nio.file.Files;
import java.nio.file.Path;

/** Shared handling of file arguments for the file tools: {@code -} for stdin/stdout, checks, progress. */
final class FileArguments {

    static final String STDIN_NAME = "<stdin>";
    static final String STDOUT_NAME = "<stdout>";

    private FileArguments() { }

    static boolean isDash(String argument) {
        return "-".equals(argument);
    }

    /** Resolves an input file and fails with one clear line when it cannot be read. */
    static Path input(CommandContext ctx, String argument) {
        Path path = ctx.path(argument);
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException(argument + ": is a directory, give a file");
        }
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(argument + ": no such file, check the path");
        }
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException(argument + ": permission denied, check the file's permissions");
        }
        return path;
    }

    /** Resolves an output file; its directory must exist. */
    static Path output(CommandContext ctx, String argument) {
        Path path = ctx.path(argument);
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException(argument + ": is a directory, give a file name");
        }
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(argument + ": the directory " + dir + " does not exist, create it first");
        }
        return path;
    }

    /** The command's progress display, fed in bytes of the input. */
    static ScanProgress progress(CommandContext ctx) {
        ProgressListener listener = ctx.progress();
        if (listener == ProgressListener.NONE) return ScanProgress.NONE;
        return new ScanProgress() {
            @Override public void start(String task, long totalBytes) { listener.start(task, totalBytes, "bytes"); }
            @Override public void update(long bytes) { listener.update(bytes); }
            @Override public void finish() { listener.finish(); }
        };
    }
}
