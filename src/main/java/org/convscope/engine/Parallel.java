package org.convscope.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Splits a loop over [0, n) into one contiguous part per core: the caller runs the first part and
 * a small pool of daemon threads the others. A part no pool thread has started by the time the
 * caller is done, the caller runs itself, so a busy machine (or a busy pool) costs no waiting.
 * Used by the hot loops (GEMM, im2col, pooling) only when a part is big enough to pay for the
 * hand-off (a few microseconds).
 */
public final class Parallel {
    /** Parts a loop is split into: the number of cores. */
    public static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    /** Below this much work (≈ FLOPs or values touched) a loop runs on the caller alone. */
    static final long MIN_SHARED_WORK = 200_000;

    private static final ExecutorService POOL = THREADS == 1 ? null : Executors.newFixedThreadPool(THREADS - 1, r -> {
        Thread t = new Thread(r, "convscope-compute");
        t.setDaemon(true);
        return t;
    });

    /** True on a thread while it runs a part: a loop started inside a part runs serially, never waiting for the pool. */
    private static final ThreadLocal<boolean[]> IN_PART = ThreadLocal.withInitial(() -> new boolean[1]);

    private Parallel() {
    }

    /**
     * The parts a loop started on this thread may run in: {@link #THREADS}, or 1 inside a part (whose loops run
     * on its thread alone), for a caller that sizes buffers or partial sums per part.
     */
    static int parts() {
        return IN_PART.get()[0] ? 1 : THREADS;
    }

    /** A body over the half-open range [from, to) of part {@code part}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int part, int from, int to);
    }

    /**
     * Runs {@code body} over [0, n) split into {@code parts} contiguous ranges (at most {@link #THREADS}),
     * each a multiple of {@code grain} long except the last; returns when all have run. The first failure
     * of a part is thrown after all parts have finished.
     */
    public static void forRange(int n, int parts, int grain, RangeBody body) {
        int units = (n + grain - 1) / grain;
        int count = Math.max(1, Math.min(Math.min(parts, THREADS), units));
        boolean[] inPart = IN_PART.get();
        if (count == 1 || inPart[0]) {
            body.run(0, 0, n);
            return;
        }
        AtomicIntegerArray claimed = new AtomicIntegerArray(count); // 1 once a thread has taken the part
        CountDownLatch finished = new CountDownLatch(count);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable[] run = new Runnable[count];
        for (int p = 0; p < count; p++) {
            int part = p;
            int from = Math.min(n, (int) ((long) units * p / count) * grain);
            int to = Math.min(n, (int) ((long) units * (p + 1) / count) * grain);
            run[p] = () -> {
                if (!claimed.compareAndSet(part, 0, 1)) return;
                boolean[] flag = IN_PART.get();
                flag[0] = true;
                try {
                    body.run(part, from, to);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    flag[0] = false;
                    finished.countDown();
                }
            };
        }
        for (int p = 1; p < count; p++) POOL.execute(run[p]);
        for (Runnable r : run) r.run(); // its own part, then any part the pool has not started yet
        // Waits through interrupts: the parts write into the caller's arrays, so none may outlive this call.
        boolean interrupted = false;
        while (true) {
            try {
                finished.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        if (t != null) throw new IllegalStateException(t);
    }

    /** Splits over all cores when the loop does at least {@code work} units (e.g. FLOPs) worth sharing. */
    public static void forRange(int n, long work, RangeBody body) {
        forRange(n, work >= MIN_SHARED_WORK ? THREADS : 1, 1, body);
    }
}
