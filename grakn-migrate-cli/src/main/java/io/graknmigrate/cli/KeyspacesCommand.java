package io.graknmigrate.cli;

import io.graknmigrate.format.Numbers;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import io.graknmigrate.format.Json;
import io.graknmigrate.keyspace.KeyspaceInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

@Parameters(commandNames = "keyspaces", commandDescription = "List the embedded keyspaces with their thing counts")
final class KeyspacesCommand extends KeyspaceCommand {

    @Parameter(names = "--json", description = "Print one JSON object (the data directory and each keyspace with its counts) instead of a table")
    boolean json;

    @Override
    public int run(CommandContext ctx) {
        var keyspaces = keyspaces(ctx);
        Path dir = keyspaces.store().dataDir();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a directory; the data directory (--data or $" + DataOptions.ENV
                    + ") must be the directory of the keyspaces");
        }
        List<KeyspaceInfo> all = keyspaces.list();
        if (json) {
            ctx.out().println(json(dir, all));
            return 0;
        }
        if (all.isEmpty()) {
            ctx.err().println("no keyspaces in " + dir
                    + " (create one with `grakn-migrate define <keyspace> <file.gql>` or choose another --data)");
            return 0;
        }
        ctx.out().println("keyspaces in " + dir + ":");
        int width = Math.max(8, all.stream().mapToInt(k -> k.name().length()).max().orElse(8));
        ctx.out().println(String.format(Locale.ROOT, "%-" + width + "s %13s %13s %13s %13s", "keyspace", "things", "entities", "attributes", "relations"));
        for (KeyspaceInfo k : all) {
            if (k.isNotAKeyspace()) {
                ctx.out().println(String.format(Locale.ROOT, "%-" + width + "s %13s", k.name(), "not-a-keyspace"));
                ctx.warn(k.name() + ": " + keyspaces.store().file(k.name()) + " is not a grakn-migrate keyspace (an SQLite database"
                        + " of another program), move it out of the data directory");
                continue;
            }
            if (!k.readable()) {
                ctx.out().println(String.format(Locale.ROOT, "%-" + width + "s %13s", k.name(), "unreadable"));
                ctx.warn(k.name() + ": " + keyspaces.store().file(k.name()) + " cannot be read as a keyspace; run `grakn-migrate schema "
                        + k.name() + "` to see why");
                continue;
            }
            ctx.out().println(String.format(Locale.ROOT, "%-" + width + "s %13s %13s %13s %13s", k.name(), Numbers.count(k.things()),
                    Numbers.count(k.entities()), Numbers.count(k.attributes()), Numbers.count(k.relations())));
        }
        return 0;
    }

    /** {@code {"dataDirectory": ..., "keyspaces": [{"name", "status", "things", "entities", "attributes", "relations"}]}}. */
    private static String json(Path dir, List<KeyspaceInfo> all) {
        Json json = new Json().begin().field("dataDirectory").value(dir.toString()).field("keyspaces").beginArray();
        for (KeyspaceInfo k : all) {
            String status = k.isNotAKeyspace() ? "not-a-keyspace" : k.readable() ? "ok" : "unreadable";
            json.begin().field("name").value(k.name()).field("status").value(status);
            if (k.readable()) {
                json.field("things").value(k.things()).field("entities").value(k.entities())
                        .field("attributes").value(k.attributes()).field("relations").value(k.relations());
            }
            json.end();
        }
        return json.endArray().end().toString();
    }
}
