package io.graknmigrate.format;

import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The one JSON writer of every {@code --json} output: Gson's {@link JsonWriter}, in one style (one
 * compact object, nulls written, every non-ASCII character escaped as {@code \\uXXXX} so that the
 * output survives any console encoding). Calls chain: {@code json.begin().field("ok").value(true).end()}.
 */
public final class Json {

    private final StringWriter text = new StringWriter();
    private final JsonWriter writer = new JsonWriter(text);

    /** An empty document. */
    public Json() {
        writer.setSerializeNulls(true);
        writer.setHtmlSafe(false);
    }

    /** Opens an object. */
    public Json begin() {
        return write(JsonWriter::beginObject);
    }

    /** Closes the open object. */
    public Json end() {
        return write(JsonWriter::endObject);
    }

    /** Opens an array. */
    public Json beginArray() {
        return write(JsonWriter::beginArray);
    }

    /** Closes the open array. */
    public Json endArray() {
        return write(JsonWriter::endArray);
    }

    /** The name of the next field of the open object. */
    public Json field(String name) {
        return write(w -> w.name(name));
    }

    /** A string value; null writes {@code null}. */
    public Json value(String s) {
        return write(w -> w.value(s));
    }

    /** A number. */
    public Json value(long n) {
        return write(w -> w.value(n));
    }

    /** A boolean; null writes {@code null}. */
    public Json value(Boolean b) {
        return write(w -> w.value(b));
    }

    /** {@code null}. */
    public Json nullValue() {
        return write(JsonWriter::nullValue);
    }

    /** The document written so far, as ASCII. */
    @Override
    public String toString() {
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return asciiOnly(text.toString());
    }

    /** Non-ASCII characters only occur inside JSON strings, where {@code \\uXXXX} means the same character. */
    private static String asciiOnly(String json) {
        StringBuilder sb = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c < 0x7f) {
                if (sb != null) sb.append(c);
                continue;
            }
            if (sb == null) sb = new StringBuilder(json.length() + 16).append(json, 0, i);
            sb.append(String.format("\\u%04x", (int) c));
        }
        return sb == null ? json : sb.toString();
    }

    private interface Step {
        void apply(JsonWriter writer) throws IOException;
    }

    private Json write(Step step) {
        try {
            step.apply(writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter never fails; a misuse is an IllegalStateException
        }
        return this;
    }
}
