package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;

/** Options every command accepts, wherever they are written on the command line. */
public final class CommonOptions {

    @Parameter(names = {"-v", "--verbose"}, description = "Show the stack trace of an error")
    public boolean verbose;

    @Parameter(names = {"-q", "--quiet"}, description = "No progress bars")
    public boolean quiet;

    @Parameter(names = {"-h", "--help"}, help = true, description = "Show this command's usage")
    public boolean help;
}
