package org.convscope.cli;

import org.convscope.engine.Presets;
import org.convscope.engine.Model;
import org.convscope.data.DatasetLocator;
import org.convscope.engine.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {

    @Test
    void countsSeed001FlopsLayerByLayer() {
        Model net = Presets.create("seed-001").build(0);
        double conv1 = 2.0 * 26 * 26 * 32 * 3 * 3 * 1;
        double conv2 = 2.0 * 11 * 11 * 64 * 3 * 3 * 32;
        double dense1 = 2.0 * 2304 * 64, dense2 = 2.0 * 64 * 10;
        assertEquals(conv1 + conv2 + dense1 + dense2, BenchCommand.forwardFlops(net));
        // the first layer needs no input gradient: 2 products; the others 3 (forward, kernel and input gradients)
        assertEquals(2 * conv1 + 3 * (conv2 + dense1 + dense2), BenchCommand.trainingFlops(net));
        assertEquals(902.9e9, 60_000 * BenchCommand.trainingFlops(net), 0.1e9, "≈ 903 GFLOP per MNIST epoch");
    }

    @Test
    void timesAModelOfAnotherInputOnMnistFittedToIt(@TempDir Path empty) throws Exception {
        // no MNIST and no CIFAR-10 where it looks: the bundled digits, fitted to the model's input, then repeated
        BenchCommand.Data d = BenchCommand.loadData(Shape.of(32, 32, 3), new DatasetLocator(empty, List.of()), 700);
        assertArrayEquals(new int[] {700, 32, 32, 3}, d.trainX().shape());
        assertEquals(d.trainX().batch(), d.trainY().size());
        assertArrayEquals(new int[] {32, 32, 3}, java.util.Arrays.copyOfRange(d.testX().shape(), 1, 4));
        assertTrue(d.description().contains("repeated to 700, each fitted to (None, 32, 32, 3)"), d.description());
        float[] x = d.testX().data; // grey copied into R, G and B
        for (int i = 0; i < 3 * 32 * 32; i += 3) assertTrue(x[i] == x[i + 1] && x[i] == x[i + 2], "pixel " + i / 3);
    }

    @Test
    void laterEpochsAreNumberedFromTwoWithTheirTimesAndTheTestAccuracyAfterTheLast() {
        Model net = new Model(Shape.of(4)).add(new org.convscope.engine.Dense(2, org.convscope.engine.Activation.SOFTMAX)).build(1);
        net.compile(new org.convscope.engine.Adam(1e-2f), org.convscope.engine.Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        org.convscope.engine.Tensor x = org.convscope.engine.Tensor.zeros(8, 4), y = org.convscope.engine.Tensor.zeros(8);
        for (int i = 0; i < 8; i++) {
            x.data[i * 4 + i % 4] = 1;
            y.data[i] = i % 2;
        }
        var later = net.fit(x, y, org.convscope.engine.FitOptions.of(2, 4, 1), org.convscope.engine.TrainingListener.NONE);
        String line = BenchCommand.laterEpochs(later, 0.625);
        assertTrue(line.contains(String.format(" 2: %.2f s, 3: %.2f s,", later.epochs().get(0).seconds(), later.epochs().get(1).seconds())), line);
        assertTrue(line.endsWith("test accuracy 62.50 % after epoch 3"), line);
    }
}
