package io.graknmigrate.format;

import com.google.protobuf.InvalidProtocolBufferException;

import java.util.Locale;

/** Short, user-facing reasons for protobuf decoding failures (protobuf's own are paragraphs). */
final class WireProblems {

    static final String FIELD_PAST_END = "a field inside runs past the end of the item";
    static final String ZERO_TAG = "a field has tag zero";
    static final String BAD_WIRE_TYPE = "a field has an invalid wire type";
    static final String BAD_UTF8 = "a string is not valid UTF-8";
    static final String BAD_VARINT = "a varint is malformed";
    static final String TOO_DEEP = "messages are nested too deeply";
    static final String NEGATIVE_SIZE = "a field has a negative length";
    static final String BAD_GROUP = "a group is not closed properly";

    private WireProblems() { }

    static String describe(InvalidProtocolBufferException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("ended unexpectedly") || m.contains("truncated")) return FIELD_PAST_END;
        if (m.contains("tag (zero)")) return ZERO_TAG;
        if (m.contains("wire type")) return BAD_WIRE_TYPE;
        if (m.contains("utf-8")) return BAD_UTF8;
        if (m.contains("malformed varint")) return BAD_VARINT;
        if (m.contains("recursion") || m.contains("too many levels")) return TOO_DEEP;
        if (m.contains("negative size")) return NEGATIVE_SIZE;
        if (m.contains("end-group") || m.contains("end group")) return BAD_GROUP;
        String first = String.valueOf(e.getMessage());
        int dot = first.indexOf(". ");
        return "invalid protobuf (" + (dot > 0 ? first.substring(0, dot) : first).replace('\n', ' ') + ")";
    }
}
