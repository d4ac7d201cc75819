package io.graknmigrate.match;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One answer of a match: each answer variable (name without {@code $}) with its concept, in the query's order. */
public record Answer(Map<String, Concept> concepts) {
    public Answer {
        concepts = Collections.unmodifiableMap(new LinkedHashMap<>(concepts));
    }

    public Concept get(String var) { return concepts.get(var); }
}
