package io.graknmigrate.migrate;

import java.util.List;

/**
 * One stored thing as a keyspace source hands it out: its store id, type label, value (attributes
 * only: String, Long, Double, Boolean, or Long epoch milliseconds for datetime), the ids of the
 * attributes it owns, and for relations its role players in role order.
 */
public record ThingRecord(String id, String type, Object value, List<String> owned, List<RolePlayer> players) {

    public record RolePlayer(String role, String player) { }
}
