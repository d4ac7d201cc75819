package io.graknmigrate.typedb3;

import io.graknmigrate.format.proto.ValueObject;

import java.time.Instant;

/** A value as the report shows it in an example: short, one line, never the whole of a long string. */
final class Values {

    private static final int MAX_SHOWN = 60;

    private Values() { }

    static String show(ValueObject v) {
        return switch (v.getValueCase()) {
            case STRING -> quote(v.getString());
            case LONG -> Long.toString(v.getLong());
            case DOUBLE -> Double.toString(v.getDouble());
            case BOOLEAN -> Boolean.toString(v.getBoolean());
            case DATETIME -> datetime(v.getDatetime());
            case VALUE_NOT_SET -> "no value";
        };
    }

    private static String datetime(long millis) {
        try {
            return Instant.ofEpochMilli(millis) + " (" + millis + " ms)";
        } catch (RuntimeException e) {
            return millis + " ms";
        }
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        int n = 0;
        for (int i = 0; i < s.length() && n < MAX_SHOWN; i++, n++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') sb.append('\\').append(ch);
            else if (ch < 0x20 || Character.isSurrogate(ch)) sb.append(String.format("\\u%04x", (int) ch));
            else sb.append(ch);
        }
        if (s.length() > MAX_SHOWN) sb.append("…");
        return sb.append('"').toString();
    }
}
