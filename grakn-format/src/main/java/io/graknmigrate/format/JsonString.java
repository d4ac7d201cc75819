package io.graknmigrate.format;

/** Writes a Java string as a quoted JSON string, for the tools' hand-built JSON outputs. */
public final class JsonString {

    private JsonString() { }

    /**
     * Appends {@code s} to {@code sb} in double quotes, escaping quotes, backslashes and control
     * characters; with {@code asciiOnly}, every non-ASCII character too, so that the output survives
     * any console encoding (Java 17 prints in the locale's).
     */
    public static StringBuilder append(StringBuilder sb, String s, boolean asciiOnly) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || asciiOnly && c >= 0x7f) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"');
    }
}
