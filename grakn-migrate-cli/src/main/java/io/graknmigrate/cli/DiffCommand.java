package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import io.graknmigrate.diff.DiffInput;
import io.graknmigrate.diff.DiffResult;
import io.graknmigrate.diff.GraphDiff;
import io.graknmigrate.format.Relabel;
import io.graknmigrate.keyspace.KeyspaceName;
import io.graknmigrate.embedded.EmbeddedKeyspaces;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Parameters(commandNames = "diff", commandDescription = "Compare two graphs, ids aside: .grakn files (- for stdin) or keyspace:NAME; exit 0 equal, 1 different")
final class DiffCommand extends KeyspaceCommand {

    static final String KEYSPACE_PREFIX = "keyspace:";

    @Parameter(description = "<a> <b> [old=new ...]")
    List<String> arguments = new ArrayList<>();

    @Parameter(names = "--json", description = "Print one JSON object instead of a report")
    boolean json;

    @Parameter(names = "--limit", placeholder = "N", description = "Examples shown of the things only in a and of those only in b")
    int limit = GraphDiff.DEFAULT_LIMIT;

    @Override
    public int run(CommandContext ctx) throws IOException {
        if (arguments.size() < 2) {
            throw new UsageException("diff needs two graphs: grakn-migrate diff <a> <b> [old=new ...], each a .grakn file, - (stdin) or keyspace:NAME");
        }
        String a = arguments.get(0);
        String b = arguments.get(1);
        if (FileArguments.isDash(a) && FileArguments.isDash(b)) throw new UsageException("only one side of diff can be - (stdin)");
        if (limit < 0) throw new UsageException("--limit must be 0 or more, not " + limit);
        Relabel relabel = FileArguments.remap(arguments.subList(2, arguments.size()));
        DiffInput sideA = side(ctx, a);
        DiffInput sideB = side(ctx, b);
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        DiffResult result = GraphDiff.compare(sideA, sideB, relabel, limit, temp, ctx.progress());
        warnUnknown(ctx, result.a(), result.unknownItemsA());
        warnUnknown(ctx, result.b(), result.unknownItemsB());
        ctx.out().print(json ? result.toJson() + "\n" : result.toText());
        ctx.out().flush();
        if (ctx.out().checkError()) {
            throw new IOException("cannot write the report to standard output (closed or full);"
                    + " write it to a file: grakn-migrate diff ... > report.txt");
        }
        return result.exitCode();
    }

    private DiffInput side(CommandContext ctx, String argument) {
        if (argument.startsWith(KEYSPACE_PREFIX)) {
            String keyspace = KeyspaceName.check(argument.substring(KEYSPACE_PREFIX.length()));
            EmbeddedKeyspaces keyspaces = keyspaces(ctx);
            if (!keyspaces.exists(keyspace)) keyspaces.schema(keyspace); // fails with "not found" before anything is read
            return DiffInput.keyspace(argument, () -> keyspaces.store().read(keyspace));
        }
        if (FileArguments.isDash(argument)) return DiffInput.stream(ctx.in(), FileArguments.STDIN_NAME);
        return DiffInput.file(FileArguments.input(ctx, argument), argument);
    }

    private static void warnUnknown(CommandContext ctx, String side, long unknownItems) {
        if (unknownItems > 0) {
            ctx.warn(side + ": skipped " + unknownItems + " items of a kind this version does not know (from a newer writer?); they were not compared");
        }
    }
}
