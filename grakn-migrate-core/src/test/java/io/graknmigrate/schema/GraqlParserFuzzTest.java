package io.graknmigrate.schema;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.graknmigrate.graql.Graql;
import io.graknmigrate.graql.GraqlException;
import io.graknmigrate.graql.Query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the Graql parser ({@link Graql#parse}) and define validation with arbitrary text. Contract: a
 * source either parses or fails with a {@link GraqlException} whose message is one line, and every parsed
 * query's canonical text parses back to the same text; a source either defines or fails with a
 * {@link SchemaException} whose message is one line; nothing else escapes
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
        try {
            for (Query q : Graql.parse("fuzz.gql", text, warnings::add)) {
                String canonical = q.toString();
                String again;
                try {
                    again = Graql.parseQuery(canonical).toString();
                } catch (GraqlException e) {
                    throw new AssertionError("the canonical text of a parsed query does not parse: " + e.getMessage()
                            + "\n--- input\n" + text + "\n--- canonical\n" + canonical, e);
                }
                if (!again.equals(canonical)) {
                    throw new AssertionError("parse → print → parse → print is not a fixpoint\n--- input\n" + text
                            + "\n--- first\n" + canonical + "\n--- second\n" + again);
                }
            }
        } catch (GraqlException e) {
            oneLine("GraqlException", e.getMessage(), e);
        }
        warnings.clear();
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
