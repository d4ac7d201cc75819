package io.graknmigrate.cli;

/**
 * One sub-command. Implementations are jcommander parameter objects annotated with
 * {@code @Parameters(commandNames = ...)}; {@link CommandLine} fills their fields, then {@link Main}
 * calls {@link #run}. The common options (-v, -q, -h) are read by {@link CommandLine} for every
 * command; commands that work on embedded keyspaces extend {@link KeyspaceCommand}.
 * Commands never touch {@code System.in/out/err} or call {@code System.exit}: everything they need
 * comes through the {@link CommandContext}, so tests run them in-process.
 */
public interface Command {

    /**
     * Runs the command.
     *
     * @return the exit code: 0 for success, 1 when the command completed but found problems
     * @throws UsageException for argument combinations jcommander cannot check (exit 2)
     * @throws Exception any other failure; {@link Main} turns it into one {@code error:} line (exit 1)
     */
    int run(CommandContext ctx) throws Exception;

    /**
     * The line printed when Ctrl-C or SIGTERM stops the command (exit 130), saying what became of its
     * work; null for a command that handles signals itself ({@code serve}).
     */
    default String interruptedLine() {
        return "interrupted";
    }
}
