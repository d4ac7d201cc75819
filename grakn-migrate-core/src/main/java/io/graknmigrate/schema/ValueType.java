package io.graknmigrate.schema;

/** Value types of attribute types, as Graql 1.8 writes them. */
public enum ValueType {
    STRING("string"),
    LONG("long"),
    DOUBLE("double"),
    BOOLEAN("boolean"),
    DATETIME("datetime");

    private final String keyword;

    ValueType(String keyword) {
        this.keyword = keyword;
    }

    /** The Graql keyword: {@code string}, {@code long}, ... */
    public String keyword() {
        return keyword;
    }

    /** The value type for a Graql keyword, or null. Accepts only the 1.8 keywords ({@code date} is the parser's business). */
    public static ValueType ofKeyword(String keyword) {
        for (ValueType v : values()) if (v.keyword.equals(keyword)) return v;
        return null;
    }
}
