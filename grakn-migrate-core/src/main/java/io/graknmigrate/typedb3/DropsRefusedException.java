package io.graknmigrate.typedb3;

import java.util.List;

/**
 * The conversion would drop data, and the options do not allow it: data that does not fit the schema
 * (unknown labels, roles the relation type does not relate, dangling references: {@link Kind#MISMATCH}),
 * or values TypeDB 3 cannot store under the fail policy ({@link Kind#BAD_VALUES}). Nothing was written.
 */
public final class DropsRefusedException extends RuntimeException {

    /** Which policy refused the drops. */
    public enum Kind { MISMATCH, BAD_VALUES }

    private final Kind kind;
    private final long count;
    private final List<Loss> losses;
    private final List<String> suggestions;

    DropsRefusedException(Kind kind, long count, List<Loss> losses, List<String> suggestions) {
        super(count + (kind == Kind.MISMATCH ? " data items would be dropped because they do not fit the schema"
                : " attributes hold values TypeDB 3 cannot store") + " (" + (losses.isEmpty() ? "" : losses.get(0).text()) + ")");
        this.kind = kind;
        this.count = count;
        this.losses = List.copyOf(losses);
        this.suggestions = List.copyOf(suggestions);
    }

    public Kind kind() { return kind; }

    /** How many items, ownership entries and role players would be dropped. */
    public long count() { return count; }

    /** The refused losses, each with its type, count and examples. */
    public List<Loss> losses() { return losses; }

    /** Label remappings ({@code did you mean old=new?}) for unknown labels close to schema labels. */
    public List<String> suggestions() { return suggestions; }
}
