package io.graknmigrate.cli;

import io.graknmigrate.embedded.Version;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The {@code grakn-migrate} command line. Registers one class per command, parses with
 * {@link CommandLine}, runs the chosen command and turns every failure into one {@code error:} line and an exit code:
 * 0 success, 1 failure or problems found, 2 wrong usage. {@code -v} adds the stack trace.
 */
public final class Main {

    public static final String TTY_PROPERTY = "graknmigrate.tty";

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Path workingDirectory;
    private final CommandContext.Terminals terminals;
    /** Whether this run owns the process and so handles Ctrl-C/SIGTERM (not when a test runs it in-process). */
    private boolean handlesSignals;
    private Interruption interruption;
    private boolean completed;

    public Main(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
                Path workingDirectory, boolean stderrIsTerminal) {
        this(in, out, err, env, workingDirectory, new CommandContext.Terminals(false, false, stderrIsTerminal));
    }

    public Main(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
                Path workingDirectory, CommandContext.Terminals terminals) {
        this.terminals = terminals;
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
        this.workingDirectory = workingDirectory;
    }

    public static void main(String[] args) {
        // The launcher says which streams are terminals; without it, a console means stdin and stdout are.
        boolean console = System.console() != null;
        CommandContext.Terminals terminals = new CommandContext.Terminals(flag(TTY_PROPERTY + ".stdin", console),
                flag(TTY_PROPERTY + ".stdout", console), flag(TTY_PROPERTY, console));
        PrintStream out = StandardOutput.open();
        Main main = new Main(System.in, out, System.err, System.getenv(), Path.of(""), terminals);
        main.handlesSignals = true;
        int code = main.run(args);
        try {
            out.flush(); // what --help and --version printed
        } catch (StandardOutput.OutputFailedException e) {
            if (code == 0) {
                System.err.println("error: " + e.getMessage());
                code = 1;
            } // else the failure was reported already
        }
        if (main.interruption != null) main.interruption.finish(code, main.completed);
        System.exit(code);
    }

    private static boolean flag(String property, boolean otherwise) {
        String value = System.getProperty(property);
        return value == null ? otherwise : Boolean.parseBoolean(value);
    }

    /** The commands, in the order the usage lists them. One new instance per run. */
    static List<Command> commands() {
        List<Command> commands = new ArrayList<>();
        // Registration list: one line per command.
        commands.add(new ImportCommand());
        commands.add(new ExportCommand());
        commands.add(new VerifyCommand());
        commands.add(new DiffCommand());
        commands.add(new InspectCommand());
        commands.add(new ConvertCommand());
        commands.add(new DefineCommand());
        commands.add(new LoadCommand());
        commands.add(new SchemaCommand());
        commands.add(new QueryCommand());
        commands.add(new KeyspacesCommand());
        commands.add(new DeleteCommand());
        commands.add(new Typedb3Command());
        commands.add(new ServeCommand());
        commands.add(new ConsoleCommand());
        commands.add(new CompletionCommand());
        commands.add(new VersionCommand());
        return commands;
    }

    /**
     * Runs one command line.
     *
     * @return the exit code: 0 done, 1 failed or problems found, 2 wrong usage
     */
    public int run(String... args) {
        CommandLine line = new CommandLine(commands());
        boolean verbose = containsVerbose(args);
        try {
            line.parse(args);
            CommonOptions common = line.common();
            if (line.version()) {
                out.println("grakn-migrate " + versionAndCommit());
                return 0;
            }
            String name = line.commandName();
            if (name == null) {
                if (common.help) {
                    out.print(Usage.commands(line.commands()));
                    return 0;
                }
                err.println("error: no command given, name one of the commands below");
                err.print(Usage.commands(line.commands()));
                return 2;
            }
            if (common.help) {
                out.print(Usage.help(name, line.commands().get(name)));
                return 0;
            }
            verbose = verbose || common.verbose;
            CommandContext ctx = new CommandContext(in, out, err, env, workingDirectory, verbose, common.quiet, terminals);
            Command command = line.command();
            if (handlesSignals && command.interruptedLine() != null) {
                interruption = Interruption.install(Thread.currentThread(), err, command.interruptedLine());
            }
            int code = command.run(ctx);
            out.flush();
            // A stream other than ours (a caller's PrintStream) only reports failed writes here.
            if (out.checkError()) throw new StandardOutput.OutputFailedException(FileArguments.STDOUT_NAME + ": cannot write; the output is incomplete");
            completed = true;
            return code;
        } catch (UsageException e) {
            err.println("error: " + ErrorMessages.oneLine(String.valueOf(e.getMessage())));
            if (verbose) e.printStackTrace(err);
            String name = line.commandName();
            err.print(name == null ? Usage.BRIEF : Usage.brief(name, line.commands().get(name)));
            return 2;
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            if (interruption != null && interruption.requested()) {
                if (verbose) e.printStackTrace(err);
                return Interruption.EXIT_CODE; // the signal's own line says what happened
            }
            Throwable cause = unwrap(e);
            try {
                out.flush();
            } catch (StandardOutput.OutputFailedException ignored) {
                // the failure being reported is the one to show
            }
            err.println("error: " + ErrorMessages.describe(cause));
            if (verbose) e.printStackTrace(err);
            return 1;
        }
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof UncheckedIOException || t instanceof ExecutionException
                || t instanceof CompletionException) && t.getCause() != null) {
            // an UncheckedIOException whose own message names the file is the one to show
            if (t instanceof UncheckedIOException u && !(u.getCause() instanceof FileSystemException)
                    && !String.valueOf(u.getCause()).equals(u.getMessage())) {
                break;
            }
            t = t.getCause();
        }
        return t;
    }

    private static boolean containsVerbose(String[] args) {
        for (String a : args) if (a.equals("-v") || a.equals("--verbose")) return true;
        return false;
    }

    /** The project version, as export headers name this tool: {@code 0.1.0}. */
    static String version() {
        return Version.get();
    }

    /** The version and the commit the jar was built from, when known: {@code 0.1.0 (commit 1a2b3c4d5e6f)}. */
    static String versionAndCommit() {
        String commit = Version.commit();
        return commit.equals("unknown") ? version() : version() + " (commit " + commit + ")";
    }
}
