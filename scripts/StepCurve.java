import org.convscope.data.Datasets;
import org.convscope.data.KnownDataset;
import org.convscope.engine.Adam;
import org.convscope.engine.FitOptions;
import org.convscope.engine.History;
import org.convscope.engine.Loss;
import org.convscope.engine.Model;
import org.convscope.engine.Presets;
import org.convscope.engine.TrainingListener;

import java.nio.file.Path;

/**
 * How the first epoch's steps speed up as the JIT compiles the engine: trains one epoch of seed-001 on MNIST
 * (batch 128, Adam, seed 1) from a cold JVM and prints the wall time of each block of 20 steps, with the time
 * since the fit started. Run after {@code mvn package} with MNIST fetched:
 * {@code java --add-modules jdk.incubator.vector -cp target/convscope.jar scripts/StepCurve.java}
 * (add {@code -XX:+PrintCompilation} to see what was compiled when). The first ten steps are also timed one by one.
 * With {@code -Dwarmup.steps=N -Dwarmup.batch=B} a throwaway copy of the model first trains N steps on B images,
 * timed apart, to see whether compiling the engine on tiny batches shortens the epoch's first steps.
 */
public class StepCurve {
    public static void main(String[] args) throws Exception {
        var mnist = Datasets.load(KnownDataset.MNIST, Path.of(System.getProperty("user.home"), ".convscope/datasets/mnist"));
        Model net = Presets.create("seed-001").build(1);
        net.compile(new Adam(1e-3f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        int warmupSteps = Integer.getInteger("warmup.steps", 0), warmupBatch = Integer.getInteger("warmup.batch", 4);
        if (warmupSteps > 0) {
            long w0 = System.nanoTime();
            Model throwaway = Presets.create("seed-001").build(2);
            throwaway.compile(new Adam(1e-3f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
            int[] first = java.util.stream.IntStream.range(0, warmupBatch).toArray();
            for (int s = 0; s < warmupSteps; s++) {
                throwaway.trainStep(mnist.trainImages().gather(first, 0, warmupBatch), mnist.trainLabels().gather(first, 0, warmupBatch));
            }
            System.out.printf("warm-up: %d steps of %d images, %.0f ms%n", warmupSteps, warmupBatch, (System.nanoTime() - w0) / 1e6);
        }
        long[] end = new long[(mnist.trainLabels().size() + 127) / 128];
        long t0 = System.nanoTime();
        History h = net.fit(mnist.trainImages(), mnist.trainLabels(), FitOptions.of(1, 128, 1), new TrainingListener() {
            @Override
            public void onBatchEnd(BatchLogs logs) {
                end[logs.batch() - 1] = System.nanoTime(); // batches count from 1
            }
        });
        StringBuilder line = new StringBuilder("steps 0-9:");
        for (int i = 0; i < 10; i++) line.append(String.format(" %.0f", (end[i] - (i == 0 ? t0 : end[i - 1])) / 1e6));
        line.append(" ms\n");
        long previous = t0;
        for (int i = 0; i < end.length; i += 20) {
            int last = Math.min(end.length - 1, i + 19);
            line.append(String.format("%d-%d: %.0f ms (at %.2f s)  ", i, last, (end[last] - previous) / 1e6, (end[last] - t0) / 1e9));
            previous = end[last];
        }
        System.out.println(line);
        System.out.printf("epoch %.2f s%n", h.epochs().get(0).seconds());
    }
}
