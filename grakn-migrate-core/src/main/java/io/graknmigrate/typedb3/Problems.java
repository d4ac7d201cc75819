package io.graknmigrate.typedb3;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The validator's findings: each kind of problem once, with its count and a few examples. */
final class Problems {

    private static final int EXAMPLES = 3;

    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, List<String>> examples = new HashMap<>();

    void add(String kind, String example) {
        counts.merge(kind, 1L, Long::sum);
        List<String> l = examples.computeIfAbsent(kind, k -> new ArrayList<>());
        if (l.size() < EXAMPLES) l.add(example);
    }

    List<String> list() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            String ex = String.join("; ", examples.get(e.getKey()));
            out.add(e.getKey() + (e.getValue() > 1 ? " (" + e.getValue() + " times, e.g. " + ex + ")" : ": " + ex));
        }
        return out;
    }
}
