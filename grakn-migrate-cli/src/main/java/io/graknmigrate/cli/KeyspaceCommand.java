package io.graknmigrate.cli;

import com.beust.jcommander.ParametersDelegate;
import io.graknmigrate.embedded.EmbeddedKeyspaces;

import java.util.List;

/**
 * A command that works on embedded keyspaces: it takes {@code --data DIR} and reaches the
 * keyspaces of that directory through here.
 */
abstract class KeyspaceCommand implements Command {

    @ParametersDelegate
    DataOptions data = new DataOptions();

    /** The embedded keyspaces of {@code --data} (or its defaults). */
    EmbeddedKeyspaces keyspaces(CommandContext ctx) {
        return Embedded.keyspaces(ctx, data);
    }

    /** The first argument as a keyspace name, checked; a usage error when there is none. */
    static String keyspace(List<String> args, String command) {
        return Embedded.keyspace(args, command);
    }
}
