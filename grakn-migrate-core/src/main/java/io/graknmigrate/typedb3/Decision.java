package io.graknmigrate.typedb3;

/**
 * A choice the translation made for TypeDB 3.
 *
 * @param type the type (Grakn 1.8 label) it is about, or the construct ("rules")
 * @param count how many data items it moves, changes or drops (0 for a schema-only choice)
 * @param text the decision in words
 */
public record Decision(String type, long count, String text) { }
