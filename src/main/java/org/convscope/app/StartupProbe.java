package org.convscope.app;

import javafx.animation.AnimationTimer;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import org.convscope.app.draw.Classification;
import org.convscope.app.draw.DrawViewModel;
import org.convscope.app.shell.ShellViewModel;

import java.io.PrintStream;
import java.util.List;

/**
 * The app's half of {@code convscope bench --startup}. Started with {@value #ENV} set, the app prints a line
 * to standard output at each milestone a teacher waits for, then exits: the first frame of the window, the
 * first frame showing the pretrained model's answer, and, for every other view in turn, how long its first
 * opening took (from selecting it to the next frame, i.e. building, styling, laying out and drawing it).
 * The first two lines also give the CPU time the process has used, a view's line the CPU time its opening used.
 * The benchmark times the first two lines from the moment it started the process.
 */
public final class StartupProbe {
    /** The environment variable that turns the probe on (an environment variable, so a packaged launcher passes it too). */
    public static final String ENV = "CONVSCOPE_STARTUP_PROBE";
    /** Every line the probe prints begins with this. */
    public static final String PREFIX = "convscope-startup ";

    private final ShellViewModel shell;
    private final List<AppView> views;
    private final PrintStream out;
    private final Runnable done;

    private StartupProbe(ShellViewModel shell, List<AppView> views, PrintStream out, Runnable done) {
        this.shell = shell;
        this.views = views;
        this.out = out;
        this.done = done;
    }

    static boolean requested() {
        return System.getenv(ENV) != null;
    }

    /**
     * Watches the window built from {@code views} (the first one showing) from its first frame on, printing to
     * {@code out}; runs {@code done} (the app: exit) once every view has been opened.
     */
    static void watch(ShellViewModel shell, DrawViewModel draw, List<AppView> views, PrintStream out, Runnable done) {
        StartupProbe probe = new StartupProbe(shell, views, out, done);
        onNextFrame(() -> probe.printWithCpu("window"));
        ChangeListener<Classification> answered = new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Classification> obs, Classification old, Classification now) {
                if (now == null || draw.pretrainedProperty().get() == null) return;
                draw.resultProperty().removeListener(this);
                onNextFrame(() -> {
                    probe.printWithCpu("prediction");
                    probe.open(1);
                });
            }
        };
        draw.resultProperty().addListener(answered);
    }

    /** Opens view {@code index} at the start of a frame and reports when the next frame begins; then the next view. */
    private void open(int index) {
        if (index == views.size()) {
            print("done");
            done.run();
            return;
        }
        onNextFrame(() -> {
            long t0 = System.nanoTime();
            long cpu0 = cpuNanos();
            shell.selectedViewProperty().set(index);
            onNextFrame(() -> {
                print(String.format("view %.1f %.1f %s", (System.nanoTime() - t0) / 1e6, (cpuNanos() - cpu0) / 1e6,
                        views.get(index).title()));
                open(index + 1);
            });
        });
    }

    /**
     * The event and the CPU time the process has used so far, in milliseconds: on a busy machine the wall
     * time the benchmark sees grows with the load, the CPU time much less, so it compares builds better.
     */
    private void printWithCpu(String event) {
        print(String.format("%s %.1f", event, cpuNanos() / 1e6));
    }

    /**
     * The CPU time of all the process's threads so far (-1 if the system does not tell). From ProcessHandle, not
     * the management beans: their first use cost the JavaFX thread ≈ 20 ms at the first frame, which the answer's
     * time then included although no user's start-up has it.
     */
    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    }

    private void print(String event) {
        out.println(PREFIX + event);
        out.flush();
    }

    private static void onNextFrame(Runnable action) {
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                action.run();
            }
        }.start();
    }
}
