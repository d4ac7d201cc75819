package io.graknmigrate.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;

@Parameters(commandNames = "version", commandDescription = "Print the version of grakn-migrate")
final class VersionCommand implements Command {

    @ParametersDelegate
    CommonOptions common = new CommonOptions();

    @Override
    public int run(CommandContext ctx) {
        ctx.out().println("grakn-migrate " + Main.version());
        return 0;
    }
}
