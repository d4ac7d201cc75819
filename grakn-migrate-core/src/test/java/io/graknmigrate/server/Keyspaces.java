package io.graknmigrate.server;

import java.nio.file.Path;

/** Which keyspaces the server tests serve. */
final class Keyspaces {
    private Keyspaces() { }

    static TestKeyspaces open(Path dataDir) {
        return new DirectoryKeyspaces(dataDir);
    }
}
