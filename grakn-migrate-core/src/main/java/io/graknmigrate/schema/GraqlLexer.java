package io.graknmigrate.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits Graql text into tokens; {@code #} comments and whitespace are dropped. */
final class GraqlLexer {

    enum Kind { WORD, VAR, STRING, NUMBER, DATETIME, PUNCT, OP, EOF }

    record Token(Kind kind, String text, Position pos) {
        boolean is(String s) { return (kind == Kind.WORD || kind == Kind.PUNCT || kind == Kind.OP) && text.equals(s); }

        String describe() {
            return switch (kind) {
                case EOF -> "the end of the input";
                case STRING -> "a string";
                case NUMBER -> "the number " + text;
                case DATETIME -> "the date-time " + text;
                default -> "'" + text + "'";
            };
        }
    }

    private static final Pattern DATETIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?)?");
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private final String name;
    private final String text;
    private int i;
    private int line = 1;
    private int lineStart;

    private GraqlLexer(String name, String text) {
        this.name = name;
        this.text = text;
    }

    static List<Token> tokenize(GraqlSource source) throws SchemaException {
        return new GraqlLexer(source.name(), source.text()).run();
    }

    private Position here() { return new Position(name, line, i - lineStart + 1); }

    private static boolean isWordChar(char c) {
        return c == '_' || c == '-' || Character.isLetterOrDigit(c);
    }

    private List<Token> run() throws SchemaException {
        List<Token> out = new ArrayList<>();
        int n = text.length();
        while (true) {
            // skip whitespace and comments
            while (i < n) {
                char c = text.charAt(i);
                if (c == '\n') {
                    i++;
                    line++;
                    lineStart = i;
                } else if (Character.isWhitespace(c) || c == '\uFEFF') {
                    i++;
                } else if (c == '#') {
                    while (i < n && text.charAt(i) != '\n') i++;
                } else {
                    break;
                }
            }
            Position pos = here();
            if (i >= n) {
                out.add(new Token(Kind.EOF, "", pos));
                return out;
            }
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                out.add(new Token(Kind.STRING, readString(c, pos), pos));
            } else if (c == '$') {
                int start = i++;
                while (i < n && isWordChar(text.charAt(i))) i++;
                if (i == start + 1) {
                    throw SchemaException.at(pos, "syntax error: '$' must be followed by a variable name, write it like $x");
                }
                out.add(new Token(Kind.VAR, text.substring(start, i), pos));
            } else if (",;{}():".indexOf(c) >= 0) {
                i++;
                out.add(new Token(Kind.PUNCT, String.valueOf(c), pos));
            } else if (text.startsWith("!==", i) || text.startsWith("!=", i) || text.startsWith("==", i)
                    || text.startsWith(">=", i) || text.startsWith("<=", i) || c == '>' || c == '<') {
                String op = text.startsWith("!==", i) ? "!=="
                        : text.startsWith("!=", i) || text.startsWith("==", i) || text.startsWith(">=", i) || text.startsWith("<=", i)
                        ? text.substring(i, i + 2) : String.valueOf(c);
                i += op.length();
                out.add(new Token(Kind.OP, op, pos));
            } else if (Character.isDigit(c) || ((c == '-' || c == '+') && i + 1 < n && Character.isDigit(text.charAt(i + 1)))) {
                Token t = readNumberOrDate(pos);
                if (t == null && c == '+') {
                    throw SchemaException.at(pos, "syntax error: unexpected character '+', write the number without it");
                }
                out.add(t != null ? t : readWord(pos));
            } else if (isWordChar(c) || c == '@') {
                out.add(readWord(pos));
            } else {
                throw SchemaException.at(pos, "syntax error: unexpected character '" + c
                        + "', remove it or put it inside a quoted string");
            }
        }
    }

    private Token readNumberOrDate(Position pos) {
        for (Pattern p : new Pattern[] {DATETIME, NUMBER}) {
            Matcher m = p.matcher(text).region(i, text.length());
            if (m.lookingAt()) {
                int end = m.end();
                if (end < text.length() && isWordChar(text.charAt(end))) continue;
                i = end;
                return new Token(p == DATETIME ? Kind.DATETIME : Kind.NUMBER, m.group(), pos);
            }
        }
        return null;
    }

    private Token readWord(Position pos) {
        int start = i++;
        while (i < text.length() && isWordChar(text.charAt(i))) i++;
        String word = text.substring(start, i);
        if ((word.equals("sub") || word.equals("isa")) && i < text.length() && text.charAt(i) == '!') {
            i++;
            word += "!";
        }
        return new Token(Kind.WORD, word, pos);
    }

    private String readString(char quote, Position pos) throws SchemaException {
        int start = ++i;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                if (text.charAt(i + 1) == '\n') {
                    line++;
                    lineStart = i + 2;
                }
                i += 2;
            } else if (c == quote) {
                String body = text.substring(start, i++);
                return GraqlStrings.unescape(body);
            } else {
                if (c == '\n') {
                    line++;
                    lineStart = i + 1;
                }
                i++;
            }
        }
        throw SchemaException.at(pos, "syntax error: unterminated string, close it with " + quote);
    }
}
