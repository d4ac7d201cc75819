package io.graknmigrate.graql;

import java.util.ArrayList;
import java.util.List;

/**
 * One statement: an optional subject (a {@link Variable}, or a {@link Label} in type statements; null for
 * an anonymous relation such as {@code (a: $x) isa r}) and its properties in the order written. A
 * relation tuple and a value come first when present ({@code $r (a: $x) isa r}, {@code $n "Bob" isa name}).
 */
public record Statement(Position position, Term subject, List<Property> properties) implements Pattern {
    public Statement {
        properties = List.copyOf(properties);
    }

    /** The first property of that class, or null. */
    public <P extends Property> P first(Class<P> type) {
        for (Property p : properties) if (type.isInstance(p)) return type.cast(p);
        return null;
    }

    /** Every property of that class, in order. */
    public <P extends Property> List<P> all(Class<P> type) {
        List<P> out = new ArrayList<>();
        for (Property p : properties) if (type.isInstance(p)) out.add(type.cast(p));
        return out;
    }

    /** The subject when it is a variable, else null. */
    public Variable variable() { return subject instanceof Variable v ? v : null; }

    /** The subject when it is a label, else null. */
    public Label label() { return subject instanceof Label l ? l : null; }

    private static boolean isHead(Property p) {
        return p instanceof Property.Relation || p instanceof Property.Value || p instanceof Property.Neq;
    }

    /** Canonical Graql, without the closing {@code ;}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (subject != null) sb.append(subject);
        // the relation tuple and the value belong right after the subject, the rest is a comma list
        for (Property p : properties) {
            if (!isHead(p)) continue;
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(p);
        }
        boolean first = true;
        for (Property p : properties) {
            if (isHead(p)) continue;
            if (!first) sb.append(", ");
            else if (!sb.isEmpty()) sb.append(' ');
            sb.append(p);
            first = false;
        }
        return sb.toString();
    }
}
