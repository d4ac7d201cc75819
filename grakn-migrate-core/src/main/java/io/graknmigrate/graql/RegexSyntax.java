package io.graknmigrate.graql;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Whether a Graql regular expression ({@code regex "..."} of an attribute type, {@code like "..."} of
 * a pattern) compiles, as Grakn checks it when the query runs: the Java regex dialect Grakn uses.
 */
public final class RegexSyntax {

    private RegexSyntax() { }

    /** Null when {@code regex} compiles, else what is wrong and where ({@code "Unclosed group at index 1"}). */
    public static String problem(String regex) {
        try {
            Pattern.compile(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return e.getDescription() + " at index " + e.getIndex();
        }
    }
}
