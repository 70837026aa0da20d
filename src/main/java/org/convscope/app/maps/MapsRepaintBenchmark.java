package org.convscope.app.maps;

import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.engine.Presets;
import org.convscope.engine.Model;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JavaFX half of the maps benchmark (the CLI's {@code bench-maps} measures the rest without a
 * screen): shows the view in a window and feeds it the pen events of a simulated stroke, measuring
 * <ul>
 *   <li>pen event → every map painted into its image (frame timer, worker forwardAll, colour mapping, PixelWriter);</li>
 *   <li>pen event → the first layout pulse after that, i.e. the frame that shows it;</li>
 *   <li>the FX thread's share: a repaint without inference (colour mapping + PixelWriter).</li>
 * </ul>
 * Run with a display: {@code java -cp convscope.jar org.convscope.app.maps.MapsRepaintBenchmark [preset] [events]}.
 */
public final class MapsRepaintBenchmark {
    private MapsRepaintBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String preset = args.length > 0 ? args[0] : "seed-001";
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Model model = Presets.create(preset).build(1);
        StrokeSimulator pen = new StrokeSimulator(model.inputShape(), 60);
        AppContext ctx = new AppContext();
        MapsView view = new MapsView();
        AtomicLong painted = new AtomicLong(), shown = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(1);
        Platform.startup(() -> {
            ctx.modelProperty().set(model);
            Stage stage = new Stage();
            stage.setTitle("ConvScope maps benchmark");
            Scene scene = new Scene((Parent) view.createContent(ctx), 1600, 1000);
            // registered after the overview's own listener, so this runs once the images are written
            view.viewModel().activationsProperty().addListener((obs, old, a) -> painted.set(System.nanoTime()));
            scene.addPostLayoutPulseListener(() -> {
                if (painted.get() != 0 && shown.get() == 0) shown.set(System.nanoTime());
            });
            stage.setScene(scene);
            stage.show();
            ready.countDown();
        });
        ready.await();
        int warmup = events;
        long[] toPainted = new long[events], toShown = new long[events], fxRepaint = new long[events];
        for (int i = -warmup; i < events; i++) {
            painted.set(0);
            shown.set(0);
            long[] start = new long[1];
            Platform.runLater(() -> {
                start[0] = System.nanoTime();
                ctx.inputProperty().set(pen.next());
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (shown.get() == 0 && System.nanoTime() < deadline) Thread.sleep(0, 200_000);
            if (shown.get() == 0) throw new IllegalStateException("no repaint within 10 s");
            CountDownLatch repainted = new CountDownLatch(1);
            long[] fx = new long[1];
            Platform.runLater(() -> {
                long t = System.nanoTime();
                var norm = view.viewModel().normalisationProperty();
                norm.set(norm.get() == Normalisation.PER_MAP ? Normalisation.PER_LAYER : Normalisation.PER_MAP);
                fx[0] = System.nanoTime() - t;
                repainted.countDown();
            });
            repainted.await();
            if (i >= 0) {
                toPainted[i] = painted.get() - start[0];
                toShown[i] = shown.get() - start[0];
                fxRepaint[i] = fx[0];
            }
        }
        System.out.printf("MapsRepaintBenchmark: %s, %d pen events (after %d warm-up), window 1600×1000%n", preset, events, warmup);
        System.out.printf("%-44s %9s %9s %9s%n", "(ms)", "median", "mean", "p95");
        row("pen event -> all maps painted into images", toPainted);
        row("pen event -> next layout pulse (on screen)", toShown);
        row("FX thread: repaint (colours + PixelWriter)", fxRepaint);
        Platform.exit();
    }

    private static void row(String name, long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        System.out.printf("%-44s %9.3f %9.3f %9.3f%n", name, s[s.length / 2] / 1e6,
                Arrays.stream(s).average().orElse(0) / 1e6, s[(int) Math.ceil(0.95 * s.length) - 1] / 1e6);
    }
}
