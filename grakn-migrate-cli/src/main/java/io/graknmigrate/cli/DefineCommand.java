package io.graknmigrate.cli;

import io.graknmigrate.format.Numbers;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import io.graknmigrate.schema.Schema;

import java.util.ArrayList;
import java.util.List;

@Parameters(commandNames = "define", commandDescription = "Define Graql schema files into an embedded keyspace (created when absent); all or nothing")
final class DefineCommand extends KeyspaceCommand {

    @Parameter(description = "<keyspace> <file.gql>...")
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext ctx) throws Exception {
        String keyspace = Embedded.keyspace(args, "define");
        if (args.size() < 2) throw new UsageException("give at least one Graql file: grakn-migrate define " + keyspace + " <file.gql>...");
        var sources = Embedded.graql(ctx, args.subList(1, args.size()));
        Schema s = keyspaces(ctx).define(keyspace, sources, ctx::warn);
        ctx.summary(ctx.out(), "defined " + String.join(", ", args.subList(1, args.size())) + " in keyspace " + keyspace
                + ": the schema now has " + Numbers.count(s.types().size(), "type", "types") + ", " + Numbers.count(s.roles().size(), "role", "roles")
                + ", " + Numbers.count(s.rules().size(), "rule", "rules"));
        return 0;
    }

    @Override
    public String interruptedLine() {
        return "interrupted, keyspace unchanged";
    }
}
