package io.graknmigrate.format;

/**
 * A kind of problem {@link Verification} finds in a {@code .grakn} file, in report order. Its
 * {@link #code()} is the stable name reports and {@code verify --json} print; see docs/format.md.
 */
public enum ProblemKind {
    DAMAGED("damaged",
            "the file cannot be read past this point (truncated, corrupted, or not a .grakn file): "
                    + "the counts stop there and the references were not checked"),
    HEADER_MISSING("header-missing",
            "no header item: the file may not come from a Grakn export, or its start is lost"),
    HEADER_NOT_FIRST("header-not-first",
            "the header is not the first item"),
    HEADER_REPEATED("header-repeated",
            "more than one header item: files were probably concatenated"),
    CHECKSUMS_MISSING("checksums-missing",
            "no checksums item: the export did not finish, or the end of the file is lost"),
    CHECKSUMS_REPEATED("checksums-repeated",
            "more than one checksums item: files were probably concatenated (the first one is compared)"),
    CHECKSUM_MISMATCH_ENTITY("checksum-mismatch-entity",
            "the number of entities differs from the checksums item"),
    CHECKSUM_MISMATCH_ATTRIBUTE("checksum-mismatch-attribute",
            "the number of attributes differs from the checksums item"),
    CHECKSUM_MISMATCH_RELATION("checksum-mismatch-relation",
            "the number of relations differs from the checksums item"),
    CHECKSUM_MISMATCH_ROLE("checksum-mismatch-role",
            "the number of role players differs from the checksums item"),
    CHECKSUM_MISMATCH_OWNERSHIP("checksum-mismatch-ownership",
            "the number of owned-attribute entries differs from the checksums item"),
    MISSING_ID("missing-id",
            "things with an empty id: nothing can refer to them"),
    MISSING_LABEL("missing-label",
            "things with an empty type label: an importer cannot create them"),
    ATTRIBUTE_WITHOUT_VALUE("attribute-without-value",
            "attributes without a value: an importer cannot create them"),
    DUPLICATE_ID("duplicate-id",
            "ids used by more than one thing: references to them are ambiguous"),
    DANGLING_OWNERSHIP("dangling-ownership",
            "owned-attribute ids that no item of the file has: the ownership cannot be restored"),
    OWNED_NOT_ATTRIBUTE("owned-not-attribute",
            "owned-attribute ids that belong to an entity or relation, not an attribute"),
    DANGLING_ROLE_PLAYER("dangling-role-player",
            "role players whose id no item of the file has: the role cannot be restored"),
    SCHEMA_MISMATCH("schema-mismatch",
            "the items do not fit the schema they were checked against (labels, kinds, value types, "
                    + "has/key/plays/relates): an import into it would fail"),
    IMPLICIT_RELATION_LABEL("implicit-relation-label",
            "Grakn <= 1.7 implicit-relation labels (@has-..., @key-...): "
                    + "Grakn 1.8 removed implicit relations, so such things cannot be imported there; "
                    + "export them as ownerships, or relabel to an explicit relation type (old=new)");

    private final String code;
    private final String description;

    ProblemKind(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The stable name, e.g. {@code duplicate-id}. */
    public String code() { return code; }

    /** What the problem means, in one sentence. */
    public String description() { return description; }

    @Override
    public String toString() { return code; }
}
