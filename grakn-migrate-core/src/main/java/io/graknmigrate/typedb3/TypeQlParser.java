package io.graknmigrate.typedb3;

import io.graknmigrate.schema.TypeKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the part of TypeQL 3 a converted schema uses: one {@code define} of type statements with
 * {@code sub}, {@code value}, {@code owns}, {@code plays}, {@code relates ... as ...} and the
 * annotations {@code @abstract @independent @key @unique @card @regex}. The validator reads the
 * emitted {@code schema.tql} back through it, so what is checked is the text TypeDB will receive,
 * not the translator's memory of it. Anything else (functions, structs) is a parse error.
 */
public final class TypeQlParser {

    private record Token(String kind, String text, int line, int column) { }

    private final List<Token> tokens;
    private int pos;

    private TypeQlParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static TypeQlSchema parse(String text) {
        TypeQlParser p = new TypeQlParser(tokenize(text));
        return p.schema();
    }

    private TypeQlSchema schema() {
        TypeQlSchema schema = new TypeQlSchema();
        expectWord("define");
        while (!at("eof")) {
            if (atWord("end")) {
                next();
                expect(";");
                break;
            }
            statement(schema);
        }
        if (!at("eof")) throw error(peek(), "only one query is allowed");
        return schema;
    }

    private void statement(TypeQlSchema schema) {
        TypeKind kind = null;
        Token first = peek();
        if (at("word")) {
            String w = peek().text();
            if (w.equals("entity") || w.equals("relation") || w.equals("attribute")) {
                kind = TypeKind.ofMeta(w);
                next();
            }
        }
        Token labelToken = expect("word");
        String label = labelToken.text();
        if (Labels.isReserved(label)) throw error(labelToken, "the reserved keyword \"" + label + "\" cannot be used as an identifier");
        TypeQlType type = schema.type(label);
        if (type == null) {
            if (kind == null) throw error(first, "type '" + label + "' is used before it is declared with a kind");
            type = schema.add(new TypeQlType(label, kind));
        } else if (kind != null && kind != type.kind()) {
            throw error(first, "type '" + label + "' is declared as " + type.kind().meta() + " and " + kind.meta());
        }
        typeAnnotations(type);
        if (at(";")) {
            next();
            return;
        }
        if (at(",")) next();
        capability(type);
        while (at(",")) {
            next();
            capability(type);
        }
        expect(";");
    }

    private void typeAnnotations(TypeQlType type) {
        while (at("annotation")) {
            Token a = next();
            switch (a.text()) {
                case "@abstract" -> type.isAbstract = true;
                case "@independent" -> type.independent = true;
                default -> throw error(a, "annotation " + a.text() + " is not expected on a type here");
            }
        }
    }

    private void capability(TypeQlType type) {
        if (at("annotation")) {
            typeAnnotations(type);
            return;
        }
        Token w = expect("word");
        switch (w.text()) {
            case "sub" -> type.supertype = expect("word").text();
            case "value" -> {
                type.valueType = expect("word").text();
                while (at("annotation")) {
                    Token a = next();
                    if (!a.text().equals("@regex")) throw error(a, "annotation " + a.text() + " is not expected on a value type here");
                    expect("(");
                    String literal = expect("string").text();
                    expect(")");
                    type.regex = literal.replace("\\\"", "\"");
                }
            }
            case "owns" -> type.owns.put(expect("word").text(), annotations(false));
            case "plays" -> {
                String scope = expect("word").text();
                expect(":");
                String role = expect("word").text();
                type.plays.put(scope + ":" + role, annotations(false));
            }
            case "relates" -> {
                String role = expect("word").text();
                String as = null;
                if (atWord("as")) {
                    next();
                    as = expect("word").text();
                }
                TypeQlType.Capability c = annotations(false);
                c.specialises = as;
                type.relates.put(role, c);
            }
            default -> throw error(w, "expected sub, value, owns, plays or relates, found '" + w.text() + "'");
        }
    }

    private TypeQlType.Capability annotations(boolean unused) {
        TypeQlType.Capability c = new TypeQlType.Capability();
        while (at("annotation")) {
            Token a = next();
            switch (a.text()) {
                case "@key" -> c.key = true;
                case "@unique" -> c.unique = true;
                case "@card" -> {
                    expect("(");
                    long min = number();
                    long max = min;
                    if (at("..")) {
                        next();
                        max = at("number") ? number() : -1;
                    }
                    expect(")");
                    c.card(min, max);
                }
                default -> throw error(a, "annotation " + a.text() + " is not expected here");
            }
        }
        return c;
    }

    private long number() {
        Token t = expect("number");
        try {
            return Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            throw error(t, "number out of range");
        }
    }

    // ---- tokens

    private Token peek() { return tokens.get(pos); }

    private Token next() { return tokens.get(pos++); }

    private boolean at(String kind) { return peek().kind().equals(kind); }

    private boolean atWord(String word) { return at("word") && peek().text().equals(word); }

    private Token expect(String kind) {
        if (!at(kind)) throw error(peek(), "expected " + kind + ", found " + describe(peek()));
        return next();
    }

    private void expectWord(String word) {
        if (!atWord(word)) throw error(peek(), "expected '" + word + "', found " + describe(peek()));
        next();
    }

    private static String describe(Token t) {
        return t.kind().equals("eof") ? "the end of the text" : "'" + t.text() + "'";
    }

    private static TypeQlSchemaException error(Token t, String message) {
        return new TypeQlSchemaException("line " + t.line() + ", column " + t.column() + ": " + message);
    }

    private static List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int col = i - lineStart + 1;
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < n && text.charAt(i) != '\n') i++;
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (j < n && text.charAt(j) != '"') {
                    if (text.charAt(j) == '\\' && j + 1 < n) sb.append(text.charAt(j++));
                    if (text.charAt(j) == '\n') {
                        line++;
                        lineStart = j + 1;
                    }
                    sb.append(text.charAt(j++));
                }
                if (j >= n) throw new TypeQlSchemaException("line " + line + ", column " + col + ": unterminated string");
                out.add(new Token("string", sb.toString(), line, col));
                i = j + 1;
            } else if (c == '@' || Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_' || text.charAt(j) == '-')) j++;
                String word = text.substring(i, j);
                out.add(new Token(c == '@' ? "annotation" : "word", word, line, col));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < n && Character.isDigit(text.charAt(j))) j++;
                out.add(new Token("number", text.substring(i, j), line, col));
                i = j;
            } else if (c == '.' && i + 1 < n && text.charAt(i + 1) == '.') {
                out.add(new Token("..", "..", line, col));
                i += 2;
            } else if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')') {
                out.add(new Token(String.valueOf(c), String.valueOf(c), line, col));
                i++;
            } else {
                throw new TypeQlSchemaException("line " + line + ", column " + col + ": unexpected character '" + c + "'");
            }
        }
        out.add(new Token("eof", "", line, n - lineStart + 1));
        return out;
    }
}
