package io.graknmigrate.cli;

import io.graknmigrate.format.ProgressListener;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may use of the world: its streams, environment and working directory, and the
 * user's wishes about output. Tests build one around byte-array streams.
 */
public final class CommandContext {

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Path workingDirectory;
    private final boolean verbose;
    private final boolean quiet;
    private final boolean stderrIsTerminal;
    private final Terminals terminals;

    /** Which of the standard streams are terminals. */
    public record Terminals(boolean stdin, boolean stdout, boolean stderr) {
        /** None: pipes and files, as in tests. */
        public static final Terminals NONE = new Terminals(false, false, false);
    }

    public CommandContext(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
                          Path workingDirectory, boolean verbose, boolean quiet, boolean stderrIsTerminal) {
        this(in, out, err, env, workingDirectory, verbose, quiet, new Terminals(false, false, stderrIsTerminal));
    }

    public CommandContext(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
                          Path workingDirectory, boolean verbose, boolean quiet, Terminals terminals) {
        this.terminals = terminals;
        boolean stderrIsTerminal = terminals.stderr();
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = Map.copyOf(env);
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
        this.verbose = verbose;
        this.quiet = quiet;
        this.stderrIsTerminal = stderrIsTerminal;
    }

    /** Standard input, for {@code -} as an input file. */
    public InputStream in() { return in; }

    /** Standard output: results, and the bytes of {@code -} as an output file. */
    public PrintStream out() { return out; }

    /** Standard error: progress, warnings, summaries of work whose output went to stdout. */
    public PrintStream err() { return err; }

    public Map<String, String> env() { return env; }

    public Path workingDirectory() { return workingDirectory; }

    /** A user-given path, resolved against the working directory. */
    public Path path(String userPath) { return workingDirectory.resolve(userPath).normalize(); }

    public boolean verbose() { return verbose; }

    public boolean quiet() { return quiet; }

    /** Which standard streams are terminals. */
    public Terminals terminals() { return terminals; }

    /**
     * Prints a one-line summary on stdout (or stderr when stdout carries data). On a terminal it is
     * wrapped to fit {@link Usage#WIDTH} columns, between its fields ("; " and ", ") and never inside
     * a number; into a pipe or a file it stays one line, for grep and scripts.
     */
    public void summary(PrintStream stream, String line) {
        boolean terminal = stream == err ? terminals.stderr() : terminals.stdout();
        stream.println(terminal ? fit(line, Usage.WIDTH) : line);
    }

    /** The line broken at field boundaries into lines of at most {@code width} columns (continuations indented). */
    static String fit(String line, int width) {
        StringBuilder out = new StringBuilder();
        String rest = line;
        String indent = "";
        while (indent.length() + rest.length() > width) {
            int room = width - indent.length();
            int cut = Math.max(rest.lastIndexOf("; ", room - 1), rest.lastIndexOf(", ", room - 1));
            if (cut <= 0) cut = rest.lastIndexOf(' ', room);
            if (cut <= 0) {
                // one word (a long path) wider than the room: it gets a line of its own, the rest goes on
                cut = rest.indexOf(' ');
                if (cut <= 0) break;
                if (rest.charAt(cut - 1) == ';' || rest.charAt(cut - 1) == ',') cut--;
            }
            out.append(indent).append(rest, 0, cut + (rest.charAt(cut) == ' ' ? 0 : 1)).append('\n');
            rest = rest.substring(cut + 1).stripLeading();
            indent = "  ";
        }
        return out.append(indent).append(rest).toString();
    }

    /** Prints a warning line on stderr ({@code warning: ...}), even when quiet: warnings are not progress. */
    public void warn(String message) { err.println("warning: " + message); }

    /**
     * A progress display for a job: a bar on stderr when stderr is a terminal and the user did not
     * ask for quiet, otherwise nothing (progressbar writes ANSI codes even into files and pipes).
     */
    public ProgressListener progress() {
        if (quiet || !stderrIsTerminal) return ProgressListener.NONE;
        return new TerminalProgress(err);
    }
}
