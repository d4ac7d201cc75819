package io.graknmigrate.match;

import java.util.List;

/**
 * A {@code match … get} query: the pattern, the answer variables (all named ones when empty), and
 * the modifiers, aggregate and group that follow it. Null fields are absent.
 */
public record MatchQuery(MatchPattern.Conjunction pattern, List<String> vars, Sort sort, Long offset, Long limit,
                         Aggregate aggregate, String group) {

    public MatchQuery {
        vars = List.copyOf(vars);
    }

    /** A plain {@code match … get;}. */
    public static MatchQuery get(MatchPattern.Conjunction pattern) {
        return new MatchQuery(pattern, List.of(), null, null, null, null, null);
    }

    /** {@code sort $var asc|desc;}. */
    public record Sort(String var, boolean ascending) { }

    /** {@code count;} (var null) or {@code sum|max|min|mean|median|std $var;}. */
    public record Aggregate(Method method, String var) { }

    /** Graql 1.8's aggregates. */
    public enum Method { COUNT, SUM, MAX, MIN, MEAN, MEDIAN, STD }
}
