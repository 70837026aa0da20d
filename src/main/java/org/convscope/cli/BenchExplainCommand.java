package org.convscope.cli;

import org.convscope.data.ImageFiles;
import org.convscope.data.Preprocessing;
import org.convscope.engine.Gemm;
import org.convscope.engine.Model;
import org.convscope.engine.Parallel;
import org.convscope.engine.Tensor;
import org.convscope.trace.explain.ActivationMaximization;
import org.convscope.trace.explain.Fgsm;
import org.convscope.trace.explain.GradCam;
import org.convscope.trace.explain.Occlusion;
import org.convscope.trace.explain.Saliency;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;

@Command(name = "bench-explain", mixinStandardHelpOptions = true,
        description = {"Times the explanation methods on one 28×28 digit at a time (the ten sample digits in turn):",
                "saliency, gradient × input, Grad-CAM, occlusion, FGSM and an activation-maximization iteration,",
                "beside plain one-image inference. Prints the median and 95th percentile of each in milliseconds."})
final class BenchExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "mnist-cnn", paramLabel = "FILE|NAME",
            description = "The model to explain (default ${DEFAULT-VALUE}, the pretrained seed-001).")
    String model;

    @Option(names = "--runs", defaultValue = "200", description = "Timed runs per method (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "100", description = "Untimed runs per method first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() throws IOException {
        if (runs < 1 || warmup < 0) throw new IllegalArgumentException("--runs must be ≥ 1 and --warmup ≥ 0");
        PrintWriter out = spec.commandLine().getOut();
        Model m = ModelArg.open(model, 1);
        Tensor[] digits = new Tensor[10];
        for (int d = 0; d < 10; d++) digits[d] = sampleDigit(m, d);
        out.printf("ConvScope bench-explain: %s (%s), Java %s, %d cores, GEMM %s, load average %.2f%n", model, m.inputShape(),
                System.getProperty("java.version"), Parallel.THREADS, Gemm.current().name(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        int layer = GradCam.defaultLayer(m);
        Occlusion.Options occlusion = Occlusion.Options.defaults();
        var oneIteration = new ActivationMaximization.Options(1, 0.05f, 0.01f, 1, 1, true, 1);
        time(out, "inference (predict, batch 1)", i -> m.predict(digits[i % 10]));
        time(out, "saliency |∂z/∂x|", i -> Saliency.gradient(m, digits[i % 10], i % 10));
        time(out, "gradient × input", i -> Saliency.gradientTimesInput(m, digits[i % 10], i % 10));
        time(out, "Grad-CAM (" + m.layers().get(layer).name() + ")", i -> GradCam.of(m, digits[i % 10], i % 10, layer));
        time(out, "occlusion 6×6 stride 2 (144 places)", i -> Occlusion.run(m, digits[i % 10], i % 10, occlusion, (d, t, h) -> { }, () -> false));
        time(out, "FGSM, 1 step", i -> Fgsm.attack(m, digits[i % 10], i % 10, 0.1f, 1, Fgsm.UNTARGETED));
        time(out, "iterated FGSM, 10 steps", i -> Fgsm.attack(m, digits[i % 10], i % 10, 0.1f, 10, Fgsm.UNTARGETED));
        time(out, "activation maximization, 1 iteration", i -> ActivationMaximization.run(m,
                new ActivationMaximization.Target(layer, i % 10), oneIteration, (it, x, r) -> { }, () -> false));
        return 0;
    }

    /** Runs {@code work} warm-up + timed times and prints the median and p95 of the timed ones. */
    private void time(PrintWriter out, String what, IntConsumer work) {
        for (int i = 0; i < warmup; i++) work.accept(i);
        long[] ns = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.accept(i);
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        out.printf("%-40s median %8.3f ms   p95 %8.3f ms%n", what, ns[runs / 2] / 1e6, ns[Math.min(runs - 1, (int) (runs * 0.95))] / 1e6);
        out.flush();
    }

    /** samples/images/digit-mnist-d.png from the jar or the folder, prepared for the model. */
    private static Tensor sampleDigit(Model m, int d) throws IOException {
        String name = "digit-mnist-" + d + ".png";
        java.nio.file.Path file = java.nio.file.Path.of("samples", "images", name);
        if (java.nio.file.Files.exists(file)) return Preprocessing.forModel(ImageFiles.read(file), m);
        try (InputStream in = BenchExplainCommand.class.getResourceAsStream("/samples/images/" + name)) {
            if (in == null) throw new IOException("sample " + name + " not found (run from the project folder)");
            return Preprocessing.forModel(ImageFiles.read(in, name), m);
        }
    }
}
