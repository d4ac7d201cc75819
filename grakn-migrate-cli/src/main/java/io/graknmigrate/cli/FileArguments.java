package io.graknmigrate.cli;

import io.graknmigrate.format.Relabel;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Shared handling of file arguments for the file tools: {@code -} for stdin/stdout, checks. */
final class FileArguments {

    static final String STDIN_NAME = "<stdin>";
    static final String STDOUT_NAME = "<stdout>";

    private FileArguments() { }

    static boolean isDash(String argument) {
        return "-".equals(argument);
    }

    /**
     * Standard input as an input file. On a terminal, says that it waits for input: otherwise a
     * command given {@code -} by mistake looks hung.
     */
    static InputStream stdin(CommandContext ctx) {
        if (ctx.terminals().stdin()) ctx.err().println("reading from stdin... (end with Ctrl-D, or give a file name instead of -)");
        return ctx.in();
    }

    /** Refuses to write binary (a .grakn stream) onto a terminal's screen. */
    static void refuseBinaryOnTerminal(CommandContext ctx, String what) {
        if (ctx.terminals().stdout()) {
            throw new UsageException("stdout is a terminal: refusing to write " + what + " (binary) onto the screen; "
                    + "use a file name or a pipe instead of -");
        }
    }

    /** {@code old=new} label mappings given on the command line (import, convert, typedb3), as a usage error when malformed. */
    static Relabel remap(List<String> mappings) {
        try {
            return Relabel.parse(mappings);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The one file argument of a command that reads one file (or - for stdin). */
    static String single(List<String> files, String command) {
        if (files.isEmpty()) throw new UsageException(command + " needs a file to read (or - for stdin)");
        if (files.size() > 1) throw new UsageException(command + " reads one file, got " + files.size() + ": " + String.join(" ", files));
        return files.get(0);
    }

    /** Resolves an input file and fails with one clear line when it cannot be read. */
    static Path input(CommandContext ctx, String argument) {
        Path path = ctx.path(argument);
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException(argument + ": is a directory, give a file");
        }
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(argument + ": no such file or directory, check the path");
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
}
