package io.graknmigrate.migrate;

import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.Schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** "did you mean old=new?" for labels of the data that the schema does not have. */
public final class LabelSuggestions {

    private LabelSuggestions() { }

    /**
     * One suggestion per unknown label close to a schema label of the same kind; never two labels
     * onto one (they cannot both be that label's misspelling).
     *
     * @param unknown label (after remapping) -> the kind of item that used it, or null for a role label
     * @param remap the remapping already applied, so a suggestion names the label as the data spells it
     */
    public static List<String> suggest(Schema schema, Map<String, TypeKind> unknown, Map<String, String> remap) {
        Map<String, String> inverse = new LinkedHashMap<>();
        remap.forEach((k, v) -> inverse.put(v, k));
        Map<String, List<String>> byTarget = new LinkedHashMap<>();
        unknown.forEach((label, kind) -> {
            List<String> candidates = new ArrayList<>();
            if (kind == null) schema.roles().forEach(r -> candidates.add(r.label()));
            else schema.types().forEach(t -> { if (t.kind() == kind && !t.isAbstract()) candidates.add(t.label()); });
            String best = LabelDistance.closest(label, candidates);
            if (best != null) {
                String old = inverse.getOrDefault(label, label);
                byTarget.computeIfAbsent(best, b -> new ArrayList<>())
                        .add("did you mean " + old + "=" + best + "? (" + (kind == null ? "role" : kind.meta() + " type") + " '" + best
                                + "' is in the schema)");
            }
        });
        List<String> out = new ArrayList<>();
        for (List<String> onto : byTarget.values()) if (onto.size() == 1) out.add(onto.get(0));
        return out;
    }
}
