package io.graknmigrate.graql;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits Graql text read from a {@link Reader} into tokens, one at a time (so a file of any size is read
 * in constant memory); {@code #} comments and whitespace are dropped.
 */
final class GraqlLexer {

    enum Kind { WORD, VAR, STRING, INTEGER, REAL, DATETIME, PUNCT, OP, EOF }

    /**
     * One token. {@code text} is the word, the variable without {@code $}, the unescaped string, the
     * number or date as written, or the punctuation. {@code line} is the rest of the source line for the
     * words that start queries (for messages naming a query), else null.
     */
    record Token(Kind kind, String text, Position pos, String line) {
        boolean is(String s) {
            return (kind == Kind.WORD || kind == Kind.PUNCT || kind == Kind.OP) && text.equals(s);
        }

        String describe() {
            return switch (kind) {
                case EOF -> "the end of the input";
                case STRING -> "a string";
                case INTEGER, REAL -> "the number " + text;
                case DATETIME -> "the date-time " + text;
                case VAR -> "the variable $" + text;
                default -> "'" + text + "'";
            };
        }
    }

    /** Longest stretch the lexer must see at once (a number or a date) besides strings and words. */
    private static final int LOOKAHEAD = 64;
    private static final int MAX_LINE_SHOWN = 120;

    private final String name;
    private final Reader in;
    private char[] buf = new char[1 << 16];
    /** Valid chars are buf[0, limit); i is the next one. base is the offset of buf[0] in the source. */
    private int limit;
    private int i;
    private long base;
    private boolean eof;
    private int line = 1;
    /** Offset in the source where the current line starts. */
    private long lineStart;

    GraqlLexer(String name, Reader in) {
        this.name = name;
        this.in = in;
    }

    /** Characters consumed so far (for progress). */
    long offset() { return base + i; }

    /**
     * Makes at least {@code n} characters from {@code i} available when the source has them; keeps
     * everything from {@code keep} (an index into buf) on.
     */
    private int fill(int n, int keep) throws IOException {
        while (limit - i < n && !eof) {
            if (keep > 0) {
                System.arraycopy(buf, keep, buf, 0, limit - keep);
                limit -= keep;
                i -= keep;
                base += keep;
                keep = 0;
            }
            if (limit == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) eof = true;
            else limit += r;
        }
        return keep;
    }

    private Position here() { return new Position(name, line, (int) (base + i - lineStart) + 1); }

    private void newline() {
        line++;
        lineStart = base + i;
    }

    static boolean isWordChar(char c) {
        return c == '_' || c == '-' || Character.isLetterOrDigit(c);
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    /** The next token; EOF forever at the end. */
    Token next() throws IOException, GraqlException {
        while (true) {
            if (i >= limit) fill(1, i);
            if (i >= limit) return new Token(Kind.EOF, "", here(), null);
            char c = buf[i];
            if (c == '\n') {
                i++;
                newline();
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\uFEFF' || Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (true) {
                    if (i >= limit) fill(1, i);
                    if (i >= limit || buf[i] == '\n') break;
                    i++;
                }
            } else {
                break;
            }
        }
        Position pos = here();
        fill(LOOKAHEAD, i);
        char c = buf[i];
        if (c == '"' || c == '\'') return new Token(Kind.STRING, readString(c, pos), pos, null);
        if (c == '$') {
            i++;
            String v = readWordChars();
            if (v.isEmpty()) {
                throw new GraqlException(pos, "syntax error: '$' must be followed by a variable name, write it like $x");
            }
            return new Token(Kind.VAR, v, pos, null);
        }
        if (",;{}():[]".indexOf(c) >= 0) {
            i++;
            return new Token(Kind.PUNCT, String.valueOf(c), pos, null);
        }
        char n1 = i + 1 < limit ? buf[i + 1] : '\0';
        char n2 = i + 2 < limit ? buf[i + 2] : '\0';
        if (c == '!' && n1 == '=' && n2 == '=') return op("!==", pos);
        if ((c == '!' || c == '=' || c == '>' || c == '<') && n1 == '=') return op(c + "=", pos);
        if (c == '>' || c == '<') return op(String.valueOf(c), pos);
        if (c == '=') {
            i++;
            return new Token(Kind.PUNCT, "=", pos, null);
        }
        if (isDigit(c) || ((c == '-' || c == '+') && isDigit(n1))) {
            Token t = readNumberOrDate(pos);
            if (t != null) return t;
            if (c == '+' || c == '-') {
                throw new GraqlException(pos, "syntax error: unexpected character '" + c
                        + "', a label cannot start with it and what follows is not a number");
            }
            return word(pos);
        }
        if (isWordChar(c) || c == '@') return word(pos);
        throw new GraqlException(pos, "syntax error: unexpected character '" + printable(c)
                + "', remove it or put it inside a quoted string");
    }

    private static String printable(char c) {
        return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private Token op(String op, Position pos) {
        i += op.length();
        return new Token(Kind.OP, op, pos, null);
    }

    private String readWordChars() throws IOException {
        int start = i;
        while (true) {
            if (i >= limit) start = fill(1, start);
            if (i >= limit || !isWordChar(buf[i])) break;
            i++;
        }
        return new String(buf, start, i - start);
    }

    private Token word(Position pos) throws IOException {
        boolean implicit = buf[i] == '@';
        if (implicit) i++;
        String w = (implicit ? "@" : "") + readWordChars();
        if ((w.equals("sub") || w.equals("isa")) && peekChar() == '!') {
            i++;
            w += "!";
        }
        String line = switch (w) {
            case "define", "undefine", "insert", "match", "compute" -> restOfLine(w.length());
            default -> null;
        };
        return new Token(Kind.WORD, w, pos, line);
    }

    private char peekChar() throws IOException {
        if (i >= limit) fill(1, i);
        return i < limit ? buf[i] : '\0';
    }

    /** The source text from the token just read (of that length) to the end of its line, shortened. */
    private String restOfLine(int tokenLength) throws IOException {
        int from = fill(MAX_LINE_SHOWN, i - tokenLength);
        int end = from;
        while (end < limit && end - from < MAX_LINE_SHOWN && buf[end] != '\n' && buf[end] != '\r') end++;
        String s = new String(buf, from, end - from).strip();
        return end - from >= MAX_LINE_SHOWN ? s + " ..." : s;
    }

    /**
     * A number or date at i: {@code -12}, {@code 1.5}, {@code 1e3}, {@code 2020-01-30T10:15:30.123},
     * {@code +12345-01-01}. Null (nothing consumed) when the text there is not one, or runs on into a word.
     */
    private Token readNumberOrDate(Position pos) throws GraqlException {
        int j = i;
        boolean signed = buf[j] == '-' || buf[j] == '+';
        if (signed) j++;
        int digits = j;
        while (j < limit && isDigit(buf[j])) j++;
        int nDigits = j - digits;
        Kind kind = Kind.INTEGER;
        if (j < limit && buf[j] == '-' && (nDigits == 4 || (signed && nDigits >= 4)) && date(j)) {
            j += 6;
            kind = Kind.DATETIME;
            if (j < limit && buf[j] == 'T') {
                int t = time(j + 1);
                if (t < 0) {
                    throw new GraqlException(pos, "syntax error: malformed date-time, write it like 2020-01-30T10:15:30.123");
                }
                j = t;
            }
        } else if (signed && buf[i] == '+') {
            return null;
        } else {
            if (j + 1 < limit && buf[j] == '.' && isDigit(buf[j + 1])) {
                kind = Kind.REAL;
                j++;
                while (j < limit && isDigit(buf[j])) j++;
            }
            if (j + 1 < limit && (buf[j] == 'e' || buf[j] == 'E')) {
                int k = j + 1;
                if (k < limit && (buf[k] == '+' || buf[k] == '-')) k++;
                if (k < limit && isDigit(buf[k])) {
                    while (k < limit && isDigit(buf[k])) k++;
                    if (k >= limit || !isWordChar(buf[k])) {
                        kind = Kind.REAL;
                        j = k;
                    }
                }
            }
        }
        if (j < limit && isWordChar(buf[j])) {
            if (kind == Kind.DATETIME) {
                throw new GraqlException(pos, "syntax error: malformed date-time, write it like 2020-01-30T10:15:30.123");
            }
            return null;
        }
        if (kind == Kind.DATETIME && j < limit && buf[j] == '.') {
            throw new GraqlException(pos, "syntax error: a date-time has at most 3 fraction digits (milliseconds), "
                    + "drop the extra digits");
        }
        String text = new String(buf, i, j - i);
        i = j;
        return new Token(kind, text, pos, null);
    }

    /** True when {@code -MM-DD} starts at j. */
    private boolean date(int j) {
        return j + 5 < limit && buf[j] == '-' && isDigit(buf[j + 1]) && isDigit(buf[j + 2]) && buf[j + 3] == '-'
                && isDigit(buf[j + 4]) && isDigit(buf[j + 5]);
    }

    /** The end of {@code HH:MM[:SS[.fff]]} starting at j, or -1. */
    private int time(int j) {
        if (!(j + 4 < limit && isDigit(buf[j]) && isDigit(buf[j + 1]) && buf[j + 2] == ':' && isDigit(buf[j + 3])
                && isDigit(buf[j + 4]))) return -1;
        j += 5;
        if (j + 2 < limit && buf[j] == ':' && isDigit(buf[j + 1]) && isDigit(buf[j + 2])) {
            j += 3;
            if (j + 1 < limit && buf[j] == '.' && isDigit(buf[j + 1])) {
                int k = j + 1;
                while (k < limit && isDigit(buf[k])) k++;
                if (k - j - 1 > 3) return j; // the caller refuses the extra digits
                j = k;
            }
        }
        return j;
    }

    private String readString(char quote, Position pos) throws IOException, GraqlException {
        int start = ++i;
        boolean escaped = false;
        while (true) {
            if (i >= limit) start = fill(1, start);
            if (i >= limit) break;
            char c = buf[i];
            if (c == '\\') {
                escaped = true;
                if (i + 1 >= limit) start = fill(2, start);
                if (i + 1 < limit && buf[i + 1] == '\n') {
                    i += 2;
                    newline();
                } else {
                    i = Math.min(i + 2, limit);
                }
            } else if (c == quote) {
                String body = new String(buf, start, i - start);
                i++;
                return escaped ? GraqlStrings.unescape(body) : body;
            } else {
                i++;
                if (c == '\n') newline();
            }
        }
        throw new GraqlException(pos, "syntax error: unterminated string, close it with " + quote);
    }
}
