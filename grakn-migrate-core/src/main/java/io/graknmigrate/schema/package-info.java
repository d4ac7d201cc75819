/**
 * Grakn 1.x schemas: the model ({@link io.graknmigrate.schema.Schema}, {@link io.graknmigrate.schema.ThingType},
 * {@link io.graknmigrate.schema.RoleType}, {@link io.graknmigrate.schema.Rule}), Graql {@code define} and
 * {@code undefine} applied with Grakn 1.8's validation ({@link io.graknmigrate.schema.SchemaDefiner},
 * {@link io.graknmigrate.schema.SchemaUndefiner}) and printing exactly as {@code grakn server schema} does,
 * plus {@code regex} ({@link io.graknmigrate.schema.SchemaPrinter}). The text is read by
 * {@link io.graknmigrate.graql.Graql}.
 *
 * <p>Grakn 1.8 semantics kept: the role hierarchy is global ({@code relates origin as stop} may name another
 * role of the same relation, or of any relation); a rule is any statement with {@code when} and {@code then}
 * ({@code sub rule} optional), whose {@code then} concludes one fact, possibly with value statements fixing
 * its value ({@code $c has name $n; $n "the-company";}); rules refuse what Grakn refuses (a disjunction in
 * {@code when}, a {@code not} inside a {@code not}, more than one {@code not}). A later statement about an existing
 * type adds properties to it; forward references inside one define are fine.
 *
 * <p>Printing follows Grakn 1.8.4 byte for byte, with two additions that only appear when needed for a
 * lossless reload: {@code regex} after {@code value}, and {@code role sub super;} lines (after the
 * relation types) for roles that no relation type relates. Limits against hostile input: type hierarchies
 * 1000 levels.
 */
package io.graknmigrate.schema;
