package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;

import java.util.ArrayList;
import java.util.List;

@Parameters(commandNames = "delete", commandDescription = "Delete an embedded keyspace, schema and data (needs --yes)")
final class DeleteCommand implements Command {

    @Parameter(description = "<keyspace>")
    List<String> args = new ArrayList<>();

    @Parameter(names = "--yes", description = "Confirm: the keyspace and all its data are deleted")
    boolean yes;

    @ParametersDelegate
    DataOptions data = new DataOptions();

    @ParametersDelegate
    CommonOptions common = new CommonOptions();

    @Override
    public int run(CommandContext ctx) {
        String keyspace = Embedded.keyspace(args, "delete");
        if (args.size() > 1) throw new UsageException("delete takes one keyspace, got " + args.size() + " arguments");
        if (!yes) throw new UsageException("delete removes keyspace " + keyspace + " with all its data; add --yes to confirm");
        Embedded.keyspaces(ctx, data).delete(keyspace);
        ctx.out().println("deleted keyspace " + keyspace);
        return 0;
    }

    @Override
    public String interruptedLine() {
        return "interrupted, keyspace unchanged";
    }
}
