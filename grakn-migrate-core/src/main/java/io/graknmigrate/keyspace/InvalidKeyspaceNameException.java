package io.graknmigrate.keyspace;

import io.graknmigrate.migrate.MigrationException;

/** A keyspace name Grakn would reject (a server maps this to INVALID_ARGUMENT). */
public final class InvalidKeyspaceNameException extends MigrationException {
    public InvalidKeyspaceNameException(String name) {
        super("invalid keyspace name '" + printable(name) + "', use lowercase letters, digits and underscores,"
                + " starting with a letter, at most " + KeyspaceName.MAX_LENGTH + " characters");
    }

    private static String printable(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length() && i < 80; i++) {
            char c = name.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (name.length() > 80) sb.append("...");
        return sb.toString();
    }
}
