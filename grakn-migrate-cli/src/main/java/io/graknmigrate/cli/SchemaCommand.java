package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;

import java.util.ArrayList;
import java.util.List;

@Parameters(commandNames = "schema", commandDescription = "Print a keyspace's schema as one Graql define query, as Grakn 1.8 prints it")
final class SchemaCommand extends KeyspaceCommand {

    @Parameter(description = "<keyspace>")
    List<String> args = new ArrayList<>();

    @ParametersDelegate
    ServerOptions server = new ServerOptions();

    @Override
    public int run(CommandContext ctx) throws java.io.IOException {
        String keyspace = Embedded.keyspace(args, "schema");
        if (args.size() > 1) throw new UsageException("schema takes one keyspace, got " + args.size() + " arguments");
        if (server.remote()) return Remote.schema(ctx, server, keyspace);
        ctx.out().print(keyspaces(ctx).schema(keyspace));
        return 0;
    }
}
