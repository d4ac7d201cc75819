package io.graknmigrate.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the command line in-process with captured streams, as a user would from a shell. */
public final class Cli {

    public record Result(int code, byte[] stdout, String stderr) {
        public String out() { return new String(stdout, StandardCharsets.UTF_8); }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out() + "\n--- stderr\n" + stderr;
        }
    }

    private final Path workingDirectory;
    private final Map<String, String> env;
    private CommandContext.Terminals terminals = CommandContext.Terminals.NONE;

    public Cli(Path workingDirectory) {
        this(workingDirectory, Map.of());
    }

    /**
     * A command line with this environment. Tests never reach the real home directory: without
     * {@code HOME} the environment gets one under the working directory, and without any data
     * directory setting the keyspaces go to {@code grakn-data} in the working directory.
     */
    public Cli(Path workingDirectory, Map<String, String> env) {
        this.workingDirectory = workingDirectory;
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("HOME", workingDirectory.resolve("home").toString());
        if (!env.containsKey("GRAKN_MIGRATE_DATA") && !env.containsKey("XDG_DATA_HOME") && !env.containsKey("HOME")) {
            all.put("GRAKN_MIGRATE_DATA", workingDirectory.resolve("grakn-data").toString());
        }
        this.env = Map.copyOf(all);
    }

    /** The same command line, with these standard streams taken for terminals. */
    public Cli onTerminals(CommandContext.Terminals terminals) {
        Cli copy = new Cli(workingDirectory, env);
        copy.terminals = terminals;
        return copy;
    }

    public Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    public Result runWithInput(byte[] stdin, String... args) {
        return runWithInput(new ByteArrayInputStream(stdin), args);
    }

    public Result runWithInput(InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = new Main(stdin, o, e, env, workingDirectory, terminals).run(args);
        o.flush();
        e.flush();
        return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }
}
