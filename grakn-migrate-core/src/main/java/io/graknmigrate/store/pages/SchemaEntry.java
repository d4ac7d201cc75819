package io.graknmigrate.store.pages;

/**
 * One row of the file's {@code sqlite_schema} table: what the object is ({@code table}, {@code index},
 * ...), its name, the table it belongs to, the root page of its b-tree (0 for views and triggers) and
 * the SQL text that created it (null for automatic indexes).
 */
public record SchemaEntry(String type, String name, String table, long rootPage, String sql) { }
