package io.graknmigrate.match;

import org.sqlite.Function;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The SQL functions generated queries call for Graql's string comparators: {@code graql_contains(v, s)}
 * (case-insensitive substring) and {@code graql_like(v, regex)} (the regex found anywhere in the value,
 * Java syntax). Both are false for a value that is not text.
 */
final class GraqlFunctions {

    private GraqlFunctions() { }

    /** Registers the functions on a connection (once per connection is enough; again is harmless). */
    static void register(Connection c) throws SQLException {
        Function.create(c, "graql_contains", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                String v = value_text(0);
                String s = value_text(1);
                boolean text = value_type(0) == SQLITE_TEXT && value_type(1) == SQLITE_TEXT;
                result(text && v.toLowerCase(Locale.ROOT).contains(s.toLowerCase(Locale.ROOT)) ? 1 : 0);
            }
        }, 2, Function.FLAG_DETERMINISTIC);
        Function.create(c, "graql_like", new Function() {
            private final Map<String, Pattern> cache = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Pattern> e) { return size() > 64; }
            };

            @Override
            protected void xFunc() throws SQLException {
                if (value_type(0) != SQLITE_TEXT || value_type(1) != SQLITE_TEXT) {
                    result(0);
                    return;
                }
                String regex = value_text(1);
                Pattern p = cache.get(regex);
                if (p == null) {
                    try {
                        p = Pattern.compile(regex);
                    } catch (PatternSyntaxException e) {
                        throw new SQLException("invalid regular expression " + regex);
                    }
                    cache.put(regex, p);
                }
                result(p.matcher(value_text(0)).find() ? 1 : 0);
            }
        }, 2, Function.FLAG_DETERMINISTIC);
    }

    private static final int SQLITE_TEXT = 3;

    /** Refuses a {@code like} whose regular expression does not compile, naming where it was written. */
    static void checkRegex(String regex, String where) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw MatchException.at(where, "like " + "\"" + regex + "\"" + " is not a valid regular expression ("
                    + e.getDescription() + ")");
        }
    }
}
