package io.graknmigrate.typedb3;

import java.util.List;

/**
 * The conversion would drop data, and the options do not allow it: data that does not fit the schema
 * (unknown labels, roles the relation type does not relate, dangling references: {@link Cause#MISMATCH}),
 * or values TypeDB 3 cannot store under the fail policy ({@link Cause#BAD_VALUES}). Nothing was written.
 */
public final class DropsRefusedException extends RuntimeException {

    /** Which policy refused the drops. */
    public enum Cause { MISMATCH, BAD_VALUES }

    private final Cause cause;
    private final long count;
    private final List<Loss> losses;
    private final List<String> suggestions;

    DropsRefusedException(Cause cause, long count, List<Loss> losses, List<String> suggestions) {
        super(count + (cause == Cause.MISMATCH ? " data items would be dropped because they do not fit the schema"
                : " attributes hold values TypeDB 3 cannot store") + " (" + (losses.isEmpty() ? "" : losses.get(0).text()) + ")");
        this.cause = cause;
        this.count = count;
        this.losses = List.copyOf(losses);
        this.suggestions = List.copyOf(suggestions);
    }

    public Cause cause() { return cause; }

    /** How many items, ownership entries and role players would be dropped. */
    public long count() { return count; }

    /** The refused losses, each with its type, count and examples. */
    public List<Loss> losses() { return losses; }

    /** Label remappings ({@code did you mean old=new?}) for unknown labels close to schema labels. */
    public List<String> suggestions() { return suggestions; }
}
