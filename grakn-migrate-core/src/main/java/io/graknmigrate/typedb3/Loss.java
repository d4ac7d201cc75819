package io.graknmigrate.typedb3;

import java.util.List;

/**
 * Something the conversion did not carry over: data dropped (items, ownership entries, role players),
 * or a schema constraint weakened or left out.
 *
 * @param reason why, and whether the conversion may proceed with it by default
 * @param type the type (Grakn 1.8 label) the loss is about
 * @param count how many data items it affects (0 for a constraint that holds no data)
 * @param text the loss in words, naming the type and the count
 * @param examples up to {@link LossLog#EXAMPLES} affected items, by id and value
 */
public record Loss(LossReason reason, String type, long count, String text, List<Example> examples) {

    public Loss {
        examples = List.copyOf(examples);
    }

    /** An affected item: its id in the input, and its value (an attribute's value, or what was referred to). */
    public record Example(String id, String value) {
        @Override
        public String toString() { return id + (value.isEmpty() ? "" : " (" + value + ")"); }
    }
}
