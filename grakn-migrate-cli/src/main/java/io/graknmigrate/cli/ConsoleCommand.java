package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import io.graknmigrate.schema.Schema;

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
        String name = keyspace(List.of(keyspace), "console");
        List<String> done = new ArrayList<>();
        for (String file : files) {
            try {
                runFile(ctx, name, file);
            } catch (Exception e) {
                if (done.isEmpty()) throw e;
                throw new ConsoleFileException(file, done, e);
            }
            done.add(file);
        }
        return 0;
    }

    /**
     * Runs one file in its own transaction: the one place that decides how a console file runs.
     * Files hold schema ({@code define}) queries, which is what the embedded keyspaces run from
     * Graql; a file of data queries fails with the parser's message naming its line, and leaves
     * the keyspace as the files before it left it.
     */
    private void runFile(CommandContext ctx, String name, String file) throws Exception {
        Schema s = keyspaces(ctx).define(name, Embedded.graql(ctx, List.of(file)), ctx::warn);
        ctx.out().println("ran " + file + " in keyspace " + name + ": the schema now has " + s.types().size() + " types, "
                + s.roles().size() + " roles, " + s.rules().size() + " rules");
    }

    /** A file failed after earlier ones were committed: says which stay applied. */
    static final class ConsoleFileException extends Exception {
        ConsoleFileException(String file, List<String> committed, Exception cause) {
            super(ErrorMessages.describe(cause) + " (" + file + " was not applied; " + String.join(", ", committed)
                    + (committed.size() == 1 ? " was" : " were") + " committed before it, each in its own transaction)", cause);
        }
    }
}
