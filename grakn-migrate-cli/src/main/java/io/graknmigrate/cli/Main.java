package io.graknmigrate.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterException;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParametersDelegate;
import io.graknmigrate.embedded.Version;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code grakn-migrate} command line. Registers one class per command, parses with jcommander,
 * runs the chosen command and turns every failure into one {@code error:} line and an exit code:
 * 0 success, 1 failure or problems found, 2 wrong usage. {@code -v} adds the stack trace.
 */
public final class Main {

    public static final String TTY_PROPERTY = "graknmigrate.tty";

    /** Options given before the command name. */
    static final class GlobalOptions {
        @ParametersDelegate
        CommonOptions common = new CommonOptions();

        @Parameter(names = "--version", description = "Print the version and exit")
        boolean version;
    }

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Path workingDirectory;
    private final boolean stderrIsTerminal;
    /** Whether this run owns the process and so handles Ctrl-C/SIGTERM (not when a test runs it in-process). */
    private boolean handlesSignals;
    private Interruption interruption;
    private boolean completed;

    public Main(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
                Path workingDirectory, boolean stderrIsTerminal) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
        this.workingDirectory = workingDirectory;
        this.stderrIsTerminal = stderrIsTerminal;
    }

    public static void main(String[] args) {
        boolean tty = System.getProperty(TTY_PROPERTY) != null
                ? Boolean.getBoolean(TTY_PROPERTY)
                : System.console() != null;
        PrintStream out = StandardOutput.open();
        Main main = new Main(System.in, out, System.err, System.getenv(), Path.of(""), tty);
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
        commands.add(new VersionCommand());
        return commands;
    }

    public int run(String... args) {
        GlobalOptions global = new GlobalOptions();
        JCommander jc = JCommander.newBuilder().programName("grakn-migrate").addObject(global).build();
        jc.setUsageFormatter(new com.beust.jcommander.UnixStyleUsageFormatter(jc));
        for (Command command : commands()) jc.addCommand(command);

        boolean verbose = containsVerbose(args);
        Command command = null;
        try {
            jc.parse(args);
            if (global.version) {
                out.println("grakn-migrate " + version());
                return 0;
            }
            String name = jc.getParsedCommand();
            if (name == null) {
                if (global.common.help) {
                    out.print(usage(jc, null));
                    return 0;
                }
                err.println("error: no command given, name one of the commands below");
                err.print(usage(jc, null));
                return 2;
            }
            JCommander sub = jc.getCommands().get(name);
            command = (Command) sub.getObjects().get(0);
            CommonOptions own = commonOf(command);
            if (global.common.help || (own != null && own.help)) {
                out.print(usage(jc, name));
                return 0;
            }
            boolean quiet = global.common.quiet || (own != null && own.quiet);
            verbose = verbose || global.common.verbose || (own != null && own.verbose);
            CommandContext ctx = new CommandContext(in, out, err, env, workingDirectory, verbose, quiet, stderrIsTerminal);
            if (handlesSignals && command.interruptedLine() != null) {
                interruption = Interruption.install(Thread.currentThread(), err, command.interruptedLine());
            }
            int code = command.run(ctx);
            out.flush();
            // A stream other than ours (a caller's PrintStream) only reports failed writes here.
            if (out.checkError()) throw new StandardOutput.OutputFailedException(FileArguments.STDOUT_NAME + ": cannot write; the output is incomplete");
            completed = true;
            return code;
        } catch (ParameterException e) {
            String name = jc.getParsedCommand();
            err.println("error: " + ErrorMessages.oneLine(e.getMessage()));
            if (verbose) e.printStackTrace(err);
            err.print(usage(jc, name));
            return 2;
        } catch (UsageException e) {
            err.println("error: " + ErrorMessages.oneLine(e.getMessage()));
            if (verbose) e.printStackTrace(err);
            err.print(usage(jc, jc.getParsedCommand()));
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
        while ((t instanceof UncheckedIOException || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException) && t.getCause() != null) {
            if (t instanceof UncheckedIOException u && !(u.getCause() instanceof java.nio.file.FileSystemException) && !String.valueOf(u.getCause()).equals(u.getMessage())) break; // its own message names the file
            t = t.getCause();
        }
        return t;
    }

    private static boolean containsVerbose(String[] args) {
        for (String a : args) if (a.equals("-v") || a.equals("--verbose")) return true;
        return false;
    }

    private static CommonOptions commonOf(Command command) {
        for (Class<?> c = command.getClass(); c != null; c = c.getSuperclass()) {
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                if (f.getType() == CommonOptions.class) {
                    try {
                        f.setAccessible(true);
                        return (CommonOptions) f.get(command);
                    } catch (IllegalAccessException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    private static String usage(JCommander jc, String command) {
        StringBuilder sb = new StringBuilder();
        if (command != null) {
            jc.getUsageFormatter().usage(command, sb);
            return sb.toString();
        }
        // The top-level usage lists commands only; each command's options are one --help away.
        sb.append("Usage: grakn-migrate [-v] [-q] <command> [options] [arguments]\n\nCommands:\n");
        int width = 0;
        for (String name : jc.getCommands().keySet()) width = Math.max(width, name.length());
        for (var e : jc.getCommands().entrySet()) {
            String description = jc.getUsageFormatter().getCommandDescription(e.getKey());
            sb.append("  ").append(String.format("%-" + width + "s", e.getKey()))
              .append("  ").append(description == null ? "" : description).append('\n');
        }
        sb.append("\nOptions: -v/--verbose shows stack traces, -q/--quiet hides progress bars, --version.\n")
          .append("Run 'grakn-migrate <command> --help' for a command's options; docs/cli.md has the details.\n");
        return sb.toString();
    }

    static String version() {
        return Version.get();
    }
}
