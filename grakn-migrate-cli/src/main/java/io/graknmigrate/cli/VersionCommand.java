package io.graknmigrate.cli;

import com.beust.jcommander.Parameters;

@Parameters(commandNames = "version", commandDescription = "Print the version of grakn-migrate and the commit it was built from")
final class VersionCommand implements Command {

    @Override
    public int run(CommandContext ctx) {
        ctx.out().println("grakn-migrate " + Main.versionAndCommit());
        return 0;
    }
}
