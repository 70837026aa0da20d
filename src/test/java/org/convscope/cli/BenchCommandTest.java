package org.convscope.cli;

import org.convscope.engine.Presets;
import org.convscope.engine.Model;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

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
    void refusesAModelThatDoesNotTakeMnistImagesInOneLine() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(new String[] {"bench", "--quick", "--model", "seed-004"}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(1, code);
        assertTrue(err.toString().startsWith("error: seed-004 takes 32×32×3 images"), err.toString());
        assertEquals(1, err.toString().strip().lines().count());
    }
}
