package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;

import java.util.ArrayList;
import java.util.List;

@Parameters(commandNames = "schema", commandDescription = "Print a keyspace's schema as one Graql define query, as Grakn 1.8 prints it")
final class SchemaCommand implements Command {

    @Parameter(description = "<keyspace>")
    List<String> args = new ArrayList<>();

    @ParametersDelegate
    DataOptions data = new DataOptions();

    @ParametersDelegate
    CommonOptions common = new CommonOptions();

    @Override
    public int run(CommandContext ctx) {
        String keyspace = Embedded.keyspace(args, "schema");
        if (args.size() > 1) throw new UsageException("schema takes one keyspace, got " + args.size() + " arguments");
        ctx.out().print(Embedded.keyspaces(ctx, data).schema(keyspace));
        return 0;
    }
}
