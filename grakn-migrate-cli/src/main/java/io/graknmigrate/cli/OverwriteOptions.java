package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;
import io.graknmigrate.format.ExistingFile;

/** {@code --force}: the commands that write a file keep an existing one unless it is given. */
final class OverwriteOptions {

    @Parameter(names = {"--force", "-f"}, description = "Replace the output file if it exists (a keyspace or other database file is never replaced)")
    boolean force;

    ExistingFile existing() {
        return force ? ExistingFile.REPLACE : ExistingFile.KEEP;
    }
}
