package io.graknmigrate.graql;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Splits Graql text read from a {@link Reader} into tokens, one at a time (so a file of any size is read
 * in constant memory); {@code #} comments and whitespace are dropped.
 */
final class GraqlLexer {

    enum Kind { WORD, VAR, STRING, INTEGER, REAL, DATETIME, PUNCT, OP, EOF }

    /**
     * One token. {@code text} is the word, the variable without {@code $}, the unescaped string, the
     * number or date as written, or the punctuation; {@code offset} is where it starts in the source.
     */
    record Token(Kind kind, String text, Position pos, long offset) {
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
    /** Chars a query's text may take in the buffer before its first line is copied out instead. */
    private static final int MAX_PINNED = 1 << 20;

    private final String name;
    private final Reader in;
    private char[] buf;
    /** Valid chars are buf[0, limit); i is the next one. base is the offset of buf[0] in the source. */
    private int limit;
    private int i;
    private long base;
    private boolean eof;
    private int line = 1;
    /** Offset in the source where the current line starts. */
    private long lineStart;
    /** Offset of the current query's start, kept in the buffer; -1 when none. */
    private long pin = -1;
    private String pinnedLine;

    /** {@code capacity}: the initial buffer, in chars (it grows when a token or a pinned query needs more). */
    GraqlLexer(String name, Reader in, int capacity) {
        this.name = name;
        this.in = in;
        this.buf = new char[Math.max(capacity, 2 * LOOKAHEAD)];
    }

    /** Characters consumed so far (for progress). */
    long offset() { return base + i; }

    /**
     * Makes at least {@code n} characters from {@code i} available when the source has them; keeps
     * everything from {@code keep} (an index into buf) on, and the pinned query start. Returns where the
     * char at {@code keep} is afterwards.
     */
    private int fill(int n, int keep) throws IOException {
        while (limit - i < n && !eof) {
            int shift = keep;
            if (pin >= 0) shift = Math.min(shift, (int) (pin - base));
            if (shift > 0) {
                System.arraycopy(buf, shift, buf, 0, limit - shift);
                limit -= shift;
                i -= shift;
                keep -= shift;
                base += shift;
            }
            if (limit == buf.length) {
                if (pin >= 0 && buf.length >= MAX_PINNED) {
                    // a huge query: remember its first line and stop holding its text
                    pinnedLine = lineAt(pin);
                    pin = -1;
                    continue;
                }
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) eof = true;
            else limit += r;
        }
        return keep;
    }

    /** Keeps the source text from {@code offset} (a query's start) until the next pin, for {@link #pinnedLine()}. */
    void pin(long offset) {
        pin = offset;
        pinnedLine = null;
    }

    /** The pinned line from the pinned offset to its end, trimmed and shortened. */
    String pinnedLine() {
        if (pinnedLine == null && pin >= 0) pinnedLine = lineAt(pin);
        return pinnedLine == null ? "" : pinnedLine;
    }

    private String lineAt(long offset) {
        int from = (int) (offset - base);
        if (from < 0 || from > limit) return "";
        int end = from;
        while (end < limit && end - from < MAX_LINE_SHOWN && buf[end] != '\n' && buf[end] != '\r') end++;
        String line = new String(buf, from, end - from).strip();
        return end - from >= MAX_LINE_SHOWN ? line + " ..." : line;
    }

    private Position here() { return new Position(name, line, (int) (base + i - lineStart) + 1); }

    private void newline() {
        line++;
        lineStart = base + i;
    }

    static boolean isWordChar(char c) {
        if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        return Character.isLetterOrDigit(c);
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    /** Keywords and punctuation as shared strings: no allocation, and their hash codes are cached. */
    private static final String[] WORDS = {"define", "undefine", "insert", "match", "delete", "get", "compute", "isa",
            "sub", "has", "key", "plays", "relates", "as", "abstract", "value", "regex", "when", "then", "type", "id",
            "via", "not", "or", "like", "contains", "true", "false", "sort", "offset", "limit", "asc", "desc", "group",
            "count", "sum", "max", "min", "mean", "median", "std", "long", "double", "string", "boolean", "datetime",
            "entity", "relation", "attribute", "thing", "role", "rule", "in", "of", "from", "to", "using", "where",
            "isa!", "sub!"};
    private static final String[] PUNCT = new String[128];

    static {
        for (char c : ",;{}():[]=<>".toCharArray()) PUNCT[c] = String.valueOf(c).intern();
    }

    /** WORDS by length and first letter: the candidates {@link #shared} compares with. */
    private static final String[][][] WORDS_BY_SHAPE = new String[10][26][];

    static {
        for (String w : WORDS) {
            String[][] byFirst = WORDS_BY_SHAPE[w.length()];
            int f = w.charAt(0) - 'a';
            String[] old = byFirst[f] == null ? new String[0] : byFirst[f];
            String[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = w;
            byFirst[f] = grown;
        }
    }

    private static String shared(char[] b, int from, int len) {
        char first = b[from];
        if (len < WORDS_BY_SHAPE.length && first >= 'a' && first <= 'z') {
            String[] candidates = WORDS_BY_SHAPE[len][first - 'a'];
            if (candidates != null) {
                for (String w : candidates) {
                    boolean same = true;
                    for (int k = 1; k < len && same; k++) same = w.charAt(k) == b[from + k];
                    if (same) return w;
                }
            }
        }
        return new String(b, from, len);
    }

    /** The next token; EOF forever at the end. */
    Token next() throws IOException, GraqlException {
        while (true) {
            if (i >= limit) fill(1, i);
            if (i >= limit) return new Token(Kind.EOF, "", here(), base + i);
            char c = buf[i];
            if (c == '\n') {
                i++;
                newline();
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\uFEFF' || (c > 127 && Character.isWhitespace(c))
                    || c == '\f' || c == 0x0B) {
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
        if (limit - i < LOOKAHEAD) fill(LOOKAHEAD, i);
        long start = base + i;
        char c = buf[i];
        if (c == '"' || c == '\'') return new Token(Kind.STRING, readString(c, pos), pos, start);
        if (c == '$') {
            i++;
            String v = readWordChars(false);
            if (v.isEmpty()) {
                throw new GraqlException(pos, "syntax error: '$' must be followed by a variable name, write it like $x");
            }
            return new Token(Kind.VAR, v, pos, start);
        }
        char n1 = i + 1 < limit ? buf[i + 1] : '\0';
        char n2 = i + 2 < limit ? buf[i + 2] : '\0';
        if (c == '!' && n1 == '=' && n2 == '=') return op("!==", pos, start);
        if (n1 == '=') {
            switch (c) {
                case '!': return op("!=", pos, start);
                case '=': return op("==", pos, start);
                case '>': return op(">=", pos, start);
                case '<': return op("<=", pos, start);
                default: break;
            }
        }
        if (c == '>' || c == '<') return op(PUNCT[c], pos, start);
        if (c < 128 && PUNCT[c] != null) {
            i++;
            return new Token(Kind.PUNCT, PUNCT[c], pos, start);
        }
        if (isDigit(c) || ((c == '-' || c == '+') && isDigit(n1))) {
            Token t = readNumberOrDate(pos, start);
            if (t != null) return t;
            if (c == '+' || c == '-') {
                throw new GraqlException(pos, "syntax error: unexpected character '" + c
                        + "', a label cannot start with it and what follows is not a number");
            }
            return word(pos, start);
        }
        if (isWordChar(c) || c == '@') return word(pos, start);
        throw new GraqlException(pos, "syntax error: unexpected character '" + printable(c)
                + "', remove it or put it inside a quoted string");
    }

    private static String printable(char c) {
        return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private Token op(String op, Position pos, long start) {
        i += op.length();
        return new Token(Kind.OP, op, pos, start);
    }

    private String readWordChars(boolean keywords) throws IOException {
        int start = i;
        while (true) {
            if (i >= limit) start = fill(1, start);
            if (i >= limit || !isWordChar(buf[i])) break;
            i++;
        }
        return keywords ? shared(buf, start, i - start) : new String(buf, start, i - start);
    }

    private Token word(Position pos, long start) throws IOException {
        String w;
        if (buf[i] == '@') {
            i++;
            w = "@" + readWordChars(false);
        } else {
            w = readWordChars(true);
        }
        if ((w == "sub" || w == "isa") && peekChar() == '!') { // shared instances
            i++;
            w = w == "sub" ? "sub!" : "isa!";
        }
        return new Token(Kind.WORD, w, pos, start);
    }

    private char peekChar() throws IOException {
        if (i >= limit) fill(1, i);
        return i < limit ? buf[i] : '\0';
    }

    /**
     * A number or date at i: {@code -12}, {@code 1.5}, {@code 1e3}, {@code 2020-01-30T10:15:30.123},
     * {@code +12345-01-01}. Null (nothing consumed) when the text there is not one, or runs on into a word.
     */
    private Token readNumberOrDate(Position pos, long start) throws GraqlException {
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
        if (j - i >= LOOKAHEAD) {
            // the lexer is sure to see LOOKAHEAD chars ahead only: no Graql value is that long
            throw new GraqlException(pos, "syntax error: a number or date-time of " + LOOKAHEAD
                    + " characters or more, shorten it");
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
        return new Token(kind, text, pos, start);
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
