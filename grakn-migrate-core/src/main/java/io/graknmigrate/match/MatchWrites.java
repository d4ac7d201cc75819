package io.graknmigrate.match;

import io.graknmigrate.graql.Label;
import io.graknmigrate.graql.Property;
import io.graknmigrate.graql.Query;
import io.graknmigrate.graql.RolePlayer;
import io.graknmigrate.graql.Statement;
import io.graknmigrate.graql.Variable;
import io.graknmigrate.schema.RoleType;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code match … insert} and {@code match … delete}: the match's answers are all found first (a write
 * never changes what the match sees), then the insert or the delete runs once per answer. Delete
 * follows Grakn 1.8: {@code $x isa T} deletes the thing with its edges (a relation left without
 * players goes too), {@code $x has A $a} removes the ownership only, {@code $r (role: $x)} removes
 * that role player (a relation left without players goes too).
 */
public final class MatchWrites {

    private MatchWrites() { }

    /** Inserts once, with the match's thing variables (names without $) bound to the things of one answer. */
    @FunctionalInterface
    public interface InsertOnce {
        void insert(Map<String, Concept.Thing> bound) throws Exception;
    }

    /** What a match-delete did. */
    public record Deleted(long answers, long things, long ownerships, long rolePlayers) { }

    /** Runs the insert once per answer of the match; returns the number of answers. */
    public static long insert(MatchEngine engine, Query.Insert q, InsertOnce insert) throws Exception {
        MatchPattern.Conjunction pattern = new MatchTranslator().pattern(q.match());
        List<String> vars = thingVars(pattern);
        long[] answers = {0};
        Exception[] failure = {null};
        try {
            engine.forEachAnswerBeforeWriting(pattern, vars, a -> {
                if (failure[0] != null) return;
                answers[0]++;
                Map<String, Concept.Thing> bound = new HashMap<>();
                a.concepts().forEach((k, v) -> {
                    if (v instanceof Concept.Thing t) bound.put(k, t);
                });
                try {
                    insert.insert(bound);
                } catch (Exception e) {
                    failure[0] = e;
                }
            });
        } catch (SQLException e) {
            throw MatchQueryRunner.storeFailure(q, e);
        }
        if (failure[0] != null) throw failure[0];
        return answers[0];
    }

    /** Runs the delete statements once per answer of the match. */
    public static Deleted delete(MatchEngine engine, ThingRemoval store, Query.Delete q) {
        MatchPattern.Conjunction pattern = new MatchTranslator().pattern(q.match());
        List<String> matched = PatternVariables.named(pattern);
        List<Statement> statements = q.statements();
        for (Statement s : statements) check(s, matched, engine);
        long[] counts = new long[4];
        try {
            engine.forEachAnswerBeforeWriting(pattern, thingVars(pattern), a -> {
                counts[0]++;
                for (Statement s : statements) deleteOnce(s, a, engine, store, counts);
            });
        } catch (SQLException e) {
            throw MatchQueryRunner.storeFailure(q, e);
        }
        return new Deleted(counts[0], counts[1], counts[2], counts[3]);
    }

    /** The match's named variables that are things (delete and insert need no type variables). */
    private static List<String> thingVars(MatchPattern.Conjunction pattern) {
        List<String> named = PatternVariables.named(pattern);
        Set<String> types = PatternVariables.typeVars(pattern);
        List<String> out = new ArrayList<>();
        for (String v : named) if (!types.contains(v)) out.add(v);
        return out;
    }

    private static void check(Statement s, List<String> matched, MatchEngine engine) {
        Variable subject = s.variable();
        if (subject == null || subject.isAnonymous()) {
            throw MatchException.at(s.position().toString(), "a delete names matched variables: write $x isa …, $x has … $a or $r (role: $x)");
        }
        requireMatched(subject, matched, s.position().toString());
        for (Property p : s.properties()) {
            String where = p.position().toString();
            if (p instanceof Property.Isa isa) {
                if (!(isa.type() instanceof Label l)) throw MatchException.at(where, "delete … isa needs a type label");
                if (!engine.catalog().isThingType(l.name())) throw MatchException.at(where, "type " + l.name() + " is not in the schema");
            } else if (p instanceof Property.Has has) {
                if (has.attribute() == null) {
                    throw MatchException.at(where, "delete … has names the attribute's variable: match $x has A $a, then delete $x has A $a");
                }
                requireMatched(has.attribute(), matched, where);
            } else if (p instanceof Property.Relation rel) {
                for (RolePlayer rp : rel.players()) {
                    requireMatched(rp.player(), matched, rp.position().toString());
                    if (rp.role() != null) {
                        if (!(rp.role() instanceof Label l)) throw MatchException.at(where, "delete … (role: $x) needs a role label");
                        if (!engine.catalog().isRole(l.name())) throw MatchException.at(rp.position().toString(), "role " + l.name() + " is not in the schema");
                    }
                }
            } else {
                throw MatchException.at(where, "'" + p + "' cannot be deleted: delete things (isa), ownerships (has) and role players");
            }
        }
    }

    private static void requireMatched(Variable v, List<String> matched, String where) {
        if (v.isAnonymous() || !matched.contains(v.name())) {
            throw MatchException.at(where, v + " is not bound by the match; a delete only removes what the match found");
        }
    }

    private static void deleteOnce(Statement s, Answer a, MatchEngine engine, ThingRemoval store, long[] counts) {
        Concept.Thing x = thing(a, s.variable(), s.position().toString());
        Property.Isa isa = s.first(Property.Isa.class);
        if (isa != null) {
            String type = ((Label) isa.type()).name();
            if (!engine.catalog().isInstanceOf(x.type(), type)) {
                throw MatchException.at(isa.position().toString(), "cannot delete " + s.variable() + " (" + x.id() + ") as " + type
                        + ": it is a " + x.type());
            }
            counts[1] += store.deleteThing(x.storeId());
            return;
        }
        for (Property p : s.properties()) {
            if (p instanceof Property.Has has) {
                Concept.Thing attribute = thing(a, has.attribute(), has.position().toString());
                String type = ((Label) has.attributeType()).name();
                if (engine.catalog().isInstanceOf(attribute.type(), type) && store.deleteOwnership(x.storeId(), attribute.storeId())) counts[2]++;
            } else if (p instanceof Property.Relation rel) {
                for (RolePlayer rp : rel.players()) {
                    Concept.Thing player = thing(a, rp.player(), rp.position().toString());
                    String role = rp.role() == null ? RoleType.META : ((Label) rp.role()).name();
                    for (String r : engine.catalog().roleLabelsBelow(role)) {
                        if (store.deleteRolePlayer(x.storeId(), r, player.storeId())) counts[3]++;
                    }
                }
            }
        }
    }

    private static Concept.Thing thing(Answer a, Variable v, String where) {
        Concept c = a.get(v.name());
        if (c instanceof Concept.Thing t) return t;
        throw MatchException.at(where, v + " is a type; a delete removes things");
    }
}
