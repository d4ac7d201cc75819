package io.graknmigrate.typedb3;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts data losses by reason and type, keeping up to {@link #EXAMPLES} examples of each. Types come
 * from the input, so a hostile file could invent endless ones: past {@link #MAX_GROUPS} groups, new
 * types are counted under {@link #OTHER_TYPES}.
 */
final class LossLog {

    static final int EXAMPLES = 5;
    static final int MAX_GROUPS = 200;
    static final String OTHER_TYPES = "(other types)";

    private record Key(LossReason reason, String type) { }

    private static final class Group {
        long count;
        final List<Loss.Example> examples = new ArrayList<>();
    }

    private final Map<Key, Group> groups = new LinkedHashMap<>();

    void add(LossReason reason, String type, String id, String value) {
        add(reason, type, 1, id, value);
    }

    void add(LossReason reason, String type, long n, String id, String value) {
        if (n <= 0) return;
        Key key = new Key(reason, Objects.requireNonNullElse(type, ""));
        Group g = groups.get(key);
        if (g == null) {
            if (groups.size() >= MAX_GROUPS) key = new Key(reason, OTHER_TYPES);
            g = groups.computeIfAbsent(key, k -> new Group());
        }
        g.count += n;
        if (id != null && g.examples.size() < EXAMPLES) g.examples.add(new Loss.Example(id, value == null ? "" : value));
    }

    long count(LossReason reason) {
        long n = 0;
        for (Map.Entry<Key, Group> e : groups.entrySet()) if (e.getKey().reason() == reason) n += e.getValue().count;
        return n;
    }

    long count(LossReason.Policy policy) {
        long n = 0;
        for (Map.Entry<Key, Group> e : groups.entrySet()) if (e.getKey().reason().policy() == policy) n += e.getValue().count;
        return n;
    }

    /** The losses, grouped by reason in declaration order, then by type in first-seen order. */
    List<Loss> losses() {
        List<Loss> out = new ArrayList<>();
        for (LossReason reason : LossReason.values()) {
            for (Map.Entry<Key, Group> e : groups.entrySet()) {
                if (e.getKey().reason() != reason) continue;
                Group g = e.getValue();
                String type = e.getKey().type();
                out.add(new Loss(reason, type, g.count, g.count + " " + reason.description()
                        + (type.isEmpty() ? "" : ": type '" + type + "'"), g.examples));
            }
        }
        return out;
    }
}
