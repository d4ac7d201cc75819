package io.graknmigrate.graql;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One top-level Graql 1.8 query. {@link #position()} is where its first keyword was written;
 * {@link #toString()} is canonical Graql that {@link Graql#parse} reads back to the same query.
 */
public sealed interface Query
        permits Query.Define, Query.Undefine, Query.Insert, Query.Delete, Query.Get, Query.Aggregate,
        Query.Group, Query.Compute {

    Position position();

    /**
     * What kind of query this is, for messages: {@code define}, {@code undefine}, {@code insert},
     * {@code match-insert}, {@code match-delete}, {@code match-get}, {@code match-get-count} (and the other
     * aggregates), {@code match-get-group} or {@code compute}.
     */
    default String kind() {
        if (this instanceof Define) return "define";
        if (this instanceof Undefine) return "undefine";
        if (this instanceof Insert i) return i.match() == null ? "insert" : "match-insert";
        if (this instanceof Delete) return "match-delete";
        if (this instanceof Get) return "match-get";
        if (this instanceof Aggregate a) return "match-get-" + a.method().keyword();
        if (this instanceof Group) return "match-get-group";
        return "compute";
    }

    /** {@code define} type statements (types, roles, rules). */
    record Define(Position position, List<Statement> statements) implements Query {
        public Define {
            statements = List.copyOf(statements);
        }

        @Override
        public String toString() { return "define " + joinStatements(statements); }
    }

    /** {@code undefine} type statements: each removes exactly the properties it names. */
    record Undefine(Position position, List<Statement> statements) implements Query {
        public Undefine {
            statements = List.copyOf(statements);
        }

        @Override
        public String toString() { return "undefine " + joinStatements(statements); }
    }

    /** {@code insert ...} (match null) or {@code match ... insert ...}: once, or once per answer. */
    record Insert(Position position, Match match, List<Statement> statements) implements Query {
        public Insert {
            statements = List.copyOf(statements);
        }

        @Override
        public String toString() { return (match == null ? "" : match + " ") + "insert " + joinStatements(statements); }
    }

    /** {@code match ... delete ...}: per answer. */
    record Delete(Position position, Match match, List<Statement> statements) implements Query {
        public Delete {
            Objects.requireNonNull(match, "match");
            statements = List.copyOf(statements);
        }

        @Override
        public String toString() { return match + " delete " + joinStatements(statements); }
    }

    /**
     * {@code match ... get [$a, $b];} with optional {@code sort $v [asc|desc];}, {@code offset N;},
     * {@code limit N;}. No variables means all of the match's; sort, offset and limit are null when absent.
     */
    record Get(Position position, Match match, List<Variable> variables, Sort sort, Long offset, Long limit)
            implements Query {
        public Get {
            Objects.requireNonNull(match, "match");
            variables = List.copyOf(variables);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder().append(match).append(" get");
            if (!variables.isEmpty()) {
                sb.append(' ').append(variables.stream().map(Variable::toString).collect(Collectors.joining(", ")));
            }
            sb.append(';');
            if (sort != null) sb.append(' ').append(sort).append(';');
            if (offset != null) sb.append(" offset ").append(offset).append(';');
            if (limit != null) sb.append(" limit ").append(limit).append(';');
            return sb.toString();
        }
    }

    /** {@code <get> count;} or {@code <get> sum|max|min|mean|median|std $v;} (variable null for count). */
    record Aggregate(Position position, Get get, AggregateMethod method, Variable variable) implements Query {
        public Aggregate {
            Objects.requireNonNull(get, "get");
            Objects.requireNonNull(method, "method");
        }

        @Override
        public String toString() { return get + " " + aggregate(method, variable); }
    }

    /** {@code <get> group $v;}, optionally followed by an aggregate per group (method null when absent). */
    record Group(Position position, Get get, Variable variable, AggregateMethod method, Variable aggregateVariable)
            implements Query {
        public Group {
            Objects.requireNonNull(get, "get");
            Objects.requireNonNull(variable, "variable");
        }

        @Override
        public String toString() {
            return get + " group " + variable + ";" + (method == null ? "" : " " + aggregate(method, aggregateVariable));
        }
    }

    /**
     * {@code compute <method> [of ...], [in ...], [from ID], [to ID], [using ALGORITHM], [where ...];}.
     * Lists are empty and strings null when a condition is absent.
     */
    record Compute(Position position, ComputeMethod method, List<Label> of, List<Label> in, String from, String to,
                   String using, List<ComputeArgument> where) implements Query {
        public Compute {
            Objects.requireNonNull(method, "method");
            of = List.copyOf(of);
            in = List.copyOf(in);
            where = List.copyOf(where);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("compute ").append(method.keyword());
            String sep = " ";
            if (!of.isEmpty()) { sb.append(sep).append("of ").append(labels(of)); sep = ", "; }
            if (from != null) { sb.append(sep).append("from ").append(from); sep = ", "; }
            if (to != null) { sb.append(sep).append("to ").append(to); sep = ", "; }
            if (!in.isEmpty()) { sb.append(sep).append("in ").append(labels(in)); sep = ", "; }
            if (using != null) { sb.append(sep).append("using ").append(using); sep = ", "; }
            if (!where.isEmpty()) {
                sb.append(sep).append("where ");
                String w = where.stream().map(ComputeArgument::toString).collect(Collectors.joining(", "));
                sb.append(where.size() == 1 ? w : "[" + w + "]");
            }
            return sb.append(';').toString();
        }

        private static String labels(List<Label> labels) {
            String l = labels.stream().map(Label::toString).collect(Collectors.joining(", "));
            return labels.size() == 1 ? l : "[" + l + "]";
        }
    }

    /** {@code match pattern+}: the patterns form one conjunction. */
    record Match(Position position, List<Pattern> patterns) {
        public Match {
            patterns = List.copyOf(patterns);
        }

        @Override
        public String toString() {
            return "match " + patterns.stream().map(p -> p + ";").collect(Collectors.joining(" "));
        }
    }

    /** {@code sort $v [asc|desc]}. */
    record Sort(Position position, Variable variable, boolean ascending) {
        @Override
        public String toString() { return "sort " + variable + (ascending ? " asc" : " desc"); }
    }

    /** {@code name=value} in a compute's {@code where}: {@code min-k=3}, {@code k=2}, {@code size=5}, {@code contains=V1}. */
    record ComputeArgument(Position position, String name, String value) {
        @Override
        public String toString() { return name + "=" + value; }
    }

    /** Aggregate functions over a get's answers. */
    enum AggregateMethod {
        COUNT, SUM, MAX, MIN, MEAN, MEDIAN, STD;

        /** As Graql writes it. */
        public String keyword() { return name().toLowerCase(Locale.ROOT); }
    }

    /** Compute methods. */
    enum ComputeMethod {
        COUNT, SUM, MAX, MIN, MEAN, MEDIAN, STD, PATH, CENTRALITY, CLUSTER;

        /** As Graql writes it. */
        public String keyword() { return name().toLowerCase(Locale.ROOT); }
    }

    private static String joinStatements(List<Statement> statements) {
        return statements.stream().map(s -> s + ";").collect(Collectors.joining(" "));
    }

    private static String aggregate(AggregateMethod method, Variable variable) {
        return method.keyword() + (variable == null ? "" : " " + variable) + ";";
    }
}
