package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;

import java.nio.file.Path;
import java.util.Map;

/** Where embedded keyspaces live: {@code --data DIR}, else $GRAKN_MIGRATE_DATA, else ./grakn-data. */
public final class DataOptions {

    public static final String ENV = "GRAKN_MIGRATE_DATA";

    @Parameter(names = "--data", description = "Directory of embedded keyspaces (default: $GRAKN_MIGRATE_DATA or ./grakn-data)")
    public Path data;

    public Path resolve(Map<String, String> env, Path workingDirectory) {
        if (data != null) return workingDirectory.resolve(data).normalize();
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) return workingDirectory.resolve(fromEnv).normalize();
        return workingDirectory.resolve("grakn-data").normalize();
    }
}
