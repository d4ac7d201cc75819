package io.graknmigrate.graql;

/** What a type position holds: a {@link Label} ({@code person}) or a {@link Variable} ({@code $t}). */
public sealed interface Term permits Label, Variable {
}
