package io.graknmigrate.keyspace;

/**
 * A keyspace as {@code keyspaces} lists it: its name, whether its file could be read, and (when it
 * could) its counts of things and the file's size; the counts are 0 otherwise.
 */
public record KeyspaceInfo(String name, Status status, long entities, long attributes, long relations, long bytes) {

    /** Whether the file under a keyspace's name could be read as a keyspace. */
    public enum Status {
        /** A keyspace: the counts are what it holds. */
        READABLE,
        /** A file that cannot be read as a keyspace (damaged, or of a newer layout). */
        UNREADABLE,
        /** An SQLite database of another program under a keyspace's name. */
        NOT_A_KEYSPACE
    }

    /** A readable keyspace with these counts. */
    public KeyspaceInfo(String name, long entities, long attributes, long relations, long bytes) {
        this(name, Status.READABLE, entities, attributes, relations, bytes);
    }

    /** Entities, attributes and relations together. */
    public long things() { return entities + attributes + relations; }

    /** A file under {@code name} that cannot be read as a keyspace. */
    public static KeyspaceInfo unreadable(String name) { return new KeyspaceInfo(name, Status.UNREADABLE, 0, 0, 0, 0); }

    /** Another program's SQLite database under {@code name}. */
    public static KeyspaceInfo notAKeyspace(String name) { return new KeyspaceInfo(name, Status.NOT_A_KEYSPACE, 0, 0, 0, 0); }

    /** False for a damaged file or another program's database. */
    public boolean readable() { return status == Status.READABLE; }

    /** True for another program's SQLite database. */
    public boolean isNotAKeyspace() { return status == Status.NOT_A_KEYSPACE; }
}
