package io.graknmigrate.graql;

/**
 * Graql that cannot be read or applied. The message is one line:
 * {@code <file>:<line>:<col>: <what>, <what to do>} when a position is known.
 */
public class GraqlException extends Exception {

    private final transient Position position;

    /** A failure whose message already says where (or where nothing can be said). */
    public GraqlException(String message) {
        this(null, message);
    }

    /** A failure at a position; the message gets the {@code file:line:col: } prefix. */
    public GraqlException(Position position, String message) {
        super(oneLine(position == null ? message : position + ": " + message));
        this.position = position;
    }

    /**
     * Messages quote the input (a label, a property as written), which may hold line breaks or other
     * control characters: they are shown escaped, so the message stays one line whatever the input.
     */
    private static String oneLine(String message) {
        StringBuilder sb = null;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
            if (!control) {
                if (sb != null) sb.append(c);
                continue;
            }
            if (sb == null) sb = new StringBuilder(message.length() + 8).append(message, 0, i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb == null ? message : sb.toString();
    }

    /** Where the problem is, or null when no single place is to blame. */
    public Position position() { return position; }
}
