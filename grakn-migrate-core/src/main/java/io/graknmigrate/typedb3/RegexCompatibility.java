package io.graknmigrate.typedb3;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Java regex constructs that TypeDB 3's engine (the Rust {@code regex} crate: no look-around, no
 * back-references, no possessive or atomic groups) rejects at define time with SVL31.
 */
final class RegexCompatibility {

    private static final String[][] CONSTRUCTS = {
            {"\\(\\?=", "a look-ahead (?=...)"},
            {"\\(\\?!", "a negative look-ahead (?!...)"},
            {"\\(\\?<=", "a look-behind (?<=...)"},
            {"\\(\\?<!", "a negative look-behind (?<!...)"},
            {"\\(\\?>", "an atomic group (?>...)"},
            {"\\\\[1-9]", "a back-reference"},
            {"\\\\k<", "a named back-reference"},
            {"[*+?}]\\+", "a possessive quantifier"},
            {"\\\\Q", "a \\Q...\\E quote"},
            {"\\\\Z", "\\Z"},
            {"\\\\G", "\\G"},
            {"\\\\p\\{(java|Is|In)", "a Java character class"},
    };

    private static final Pattern[] PATTERNS = new Pattern[CONSTRUCTS.length];

    static {
        for (int i = 0; i < CONSTRUCTS.length; i++) PATTERNS[i] = Pattern.compile(CONSTRUCTS[i][0]);
    }

    private RegexCompatibility() { }

    /** A description of the first unsupported construct, or null when the pattern looks portable. */
    static String unsupported(String pattern) {
        String unescaped = withoutEscapedBackslashes(pattern);
        for (int i = 0; i < PATTERNS.length; i++) {
            Matcher m = PATTERNS[i].matcher(unescaped);
            if (m.find() && !inCharacterClass(unescaped, m.start())) return CONSTRUCTS[i][1];
        }
        return null;
    }

    /** Replaces {@code \\} by two neutral characters so {@code \\1} is not read as a back-reference. */
    private static String withoutEscapedBackslashes(String p) {
        return p.replace("\\\\", "__");
    }

    private static boolean inCharacterClass(String p, int at) {
        int depth = 0;
        for (int i = 0; i < at; i++) {
            char c = p.charAt(i);
            if (c == '\\') i++;
            else if (c == '[') depth++;
            else if (c == ']' && depth > 0) depth--;
        }
        return depth > 0 && p.charAt(at) != '\\';
    }
}
