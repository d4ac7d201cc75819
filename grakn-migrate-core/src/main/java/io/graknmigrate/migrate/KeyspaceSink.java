package io.graknmigrate.migrate;

import io.graknmigrate.schema.Schema;

import java.util.List;

/**
 * A keyspace being written by an import, inside one transaction. Things are created as they come;
 * references (ownerships, role players) are given by the file's original ids and may point to things
 * not seen yet: the sink keeps them, on disk, and resolves them in {@link #resolve}. Nothing is visible
 * to others until {@link #commit}; {@link #close} without commit rolls everything back.
 *
 * <p>Why a port with one implementation: it keeps the import engine in this package free of the SQLite
 * adapter ({@code io.graknmigrate.store}), which itself depends on this package for its records and
 * exceptions; without the port the two packages would depend on each other. The store's write
 * transaction hands out its sink and owns commit and rollback.
 */
public interface KeyspaceSink extends AutoCloseable {

    String keyspace();

    /** The schema at this point of the transaction (after any define in it). */
    Schema schema();

    /**
     * Says, before the first put, that the input's ids are checked for duplicates and dangling
     * references by someone else (the {@link ImportPreCheck}): the sink may then key ids in a cheaper,
     * hashed way, and a duplicate it still finds is two ids it cannot tell apart, not a damaged file.
     * The input is then a file, which can be read twice: the sink may take a faster way fit for
     * some ids only, and throw {@link ReadAgainException} from a put when an item does not fit it
     * (having undone what it wrote); the caller then reads the file again into the same sink.
     *
     * @param inputBytes the size of the file
     */
    default void idsVouchedFor(long inputBytes) { }

    void putEntity(String originalId, String type);

    void putRelation(String originalId, String type);

    /** Creates the attribute, or reuses the existing one of the same type and value. */
    void putAttribute(String originalId, String type, Object value);

    void putOwnership(String ownerOriginalId, String attributeOriginalId);

    void putRolePlayer(String relationOriginalId, String role, String playerOriginalId);

    /**
     * Resolves every pending reference and checks the result against the schema (ownerships against
     * {@code has}/{@code key}, players against {@code plays}, key cardinality and uniqueness).
     */
    Resolution resolve();

    void commit();

    @Override
    void close();

    /**
     * What {@link #resolve} found. Problems are one line each, with counts; ids are the file's.
     * {@code keyClashes} counts key values owned by more than one thing (among the violations),
     * {@code keyClashesWithExisting} those of them where an owner was in the keyspace before the import.
     */
    record Resolution(long attributesReused, long duplicateIds, String firstDuplicateId,
                      long danglingReferences, String firstDanglingReference,
                      long violations, List<String> violationMessages, long keyClashes, long keyClashesWithExisting) { }
}
