package io.graknmigrate.typedb3;


import java.util.Locale;

/**
 * Why something was not carried over, and what the conversion does about it by default: a
 * {@link Policy#MISMATCH} between schema and data fails the conversion unless drops are allowed,
 * a {@link Policy#BAD_VALUE} follows the bad-value policy, a {@link Policy#TRANSLATION} is one of the
 * documented translations TypeDB 3 forces, and a {@link Policy#FOLLOWS} loss is a consequence of
 * another one (counted, never judged twice).
 */
public enum LossReason {
    UNKNOWN_TYPE(Policy.MISMATCH, "items whose type is not in the schema"),
    WRONG_KIND(Policy.MISMATCH, "items whose type is of another kind in the schema"),
    WRONG_VALUE_TYPE(Policy.MISMATCH, "attributes whose value is of another value type than the schema's"),
    NO_VALUE(Policy.MISMATCH, "attributes without a value (TypeDB 3: DIS6)"),
    DUPLICATE_ID(Policy.MISMATCH, "items reusing the id of an earlier item"),
    BAD_VALUE(Policy.BAD_VALUE, "attributes with a value TypeDB 3 cannot store"),
    OWNED_ID_NOT_AN_ATTRIBUTE(Policy.MISMATCH, "ownerships whose owned id is not an attribute in the file (DBI20)"),
    ROLE_NOT_RELATED(Policy.MISMATCH, "role players in a role the relation's type does not relate"),
    PLAYER_NOT_IN_FILE(Policy.MISMATCH, "role players whose id is not an entity or relation in the file (DBI21)"),
    ATTRIBUTE_OWNER_WITHOUT_OWNER(Policy.TRANSLATION, "ownerships by attributes that no entity or relation owns"),
    ATTRIBUTE_OWNER_DROPPED_BY_OPTION(Policy.TRANSLATION, "ownerships by attributes (--attribute-owners drop)"),
    ATTRIBUTE_PLAYER(Policy.TRANSLATION, "role players that are attributes (TypeDB 3 attributes cannot play roles)"),
    OWNED_ATTRIBUTE_DROPPED(Policy.FOLLOWS, "ownerships of attributes that were dropped"),
    OWNER_DROPPED(Policy.FOLLOWS, "ownerships of items that were dropped"),
    PLAYER_DROPPED(Policy.FOLLOWS, "role players that were dropped"),
    RELATION_DROPPED(Policy.FOLLOWS, "role players of relations that were dropped"),
    RELATION_WITHOUT_PLAYERS(Policy.FOLLOWS, "relations left without any role player (TypeDB 3 deletes them at the end of the import)"),
    CONSTRAINT(Policy.TRANSLATION, "schema constraints TypeDB 3 cannot express or the data breaks"),
    RULE(Policy.TRANSLATION, "rules (TypeDB 3 has none)"),
    INPUT_CHECKSUMS(Policy.TRANSLATION, "the input's checksums do not match its items");

    /** What a loss of this reason does to the conversion by default. */
    public enum Policy { MISMATCH, BAD_VALUE, TRANSLATION, FOLLOWS }

    private final Policy policy;
    private final String description;

    LossReason(Policy policy, String description) {
        this.policy = policy;
        this.description = description;
    }

    public Policy policy() { return policy; }

    public String description() { return description; }

    /** The JSON spelling: lower case with dashes. */
    public String key() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
}
