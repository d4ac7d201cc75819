package io.graknmigrate.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Grakn's key rules counted in Java over ownerships streamed in order: presence over ownerships in
 * owner order (how many owners have exactly one distinct key attribute of each (declaring type, key)
 * pair), uniqueness over distinct ownerships in attribute order (no key value with two owners of a
 * pair's types). A few counters per pair, nothing per thing. {@link KeyChecks} counts presence this way
 * over the ownerships an import resolved in SQL, {@link SortedLoad} over its sorted streams.
 */
final class KeyRules {

    private final int pairs;
    private final int types;
    private final boolean[][] ownerOf;
    private final boolean[][] keyOf;
    private final int[][] pairsByOwnerType;
    private final int[][] pairsByKeyType;
    private final long[] withOne;
    private final int[] touched;
    private final boolean[] isTouched;
    private final boolean[] several;
    private final long[] firstAttribute;
    private int touchedCount;
    private long current = Long.MIN_VALUE;

    /** @param types one more than the largest type store id */
    KeyRules(List<KeyChecks.Pair> list, int types) {
        this.pairs = list.size();
        this.types = types;
        ownerOf = new boolean[pairs][types];
        keyOf = new boolean[pairs][types];
        List<List<Integer>> byOwner = new ArrayList<>();
        List<List<Integer>> byKey = new ArrayList<>();
        for (int t = 0; t < types; t++) {
            byOwner.add(new ArrayList<>());
            byKey.add(new ArrayList<>());
        }
        for (int p = 0; p < pairs; p++) {
            for (int t : list.get(p).ownerIds()) {
                ownerOf[p][t] = true;
                byOwner.get(t).add(p);
            }
            for (int t : list.get(p).keyIds()) {
                keyOf[p][t] = true;
                byKey.get(t).add(p);
            }
        }
        pairsByOwnerType = new int[types][];
        pairsByKeyType = new int[types][];
        for (int t = 0; t < types; t++) {
            pairsByOwnerType[t] = byOwner.get(t).stream().mapToInt(Integer::intValue).toArray();
            pairsByKeyType[t] = byKey.get(t).stream().mapToInt(Integer::intValue).toArray();
        }
        withOne = new long[pairs];
        touched = new int[pairs];
        isTouched = new boolean[pairs];
        several = new boolean[pairs];
        firstAttribute = new long[pairs];
    }

    /**
     * One ownership in owner order (the same row may come more than once); false, with the counts
     * unfinished, when the owner comes before one already read.
     */
    boolean ownership(long owner, int ownerType, int attributeType, long attribute) {
        if (owner != current) {
            if (owner < current) return false;
            endOwner();
            current = owner;
        }
        if (ownerType >= types || attributeType >= types) return true;
        for (int p : pairsByOwnerType[ownerType]) {
            if (!keyOf[p][attributeType]) continue;
            if (!isTouched[p]) {
                isTouched[p] = true;
                touched[touchedCount++] = p;
                firstAttribute[p] = attribute;
                several[p] = false;
            } else if (firstAttribute[p] != attribute) {
                several[p] = true;
            }
        }
        return true;
    }

    private void endOwner() {
        for (int i = 0; i < touchedCount; i++) {
            int p = touched[i];
            if (!several[p]) withOne[p]++;
            isTouched[p] = false;
        }
        touchedCount = 0;
    }

    /** Per pair (in {@link KeyChecks#pairs} order), the owners with exactly one distinct key attribute of it; ends the owner-order stream. */
    long[] ownersWithOne() {
        endOwner();
        current = Long.MIN_VALUE;
        return withOne.clone();
    }

    /** Whether every new thing of each pair's owner types has exactly one key of it; ends the owner-order stream. */
    boolean everyOwnerHasOne(long[] newThings) {
        long[] one = ownersWithOne();
        for (int p = 0; p < pairs; p++) {
            long things = 0;
            for (int t = 0; t < Math.min(types, newThings.length); t++) if (ownerOf[p][t]) things += newThings[t];
            if (things != one[p]) return false;
        }
        return true;
    }

    /**
     * One distinct ownership in attribute order (after the owner-order stream ended); false when its
     * attribute, a key of a pair, already has an owner of that pair's types.
     */
    boolean keyOwner(long attribute, int ownerType, int attributeType) {
        if (attribute != current) {
            for (int i = 0; i < touchedCount; i++) isTouched[touched[i]] = false;
            touchedCount = 0;
            current = attribute;
        }
        if (ownerType >= types || attributeType >= types) return true;
        for (int p : pairsByKeyType[attributeType]) {
            if (!ownerOf[p][ownerType]) continue;
            if (isTouched[p]) return false;
            isTouched[p] = true;
            touched[touchedCount++] = p;
        }
        return true;
    }
}
