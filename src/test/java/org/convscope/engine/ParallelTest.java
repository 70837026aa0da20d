package org.convscope.engine;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParallelTest {

    @Test
    void everyIndexRunsExactlyOnceInGrainAlignedParts() {
        for (int n : new int[] {0, 1, 7, 8, 9, 100, 1001}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(n);
            Parallel.forRange(n, 4, 8, (part, from, to) -> {
                if (from % 8 != 0) throw new AssertionError("part " + part + " starts at " + from);
                for (int i = from; i < to; i++) seen.incrementAndGet(i);
            });
            for (int i = 0; i < n; i++) assertEquals(1, seen.get(i), "n " + n + ", index " + i);
        }
    }

    @Test
    void aLoopInsideAPartRunsSeriallyInsteadOfWaitingForTheBusyPool() {
        AtomicIntegerArray seen = new AtomicIntegerArray(64 * 64);
        Parallel.forRange(64, Parallel.THREADS, 1, (part, from, to) -> {
            for (int i = from; i < to; i++) {
                int row = i;
                Parallel.forRange(64, Parallel.THREADS, 1, (p, a, b) -> {
                    for (int j = a; j < b; j++) seen.incrementAndGet(row * 64 + j);
                });
            }
        });
        for (int i = 0; i < 64 * 64; i++) assertEquals(1, seen.get(i));
    }

    @Test
    void aFailingPartReachesTheCaller() {
        assertThrows(IllegalStateException.class, () -> Parallel.forRange(100, Parallel.THREADS, 1, (part, from, to) -> {
            if (to == 100) throw new IllegalStateException("boom");
        }));
    }
}
