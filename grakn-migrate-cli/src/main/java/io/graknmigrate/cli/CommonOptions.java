package io.graknmigrate.cli;

import java.util.List;

/**
 * The options every command accepts, before or after the command name: {@code -v/--verbose},
 * {@code -q/--quiet} (Grakn's {@code --no-anim} means the same) and {@code -h/--help}. The command
 * line reads them itself, so a command's own option model never declares them.
 */
public final class CommonOptions {

    /** Each common option's names, first the short one; {@link Usage} lists them from here. */
    static final List<List<String>> NAMES = List.of(
            List.of("-v", "--verbose"),
            List.of("-q", "--quiet", "--no-anim"),
            List.of("-h", "--help"));

    /** What each common option does, in the order of {@link #NAMES}. */
    static final List<String> DESCRIPTIONS = List.of(
            "Show the stack trace of an error",
            "No progress bars (--no-anim is Grakn's spelling)",
            "Show this command's usage");

    /** Show the stack trace of an error. */
    public boolean verbose;

    /** No progress display. */
    public boolean quiet;

    /** Print the usage instead of running. */
    public boolean help;

    /**
     * Takes the argument when it is one of the common options.
     *
     * @return whether the argument was a common option
     */
    boolean accept(String argument) {
        switch (argument) {
            case "-v", "--verbose" -> verbose = true;
            case "-q", "--quiet", "--no-anim" -> quiet = true;
            case "-h", "--help" -> help = true;
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Whether the name is one of the common options. */
    static boolean isCommon(String name) {
        return NAMES.stream().anyMatch(n -> n.contains(name));
    }
}
