package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where embedded keyspaces live: {@code --data DIR}, else {@code $GRAKN_MIGRATE_DATA}, else one
 * directory per user, {@code $XDG_DATA_HOME/grakn-migrate} ({@code ~/.local/share/grakn-migrate}),
 * so that commands run from different directories see the same keyspaces.
 */
public final class DataOptions {

    public static final String ENV = "GRAKN_MIGRATE_DATA";

    @Parameter(names = "--data", placeholder = "DIR", description = "Directory of embedded keyspaces (default: $GRAKN_MIGRATE_DATA, "
            + "else $XDG_DATA_HOME/grakn-migrate, else ~/.local/share/grakn-migrate)")
    public Path data;

    /** The data directory these options and the environment name, absolute. */
    public Path resolve(Map<String, String> env, Path workingDirectory) {
        if (data != null) return workingDirectory.resolve(data).toAbsolutePath().normalize();
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) return workingDirectory.resolve(fromEnv).toAbsolutePath().normalize();
        return perUser(env);
    }

    /**
     * The per-user default: {@code $XDG_DATA_HOME/grakn-migrate} when that is an absolute path (the
     * XDG rule: a relative one is ignored), else {@code $HOME/.local/share/grakn-migrate}.
     */
    static Path perUser(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Path.of(xdg, "grakn-migrate").normalize();
        String home = env.get("HOME");
        if (home == null || home.isBlank()) home = System.getProperty("user.home");
        return Path.of(home, ".local", "share", "grakn-migrate").toAbsolutePath().normalize();
    }
}
