package io.graknmigrate.diff;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedWorkTest {

    /** Every piece runs exactly once, whether a helper is waiting, comes late, or never comes. */
    @ParameterizedTest
    @ValueSource(strings = {"waiting", "late", "none"})
    void everyPieceRunsOnce(String helper) throws Exception {
        SharedWork work = new SharedWork();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> helping = helper.equals("waiting") ? other.submit(work::help) : null;
            AtomicIntegerArray runs = new AtomicIntegerArray(6);
            Set<String> threads = ConcurrentHashMap.newKeySet();
            CountDownLatch first = new CountDownLatch(1);
            Runnable[] pieces = new Runnable[6];
            for (int i = 0; i < pieces.length; i++) {
                int p = i;
                pieces[i] = () -> {
                    runs.incrementAndGet(p);
                    threads.add(Thread.currentThread().getName());
                    if (p == 0 && helper.equals("waiting")) {
                        // the owner's piece waits until the helper has taken one, so both threads run pieces
                        try {
                            first.await(5, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    } else if (p != 0) {
                        first.countDown();
                    }
                };
            }
            work.run(pieces);
            work.end();
            if (helper.equals("late")) helping = other.submit(work::help);
            if (helping != null) helping.get(5, TimeUnit.SECONDS);
            for (int i = 0; i < pieces.length; i++) assertThat(runs.get(i)).as("piece %d", i).isEqualTo(1);
            assertThat(threads).hasSize(helper.equals("waiting") ? 2 : 1);
        } finally {
            other.shutdownNow();
        }
    }

    /** A piece's failure reaches the owner once every piece is over, whichever thread ran it. */
    @Test
    void aFailureOnTheHelperReachesTheOwner() throws Exception {
        SharedWork work = new SharedWork();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> helping = other.submit(work::help);
            CountDownLatch taken = new CountDownLatch(1);
            Runnable owner = () -> {
                try {
                    taken.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            Runnable failing = () -> {
                taken.countDown();
                throw new DamagedGraphException("broken on " + Thread.currentThread().getName());
            };
            assertThatThrownBy(() -> work.run(owner, failing)).isInstanceOf(DamagedGraphException.class).hasMessageStartingWith("broken on");
            work.end();
            helping.get(5, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
    }
}
