package io.graknmigrate.typedb3;

import java.util.Set;
import java.util.regex.Pattern;

/** TypeQL 3 label rules: reserved keywords (DEX31) and the identifier shape. */
public final class Labels {

    /** TypeQL 3's keyword list; a label equal to one of these fails with DEX31. */
    public static final Set<String> RESERVED = Set.of(
            "with", "match", "fetch", "update", "define", "undefine", "redefine", "insert", "put", "delete", "end",
            "entity", "relation", "attribute", "role", "asc", "desc", "struct", "fun", "return",
            "alias", "sub", "owns", "as", "plays", "relates", "iid", "isa", "links", "has", "is", "or", "not",
            "try", "in", "true", "false", "of", "from", "first", "last");

    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_-]*");

    private Labels() { }

    public static boolean isReserved(String label) { return RESERVED.contains(label); }

    public static boolean isIdentifier(String label) { return IDENTIFIER.matcher(label).matches(); }
}
