package io.graknmigrate.migrate;

import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.ThingType;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Grakn's {@code regex} rule: a string attribute's whole value must match the regex of its type (the
 * nearest one declared on the type or a supertype). Compiled once per attribute type; bounded by the schema.
 */
public final class AttributeRegexes {

    private static final Pattern NONE = Pattern.compile("");

    private final Schema schema;
    private final Map<String, Pattern> byType = new ConcurrentHashMap<>();

    public AttributeRegexes(Schema schema) {
        this.schema = schema;
    }

    /** True when the value may be stored in the attribute type (no regex, or the whole value matches it). */
    public boolean allows(String attributeType, String value) {
        Pattern p = pattern(attributeType);
        return p == null || p.matcher(value).matches();
    }

    /** The compiled regex whole values of the attribute type must match, or null when none is enforced; safe to use from any thread. */
    public Pattern pattern(String attributeType) {
        Pattern p = byType.computeIfAbsent(attributeType, this::compile);
        return p == NONE ? null : p;
    }

    /** The regex that applies to the attribute type, or null. */
    public String regexOf(String attributeType) {
        for (ThingType t : schema.supertypes(attributeType)) if (t.regex() != null) return t.regex();
        return null;
    }

    private Pattern compile(String type) {
        String regex = regexOf(type);
        if (regex == null) return NONE;
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return NONE; // a regex Java cannot compile cannot be enforced either
        }
    }
}
