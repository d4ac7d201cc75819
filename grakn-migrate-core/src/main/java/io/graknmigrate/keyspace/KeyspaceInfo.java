package io.graknmigrate.keyspace;

/**
 * A keyspace as {@code keyspaces} lists it. Counts of -1 mark a file that cannot be read as a
 * keyspace, -2 an SQLite database of another program under a keyspace's name.
 */
public record KeyspaceInfo(String name, long entities, long attributes, long relations, long bytes) {
    public long things() { return entities + attributes + relations; }

    public static KeyspaceInfo unreadable(String name) { return new KeyspaceInfo(name, -1, -1, -1, -1); }

    public static KeyspaceInfo notAKeyspace(String name) { return new KeyspaceInfo(name, -2, -2, -2, -2); }

    /** False for a damaged file or another program's database. */
    public boolean readable() { return entities >= 0; }

    public boolean isNotAKeyspace() { return entities == -2; }
}
