package io.graknmigrate.load;

import io.graknmigrate.graql.Position;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * String values that do not match their attribute type's regex, counted per type with the first
 * culprit, for the end-of-file report (Grakn checks regexes at commit). Bounded by the schema.
 */
final class RegexViolations {

    private static final class PerType {
        long count;
        String regex;
        String firstValue;
        Position firstPosition;
    }

    private final Map<String, PerType> byType = new TreeMap<>();

    void add(String type, String regex, String value, Position where) {
        PerType p = byType.computeIfAbsent(type, t -> new PerType());
        if (p.count++ == 0) {
            p.regex = regex;
            p.firstValue = value.length() > 60 ? value.substring(0, 60) + "…" : value;
            p.firstPosition = where;
        }
    }

    long count() {
        long n = 0;
        for (PerType p : byType.values()) n += p.count;
        return n;
    }

    List<String> messages() {
        List<String> out = new ArrayList<>();
        byType.forEach((type, p) -> out.add(String.format(Locale.ROOT, "%,d %s values do not match the regex \"%s\" of %s"
                + " (for example \"%s\" at %s)", p.count, type, p.regex, type, p.firstValue, p.firstPosition)));
        return out;
    }

    void clear() { byType.clear(); }
}
