package io.graknmigrate.schema;

import io.graknmigrate.graql.Label;
import io.graknmigrate.graql.Pattern;
import io.graknmigrate.graql.Position;
import io.graknmigrate.graql.Property;
import io.graknmigrate.graql.Statement;
import io.graknmigrate.graql.Term;

import java.util.ArrayList;
import java.util.List;

/**
 * A define statement, {@code label prop, prop, ...;}, with its properties flattened into {@link Prop}s:
 * the form {@link SchemaDefiner} checks and applies, whatever Graql spelling the statement used.
 */
record TypeStatement(String label, Position pos, List<Prop> props) {

    static TypeStatement of(Statement st) throws SchemaException {
        List<Prop> props = new ArrayList<>();
        for (Property p : st.properties()) {
            try {
                props.add(Prop.of(p));
            } catch (SchemaException e) {
                throw e.position() != null ? e : SchemaException.at(p.position(), e.getMessage());
            }
        }
        String label = null;
        if (st.subject() instanceof Label l) {
            label = l.name();
        } else {
            for (Prop prop : props) if (prop.kind() == PropKind.TYPE) label = prop.arg();
            if (label == null) {
                throw SchemaException.at(st.position(), "variable " + st.subject() + " in a define statement does "
                        + "not name a type, write the type's label instead of the variable");
            }
        }
        return new TypeStatement(label, st.position(), props);
    }

    /** A property of a define statement, flattened for the checks below. */
    enum PropKind { SUB, ABSTRACT, VALUE, REGEX, KEY, HAS, PLAYS, RELATES, WHEN, THEN, TYPE }

    /**
     * One property: {@code arg} is the label or regex, {@code as} the role {@code relates X as Y}
     * specialises, {@code valueType} for {@code value}, {@code pattern} for {@code when}/{@code then}.
     */
    record Prop(PropKind kind, Position pos, String arg, Position argPos, String as, Position asPos,
                ValueType valueType, Pattern.Conjunction pattern) {

        static Prop of(Property p) throws SchemaException {
            if (p instanceof Property.Sub s) {
                return new Prop(PropKind.SUB, s.position(), label(s.type()), at(s.type(), s.position()), null, null, null, null);
            }
            if (p instanceof Property.Abstract a) {
                return new Prop(PropKind.ABSTRACT, a.position(), null, null, null, null, null, null);
            }
            if (p instanceof Property.ValueType v) {
                return new Prop(PropKind.VALUE, v.position(), null, v.position(), null, null, v.valueType(), null);
            }
            if (p instanceof Property.Regex r) {
                return new Prop(PropKind.REGEX, r.position(), r.regex(), r.position(), null, null, null, null);
            }
            if (p instanceof Property.Key k) {
                return new Prop(PropKind.KEY, k.position(), label(k.attributeType()), at(k.attributeType(), k.position()),
                        null, null, null, null);
            }
            if (p instanceof Property.Has h) {
                return new Prop(PropKind.HAS, h.position(), label(h.attributeType()), at(h.attributeType(), h.position()),
                        null, null, null, null);
            }
            if (p instanceof Property.Plays pl) {
                return new Prop(PropKind.PLAYS, pl.position(), label(pl.role()), at(pl.role(), pl.position()),
                        null, null, null, null);
            }
            if (p instanceof Property.Relates r) {
                return new Prop(PropKind.RELATES, r.position(), label(r.role()), at(r.role(), r.position()),
                        r.as() == null ? null : label(r.as()), r.as() == null ? null : at(r.as(), r.position()), null, null);
            }
            if (p instanceof Property.When w) {
                return new Prop(PropKind.WHEN, w.position(), null, null, null, null, null, w.pattern());
            }
            if (p instanceof Property.Then t) {
                return new Prop(PropKind.THEN, t.position(), null, null, null, null, null, t.pattern());
            }
            if (p instanceof Property.Type t) {
                return new Prop(PropKind.TYPE, t.position(), t.label().name(), at(t.label(), t.position()),
                        null, null, null, null);
            }
            throw SchemaException.at(p.position(), "'" + p + "' is not a schema property, move it out of the define");
        }

        private static String label(Term t) throws SchemaException {
            if (t instanceof Label l) return l.name();
            throw new SchemaException("variable " + t + " in a define statement does not name a type, write the "
                    + "type's label instead of the variable");
        }

        private static Position at(Term t, Position fallback) {
            return t instanceof Label l && l.position() != null ? l.position() : fallback;
        }
    }
}
