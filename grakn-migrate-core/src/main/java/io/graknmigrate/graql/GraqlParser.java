package io.graknmigrate.graql;

import io.graknmigrate.graql.GraqlLexer.Kind;
import io.graknmigrate.graql.GraqlLexer.Token;
import io.graknmigrate.graql.Query.AggregateMethod;
import io.graknmigrate.graql.Query.ComputeMethod;
import io.graknmigrate.schema.ValueType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Recursive-descent parser for Graql 1.8 queries, one query at a time, with the Grakn 1.5–1.7 spellings
 * {@code datatype}, {@code date}, value {@code !=} and {@code delete $x;} read with a warning.
 *
 * <p>One class although long: its methods are the grammar's productions, which call each other
 * recursively (a pattern holds statements, a statement properties, a rule property patterns) and
 * share one lookahead buffer, one nesting depth and one warning sink. Split across classes they would
 * pass that state to and fro; the parts that stand alone live apart ({@link GraqlLexer} the tokens,
 * {@link GraqlLiterals} the values, {@link RegexSyntax} the regexes).
 */
final class GraqlParser {

    private static final String PROPERTIES = "a property (sub, abstract, value, regex, key, has, plays, relates, when, then, type)";
    private static final int MAX_DEPTH = 64;

    /** Which statements a query part takes; decides the properties allowed. */
    private enum Context { DEFINE, UNDEFINE, INSERT, DELETE, PATTERN, THEN }

    private final GraqlLexer lexer;
    private final Consumer<String> warnings;
    private final Token[] ahead = new Token[3];
    private int buffered;
    private Token last;
    /** Nesting of pattern blocks: bounded, so hostile input cannot overflow the stack. */
    private int depth;

    GraqlParser(GraqlLexer lexer, Consumer<String> warnings) {
        this.lexer = lexer;
        this.warnings = warnings;
    }

    /** The first line of the query last started (returned or failed), as written. */
    String queryLine() { return lexer.pinnedLine(); }

    long offset() { return lexer.offset(); }

    // ---- token helpers

    private Token peek() throws GraqlException, IOException { return peek(0); }

    private Token peek(int k) throws GraqlException, IOException {
        while (buffered <= k) {
            Token t = buffered > 0 && ahead[buffered - 1].kind() == Kind.EOF ? ahead[buffered - 1] : lexer.next();
            ahead[buffered++] = t;
        }
        return ahead[k];
    }

    private Token next() throws GraqlException, IOException {
        Token t = peek();
        if (t.kind() != Kind.EOF) {
            System.arraycopy(ahead, 1, ahead, 0, buffered - 1);
            ahead[--buffered] = null;
        }
        last = t;
        return t;
    }

    private boolean accept(String s) throws GraqlException, IOException {
        if (peek().is(s)) {
            next();
            return true;
        }
        return false;
    }

    private Token expect(String s, String context) throws GraqlException, IOException {
        if (peek().is(s)) return next();
        throw error(peek(), "'" + s + "'" + (context.isEmpty() ? "" : " " + context));
    }

    private static GraqlException error(Token found, String expected) {
        return new GraqlException(found.pos(), "syntax error: expected " + expected + " but found " + found.describe()
                + ", fix the Graql there");
    }

    private void warn(Position pos, String message) {
        warnings.accept(pos.fileLine() + ": " + message);
    }

    private boolean atQueryStart() throws GraqlException, IOException {
        Token t = peek();
        return t.kind() == Kind.EOF || (t.kind() == Kind.WORD && isQueryWord(t.text()));
    }

    private static boolean isQueryWord(String w) {
        return switch (w.length()) {
            case 5 -> w.equals("match");
            case 6 -> w.equals("define") || w.equals("insert");
            case 7 -> w.equals("compute");
            case 8 -> w.equals("undefine");
            default -> false;
        };
    }

    /**
     * Words that cannot be labels because they start or split queries. Graql 1.8 reserves more (such as
     * {@code isa} or {@code long}), but where a label stands nothing else can, so those are read as labels.
     */
    private static boolean isReserved(String w) {
        return isQueryWord(w) || w.equals("get") || w.equals("delete");
    }

    private Label label(String what) throws GraqlException, IOException {
        Token t = peek();
        // a label may look like a number or a date ("3d", "2020-q1" lex as words; "123" does not)
        boolean wordLike = t.kind() == Kind.WORD
                || ((t.kind() == Kind.INTEGER || t.kind() == Kind.DATETIME) && t.text().matches("[0-9A-Za-z_-]+"));
        if (!wordLike) throw error(t, what);
        if (t.text().startsWith("@")) throw implicitType(t);
        if (isReserved(t.text())) {
            throw new GraqlException(t.pos(), "syntax error: expected " + what + " but found the keyword '" + t.text()
                    + "', which cannot be a label, fix the Graql there or rename the type");
        }
        next();
        return new Label(t.text(), t.pos());
    }

    private static GraqlException implicitType(Token t) {
        return new GraqlException(t.pos(), "'" + t.text() + "' is a Grakn implicit type (attribute ownership as "
                + "a hidden relation), which cannot be migrated, so before migrating model it as a relation type of "
                + "your own (for example 'ownership sub relation, relates owner, relates owned;') and define and "
                + "move that data with it");
    }

    private Term term(String what) throws GraqlException, IOException {
        if (peek().kind() == Kind.VAR) return new Variable(next().text());
        return label(what);
    }

    private Variable variable(String what) throws GraqlException, IOException {
        if (peek().kind() != Kind.VAR) throw error(peek(), what);
        return new Variable(next().text());
    }

    // ---- queries

    /** The next query, or null at the end of the source. */
    Query query() throws GraqlException, IOException {
        Token t = peek();
        if (t.kind() == Kind.EOF) return null;
        if (t.kind() != Kind.WORD || !isQueryWord(t.text())) {
            if (t.is("get") || t.is("delete")) {
                throw new GraqlException(t.pos(), "syntax error: '" + t.text() + "' without a 'match' before it, "
                        + "start the query with 'match <patterns>;'");
            }
            throw error(t, "a query ('define', 'undefine', 'insert', 'match' or 'compute')");
        }
        lexer.pin(t.offset());
        next();
        return switch (t.text()) {
            case "define" -> new Query.Define(t.pos(), statements(Context.DEFINE, t));
            case "undefine" -> new Query.Undefine(t.pos(), statements(Context.UNDEFINE, t));
            case "insert" -> new Query.Insert(t.pos(), null, statements(Context.INSERT, t));
            case "compute" -> compute(t);
            default -> match(t);
        };
    }

    private List<Statement> statements(Context context, Token keyword) throws GraqlException, IOException {
        List<Statement> out = new ArrayList<>();
        while (!atQueryStart()) {
            if (context == Context.DELETE && peek().kind() == Kind.VAR && (peek(1).is(";") || peek(1).is(","))) {
                oldDelete(out);
            } else {
                out.add(statement(context));
            }
        }
        // an empty define is what an empty schema prints as, so it must read back
        if (out.isEmpty() && context != Context.DEFINE) {
            throw new GraqlException(peek().pos(), "syntax error: '" + keyword.text() + "' needs at least one statement, "
                    + "add one or remove the '" + keyword.text() + "'");
        }
        return out;
    }

    private Query match(Token matchToken) throws GraqlException, IOException {
        List<Pattern> patterns = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.is("get") || t.is("insert") || t.is("delete")) break;
            if (atQueryStart()) {
                throw new GraqlException(t.pos(), "syntax error: a 'match' needs 'get', 'insert' or 'delete' after its "
                        + "patterns (Graql 1.8 has no bare match) but found " + t.describe()
                        + ", add 'get;' to read the answers");
            }
            patterns.add(pattern(Context.PATTERN));
        }
        if (patterns.isEmpty()) throw error(peek(), "a pattern after 'match'");
        Query.Match match = new Query.Match(matchToken.pos(), patterns);
        Token kw = next();
        return switch (kw.text()) {
            case "insert" -> new Query.Insert(matchToken.pos(), match, statements(Context.INSERT, kw));
            case "delete" -> new Query.Delete(matchToken.pos(), match, statements(Context.DELETE, kw));
            default -> get(matchToken, match);
        };
    }

    private Query get(Token matchToken, Query.Match match) throws GraqlException, IOException {
        List<Variable> vars = new ArrayList<>();
        if (!peek().is(";")) {
            do {
                vars.add(variable("a variable to get, or ';'"));
            } while (accept(","));
        }
        expect(";", "to end 'get'");
        Query.Sort sort = null;
        Long offset = null;
        Long limit = null;
        if (peek().is("sort")) {
            Token s = next();
            Variable v = variable("a variable to sort by after 'sort'");
            boolean asc = true;
            if (accept("desc")) asc = false;
            else accept("asc");
            expect(";", "after 'sort $v [asc|desc]'");
            sort = new Query.Sort(s.pos(), v, asc);
        }
        if (accept("offset")) {
            offset = count("offset");
            expect(";", "after 'offset N'");
        }
        if (accept("limit")) {
            limit = count("limit");
            expect(";", "after 'limit N'");
        }
        Query.Get get = new Query.Get(matchToken.pos(), match, vars, sort, offset, limit);
        Token t = peek();
        if (t.is("group")) {
            next();
            Variable v = variable("a variable to group by after 'group'");
            expect(";", "after 'group $v'");
            AggregateMethod method = aggregateMethod(peek());
            Variable av = null;
            if (method != null) {
                next();
                av = aggregateVariable(method);
            }
            return new Query.Group(matchToken.pos(), get, v, method, av);
        }
        AggregateMethod method = aggregateMethod(t);
        if (method != null) {
            next();
            return new Query.Aggregate(matchToken.pos(), get, method, aggregateVariable(method));
        }
        return get;
    }

    private static AggregateMethod aggregateMethod(Token t) {
        if (t.kind() != Kind.WORD) return null;
        return switch (t.text()) {
            case "count" -> AggregateMethod.COUNT;
            case "sum" -> AggregateMethod.SUM;
            case "max" -> AggregateMethod.MAX;
            case "min" -> AggregateMethod.MIN;
            case "mean" -> AggregateMethod.MEAN;
            case "median" -> AggregateMethod.MEDIAN;
            case "std" -> AggregateMethod.STD;
            default -> null;
        };
    }

    private Variable aggregateVariable(AggregateMethod method) throws GraqlException, IOException {
        Variable v = null;
        if (method != AggregateMethod.COUNT) v = variable("a variable after '" + method.keyword() + "'");
        expect(";", "after '" + method.keyword() + (v == null ? "" : " " + v) + "'");
        return v;
    }

    private long count(String what) throws GraqlException, IOException {
        Token t = peek();
        if (t.kind() != Kind.INTEGER || t.text().startsWith("-") || t.text().startsWith("+")) {
            throw error(t, "a whole number after '" + what + "'");
        }
        next();
        try {
            return Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            throw new GraqlException(t.pos(), "number " + t.text() + " is out of range, write a smaller value");
        }
    }

    private Query compute(Token kw) throws GraqlException, IOException {
        Token m = peek();
        ComputeMethod method = null;
        if (m.kind() == Kind.WORD) {
            for (ComputeMethod c : ComputeMethod.values()) if (c.keyword().equals(m.text())) method = c;
        }
        if (method == null) {
            throw error(m, "a compute method (count, sum, max, min, mean, median, std, path, centrality, cluster)");
        }
        next();
        List<Label> of = new ArrayList<>();
        List<Label> in = new ArrayList<>();
        List<Query.ComputeArgument> where = new ArrayList<>();
        String from = null;
        String to = null;
        String using = null;
        if (!peek().is(";")) {
            do {
                Token c = next();
                switch (c.kind() == Kind.WORD ? c.text() : "") {
                    case "of" -> labels(of);
                    case "in" -> labels(in);
                    case "from" -> from = conceptId("after 'from'");
                    case "to" -> to = conceptId("after 'to'");
                    case "using" -> {
                        Token a = peek();
                        if (a.kind() != Kind.WORD) throw error(a, "an algorithm (degree, k-core, connected-component)");
                        using = next().text();
                    }
                    case "where" -> {
                        if (accept("[")) {
                            do {
                                where.add(computeArgument());
                            } while (accept(","));
                            expect("]", "to close the 'where' list");
                        } else {
                            where.add(computeArgument());
                        }
                    }
                    default -> throw error(c, "a compute condition (of, in, from, to, using, where)");
                }
            } while (accept(","));
        }
        expect(";", "to end the compute query");
        return new Query.Compute(kw.pos(), method, of, in, from, to, using, where);
    }

    private void labels(List<Label> into) throws GraqlException, IOException {
        if (accept("[")) {
            do {
                into.add(label("a type label"));
            } while (accept(","));
            expect("]", "to close the list of types");
        } else {
            into.add(label("a type label or '[' for a list"));
        }
    }

    private Query.ComputeArgument computeArgument() throws GraqlException, IOException {
        Token n = peek();
        if (n.kind() != Kind.WORD) throw error(n, "an argument (min-k, k, size, contains)");
        next();
        expect("=", "after '" + n.text() + "'");
        Token v = peek();
        if (v.kind() != Kind.INTEGER && v.kind() != Kind.WORD) throw error(v, "a number or a concept id");
        next();
        return new Query.ComputeArgument(n.pos(), n.text(), v.text());
    }

    private String conceptId(String where) throws GraqlException, IOException {
        Token t = peek();
        if (t.kind() != Kind.WORD && t.kind() != Kind.INTEGER) throw error(t, "a concept id " + where);
        next();
        return t.text();
    }

    // ---- patterns

    private Pattern.Conjunction block(Context context) throws GraqlException, IOException {
        Token open = expect("{", "to open a pattern block");
        if (++depth > MAX_DEPTH) {
            throw new GraqlException(open.pos(), "patterns nested more than " + MAX_DEPTH + " levels deep, flatten them");
        }
        List<Pattern> patterns = new ArrayList<>();
        while (!peek().is("}")) {
            if (peek().kind() == Kind.EOF) throw error(peek(), "'}' to close the pattern block");
            patterns.add(pattern(context));
        }
        next();
        depth--;
        return new Pattern.Conjunction(open.pos(), patterns);
    }

    private Pattern pattern(Context context) throws GraqlException, IOException {
        Token t = peek();
        if (context == Context.PATTERN && t.is("not")) {
            next();
            Pattern.Conjunction body = block(context);
            if (body.patterns().isEmpty()) {
                throw new GraqlException(t.pos(), "empty 'not { }', put at least one statement in it");
            }
            expect(";", "after 'not { ... }'");
            return new Pattern.Negation(t.pos(), body);
        }
        if (context == Context.PATTERN && t.is("{")) {
            Pattern.Conjunction first = block(context);
            if (!peek().is("or")) {
                expect(";", "or 'or' after a '{ ... }' block");
                return first;
            }
            List<Pattern.Conjunction> branches = new ArrayList<>();
            branches.add(first);
            while (accept("or")) branches.add(block(context));
            expect(";", "after the last branch of an 'or'");
            return new Pattern.Disjunction(t.pos(), branches);
        }
        return statement(context);
    }

    /** One statement and its closing {@code ;}. */
    private Statement statement(Context context) throws GraqlException, IOException {
        Token start = peek();
        Term subject = null;
        boolean typeContext = context == Context.DEFINE || context == Context.UNDEFINE;
        if (start.kind() == Kind.VAR) {
            subject = new Variable(next().text());
        } else if (start.is("(")) {
            if (typeContext) throw error(start, "a type label to start a statement");
        } else if (typeContext || context == Context.PATTERN) {
            String what = typeContext ? "a type label to start a statement"
                    : "a statement (a variable, '(' or a type label), 'not' or '{'";
            if (start.kind() != Kind.WORD && start.kind() != Kind.INTEGER && start.kind() != Kind.DATETIME) {
                throw error(start, what);
            }
            subject = label(what);
        } else {
            throw error(start, "a statement (a variable like $x or a relation '(')");
        }
        List<Property> props = new ArrayList<>();
        boolean head = false;
        if (peek().is("(")) {
            if (typeContext) throw error(peek(), PROPERTIES);
            props.add(relation(context));
            head = true;
        }
        if (subject instanceof Variable && !typeContext) {
            Token t = peek();
            if (t.is("!=") && peek(1).kind() == Kind.VAR) {
                if (context != Context.PATTERN) {
                    throw new GraqlException(t.pos(), "'" + subject + " != $" + peek(1).text() + "' is a condition, "
                            + "which only a 'match' or a rule's 'when' can hold, move it there");
                }
                next();
                props.add(new Property.Neq(t.pos(), variable("a variable")));
                head = true;
            } else if (startsPredicate(t)) {
                Predicate value = predicate();
                if ((context == Context.INSERT || context == Context.THEN) && value.equalsLiteral() == null) {
                    throw new GraqlException(t.pos(), "'" + subject + " " + value + "' compares, but "
                            + (context == Context.THEN ? "a rule's 'then'" : "an insert") + " writes a value, write "
                            + "the value itself (" + subject + " \"...\")");
                }
                props.add(new Property.Value(t.pos(), value));
                head = true;
            }
        }
        if (!peek().is(";")) {
            if (head) accept(",");
            if (typeContext) refuseMissingSub(subject);
            props.add(property(context));
            while (accept(",")) {
                if (peek().is(";")) {
                    throw new GraqlException(peek().pos(), "syntax error: expected a property after ',' but found ';',"
                            + " a ',' before ';' starts no property, remove it");
                }
                props.add(property(context));
            }
        }
        if (props.isEmpty()) throw error(peek(), "a property after " + start.describe());
        if (!peek().is(";")) throw endOfStatementError(peek());
        next();
        return new Statement(start.pos(), subject, props);
    }

    /** Words that start a property; after a complete property, one of them means a ',' was left out. */
    private static final Set<String> PROPERTY_WORDS = Set.of("isa", "isa!", "sub", "sub!", "abstract", "value",
            "datatype", "regex", "key", "plays", "type", "has", "relates", "when", "then", "id", "owns");

    /**
     * What a statement's properties were followed by instead of ';', said as the slip it most likely
     * is: a property word means a missing ',' (even on the next line, where schemas put each property);
     * the end of the input, a '}', a variable, a relation or a new statement on a later line mean a
     * missing ';'.
     */
    private GraqlException endOfStatementError(Token found) throws GraqlException, IOException {
        boolean laterLine = found.pos().line() > last.pos().line();
        boolean propertyWord = found.kind() == Kind.WORD && PROPERTY_WORDS.contains(found.text());
        // "value sub attribute" on a new line is a statement about a type named like a property word
        boolean newStatement = laterLine && propertyWord && peek(1).kind() == Kind.WORD && PROPERTY_WORDS.contains(peek(1).text());
        String expected = "syntax error: expected ',' or ';' after a property but found " + found.describe();
        if (propertyWord && !newStatement) {
            return new GraqlException(found.pos(), expected + ", a ',' is missing between properties, add it before '" + found.text() + "'");
        }
        if (found.kind() == Kind.EOF) {
            return new GraqlException(found.pos(), "syntax error: expected ';' after a property but found the end of the input,"
                    + " end the statement with ';'");
        }
        if (found.is("}")) return new GraqlException(found.pos(), expected + ", end the statement before '}' with ';'");
        if (laterLine || found.kind() == Kind.VAR || found.is("(") || (found.kind() == Kind.WORD && isQueryWord(found.text()))) {
            return new GraqlException(found.pos(), expected + ", end the statement before it with ';'");
        }
        return error(found, "',' or ';' after a property");
    }

    /** {@code person entity;}: a supertype label where the first property should be, so 'sub' was left out. */
    private void refuseMissingSub(Term subject) throws GraqlException, IOException {
        Token t = peek();
        if (t.kind() == Kind.WORD && !PROPERTY_WORDS.contains(t.text()) && !isQueryWord(t.text()) && (peek(1).is(",") || peek(1).is(";"))) {
            throw new GraqlException(t.pos(), "syntax error: expected a property but found " + t.describe()
                    + ", a 'sub' is missing, write '" + subject + " sub " + t.text() + "'");
        }
    }

    /** Grakn 1.5–1.7 {@code delete $x, $y;}: each variable's thing is deleted. */
    private void oldDelete(List<Statement> into) throws GraqlException, IOException {
        Token start = peek();
        List<Variable> vars = new ArrayList<>();
        do {
            Token v = peek();
            vars.add(variable("a variable after ','"));
            into.add(new Statement(v.pos(), vars.get(vars.size() - 1),
                    List.of(new Property.Isa(v.pos(), new Label("thing", v.pos()), false))));
        } while (accept(","));
        expect(";", "after the variables to delete");
        warn(start.pos(), "'delete " + vars.get(0) + (vars.size() > 1 ? ", ..." : "") + ";' is Grakn 1.5-1.7 syntax, read as 'delete "
                + vars.get(0) + " isa thing;'");
    }

    private Property.Relation relation(Context context) throws GraqlException, IOException {
        Token open = expect("(", "");
        List<RolePlayer> players = new ArrayList<>();
        do {
            Token t = peek();
            Term role = null;
            if (peek(1).is(":")) {
                role = term("a role label");
                next();
            }
            Token pl = peek();
            if (pl.kind() != Kind.VAR) throw error(pl, "a role player variable like $x");
            if (role == null && context == Context.INSERT) {
                throw new GraqlException(pl.pos(), "role player $" + pl.text() + " has no role, an insert must name "
                        + "each player's role, write it like (role: $" + pl.text() + ")");
            }
            players.add(new RolePlayer(t.pos(), role, new Variable(next().text())));
        } while (accept(","));
        expect(")", "or ',' in a relation tuple");
        return new Property.Relation(open.pos(), players);
    }

    private Property property(Context context) throws GraqlException, IOException {
        Token t = peek();
        if (t.kind() != Kind.WORD) throw error(t, propertiesFor(context));
        String w = t.text();
        Position pos = t.pos();
        Property p = switch (w) {
            case "isa", "isa!" -> {
                next();
                yield new Property.Isa(pos, term("a type after '" + w + "'"), w.endsWith("!"));
            }
            case "sub", "sub!" -> {
                next();
                yield new Property.Sub(pos, term("a supertype label after '" + w + "'"), w.endsWith("!"));
            }
            case "abstract" -> {
                next();
                yield new Property.Abstract(pos);
            }
            case "value", "datatype" -> {
                next();
                if (w.equals("datatype")) warn(pos, "'datatype' is Grakn 1.5-1.7 syntax, read as 'value'");
                Token v = peek();
                if (v.kind() != Kind.WORD) throw error(v, "a value type (long, double, string, boolean, datetime)");
                next();
                ValueType vt = ValueType.ofKeyword(v.text());
                if (vt == null && v.text().equals("date")) {
                    warn(v.pos(), "value type 'date' is Grakn 1.5-1.7 syntax, read as 'datetime'");
                    vt = ValueType.DATETIME;
                }
                if (vt == null) {
                    throw new GraqlException(v.pos(), "unknown value type '" + v.text()
                            + "', use one of long, double, string, boolean, datetime");
                }
                yield new Property.ValueType(pos, vt);
            }
            case "regex" -> {
                next();
                Token s = peek();
                if (s.kind() != Kind.STRING) throw error(s, "a quoted regular expression after 'regex'");
                next();
                yield new Property.Regex(pos, s.text());
            }
            case "key" -> {
                next();
                yield new Property.Key(pos, term("an attribute type label after 'key'"));
            }
            case "plays" -> {
                next();
                yield new Property.Plays(pos, term("a role label after 'plays'"));
            }
            case "type" -> {
                next();
                yield new Property.Type(pos, label("a type label after 'type'"));
            }
            case "has" -> {
                next();
                yield has(pos, context);
            }
            case "relates" -> {
                next();
                Term role = term("a role label after 'relates'");
                Term as = accept("as") ? term("the specialised role's label after 'as'") : null;
                yield new Property.Relates(pos, role, as);
            }
            case "when", "then" -> {
                next();
                Pattern.Conjunction body = block(w.equals("when") ? Context.PATTERN : Context.THEN);
                yield w.equals("when") ? new Property.When(pos, body) : new Property.Then(pos, body);
            }
            case "id" -> {
                next();
                yield new Property.Id(pos, conceptId("after 'id'"));
            }
            case "owns" -> throw new GraqlException(pos, "'owns' is TypeQL 2 syntax, write 'has' (or 'key') as Graql 1.8 does");
            default -> throw error(t, propertiesFor(context));
        };
        checkAllowed(p, context);
        return p;
    }

    private static String propertiesFor(Context context) {
        return switch (context) {
            case DEFINE, UNDEFINE -> PROPERTIES;
            case INSERT, THEN -> "a property (isa, has)";
            case DELETE -> "a property (isa, has)";
            case PATTERN -> "a property (isa, isa!, has, id, sub, sub!, type, plays, relates, key, abstract, value, regex)";
        };
    }

    /** Type properties in define/undefine, instance properties in insert/delete/then; patterns take both. */
    private static void checkAllowed(Property p, Context context) throws GraqlException {
        boolean typeProperty = p instanceof Property.Sub || p instanceof Property.Abstract || p instanceof Property.ValueType
                || p instanceof Property.Regex || p instanceof Property.Key || p instanceof Property.Plays
                || p instanceof Property.Relates || p instanceof Property.When || p instanceof Property.Then
                || p instanceof Property.Type || (p instanceof Property.Has h && h.attribute() == null && h.predicate() == null);
        boolean instanceProperty = p instanceof Property.Isa || p instanceof Property.Has h2 && !typeProperty
                || p instanceof Property.Id;
        switch (context) {
            case DEFINE, UNDEFINE -> {
                if (!typeProperty) {
                    throw new GraqlException(p.position(), "'" + p + "' is not a schema property, so it cannot be in '"
                            + context.name().toLowerCase(Locale.ROOT) + "', move it to an 'insert' or a 'match'");
                }
            }
            case INSERT, DELETE, THEN -> {
                if (!instanceProperty || p instanceof Property.Id || (p instanceof Property.Isa i && i.explicit())) {
                    String where = context == Context.THEN ? "a rule's 'then'" : "'" + context.name().toLowerCase(Locale.ROOT) + "'";
                    throw new GraqlException(p.position(), "'" + keyword(p) + "' cannot be used in " + where
                            + ", use isa and has there (schema properties go in 'define')");
                }
            }
            case PATTERN -> {
                if (p instanceof Property.When || p instanceof Property.Then) {
                    throw new GraqlException(p.position(), "'" + keyword(p) + "' cannot be used in a pattern, define rules in 'define'");
                }
            }
        }
    }

    private static String keyword(Property p) {
        return p.toString().split(" ", 2)[0];
    }

    private Property.Has has(Position pos, Context context) throws GraqlException, IOException {
        Term type = term("an attribute type label after 'has'");
        Variable attribute = null;
        Predicate predicate = null;
        Token t = peek();
        if (t.kind() == Kind.VAR) {
            attribute = new Variable(next().text());
        } else if (startsPredicate(t)) {
            predicate = predicate();
        }
        Variable via = null;
        if (accept("via")) via = variable("a variable after 'via'");
        if (predicate != null && (context == Context.INSERT || context == Context.THEN) && predicate.equalsLiteral() == null) {
            throw new GraqlException(predicate.position(), "'has " + type + " " + predicate + "' compares, but "
                    + (context == Context.THEN ? "a rule's 'then'" : "an insert") + " writes a value, write the value "
                    + "itself (has " + type + " \"...\")");
        }
        return new Property.Has(pos, type, attribute, predicate, via);
    }

    private static boolean startsPredicate(Token t) {
        return switch (t.kind()) {
            case OP, STRING, INTEGER, REAL, DATETIME -> true;
            case WORD -> t.text().equals("contains") || t.text().equals("like") || t.text().equals("true")
                    || t.text().equals("false");
            default -> false;
        };
    }

    private Predicate predicate() throws GraqlException, IOException {
        Token t = peek();
        Comparator op = Comparator.EQ;
        if (t.kind() == Kind.OP || t.is("contains") || t.is("like")) {
            next();
            op = switch (t.text()) {
                case "==" -> Comparator.EQ;
                case "!==" -> Comparator.NEQ;
                case "!=" -> {
                    warn(t.pos(), "'!=' before a value is Grakn 1.5-1.7 syntax for value inequality, read as '!=='");
                    yield Comparator.NEQ;
                }
                case ">" -> Comparator.GT;
                case ">=" -> Comparator.GTE;
                case "<" -> Comparator.LT;
                case "<=" -> Comparator.LTE;
                case "contains" -> Comparator.CONTAINS;
                default -> Comparator.LIKE;
            };
        }
        Token v = peek();
        Operand operand = v.kind() == Kind.VAR ? new Variable(v.text()) : GraqlLiterals.of(v);
        if (operand == null) throw error(v, "a value (a string, number, boolean, date-time) or a variable");
        if (op == Comparator.LIKE && !(operand instanceof Literal.StringLiteral)) {
            throw error(v, "a quoted regular expression after 'like'");
        }
        if (op == Comparator.LIKE) {
            String problem = RegexSyntax.problem(((Literal.StringLiteral) operand).value());
            if (problem != null) throw new GraqlException(v.pos(), "invalid regex after 'like': " + problem + ", fix the regular expression");
        }
        if (op == Comparator.CONTAINS && !(operand instanceof Literal.StringLiteral) && !(operand instanceof Variable)) {
            throw error(v, "a string or a variable after 'contains'");
        }
        next();
        return new Predicate(t.pos(), op, operand);
    }
}
