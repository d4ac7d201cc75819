package io.graknmigrate.store;

import io.graknmigrate.migrate.MigrationException;

import java.util.List;

/**
 * A schema change the keyspace's data does not allow (undefining a type that has instances, an
 * ownership some thing still has, ...). Nothing was changed. The message is the first conflict;
 * {@link #conflicts()} lists them all, one line each.
 */
public final class SchemaConflictException extends MigrationException {
    private final List<String> conflicts;

    SchemaConflictException(List<String> conflicts) {
        super(conflicts.get(0) + (conflicts.size() > 1 ? " (and " + (conflicts.size() - 1) + " more)" : ""));
        this.conflicts = List.copyOf(conflicts);
    }

    public List<String> conflicts() { return conflicts; }
}
