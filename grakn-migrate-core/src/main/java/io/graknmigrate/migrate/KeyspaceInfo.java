package io.graknmigrate.migrate;

/** A keyspace as {@code keyspaces} lists it. */
public record KeyspaceInfo(String name, long entities, long attributes, long relations, long bytes) {
    public long things() { return entities + attributes + relations; }
}
