package io.graknmigrate.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.lang.management.ManagementFactory;

/**
 * Items and the CPU time the benchmark's process spent on them (all threads: GC and the JIT
 * included), summed over an iteration. The report divides one by the other: items per CPU-second is
 * what the code costs even when other processes take turns on the cores, which wall-clock items/s on
 * a shared machine is not.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuClock {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public long cpuItems;
    public long cpuNanos;

    @Setup(Level.Iteration)
    public void reset() {
        cpuItems = 0;
        cpuNanos = 0;
    }

    /** Not public on purpose: JMH would report a public no-argument getter as a counter. */
    long start() {
        return OS.getProcessCpuTime();
    }

    void stop(long start, long items) {
        cpuNanos += OS.getProcessCpuTime() - start;
        cpuItems += items;
    }
}
