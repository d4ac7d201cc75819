package io.graknmigrate.cli;

import io.graknmigrate.keyspace.KeyspaceInfo;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;

import java.util.List;
import java.util.Locale;

@Parameters(commandNames = "keyspaces", commandDescription = "List the embedded keyspaces with their thing counts")
final class KeyspacesCommand implements Command {

    @ParametersDelegate
    DataOptions data = new DataOptions();

    @ParametersDelegate
    CommonOptions common = new CommonOptions();

    @Override
    public int run(CommandContext ctx) {
        var keyspaces = Embedded.keyspaces(ctx, data);
        List<KeyspaceInfo> all = keyspaces.list();
        if (all.isEmpty()) {
            ctx.err().println("no keyspaces in " + keyspaces.store().dataDir()
                    + " (create one with `grakn-migrate define <keyspace> <file.gql>` or choose another --data)");
            return 0;
        }
        int width = Math.max(8, all.stream().mapToInt(k -> k.name().length()).max().orElse(8));
        ctx.out().println(String.format(Locale.ROOT, "%-" + width + "s %12s %12s %12s %12s", "keyspace", "things", "entities", "attributes", "relations"));
        for (KeyspaceInfo k : all) {
            if (k.isNotAKeyspace()) {
                ctx.out().println(String.format(Locale.ROOT, "%-" + width + "s %12s", k.name(), "not-a-keyspace"));
                ctx.warn(k.name() + ": " + keyspaces.store().file(k.name()) + " is not a grakn-migrate keyspace (an SQLite database"
                        + " of another program), move it out of the data directory");
                continue;
            }
            if (!k.readable()) {
                ctx.out().println(String.format(Locale.ROOT, "%-" + width + "s %12s", k.name(), "unreadable"));
                ctx.warn(k.name() + ": " + keyspaces.store().file(k.name()) + " cannot be read as a keyspace; run `grakn-migrate schema "
                        + k.name() + "` to see why");
                continue;
            }
            ctx.out().println(String.format(Locale.ROOT, "%-" + width + "s %12d %12d %12d %12d",
                    k.name(), k.things(), k.entities(), k.attributes(), k.relations()));
        }
        return 0;
    }
}
