package io.graknmigrate.keyspace;

import java.util.regex.Pattern;

/** Keyspace names as Grakn accepts them; also what keeps a name from escaping the data directory. */
public final class KeyspaceName {

    public static final int MAX_LENGTH = 48;
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]*");

    private KeyspaceName() { }

    public static boolean isValid(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_LENGTH && VALID.matcher(name).matches();
    }

    /** Returns the name, or throws {@link InvalidKeyspaceNameException}. */
    public static String check(String name) {
        if (!isValid(name)) throw new InvalidKeyspaceNameException(name == null ? "" : name);
        return name;
    }
}
