package io.graknmigrate.graql;

/**
 * Graql string literals. Reading keeps every backslash that does not escape a backslash or a quote,
 * so regexes such as {@code "\d+"} mean what they say; {@link #quote} is its exact inverse, so a
 * printed string re-reads to the same value.
 */
public final class GraqlStrings {

    private GraqlStrings() { }

    /** The value of a literal's body (the text between its quotes). */
    public static String unescape(String body) {
        if (body.indexOf('\\') < 0) return body;
        StringBuilder sb = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char n = body.charAt(i + 1);
                if (n == '\\' || n == '"' || n == '\'') {
                    sb.append(n);
                    i++;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** A double-quoted literal that {@link #unescape} reads back as {@code value}. */
    public static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                sb.append("\\\"");
            } else if (c == '\\') {
                char n = i + 1 < value.length() ? value.charAt(i + 1) : '\\';
                sb.append(n == '\\' || n == '"' || n == '\'' ? "\\\\" : "\\");
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
