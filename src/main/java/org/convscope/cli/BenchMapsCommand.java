package org.convscope.cli;

import org.convscope.app.maps.NetworkActivations;
import org.convscope.app.maps.NetworkRasters;
import org.convscope.app.maps.Normalisation;
import org.convscope.app.maps.StrokeSimulator;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * Stroke-to-repaint cost of the "Inside the network" view without a screen: for every pen event of a
 * simulated stroke, one inference pass that keeps every layer's output ({@code forwardAll}) and the
 * colour mapping of every map into ARGB pixels. The JavaFX part (copying the pixels into images and
 * the pulse) is measured by {@code org.convscope.app.maps.MapsRepaintBenchmark}.
 */
@Command(name = "bench-maps", mixinStandardHelpOptions = true,
        description = "Measure the feature-map view's work per pen event: forwardAll + colour mapping of all maps.")
final class BenchMapsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "seed-001", paramLabel = "NAME|FILE",
            description = "A preset, a config .json or a model file (.convscope, Keras .h5 or .keras) (default: ${DEFAULT-VALUE}).")
    String model;

    @Mixin
    InputRangeOption inputRange;

    @Option(names = "--events", defaultValue = "300", description = "Pen events measured (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--warmup", defaultValue = "300", description = "Pen events run first to warm up the JIT (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() throws Exception {
        if (events < 1 || warmup < 0) throw new IllegalArgumentException("--events must be ≥ 1 and --warmup ≥ 0");
        Model m = ModelArg.open(model, 1, inputRange.range(), spec.commandLine().getErr());
        NetworkRasters rasters = new NetworkRasters(m);
        StrokeSimulator pen = new StrokeSimulator(m.inputShape(), 60);
        for (int i = 0; i < warmup; i++) rasters.paint(NetworkActivations.compute(m, pen.next()), Normalisation.PER_MAP);
        long[] forward = new long[events], paint = new long[events];
        long pixels = 0;
        for (int c = 0; c < rasters.columns(); c++) pixels += (long) rasters.raster(c).width() * rasters.raster(c).height();
        for (int i = 0; i < events; i++) {
            Tensor x = pen.next();
            long t0 = System.nanoTime();
            NetworkActivations a = NetworkActivations.compute(m, x);
            long t1 = System.nanoTime();
            rasters.paint(a, i % 2 == 0 ? Normalisation.PER_MAP : Normalisation.PER_LAYER);
            long t2 = System.nanoTime();
            forward[i] = t1 - t0;
            paint[i] = t2 - t1;
        }
        long[] total = new long[events];
        for (int i = 0; i < events; i++) total[i] = forward[i] + paint[i];
        PrintWriter out = spec.commandLine().getOut();
        out.printf("bench-maps: %s, input %s, %d layers, %,d map pixels per repaint, %d pen events (after %d warm-up)%n",
                m.name(), m.inputShape(), m.layers().size(), pixels, events, warmup);
        out.printf("%-26s %9s %9s %9s %9s%n", "per pen event (ms)", "median", "mean", "p95", "max");
        row(out, "forwardAll", forward);
        row(out, "colour mapping (ARGB)", paint);
        row(out, "stroke-to-repaint work", total);
        double p95 = percentile(total, 0.95) / 1e6;
        out.printf("p95 %.2f ms of a 16.7 ms frame (%s); JavaFX image upload and pulse: MapsRepaintBenchmark%n",
                p95, p95 <= 16 ? "fits" : "does NOT fit");
        return 0;
    }

    private static void row(PrintWriter out, String name, long[] ns) {
        double mean = Arrays.stream(ns).average().orElse(0);
        out.printf("%-26s %9.3f %9.3f %9.3f %9.3f%n", name, percentile(ns, 0.5) / 1e6, mean / 1e6,
                percentile(ns, 0.95) / 1e6, Arrays.stream(ns).max().orElse(0) / 1e6);
    }

    private static double percentile(long[] ns, double q) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1)];
    }
}
