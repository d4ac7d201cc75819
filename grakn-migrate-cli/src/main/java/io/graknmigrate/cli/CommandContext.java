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

    public CommandContext(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
                          Path workingDirectory, boolean verbose, boolean quiet, boolean stderrIsTerminal) {
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
