package io.graknmigrate.graql;

import io.graknmigrate.schema.ValueType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A value written in Graql. {@link #toString()} is the canonical literal, which reads back to an equal
 * value. Date-times are kept as Grakn stores them: milliseconds since the epoch of the zone-less date-time
 * taken at UTC.
 */
public sealed interface Literal extends Operand
        permits Literal.StringLiteral, Literal.LongLiteral, Literal.DoubleLiteral, Literal.BooleanLiteral,
        Literal.DateTimeLiteral {

    /** The value type this literal is written as (an integer literal is {@code long}). */
    ValueType valueType();

    /** The value as a Java object: String, Long, Double, Boolean, or Long epoch milliseconds for a date-time. */
    Object value();

    /** A string, unescaped. */
    record StringLiteral(String value) implements Literal {
        public StringLiteral {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public ValueType valueType() { return ValueType.STRING; }

        @Override
        public String toString() { return GraqlStrings.quote(value); }
    }

    /** An integer ({@code 42}, {@code -7}). */
    record LongLiteral(long longValue) implements Literal {
        @Override
        public ValueType valueType() { return ValueType.LONG; }

        @Override
        public Object value() { return longValue; }

        @Override
        public String toString() { return Long.toString(longValue); }
    }

    /** A real ({@code 1.5}); printed in plain notation with at least one fraction digit. */
    record DoubleLiteral(double doubleValue) implements Literal {
        @Override
        public ValueType valueType() { return ValueType.DOUBLE; }

        @Override
        public Object value() { return doubleValue; }

        @Override
        public String toString() {
            String c = Double.toString(doubleValue);
            if (c.contains("E")) c = new BigDecimal(c).toPlainString();
            if (!c.contains(".")) c += ".0";
            return c;
        }
    }

    /** {@code true} or {@code false}. */
    record BooleanLiteral(boolean booleanValue) implements Literal {
        @Override
        public ValueType valueType() { return ValueType.BOOLEAN; }

        @Override
        public Object value() { return booleanValue; }

        @Override
        public String toString() { return Boolean.toString(booleanValue); }
    }

    /**
     * A date or date-time, as epoch milliseconds of the zone-less date-time taken at UTC (how Grakn 1.8
     * stores it and how {@code .grakn} files carry it). Printed {@code yyyy-MM-ddTHH:mm:ss[.SSS]}, with a
     * sign on years outside 0000–9999.
     */
    record DateTimeLiteral(long epochMillis) implements Literal {
        private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

        /** The literal of a zone-less date-time (sub-millisecond digits dropped). */
        public static DateTimeLiteral of(LocalDateTime dateTime) {
            Instant i = dateTime.toInstant(ZoneOffset.UTC);
            return new DateTimeLiteral(Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1000L), i.getNano() / 1_000_000));
        }

        /** The zone-less date-time this literal stands for. */
        public LocalDateTime localDateTime() {
            return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
        }

        @Override
        public ValueType valueType() { return ValueType.DATETIME; }

        @Override
        public Object value() { return epochMillis; }

        @Override
        public String toString() {
            LocalDateTime t = localDateTime();
            StringBuilder sb = new StringBuilder(DATE.format(t)).append('T');
            two(sb, t.getHour()).append(':');
            two(sb, t.getMinute()).append(':');
            two(sb, t.getSecond());
            int ms = t.getNano() / 1_000_000;
            if (ms != 0) sb.append('.').append(String.format("%03d", ms));
            return sb.toString();
        }

        private static StringBuilder two(StringBuilder sb, int v) {
            return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
        }
    }
}
