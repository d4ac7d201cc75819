package io.graknmigrate.typedb3;

/** A TypeQL 3 schema text that the parser cannot read; the message names line and column. */
public final class TypeQlSchemaException extends RuntimeException {
    public TypeQlSchemaException(String message) {
        super(message);
    }
}
