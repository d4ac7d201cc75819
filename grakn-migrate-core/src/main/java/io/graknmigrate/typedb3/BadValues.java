package io.graknmigrate.typedb3;

import io.graknmigrate.format.proto.ValueObject;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Values Grakn 1.8 stored that TypeDB 3 cannot: this project's model of TypeDB 3's value rules.
 * <ul>
 * <li>datetimes: TypeDB 3 decodes the export's epoch milliseconds with Rust chrono's
 *     {@code DateTime::from_timestamp_millis}, which fails (COD4) outside chrono's
 *     {@code NaiveDateTime} range, years -262143 to 262142; Java's longs reach much further;</li>
 * <li>strings: TypeDB 3 keeps strings as UTF-8, which cannot encode an unpaired UTF-16 surrogate;</li>
 * <li>doubles: NaN is not equal to itself, so it cannot be an attribute's identity (TypeDB 3 attributes
 *     are unique by value). Infinities compare normally and are kept.</li>
 * </ul>
 */
final class BadValues {

    static final long MIN_DATETIME_MILLIS = LocalDateTime.of(-262143, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    static final long MAX_DATETIME_MILLIS = LocalDateTime.of(262142, 12, 31, 23, 59, 59, 999_000_000)
            .toInstant(ZoneOffset.UTC).toEpochMilli();

    private BadValues() { }

    /** Why TypeDB 3 cannot store the value, or null when it can. */
    static String problem(ValueObject v) {
        switch (v.getValueCase()) {
            case DATETIME -> {
                long ms = v.getDatetime();
                if (ms < MIN_DATETIME_MILLIS || ms > MAX_DATETIME_MILLIS) {
                    return "datetime outside TypeDB 3's range (years -262143 to 262142)";
                }
            }
            case STRING -> {
                String s = v.getString();
                for (int i = 0; i < s.length(); i++) {
                    char ch = s.charAt(i);
                    if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        i++;
                    } else if (Character.isSurrogate(ch)) {
                        return "string with an unpaired surrogate at character " + i + " (not representable in UTF-8)";
                    }
                }
            }
            case DOUBLE -> {
                if (Double.isNaN(v.getDouble())) return "double NaN (not equal to itself, so not an attribute value)";
            }
            default -> { }
        }
        return null;
    }
}
