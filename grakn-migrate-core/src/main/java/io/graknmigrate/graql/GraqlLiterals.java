package io.graknmigrate.graql;

import io.graknmigrate.graql.GraqlLexer.Token;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/** The values Graql writes (strings, numbers, booleans, date-times), read from their tokens as Grakn 1.8 reads them. */
final class GraqlLiterals {

    private GraqlLiterals() { }

    /** The literal a token writes, or null when it writes none (a word other than true/false, punctuation). */
    static Literal of(Token t) throws GraqlException {
        String s = t.text();
        try {
            return switch (t.kind()) {
                case STRING -> new Literal.StringLiteral(s);
                case INTEGER -> new Literal.LongLiteral(Long.parseLong(s.startsWith("+") ? s.substring(1) : s));
                case REAL -> {
                    double d = Double.parseDouble(s);
                    if (Double.isInfinite(d)) throw new NumberFormatException();
                    yield new Literal.DoubleLiteral(d);
                }
                case DATETIME -> dateTime(t);
                case WORD -> s.equals("true") ? new Literal.BooleanLiteral(true)
                        : s.equals("false") ? new Literal.BooleanLiteral(false) : null;
                default -> null;
            };
        } catch (NumberFormatException e) {
            throw new GraqlException(t.pos(), "number " + s + " is out of range, write a smaller value");
        }
    }

    /** {@code [+-]YYYY-MM-DD[THH:MM[:SS[.f{1,3}]]]}, as Grakn reads it: a zone-less date-time. */
    private static Literal.DateTimeLiteral dateTime(Token t) throws GraqlException {
        String s = t.text();
        try {
            int dash = s.indexOf('-', 1);
            int year = Integer.parseInt(s.substring(s.startsWith("+") ? 1 : 0, dash));
            int month = Integer.parseInt(s.substring(dash + 1, dash + 3));
            int day = Integer.parseInt(s.substring(dash + 4, dash + 6));
            LocalTime time = LocalTime.MIDNIGHT;
            int tIndex = s.indexOf('T');
            if (tIndex > 0) {
                String ts = s.substring(tIndex + 1);
                int hour = Integer.parseInt(ts.substring(0, 2));
                int minute = Integer.parseInt(ts.substring(3, 5));
                int second = ts.length() >= 8 ? Integer.parseInt(ts.substring(6, 8)) : 0;
                int nanos = 0;
                if (ts.length() > 9) {
                    String f = (ts.substring(9) + "00").substring(0, 3);
                    nanos = Integer.parseInt(f) * 1_000_000;
                }
                time = LocalTime.of(hour, minute, second, nanos);
            }
            return Literal.DateTimeLiteral.of(LocalDateTime.of(LocalDate.of(year, month, day), time));
        } catch (DateTimeException | NumberFormatException | ArithmeticException e) {
            throw new GraqlException(t.pos(), "invalid date-time " + s + " (" + e.getMessage()
                    + "), write a real date like 2020-01-30 or 2020-01-30T10:15:30.123");
        }
    }
}
