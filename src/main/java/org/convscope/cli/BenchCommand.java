package org.convscope.cli;

import org.convscope.data.Assets;
import org.convscope.data.Cifar10;
import org.convscope.data.Dataset;
import org.convscope.data.DatasetFit;
import org.convscope.data.DatasetLocator;
import org.convscope.data.Datasets;
import org.convscope.data.KnownDataset;
import org.convscope.engine.Adam;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Dense;
import org.convscope.engine.EjmlGemm;
import org.convscope.engine.FitOptions;
import org.convscope.engine.Gemm;
import org.convscope.engine.History;
import org.convscope.engine.Layer;
import org.convscope.engine.Loss;
import org.convscope.engine.Parallel;
import org.convscope.engine.Presets;
import org.convscope.engine.Rng;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;
import org.convscope.engine.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bench}: how fast the engine trains and infers on this machine, in figures to set beside
 * PyTorch's ({@code bench/reference_pytorch.py} trains the same model the same way).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure training and inference speed: one epoch of a preset on MNIST (batch 128, Adam),",
                "forward latency of one image, batch-128 throughput, and GEMM GFLOP/s of the fast and EJML paths."})
final class BenchCommand implements Callable<Integer> {
    private static final int TRAIN_IMAGES = 60_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--startup", description = {"Instead of the engine: start the app --runs times and print how long the window,",
            "the pretrained model's first answer and each view's first opening took (needs a display, e.g. xvfb-run)."})
    boolean startup;

    @Option(names = "--runs", defaultValue = "5", description = "Start-ups timed by --startup (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--java-option", paramLabel = "OPTION",
            description = "With --startup: a JVM option for the started app, e.g. -XX:SharedArchiveFile=FILE (repeatable).")
    List<String> javaOptions = new ArrayList<>();

    @Option(names = "--quick", description = "A sub-minute version: trains on 10,000 images and times fewer runs.")
    boolean quick;

    @Option(names = "--model", defaultValue = "seed-001", paramLabel = "PRESET",
            description = "The preset to time (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder with the MNIST IDX files (default: ~/.convscope/datasets/mnist, then /usr/share/datasets/mnist).")
    Path data;

    @Option(names = "--batch", defaultValue = "128", description = "Training and throughput batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--epochs", defaultValue = "1",
            description = {"Epochs to train (default: ${DEFAULT-VALUE}). The first includes the JIT compiling the engine as it goes;",
                    "the later ones show the compiled speed."})
    int epochs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the weights and the batch order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (startup) {
            if (runs < 1) throw new IllegalArgumentException("--runs must be at least 1");
            StartupBench.requireDisplay();
            return new StartupBench(out, StartupBench.appCommand(javaOptions)).run(runs);
        }
        if (!Presets.NAMES.contains(model)) {
            throw new IllegalArgumentException("unknown preset '" + model + "' (known: " + String.join(", ", Presets.NAMES) + ")");
        }
        if (batch < 1) throw new IllegalArgumentException("--batch must be at least 1");
        if (epochs < 1) throw new IllegalArgumentException("--epochs must be at least 1");
        Model net = Presets.create(model).build(seed);
        Data d = loadData(net.inputShape(), new DatasetLocator(data), TRAIN_IMAGES);
        out.printf("ConvScope bench%s: %s, Java %s (%s), %d cores, GEMM %s%n", quick ? " --quick" : "", model,
                System.getProperty("java.version"), System.getProperty("java.vm.name"), Parallel.THREADS, Gemm.current().name());
        out.flush();

        out.println("data: " + d.description);
        double busy = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (busy > Parallel.THREADS) {
            out.printf("note: the machine is busy (load average %.1f on %d cores), so these figures are lower than on an idle one%n",
                    busy, Parallel.THREADS);
        }
        out.flush();

        benchGemm(out);

        double fwdFlops = forwardFlops(net), trainFlops = trainingFlops(net);
        out.printf("model: %,d parameters; %.2f MFLOP per image forward, %.2f MFLOP per image per training step%n",
                paramCount(net), fwdFlops / 1e6, trainFlops / 1e6);

        int trainN = quick ? 10_000 : d.trainX.batch();
        Tensor x = d.trainX.slice(0, trainN), y = d.trainY.slice(0, trainN);
        net.compile(new Adam(1e-3f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long cpuBefore = processCpuNanos();
        History h = net.fit(x, y, FitOptions.of(1, batch, seed), TrainingListener.NONE);
        double seconds = h.epochs().get(0).seconds(), cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
        Model.Metrics test = net.evaluate(d.testX, d.testY, 256);
        out.printf("train: 1 epoch of %,d images, batch %d, Adam: %.2f s, %,.0f images/s, %.1f GFLOP/s effective; "
                        + "train accuracy %.2f %%, test accuracy %.2f %%%n",
                trainN, batch, seconds, trainN / seconds, trainN * trainFlops / seconds / 1e9,
                100 * h.epochs().get(0).accuracy(), 100 * test.accuracy());
        out.printf("       (process CPU time %.1f s on %d cores; load average %.2f before training%s)%n", cpuSeconds,
                Parallel.THREADS, load, quick ? String.format("; a full epoch of %,d images would take ≈ %.1f s",
                        TRAIN_IMAGES, seconds * TRAIN_IMAGES / trainN) : "");
        if (epochs > 1) {
            // one more fit: the first's figures above stay those of one epoch from scratch
            History later = net.fit(x, y, FitOptions.of(epochs - 1, batch, seed + 1), TrainingListener.NONE);
            out.println(laterEpochs(later, net.evaluate(d.testX, d.testY, 256).accuracy()));
        }
        out.flush();

        benchLatency(out, net, d.testX, fwdFlops);
        benchThroughput(out, net, d.testX, fwdFlops);
        return 0;
    }

    /** The line on epochs 2, 3, … ({@code later}, a fit after the first epoch) and the test accuracy after them. */
    static String laterEpochs(History later, double testAccuracy) {
        StringBuilder line = new StringBuilder("       later epochs, compiled by now:");
        int epoch = 2;
        for (var e : later.epochs()) line.append(String.format(" %d: %.2f s,", epoch++, e.seconds()));
        return line.append(String.format(" test accuracy %.2f %% after epoch %d", 100 * testAccuracy, epoch - 1)).toString();
    }

    /** Median and 95th percentile of one-image inference ({@link Model#predict}), after a warm-up. */
    private void benchLatency(PrintWriter out, Model net, Tensor images, double fwdFlops) {
        int runs = quick ? 2_000 : 10_000;
        Tensor[] singles = new Tensor[64];
        for (int i = 0; i < singles.length; i++) singles[i] = images.slice(i, i + 1);
        for (int i = 0; i < runs; i++) net.predict(singles[i % singles.length]);
        long[] ns = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            net.predict(singles[i % singles.length]);
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        double median = ns[runs / 2] / 1e6, p95 = ns[(int) (runs * 0.95)] / 1e6;
        out.printf("infer batch 1: median %.3f ms, p95 %.3f ms (%,d runs; %.1f GFLOP/s at the median)%n",
                median, p95, runs, fwdFlops / (median / 1e3) / 1e9);
        out.flush();
    }

    /**
     * Images per second of inference ({@link Model#predict}) in batches over the test images: the median of
     * several passes over them (and the slowest and fastest), so that a moment of contention on a shared machine
     * moves one pass, not the figure.
     */
    private void benchThroughput(PrintWriter out, Model net, Tensor images, double fwdFlops) {
        int n = images.batch() / batch * batch;
        Tensor[] batches = new Tensor[n / batch];
        for (int b = 0; b < batches.length; b++) batches[b] = images.slice(b * batch, (b + 1) * batch);
        for (Tensor b : batches) net.predict(b);
        double[] perSecond = new double[quick ? 3 : 9];
        for (int r = 0; r < perSecond.length; r++) {
            long t0 = System.nanoTime();
            for (Tensor b : batches) net.predict(b);
            perSecond[r] = n / ((System.nanoTime() - t0) / 1e9);
        }
        Arrays.sort(perSecond);
        double median = perSecond[perSecond.length / 2];
        out.printf("infer batch %d: %,.0f images/s (%.1f GFLOP/s; median of %d passes over %,d images, %,.0f–%,.0f)%n", batch,
                median, median * fwdFlops / 1e9, perSecond.length, n, perSecond[0], perSecond[perSecond.length - 1]);
        out.flush();
    }

    /** GFLOP/s of a square product on the current (fast) GEMM and on EJML, the reference. */
    private void benchGemm(PrintWriter out) {
        int size = quick ? 512 : 1024;
        float[] a = new float[size * size], b = new float[size * size], c = new float[size * size];
        Rng rng = new Rng(seed);
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.uniform(-0.5f, 0.5f);
            b[i] = rng.uniform(-0.5f, 0.5f);
        }
        StringBuilder line = new StringBuilder(String.format("gemm %d×%d×%d:", size, size, size));
        for (Gemm g : new Gemm[] {Gemm.current(), new EjmlGemm()}) {
            double flops = 2.0 * size * size * size;
            g.multiply(false, false, size, size, size, a, b, c, false); // warm-up
            int reps = 0;
            long t0 = System.nanoTime(), elapsed;
            do {
                g.multiply(false, false, size, size, size, a, b, c, false);
                reps++;
                elapsed = System.nanoTime() - t0;
            } while (elapsed < (quick ? 0.5e9 : 1.5e9) && reps < 1000);
            line.append(String.format(" %s %.1f GFLOP/s;", g.name(), flops * reps / (elapsed / 1e9) / 1e9));
        }
        out.println(line);
        out.flush();
    }

    /** CPU time of this process (all threads), or 0 when the JVM cannot tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    // ---- FLOP counts (a multiply-add is 2 FLOPs) ------------------------------------------------

    /** FLOPs of one image's forward pass through the convolutions and dense layers. */
    static double forwardFlops(Model net) {
        double sum = 0;
        for (Layer l : net.layers()) sum += layerFlops(l);
        return sum;
    }

    /**
     * FLOPs of one image's training step: each convolution and dense layer does its forward product, the
     * kernel-gradient product and the input-gradient product (the first layer needs no input gradient).
     */
    static double trainingFlops(Model net) {
        double sum = 0;
        boolean first = true;
        for (Layer l : net.layers()) {
            double f = layerFlops(l);
            if (f > 0) {
                sum += f * (first ? 2 : 3);
                first = false;
            }
        }
        return sum;
    }

    private static double layerFlops(Layer l) {
        if (l instanceof Conv2D c) {
            var o = c.outputShape();
            return 2.0 * o.dim(0) * o.dim(1) * c.filters() * c.kernelH() * c.kernelW() * c.inputShape().last();
        }
        if (l instanceof Dense d) return 2.0 * d.inputShape().dim(0) * d.units();
        return 0;
    }

    private static long paramCount(Model net) {
        long n = 0;
        for (Layer l : net.layers()) n += l.paramCount();
        return n;
    }

    // ---- data ----------------------------------------------------------------------------------

    record Data(Tensor trainX, Tensor trainY, Tensor testX, Tensor testY, String description) {
    }

    /**
     * Full MNIST when {@code locator} finds it, else the bundled subset repeated up to {@code trainImages} training
     * images; for a model whose input is not MNIST's (seed-004: 32×32×3), CIFAR-10 when the model takes 32×32×3 and it
     * is found, else the MNIST images fitted to the model's input as the Train view's "Resize the data" does.
     */
    static Data loadData(Shape input, DatasetLocator locator, int trainImages) throws IOException {
        if (input.equals(Shape.of(32, 32, 3))) {
            var cifar = Cifar10.find(locator);
            if (cifar.isPresent()) return data(Cifar10.load(cifar.get()), "CIFAR-10 from " + cifar.get());
        }
        var dir = locator.find(KnownDataset.MNIST);
        Dataset d = dir.isPresent() ? Datasets.load(KnownDataset.MNIST, dir.get()) : Datasets.bundled(Assets.DEFAULT);
        String where = dir.isPresent() ? "MNIST from " + dir.get() : null;
        boolean fitted = !input.equals(Shape.of(28, 28, 1));
        if (fitted) d = DatasetFit.to(d, input);
        String fit = fitted ? ", each fitted to " + input.toKeras() + " (CIFAR-10 not found; the timing is of that input"
                + " size, the accuracy MNIST's)" : "";
        if (where != null) return data(d, where + fit);
        int have = d.trainLabels().size();
        int[] repeat = new int[trainImages];
        for (int i = 0; i < repeat.length; i++) repeat[i] = i % have;
        return new Data(d.trainImages().gather(repeat, 0, repeat.length), d.trainLabels().gather(repeat, 0, repeat.length),
                d.testImages(), d.testLabels(), String.format("MNIST NOT FOUND, so the bundled subset's %,d training images"
                        + " repeated to %,d%s (timings are MNIST's; accuracies are not comparable)", have, trainImages, fit));
    }

    private static Data data(Dataset d, String where) {
        return new Data(d.trainImages(), d.trainLabels(), d.testImages(), d.testLabels(),
                String.format("%s (%,d train, %,d test images)", where, d.trainLabels().size(), d.testLabels().size()));
    }
}
