package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;

import java.util.ArrayList;
import java.util.List;

@Parameters(commandNames = "delete", commandDescription = "Delete an embedded keyspace, schema and data (needs --yes)")
final class DeleteCommand extends KeyspaceCommand {

    @Parameter(description = "<keyspace>")
    List<String> args = new ArrayList<>();

    @Parameter(names = "--yes", description = "Confirm: the keyspace and all its data are deleted")
    boolean yes;

    @Override
    public int run(CommandContext ctx) {
        String keyspace = Embedded.keyspace(args, "delete");
        if (args.size() > 1) throw new UsageException("delete takes one keyspace, got " + args.size() + " arguments");
        if (!yes) throw new UsageException("delete removes keyspace " + keyspace + " with all its data; add --yes to confirm");
        keyspaces(ctx).delete(keyspace);
        ctx.out().println("deleted keyspace " + keyspace);
        return 0;
    }

    @Override
    public String interruptedLine() {
        return "interrupted, keyspace unchanged";
    }
}
