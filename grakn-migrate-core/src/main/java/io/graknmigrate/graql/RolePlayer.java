package io.graknmigrate.graql;

import java.util.Objects;

/** {@code role: $player}, or just {@code $player} when the role is left open ({@code role} null). */
public record RolePlayer(Position position, Term role, Variable player) {
    public RolePlayer {
        Objects.requireNonNull(player, "player");
    }

    @Override
    public String toString() { return role == null ? player.toString() : role + ": " + player; }
}
