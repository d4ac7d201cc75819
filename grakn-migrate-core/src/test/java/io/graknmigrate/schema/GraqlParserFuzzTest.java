package io.graknmigrate.schema;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the Graql define parser and validation with arbitrary text. Contract: a source either
 * defines or fails with a {@link SchemaException} whose message is one line; nothing else escapes
 * (no StackOverflowError from nested patterns, no NullPointerException, no PatternSyntaxException
 * from a regex). What defines must print and reload to the same text (the printer's fixpoint), and
 * every warning is one line.
 *
 * <p>Corpus: {@code src/test/resources/io/graknmigrate/schema/GraqlParserFuzzTestInputs/parseDefine}.
 */
class GraqlParserFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void parseDefine(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        List<String> warnings = new ArrayList<>();
        Schema schema;
        try {
            schema = SchemaDefiner.define(new Schema(), List.of(new GraqlSource("fuzz.gql", text)), warnings::add);
        } catch (SchemaException e) {
            oneLine("SchemaException", e.getMessage(), e);
            return;
        }
        for (String w : warnings) oneLine("warning", w, null);

        String printed = SchemaPrinter.print(schema);
        Schema reloaded;
        try {
            reloaded = SchemaDefiner.define(new Schema(), List.of(new GraqlSource("printed.gql", printed)), w -> { });
        } catch (SchemaException e) {
            throw new AssertionError("the printout of a schema that defined does not define again: " + e.getMessage()
                    + "\n--- input\n" + text + "\n--- printout\n" + printed, e);
        }
        String reprinted = SchemaPrinter.print(reloaded);
        if (!reprinted.equals(printed)) {
            throw new AssertionError("print → define → print is not a fixpoint\n--- input\n" + text
                    + "\n--- first printout\n" + printed + "\n--- second printout\n" + reprinted);
        }
    }

    private static void oneLine(String what, String m, Throwable cause) {
        if (m == null || m.isBlank() || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
            throw new AssertionError("a " + what + " must be one non-empty line: [" + m + "]", cause);
        }
    }
}
