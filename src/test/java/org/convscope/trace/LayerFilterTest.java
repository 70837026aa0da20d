package org.convscope.trace;

import org.convscope.engine.Activation;
import org.convscope.engine.Conv2D;
import org.convscope.engine.DepthwiseConv2D;
import org.convscope.engine.Dense;
import org.convscope.engine.GlobalAveragePooling2D;
import org.convscope.engine.Layer;
import org.convscope.engine.Model;
import org.convscope.engine.Padding;
import org.convscope.engine.Presets;
import org.convscope.engine.Rng;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Graph layers' filters traced step by step: every step's output is the engine's own at that cell. */
class LayerFilterTest {

    private static Tensor image(Shape s, long seed) {
        Rng rng = new Rng(seed);
        Tensor x = Tensor.zeros(s.withBatch(1)); // (1, H, W, C)
        for (int i = 0; i < x.data.length; i++) x.data[i] = rng.uniform(0, 1);
        return x;
    }

    private static int indexOf(Model m, String name) {
        for (int i = 0; i < m.layers().size(); i++) if (m.layers().get(i).name().equals(name)) return i;
        throw new AssertionError(name);
    }

    /** Every step of every filter of the layer against the engine's forward output (N = 1) at (row, col, filter). */
    private static void assertEveryStepIsTheEngines(Model m, String layerName, Tensor x) {
        Tensor out = m.forwardAll(x).get(indexOf(m, layerName)); // (1, OH, OW, F)
        Layer layer = m.layers().get(indexOf(m, layerName));
        int filters = LayerFilter.filterCount(layer);
        assertEquals(out.dim(3), filters);
        for (int f = 0; f < filters; f++) {
            ConvTrace t = LayerFilter.of(m, layerName, f, x).trace();
            assertEquals(out.dim(1), t.geometry().outH(), layerName);
            assertEquals(out.dim(2), t.geometry().outW(), layerName);
            for (int s = 0; s < t.stepCount(); s++) {
                ConvStep step = t.step(s);
                float engine = out.data[(step.outRow() * out.dim(2) + step.outCol()) * filters + f];
                assertEquals(engine, step.output(), 1e-5f * Math.max(1, Math.abs(engine)),
                        layerName + " filter " + f + " at (" + step.outRow() + ", " + step.outCol() + ")");
            }
        }
    }

    @Test
    void resnetSmallsProjectionShortcutReadsTheBlocksInputAndMatchesTheEngineAtEveryStep() {
        Model m = Presets.create("resnet-small").build(4);
        Conv2D shortcut = (Conv2D) m.layers().stream().filter(l -> l instanceof Conv2D c && c.kernelH() == 1).findFirst().orElseThrow();
        String reads = m.inputsOf(shortcut.name()).get(0);
        int listedBefore = indexOf(m, shortcut.name()) - 1;
        assertNotEquals(m.layers().get(listedBefore).name(), reads, "in the graph it is not the layer listed before it");
        Tensor x = image(m.inputShape(), 5);
        LayerFilter f = LayerFilter.of(m, shortcut.name(), 3, x);
        assertEquals(reads, f.source());
        assertEquals(Grid.fromTensor(m.forwardAll(x).get(indexOf(m, reads))), f.input());
        assertEquals(2, f.strideH());
        assertEquals(1, f.kernel().height());
        assertEquals(16, f.kernel().channels(), "a 1×1 filter still sums over all 16 channels");
        assertEveryStepIsTheEngines(m, shortcut.name(), x);
    }

    @Test
    void aDepthwiseKernelSlidesOverItsOwnChannelOnlyAndMatchesTheEngineAtEveryStep() {
        Model m = new Model(Shape.of(9, 9, 1))
                .add(new Conv2D(3, 3, 3, 1, 1, Padding.SAME, 1, 1, Activation.RELU, true))
                .add(new DepthwiseConv2D(3, 3, 2, 2, Padding.SAME, 1, 1, 2, Activation.RELU, true))
                .add(new GlobalAveragePooling2D())
                .add(new Dense(2, Activation.SOFTMAX))
                .build(6);
        DepthwiseConv2D d = (DepthwiseConv2D) m.layers().get(1);
        for (int i = 0; i < d.bias().data.length; i++) d.bias().data[i] = 0.1f * i - 0.2f; // non-zero biases, one per output channel
        Tensor x = image(m.inputShape(), 7);
        LayerFilter f = LayerFilter.of(m, d.name(), 5, x); // multiplier 2: output channel 5 is input channel 2's second kernel
        assertEquals(2, f.inputChannel());
        assertEquals(Grid.fromTensor(m.forwardAll(x).get(0)).channel(2), f.input());
        assertEquals(1, f.kernel().channels());
        assertEquals(d.kernel().data[(0 * 3 + 2) * 2 + 1], f.kernel().get(0, 0, 0), "W[0, 0, 2, 1]");
        assertEquals(0.1f * 5 - 0.2f, f.bias(), 1e-7f);
        assertEquals(6, LayerFilter.filterCount(d));
        assertEveryStepIsTheEngines(m, d.name(), x);
    }

    @Test
    void theFirstLayersInputIsTheImageAsTheModelScalesItAndOtherLayersAreRefused() {
        Model m = Presets.create("resnet-small").build(4);
        Tensor x = image(m.inputShape(), 8);
        assertEquals(m.inputName(), LayerFilter.of(m, "conv2d", 0, x).source());
        assertEveryStepIsTheEngines(m, "conv2d", x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerFilter.of(m, "dense", 0, x));
        assertEquals("dense (Dense) has no kernel that slides", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LayerFilter.of(m, "conv2d", 16, x));
    }

    @Test
    void aDepthwiseLayersReceptiveFieldGrowsByItsWindow() {
        Model m = new Model(Shape.of(9, 9, 1))
                .add(new DepthwiseConv2D(3, 3, 2, 2, Padding.VALID, 1, 1, 1, Activation.LINEAR, true))
                .add(new GlobalAveragePooling2D())
                .add(new Dense(2, Activation.SOFTMAX))
                .build(1);
        ReceptiveField rf = ReceptiveField.of(m, 0, 1, 2);
        assertEquals(List.of(2, 4, 4, 6), List.of(rf.top(), rf.left(), rf.bottom(), rf.right()));
    }
}
