package io.graknmigrate.schema;

/** Where something was written: source name, 1-based line and column. */
record Position(String source, int line, int column) {
    @Override
    public String toString() { return source + ":" + line + ":" + column; }

    /** {@code file:line}, for warnings. */
    String fileLine() { return source + ":" + line; }
}
