package io.graknmigrate.match;

import com.google.gson.stream.JsonWriter;
import io.graknmigrate.graql.GraqlStrings;
import io.graknmigrate.graql.Literal;
import io.graknmigrate.schema.ValueType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Prints results one a line, as they come. Text: {@code $p id V12 isa person; $n id V7 "Ann" isa name;}
 * (a type variable as {@code $t type person;}), an aggregate as the number alone, a group as
 * {@code <concept>: {<answer>} {<answer>}…} or {@code <concept>: <number>}. JSON Lines: an answer is
 * an object of variables, each {@code {"id", "type", "kind"[, "value", "valueType"]}} or
 * {@code {"label", "kind": "type"}}; an aggregate {@code {"value": N}}; a group
 * {@code {"group": <concept>, "answers": [...]}} or {@code {"group": <concept>, "value": N}}. An
 * aggregate with no result (the max of no answers) prints nothing in text and {@code null} in JSON.
 */
public final class AnswerPrinter implements AnswerSink {

    private final Writer out;
    private final boolean json;
    private boolean inGroup;
    private JsonWriter group;
    private long lines;

    private AnswerPrinter(Writer out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /** Graql-like text lines. */
    public static AnswerPrinter text(Writer out) { return new AnswerPrinter(out, false); }

    /** JSON Lines. */
    public static AnswerPrinter json(Writer out) { return new AnswerPrinter(out, true); }

    /** Lines printed so far (answers, values and groups). */
    public long lines() { return lines; }

    @Override
    public void answer(Answer answer) {
        try {
            if (inGroup) {
                if (json) {
                    writeAnswer(group, answer);
                } else {
                    out.write(" {");
                    out.write(text(answer));
                    out.write('}');
                }
                return;
            }
            if (json) {
                JsonWriter w = writer();
                writeAnswer(w, answer);
                w.flush();
            } else {
                out.write(text(answer));
            }
            endLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void value(Number value) {
        try {
            if (json) {
                JsonWriter w = writer();
                w.beginObject().name("value");
                number(w, value);
                w.endObject().flush();
            } else {
                if (value == null) return;
                out.write(number(value));
            }
            endLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beginGroup(Concept owner) {
        try {
            if (json) {
                group = writer();
                group.beginObject().name("group");
                concept(group, owner);
                group.name("answers").beginArray();
            } else {
                out.write(concept((String) null, owner));
                out.write(':');
            }
            inGroup = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void endGroup() {
        try {
            if (json) group.endArray().endObject().flush();
            group = null;
            inGroup = false;
            endLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void groupValue(Concept owner, Number value) {
        try {
            if (json) {
                JsonWriter w = writer();
                w.beginObject().name("group");
                concept(w, owner);
                w.name("value");
                number(w, value);
                w.endObject().flush();
            } else {
                out.write(concept((String) null, owner));
                out.write(": ");
                out.write(value == null ? "none" : number(value));
            }
            endLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void endLine() throws IOException {
        out.write('\n');
        lines++;
    }

    private JsonWriter writer() {
        JsonWriter w = new JsonWriter(new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) throws IOException { out.write(cbuf, off, len); }

            @Override
            public void flush() { }

            @Override
            public void close() { }
        });
        w.setHtmlSafe(false);
        return w;
    }

    // ---- text

    private static String text(Answer a) {
        StringBuilder sb = new StringBuilder();
        for (var e : a.concepts().entrySet()) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(concept(e.getKey(), e.getValue())).append(';');
        }
        return sb.toString();
    }

    /** {@code $x id V1 isa person}, {@code $n id V7 "Ann" isa name}, {@code $t type person}; without the variable when var is null. */
    static String concept(String var, Concept c) {
        StringBuilder sb = new StringBuilder();
        if (var != null) sb.append('$').append(var).append(' ');
        if (c instanceof Concept.Type t) return sb.append("type ").append(t.label()).toString();
        Concept.Thing t = (Concept.Thing) c;
        sb.append("id ").append(t.id());
        if (t.valueType() != null) sb.append(' ').append(valueText(t.valueType(), t.value()));
        return sb.append(" isa ").append(t.type()).toString();
    }

    /** A value as a Graql literal. */
    static String valueText(ValueType vt, Object v) {
        return switch (vt) {
            case STRING -> GraqlStrings.quote((String) v);
            case LONG -> Long.toString((Long) v);
            case DOUBLE -> new Literal.DoubleLiteral((Double) v).toString();
            case BOOLEAN -> Boolean.toString((Boolean) v);
            case DATETIME -> new Literal.DateTimeLiteral((Long) v).toString();
        };
    }

    private static String number(Number n) {
        return n instanceof Double d ? new Literal.DoubleLiteral(d).toString() : n.toString();
    }

    // ---- JSON

    private static void writeAnswer(JsonWriter w, Answer a) throws IOException {
        w.beginObject();
        for (var e : a.concepts().entrySet()) {
            w.name(e.getKey());
            concept(w, e.getValue());
        }
        w.endObject();
    }

    private static void concept(JsonWriter w, Concept c) throws IOException {
        w.beginObject();
        if (c instanceof Concept.Type t) {
            w.name("label").value(t.label()).name("kind").value("type");
        } else {
            Concept.Thing t = (Concept.Thing) c;
            w.name("id").value(t.id()).name("type").value(t.type()).name("kind").value(t.kind().meta());
            if (t.valueType() != null) {
                w.name("value");
                switch (t.valueType()) {
                    case STRING -> w.value((String) t.value());
                    case LONG -> w.value((Long) t.value());
                    case DOUBLE -> w.value((Double) t.value());
                    case BOOLEAN -> w.value((Boolean) t.value());
                    case DATETIME -> w.value(new Literal.DateTimeLiteral((Long) t.value()).toString());
                }
                w.name("valueType").value(t.valueType().keyword());
            }
        }
        w.endObject();
    }

    private static void number(JsonWriter w, Number n) throws IOException {
        if (n == null) w.nullValue();
        else if (n instanceof Double d && (d.isNaN() || d.isInfinite())) w.value(d.toString());
        else w.value(n);
    }
}
