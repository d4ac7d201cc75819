package io.graknmigrate.format;

/** A minimal JSON writer for the tools' one-object outputs; handles commas and string escaping. */
final class Json {

    private final StringBuilder sb = new StringBuilder();
    private boolean needComma;

    Json begin() {
        comma();
        sb.append('{');
        needComma = false;
        return this;
    }

    Json end() {
        sb.append('}');
        needComma = true;
        return this;
    }

    Json beginArray() {
        comma();
        sb.append('[');
        needComma = false;
        return this;
    }

    Json endArray() {
        sb.append(']');
        needComma = true;
        return this;
    }

    Json field(String name) {
        comma();
        string(name);
        sb.append(':');
        needComma = false;
        return this;
    }

    Json value(String s) {
        comma();
        string(s);
        needComma = true;
        return this;
    }

    Json value(long n) {
        comma();
        sb.append(n);
        needComma = true;
        return this;
    }

    Json value(boolean b) {
        comma();
        sb.append(b);
        needComma = true;
        return this;
    }

    Json nullValue() {
        comma();
        sb.append("null");
        needComma = true;
        return this;
    }

    private void comma() {
        if (needComma) sb.append(',');
        needComma = false;
    }

    private void string(String s) {
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
                    // Non-ASCII is escaped so the output survives any console encoding (Java 17 uses the locale's).
                    if (c < 0x20 || c >= 0x7f) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() { return sb.toString(); }
}
