package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * Grakn's {@code grakn console -k KEYSPACE -f FILE [-f FILE ...]}, the form Grakn's migration
 * documentation and scripts use: each file runs as its own transaction, in order, so a failure
 * leaves the files before it committed (as Grakn's console does) and its own file unapplied.
 */
@Parameters(commandNames = "console", commandDescription = "Grakn's console form: run Graql files into a keyspace, "
        + "each file its own transaction, in order")
@Synopsis("-k <keyspace> -f <file.gql> [-f <file.gql> ...] [--data DIR]")
final class ConsoleCommand extends KeyspaceCommand {

    @Parameter(names = {"-k", "--keyspace"}, placeholder = "KEYSPACE", description = "The keyspace to run the files in (created when absent)")
    String keyspace;

    @Parameter(names = {"-f", "--file"}, placeholder = "FILE.gql", description = "A Graql file to run; repeat for several, each its own transaction")
    List<String> files = new ArrayList<>();

    @Override
    public int run(CommandContext ctx) throws Exception {
        if (keyspace == null) throw new UsageException("give the keyspace with -k: grakn-migrate console -k <keyspace> -f <file.gql>");
        if (files.isEmpty()) {
            throw new UsageException("give the files to run with -f (an interactive console is not available): "
                    + "grakn-migrate console -k " + keyspace + " -f <file.gql>");
        }
        // Each file its own transaction, as the console runs them: the loader says which files stay
        // committed when a later one fails.
        return LoadCommand.load(ctx, this, keyspace(List.of(keyspace), "console"), files, false);
    }
}
