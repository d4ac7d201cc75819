package io.graknmigrate.typedb3;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;


/**
 * Whether a Grakn regex carries over to TypeDB 3, whose {@code @regex} runs on the Rust {@code regex}
 * crate. The decision is made by RE2/J, an engine of the same family (RE2 syntax: no look-around, no
 * back-references, no possessive quantifiers or atomic groups, no {@code \Z}, no Java classes), on
 * the pattern as it will be written: anchored as {@code ^(?:p)$}, because TypeDB 3 matches
 * substrings where Grakn matched whole values.
 */
final class RegexCompatibility {

    private RegexCompatibility() { }

    /** The regex as TypeDB 3 must receive it to match whole values, as Grakn did. */
    static String anchored(String pattern) {
        return "^(?:" + pattern + ")$";
    }

    /**
     * Why RE2 syntax refuses the pattern (anchored), or null when it compiles. The pattern is assumed
     * to be a valid Java regex already (Grakn accepted it).
     */
    static String unsupported(String pattern) {
        return refusal(anchored(pattern));
    }

    /** Why RE2 syntax refuses the regex exactly as written, or null when it compiles. */
    static String refusal(String regex) {
        try {
            Pattern.compile(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return "RE2 syntax refuses it (" + e.getDescription() + (e.getPattern() == null || e.getPattern().isEmpty()
                    ? "" : ": " + e.getPattern()) + ")";
        }
    }
}
