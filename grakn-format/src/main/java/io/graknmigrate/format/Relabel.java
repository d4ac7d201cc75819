package io.graknmigrate.format;

import io.graknmigrate.format.proto.Item;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * {@code old=new} label remapping as a transform of items, as Grakn's importer applies it: to type
 * labels of entities, attributes and relations, and to role labels. Mappings apply once, not
 * transitively ({@code a=b b=a} swaps). Items that need no change are returned as they are.
 */
public final class Relabel implements UnaryOperator<Item> {

    private static final Relabel NONE = new Relabel(Map.of());

    private final Map<String, String> mapping;
    /** The old labels that occurred: bounded by the mapping's size. */
    private final Set<String> matched = ConcurrentHashMap.newKeySet();

    private Relabel(Map<String, String> mapping) {
        this.mapping = mapping;
    }

    public static Relabel none() { return NONE; }

    public static Relabel of(Map<String, String> mapping) {
        return mapping.isEmpty() ? NONE : new Relabel(Collections.unmodifiableMap(new LinkedHashMap<>(mapping)));
    }

    /**
     * Parses {@code old=new} arguments.
     *
     * @throws IllegalArgumentException with a one-line message when one is malformed or an old label repeats
     */
    public static Relabel parse(List<String> arguments) {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String argument : arguments) {
            int eq = argument.indexOf('=');
            if (eq < 0 || argument.indexOf('=', eq + 1) >= 0) {
                throw new IllegalArgumentException("label mapping '" + argument
                        + "' is not a remapping, write old=new with exactly one '=' (for example value=monetary-value)");
            }
            String from = argument.substring(0, eq).trim();
            String to = argument.substring(eq + 1).trim();
            if (from.isEmpty() || to.isEmpty()) {
                throw new IllegalArgumentException("label mapping '" + argument + "' must name both labels: old=new");
            }
            if (from.chars().anyMatch(Character::isWhitespace) || to.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("label mapping '" + argument + "' contains whitespace; labels have none");
            }
            if (mapping.containsKey(from)) {
                throw new IllegalArgumentException("label '" + from + "' is mapped twice (" + from + "=" + mapping.get(from)
                        + " and " + argument + "), keep one");
            }
            mapping.put(from, to);
        }
        return of(mapping);
    }

    public Map<String, String> mapping() { return mapping; }

    public boolean isEmpty() { return mapping.isEmpty(); }

    /** The new label for {@code label}, or {@code label} itself. */
    public String map(String label) {
        String to = mapping.get(label);
        if (to == null) return label;
        matched.add(label);
        return to;
    }

    /** The mappings whose old label has not occurred in what was relabelled so far, as {@code old=new}. */
    public List<String> unmatched() {
        List<String> out = new ArrayList<>();
        mapping.forEach((k, v) -> { if (!matched.contains(k)) out.add(k + "=" + v); });
        return out;
    }

    /** The mappings whose old label occurred, as {@code old=new} separated by spaces. */
    public String matchedText() {
        StringBuilder sb = new StringBuilder();
        mapping.forEach((k, v) -> { if (matched.contains(k)) sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v); });
        return sb.toString();
    }

    @Override
    public Item apply(Item item) {
        if (mapping.isEmpty()) return item;
        switch (item.getItemCase()) {
            case ENTITY -> {
                String label = item.getEntity().getLabel();
                String to = mapping.get(label);
                if (to == null) return item;
                matched.add(label);
                return item.toBuilder().setEntity(item.getEntity().toBuilder().setLabel(to)).build();
            }
            case ATTRIBUTE -> {
                String label = item.getAttribute().getLabel();
                String to = mapping.get(label);
                if (to == null) return item;
                matched.add(label);
                return item.toBuilder().setAttribute(item.getAttribute().toBuilder().setLabel(to)).build();
            }
            case RELATION -> {
                Item.Relation r = item.getRelation();
                boolean change = mapping.containsKey(r.getLabel());
                for (int i = 0; !change && i < r.getRoleCount(); i++) change = mapping.containsKey(r.getRole(i).getLabel());
                if (!change) return item;
                Item.Relation.Builder b = r.toBuilder().setLabel(map(r.getLabel()));
                for (int i = 0; i < b.getRoleCount(); i++) {
                    Item.Relation.Role role = b.getRole(i);
                    String to = mapping.get(role.getLabel());
                    if (to == null) continue;
                    matched.add(role.getLabel());
                    b.setRole(i, role.toBuilder().setLabel(to));
                }
                return item.toBuilder().setRelation(b).build();
            }
            default -> {
                return item;
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        mapping.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }
}
