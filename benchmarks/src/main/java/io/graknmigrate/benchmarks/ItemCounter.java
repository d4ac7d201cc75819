package io.graknmigrate.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Items processed, reported by JMH as a rate next to the per-invocation score: the {@code :items}
 * secondary result is the items/s number every table uses.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ItemCounter {

    public long items;

    @Setup(Level.Iteration)
    public void reset() {
        items = 0;
    }
}
