package org.convscope.engine;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits a loop over [0, n) into one contiguous part per core: the caller runs the first part and
 * a small pool of daemon threads the others. Used by the hot loops (GEMM, im2col, pooling) only when
 * a part is big enough to pay for the hand-off (a few microseconds).
 */
public final class Parallel {
    /** Parts a loop is split into: the number of cores. */
    public static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private static final ExecutorService POOL = THREADS == 1 ? null : Executors.newFixedThreadPool(THREADS - 1, Worker::new);

    /** True on a thread while it runs a part: a loop started inside a part runs serially, never waiting for the pool. */
    private static final ThreadLocal<boolean[]> IN_PART = ThreadLocal.withInitial(() -> new boolean[1]);

    /** A pool thread. */
    private static final class Worker extends Thread {
        Worker(Runnable r) {
            super(r, "convscope-compute");
            setDaemon(true);
        }
    }

    private Parallel() {
    }

    /** A body over the half-open range [from, to) of part {@code part}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int part, int from, int to);
    }

    /**
     * Runs {@code body} over [0, n) split into {@code parts} contiguous ranges (at most {@link #THREADS}),
     * each a multiple of {@code grain} long except the last; waits for all of them.
     */
    public static void forRange(int n, int parts, int grain, RangeBody body) {
        int units = (n + grain - 1) / grain;
        parts = Math.max(1, Math.min(Math.min(parts, THREADS), units));
        boolean[] inPart = IN_PART.get();
        if (parts == 1 || inPart[0]) {
            body.run(0, 0, n);
            return;
        }
        Future<?>[] others = new Future<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int from = Math.min(n, (int) ((long) units * p / parts) * grain);
            int to = Math.min(n, (int) ((long) units * (p + 1) / parts) * grain);
            int part = p;
            others[p - 1] = POOL.submit(() -> {
                boolean[] flag = IN_PART.get();
                flag[0] = true;
                body.run(part, from, to);
            });
        }
        inPart[0] = true;
        try {
            body.run(0, 0, Math.min(n, (int) ((long) units / parts) * grain));
        } finally {
            inPart[0] = false;
        }
        // Waits through interrupts: the parts write into the caller's arrays, so none may outlive this call.
        boolean interrupted = false;
        for (Future<?> f : others) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) throw r;
                    if (cause instanceof Error err) throw err;
                    throw new IllegalStateException(cause);
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Splits over all cores when the loop does at least {@code work} units (e.g. FLOPs) worth sharing. */
    public static void forRange(int n, long work, RangeBody body) {
        forRange(n, work >= MIN_SHARED_WORK ? THREADS : 1, 1, body);
    }

    /** Below this much work (≈ FLOPs or bytes touched) a loop runs on the caller alone. */
    static final long MIN_SHARED_WORK = 200_000;
}
