package io.graknmigrate.schema;

import io.graknmigrate.schema.GraqlLexer.Kind;
import io.graknmigrate.schema.GraqlLexer.Token;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Recursive-descent parser for Graql 1.8 {@code define} queries (and the Grakn 1.5–1.7 spellings
 * {@code datatype} and {@code date}, with a warning). Produces statements; {@link SchemaDefiner}
 * gives them meaning.
 */
final class GraqlParser {

    /** A property of a define statement. */
    enum PropKind { SUB, ABSTRACT, VALUE, REGEX, KEY, HAS, PLAYS, RELATES, WHEN, THEN, TYPE }

    /**
     * One property: {@code arg} is the label or regex, {@code as} the role {@code relates X as Y}
     * overrides, {@code valueType} for {@code value}, {@code pattern} for {@code when}/{@code then}.
     */
    record Prop(PropKind kind, Position pos, String arg, Position argPos, String as, Position asPos,
                ValueType valueType, Pattern.Conjunction pattern, Map<String, Position> labelsAt) {
        Prop(PropKind kind, Position pos, String arg, Position argPos, String as, Position asPos,
             ValueType valueType, Pattern.Conjunction pattern) {
            this(kind, pos, arg, argPos, as, asPos, valueType, pattern, Map.of());
        }
    }

    /** {@code label prop, prop, ...;}. */
    record TypeStatement(String label, Position pos, List<Prop> props) { }

    /** One {@code define} query. */
    record Define(Position pos, List<TypeStatement> statements) { }

    private static final Set<String> QUERY_WORDS = Set.of("define", "undefine", "match", "insert", "delete", "get", "compute");
    private static final Set<String> COMPARATORS = Set.of("==", "!=", "!==", ">", ">=", "<", "<=");

    private final List<Token> tokens;
    private final Consumer<String> warnings;
    private int p;
    /** Nesting of pattern blocks: bounded, so hostile input cannot overflow the stack. */
    private int depth;
    private static final int MAX_DEPTH = 64;
    /** While a rule block is read: where each label in it first occurs, for errors found later. */
    private Map<String, Position> labelsAt;

    private GraqlParser(List<Token> tokens, Consumer<String> warnings) {
        this.tokens = tokens;
        this.warnings = warnings;
    }

    /** All define queries of one source, in order. */
    static List<Define> parse(GraqlSource source, Consumer<String> warnings) throws SchemaException {
        return new GraqlParser(GraqlLexer.tokenize(source), warnings).queries();
    }

    // ---- token helpers

    private Token peek() { return tokens.get(p); }

    private Token peek(int ahead) { return tokens.get(Math.min(p + ahead, tokens.size() - 1)); }

    private Token next() {
        Token t = tokens.get(p);
        if (t.kind() != Kind.EOF) p++;
        return t;
    }

    private boolean accept(String s) {
        if (peek().is(s)) {
            p++;
            return true;
        }
        return false;
    }

    private Token expect(String s, String context) throws SchemaException {
        if (peek().is(s)) return next();
        throw error(peek(), "'" + s + "' " + context);
    }

    private static SchemaException error(Token found, String expected) {
        return SchemaException.at(found.pos(), "syntax error: expected " + expected + " but found " + found.describe()
                + ", fix the Graql there");
    }

    private String label(String what) throws SchemaException {
        Token t = peek();
        // a label may look like a number or a date ("3d", "2020-q1" lex as words; "123" does not)
        boolean wordLike = t.kind() == Kind.WORD
                || ((t.kind() == Kind.NUMBER || t.kind() == Kind.DATETIME) && t.text().matches("[0-9A-Za-z_-]+"));
        if (!wordLike) throw error(t, what);
        if (t.text().startsWith("@")) throw implicitType(t);
        if (t.text().endsWith("!")) throw error(t, what);
        p++;
        if (labelsAt != null) labelsAt.putIfAbsent(t.text(), t.pos());
        return t.text();
    }

    static SchemaException implicitType(Token t) {
        return SchemaException.at(t.pos(), "'" + t.text() + "' is a Grakn implicit type (attribute ownership as "
                + "a hidden relation), which cannot be migrated, so before migrating model it as a relation type of "
                + "your own (for example 'ownership sub relation, relates owner, relates owned;') and define and "
                + "move that data with it");
    }

    // ---- queries

    private List<Define> queries() throws SchemaException {
        List<Define> result = new ArrayList<>();
        while (peek().kind() != Kind.EOF) {
            Token t = peek();
            if (t.is("define")) {
                next();
                List<TypeStatement> statements = new ArrayList<>();
                while (peek().kind() != Kind.EOF && !(peek().kind() == Kind.WORD && QUERY_WORDS.contains(peek().text()))) {
                    statements.add(statement());
                }
                result.add(new Define(t.pos(), statements));
            } else if (t.kind() == Kind.WORD && QUERY_WORDS.contains(t.text())) {
                throw SchemaException.at(t.pos(), "'" + t.text() + "' query found, but only define queries can be "
                        + "loaded as a schema, move data and undefine changes out of this file");
            } else {
                throw error(t, "'define'");
            }
        }
        return result;
    }

    private TypeStatement statement() throws SchemaException {
        Token start = peek();
        String label;
        List<Prop> props = new ArrayList<>();
        if (start.kind() == Kind.VAR) {
            // "$x type person, ..." names the type through a variable
            next();
            label = null;
        } else {
            label = label("a type label to start a statement");
        }
        do {
            props.add(property());
        } while (accept(","));
        if (!peek().is(";")) {
            Token found = peek();
            if (found.pos().line() > tokens.get(p - 1).pos().line()) {
                throw SchemaException.at(found.pos(), "syntax error: expected ',' or ';' after a property but found "
                        + found.describe() + ", end the statement before it with ';'");
            }
            throw error(found, "',' or ';' after a property");
        }
        next();
        if (label == null) {
            for (Prop prop : props) if (prop.kind() == PropKind.TYPE) label = prop.arg();
            if (label == null) {
                throw SchemaException.at(start.pos(), "variable " + start.text() + " in a define statement does not "
                        + "name a type, write the type's label instead of the variable");
            }
        }
        return new TypeStatement(label, start.pos(), props);
    }

    private Prop property() throws SchemaException {
        Token t = peek();
        if (t.kind() != Kind.WORD) throw error(t, "a property (sub, abstract, value, regex, key, has, plays, relates, when, then)");
        String w = t.text();
        Position pos = t.pos();
        switch (w) {
            case "sub", "sub!" -> {
                next();
                Token a = peek();
                String sup = label("a supertype label after '" + w + "'");
                return new Prop(PropKind.SUB, pos, sup, a.pos(), null, null, null, null);
            }
            case "abstract" -> {
                next();
                return new Prop(PropKind.ABSTRACT, pos, null, null, null, null, null, null);
            }
            case "value", "datatype" -> {
                next();
                if (w.equals("datatype")) {
                    warnings.accept(pos.fileLine() + ": 'datatype' is Grakn 1.5-1.7 syntax, read as 'value'");
                }
                Token v = peek();
                if (v.kind() != Kind.WORD) throw error(v, "a value type (long, double, string, boolean, datetime)");
                next();
                ValueType vt = ValueType.ofKeyword(v.text());
                if (vt == null && v.text().equals("date")) {
                    warnings.accept(v.pos().fileLine() + ": value type 'date' is Grakn 1.5-1.7 syntax, read as 'datetime'");
                    vt = ValueType.DATETIME;
                }
                if (vt == null) {
                    throw SchemaException.at(v.pos(), "unknown value type '" + v.text()
                            + "', use one of long, double, string, boolean, datetime");
                }
                return new Prop(PropKind.VALUE, pos, null, v.pos(), null, null, vt, null);
            }
            case "regex" -> {
                next();
                Token s = peek();
                if (s.kind() != Kind.STRING) throw error(s, "a quoted regular expression after 'regex'");
                next();
                return new Prop(PropKind.REGEX, pos, s.text(), s.pos(), null, null, null, null);
            }
            case "key", "has", "plays", "type" -> {
                next();
                Token a = peek();
                String what = switch (w) {
                    case "plays" -> "a role label";
                    case "type" -> "a type label";
                    default -> "an attribute type label";
                };
                String arg = label(what + " after '" + w + "'");
                PropKind kind = switch (w) {
                    case "key" -> PropKind.KEY;
                    case "has" -> PropKind.HAS;
                    case "plays" -> PropKind.PLAYS;
                    default -> PropKind.TYPE;
                };
                return new Prop(kind, pos, arg, a.pos(), null, null, null, null);
            }
            case "relates" -> {
                next();
                Token a = peek();
                String role = label("a role label after 'relates'");
                String as = null;
                Position asPos = null;
                if (accept("as")) {
                    asPos = peek().pos();
                    as = label("the overridden role's label after 'as'");
                }
                return new Prop(PropKind.RELATES, pos, role, a.pos(), as, asPos, null, null);
            }
            case "when", "then" -> {
                next();
                labelsAt = new HashMap<>();
                Pattern.Conjunction body = block();
                Map<String, Position> labels = labelsAt;
                labelsAt = null;
                return new Prop(w.equals("when") ? PropKind.WHEN : PropKind.THEN, pos, null, null, null, null, null, body, labels);
            }
            case "owns" -> throw SchemaException.at(pos, "'owns' is TypeQL 2 syntax, write 'has' (or 'key') as Graql 1.8 does");
            default -> throw error(t, "a property (sub, abstract, value, regex, key, has, plays, relates, when, then)");
        }
    }

    // ---- patterns (rule bodies)

    private Pattern.Conjunction block() throws SchemaException {
        Token open = expect("{", "to open a pattern block");
        if (++depth > MAX_DEPTH) {
            throw SchemaException.at(open.pos(), "patterns nested more than " + MAX_DEPTH + " levels deep, flatten the rule");
        }
        List<Pattern> patterns = new ArrayList<>();
        while (!peek().is("}")) {
            if (peek().kind() == Kind.EOF) throw error(peek(), "'}' to close the pattern block");
            patterns.add(pattern());
        }
        next();
        depth--;
        return new Pattern.Conjunction(patterns);
    }

    private Pattern pattern() throws SchemaException {
        Token t = peek();
        if (t.is("not")) {
            next();
            Pattern.Conjunction body = block();
            if (body.patterns().isEmpty()) throw SchemaException.at(t.pos(), "empty 'not { }', put at least one statement in it");
            expect(";", "after 'not { ... }'");
            return new Pattern.Negation(body);
        }
        if (t.is("{")) {
            Pattern.Conjunction first = block();
            if (!peek().is("or")) {
                expect(";", "or 'or' after a '{ ... }' block");
                return first;
            }
            List<Pattern.Conjunction> branches = new ArrayList<>();
            branches.add(first);
            while (accept("or")) branches.add(block());
            expect(";", "after the last branch of an 'or'");
            return new Pattern.Disjunction(branches);
        }
        Pattern.Statement s = patternStatement();
        expect(";", "or ',' after a statement's property");
        return s;
    }

    private Pattern.Statement patternStatement() throws SchemaException {
        Token start = peek();
        String subject = null;
        if (start.kind() == Kind.VAR) {
            subject = next().text();
        } else if (start.kind() == Kind.WORD && !start.is("(")) {
            subject = label("a variable, a type label or '(' to start a statement");
        } else if (!start.is("(")) {
            throw error(start, "a statement (a variable, '(' or a type label), 'not' or '{'");
        }
        List<Pattern.RolePlayer> relation = null;
        if (peek().is("(")) relation = tuple();
        Pattern.Predicate value = null;
        if (subject != null && subject.startsWith("$") && startsPredicate(peek())) value = predicate();
        List<Pattern.Property> props = new ArrayList<>();
        if (!peek().is(";")) {
            accept(",");
            props.add(patternProperty());
            while (accept(",")) props.add(patternProperty());
        }
        if (relation == null && value == null && props.isEmpty()) {
            throw error(peek(), "a property after " + (subject == null ? "the statement start" : subject));
        }
        return new Pattern.Statement(subject, relation, value, props);
    }

    private List<Pattern.RolePlayer> tuple() throws SchemaException {
        expect("(", "");
        List<Pattern.RolePlayer> players = new ArrayList<>();
        do {
            Token t = peek();
            String role = null;
            if (peek(1).is(":")) {
                if (t.kind() == Kind.VAR) role = next().text();
                else role = label("a role label");
                next();
            }
            Token pl = peek();
            if (pl.kind() != Kind.VAR) throw error(pl, "a role player variable like $x");
            players.add(new Pattern.RolePlayer(role, next().text()));
        } while (accept(","));
        expect(")", "or ',' in a relation tuple");
        return players;
    }

    private Pattern.Property patternProperty() throws SchemaException {
        Token t = peek();
        switch (t.kind() == Kind.WORD ? t.text() : "") {
            case "isa", "isa!" -> {
                next();
                return new Pattern.Isa(typeRef("a type after '" + t.text() + "'"), t.text().endsWith("!"));
            }
            case "sub", "sub!" -> {
                next();
                return new Pattern.Sub(typeRef("a type after '" + t.text() + "'"), t.text().endsWith("!"));
            }
            case "type" -> {
                next();
                return new Pattern.TypeLabel(label("a type label after 'type'"));
            }
            case "has" -> {
                next();
                String type = label("an attribute type label after 'has'");
                Pattern.Predicate value = startsPredicate(peek()) || peek().kind() == Kind.VAR ? predicate() : null;
                String via = null;
                if (accept("via")) {
                    if (peek().kind() != Kind.VAR) throw error(peek(), "a variable after 'via'");
                    via = next().text();
                }
                return new Pattern.Has(type, value, via);
            }
            default -> throw error(t, "a property (isa, isa!, has, sub, type)");
        }
    }

    private String typeRef(String what) throws SchemaException {
        if (peek().kind() == Kind.VAR) return next().text();
        return label(what);
    }

    private static boolean startsPredicate(Token t) {
        return switch (t.kind()) {
            case OP, STRING, NUMBER, DATETIME -> true;
            case WORD -> t.text().equals("contains") || t.text().equals("like") || t.text().equals("true") || t.text().equals("false");
            default -> false;
        };
    }

    private Pattern.Predicate predicate() throws SchemaException {
        Token t = peek();
        String op = "";
        if (t.kind() == Kind.OP) {
            if (!COMPARATORS.contains(t.text())) throw error(t, "a comparison operator");
            op = next().text();
        } else if (t.is("contains") || t.is("like")) {
            op = next().text();
        }
        Token v = peek();
        Pattern.Value operand = switch (v.kind()) {
            case VAR -> new Pattern.Value(Pattern.ValueKind.VARIABLE, v.text());
            case STRING -> new Pattern.Value(Pattern.ValueKind.STRING, v.text());
            case DATETIME -> new Pattern.Value(Pattern.ValueKind.DATETIME, v.text());
            case NUMBER -> number(v);
            case WORD -> v.text().equals("true") || v.text().equals("false")
                    ? new Pattern.Value(Pattern.ValueKind.BOOLEAN, v.text()) : null;
            default -> null;
        };
        if (operand == null) throw error(v, "a value (a string, number, boolean, date-time) or a variable");
        if (op.equals("like") && operand.kind() != Pattern.ValueKind.STRING) {
            throw error(v, "a quoted regular expression after 'like'");
        }
        next();
        return new Pattern.Predicate(op, operand);
    }

    private static Pattern.Value number(Token t) throws SchemaException {
        String s = t.text();
        try {
            if (s.contains(".") || s.contains("e") || s.contains("E")) {
                double d = Double.parseDouble(s);
                if (Double.isInfinite(d)) throw new NumberFormatException();
                String c = Double.toString(d);
                if (c.contains("E")) c = new java.math.BigDecimal(c).toPlainString();
                if (!c.contains(".")) c += ".0";
                return new Pattern.Value(Pattern.ValueKind.DOUBLE, c);
            }
            return new Pattern.Value(Pattern.ValueKind.LONG, Long.toString(Long.parseLong(s)));
        } catch (NumberFormatException e) {
            throw SchemaException.at(t.pos(), "number " + s + " is out of range, write a smaller value");
        }
    }
}
