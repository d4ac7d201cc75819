package io.graknmigrate.keyspace;

/**
 * How an embedded keyspace names its things outside the store: {@code V} and the store's row id, the
 * shape of Grakn's own concept ids. Exports write it, query answers print it, and {@code $x id V12}
 * in a query finds the thing again.
 */
public final class ThingId {

    private ThingId() { }

    /** The id of the thing with this row id, e.g. {@code V12}. */
    public static String of(long rowId) {
        return "V" + rowId;
    }

    /** The row id {@code id} names ({@code V12} -> 12), or -1 when it is not one of ours. */
    public static long rowId(String id) {
        if (id.length() < 2 || id.length() > 19 || id.charAt(0) != 'V') return -1;
        long n = 0;
        for (int i = 1; i < id.length(); i++) {
            char ch = id.charAt(i);
            if (ch < '0' || ch > '9') return -1;
            n = n * 10 + (ch - '0');
        }
        return n;
    }
}
