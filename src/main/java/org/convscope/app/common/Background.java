package org.convscope.app.common;

import javafx.concurrent.Task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs long work (loading models and images, writing files) off the FX thread on daemon threads. */
public final class Background {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> daemon(r, "convscope-worker-" + COUNT.incrementAndGet()));

    private Background() {
    }

    /** A thread pool of daemon threads named {@code name}, for a view's own long work: it never keeps the app alive. */
    public static ExecutorService daemonPool(String name) {
        return Executors.newCachedThreadPool(r -> daemon(r, name));
    }

    /** One daemon thread named {@code name} that runs work in turn (e.g. the latest classification). */
    public static ExecutorService daemonThread(String name) {
        return Executors.newSingleThreadExecutor(r -> daemon(r, name));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts {@code task}; its value, message and state are published on the FX thread by the Task itself. */
    public static <T> Task<T> run(Task<T> task) {
        POOL.execute(task);
        return task;
    }

    /** A task from a lambda that may throw; the exception becomes the task's failure. */
    public static <T> Task<T> task(Work<T> work) {
        return new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
    }

    /** Work that returns a value and may fail. */
    @FunctionalInterface
    public interface Work<T> {
        T call() throws Exception;
    }
}
