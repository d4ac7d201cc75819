package io.graknmigrate.format;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonStringTest {

    private static String quote(String s, boolean asciiOnly) {
        return JsonString.append(new StringBuilder(), s, asciiOnly).toString();
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        String s = "a\"b\\c\nd\re\tf\u0001g";
        String expected = "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\"";
        assertThat(quote(s, false)).isEqualTo(expected);
        assertThat(quote(s, true)).isEqualTo(expected);
    }

    @Test
    void escapesNonAsciiOnlyWhenAsked() {
        assertThat(quote("caf\u00e9 \u007f", false)).isEqualTo("\"caf\u00e9 \u007f\"");
        assertThat(quote("caf\u00e9 \u007f", true)).isEqualTo("\"caf\\u00e9 \\u007f\"");
    }

    @Test
    void appendsToWhatIsThere() {
        StringBuilder sb = new StringBuilder("x:");
        assertThat(JsonString.append(sb, "", true)).isSameAs(sb);
        assertThat(sb).hasToString("x:\"\"");
    }
}
