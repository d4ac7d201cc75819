/**
 * The Graql 1.8 query language as Grakn 1.8.4 reads it: a streaming lexer and recursive-descent parser
 * ({@link io.graknmigrate.graql.Graql}, {@link io.graknmigrate.graql.GraqlReader}) producing a typed AST
 * ({@link io.graknmigrate.graql.Query}, {@link io.graknmigrate.graql.Pattern},
 * {@link io.graknmigrate.graql.Statement}, {@link io.graknmigrate.graql.Property},
 * {@link io.graknmigrate.graql.Literal}) in which every node carries the {@link io.graknmigrate.graql.Position}
 * it was written at, and whose {@code toString()} is canonical Graql that parses back to the same text.
 *
 * <p>Read: every query kind ({@code define}, {@code undefine}, {@code insert}, {@code match … insert},
 * {@code match … delete}, {@code match … get} with {@code sort}/{@code offset}/{@code limit}, aggregates,
 * {@code group}, {@code compute}); statements with a variable, a label or no subject; every property; patterns
 * combined as conjunctions, disjunctions and negations; strings in either quote style where {@code \\},
 * {@code \"} and {@code \'} are escapes and every other backslash is kept (so a regex {@code "\d+"} means
 * {@code \d+}); integers, reals, booleans, dates and date-times to the millisecond with extended years, kept as
 * Grakn stores them (epoch milliseconds of the zone-less date-time at UTC); {@code #} comments. Grakn 1.5–1.7
 * spellings ({@code datatype}, {@code date}, value {@code !=}, {@code delete $x;}) are read with a warning naming
 * {@code file:line}; implicit {@code @has-…} types are refused with advice. Labels may be any word except the
 * query keywords, which covers the keywords Graql 1.8 lets labels be ({@code value}, {@code count}, …).
 *
 * <p>Limits against hostile input: pattern nesting 64 levels; a bare {@code match} is a syntax error, as in 1.8.
 */
package io.graknmigrate.graql;
