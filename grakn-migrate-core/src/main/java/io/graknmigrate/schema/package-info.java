/**
 * Grakn 1.x schemas: the model ({@link io.graknmigrate.schema.Schema}, {@link io.graknmigrate.schema.ThingType},
 * {@link io.graknmigrate.schema.RoleType}, {@link io.graknmigrate.schema.Rule} with its
 * {@link io.graknmigrate.schema.Pattern} AST), Graql {@code define} loading with Grakn 1.8's validation
 * ({@link io.graknmigrate.schema.SchemaDefiner}) and printing exactly as {@code grakn server schema} does,
 * plus {@code regex} ({@link io.graknmigrate.schema.SchemaPrinter}).
 *
 * <p>Graql read: {@code define} queries (several per source, several sources per call) of statements
 * {@code label prop, prop, ...;} with {@code sub}/{@code sub!}, {@code abstract}, {@code value},
 * {@code regex}, {@code key}, {@code has}, {@code plays}, {@code relates X [as Y]}, {@code type},
 * {@code when}/{@code then}; {@code $x type label, ...} subjects; {@code #} comments; single- or
 * double-quoted strings where {@code \\}, {@code \"} and {@code \'} are escapes and every other
 * backslash is kept (so a regex {@code "\d+"} means {@code \d+}). Grakn 1.5–1.7 {@code datatype} and
 * {@code date} are read with a warning; implicit {@code @has-…} types are refused with advice.
 *
 * <p>Rule patterns: statements with a variable, a type label or no subject; relation tuples with or
 * without role labels (labels or variables); {@code isa}, {@code isa!}, {@code sub}, {@code sub!},
 * {@code type}, {@code has T $v|literal|comparison [via $r]}; value predicates {@code == != !== > >= < <=
 * contains like} and bare literals after a variable; {@code not { }}, {@code { } or { }} and nested
 * {@code { }}. Literals: strings, longs, doubles (exponents allowed, printed plain), booleans, dates and
 * date-times. Not read: {@code undefine}, {@code match}/{@code insert}/{@code get} queries, {@code id}
 * properties, schema properties inside rule patterns ({@code $t plays r}).
 *
 * <p>Printing follows Grakn 1.8.4 byte for byte, with two additions that only appear when needed for a
 * lossless reload: {@code regex} after {@code value}, and {@code role sub super;} lines (after the
 * relation types) for roles that no {@code relates ... [as ...]} line can carry. Limits against hostile
 * input: pattern nesting 64 levels, type hierarchies 1000 levels.
 */
package io.graknmigrate.schema;
