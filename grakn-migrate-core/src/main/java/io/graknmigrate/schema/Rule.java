package io.graknmigrate.schema;

/** A rule: {@code label sub rule, when { ... }, then { ... };}. The when/then AST is added by the parser work. */
public final class Rule {

    private final String label;

    Rule(String label) {
        this.label = label;
    }

    public String label() { return label; }
}
