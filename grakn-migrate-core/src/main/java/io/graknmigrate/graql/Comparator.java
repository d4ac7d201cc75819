package io.graknmigrate.graql;

/** Value comparators of Graql 1.8 patterns. {@code !==} is value inequality ({@code !=} is concept inequality). */
public enum Comparator {
    EQ("=="),
    NEQ("!=="),
    GT(">"),
    GTE(">="),
    LT("<"),
    LTE("<="),
    /** Substring of a string value. */
    CONTAINS("contains"),
    /** Regular expression on a string value (found anywhere in it, as Grakn's {@code like}). */
    LIKE("like");

    private final String symbol;

    Comparator(String symbol) {
        this.symbol = symbol;
    }

    /** As Graql writes it. */
    public String symbol() { return symbol; }
}
