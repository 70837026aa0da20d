package org.convscope.app.train;

import org.convscope.engine.Activation;
import org.convscope.engine.ActivationLayer;
import org.convscope.engine.AveragePooling2D;
import org.convscope.engine.BatchNormalization;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Dense;
import org.convscope.engine.Dropout;
import org.convscope.engine.Flatten;
import org.convscope.engine.Layer;
import org.convscope.engine.LeakyReLU;
import org.convscope.engine.MaxPooling2D;
import org.convscope.engine.Padding;
import org.convscope.engine.Param;
import org.convscope.engine.Presets;
import org.convscope.engine.Rescaling;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchitectureTest {

    @Test
    void everyPresetReadsBackIntoRowsThatBuildTheSameModel() {
        for (String name : Presets.SEQUENTIAL_NAMES) {
            Model preset = Presets.create(name).build(0);
            List<LayerSpec> rows = Architecture.preset(name);
            List<Architecture.Check> checks = Architecture.check(preset.inputShape(), 10, rows);
            assertTrue(Architecture.isValid(checks), name + ": " + checks);
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(preset.layers().get(i).outputShape(), checks.get(i).outputShape(), name + " row " + i);
                assertEquals(preset.layers().get(i).paramCount(), checks.get(i).params(), name + " row " + i);
            }
            assertEquals(preset.summary().totalParams(), checks.stream().mapToLong(Architecture.Check::params).sum(), name);
        }
    }

    @Test
    void everyLayerTypeOfTheEngineReadsBackIntoARowThatBuildsTheSameLayer() {
        // the types a Keras import brings too, so an imported model can be trained further
        List<Layer> layers = List.of(new Rescaling(1 / 255f, -0.5f), new Conv2D(4, 3, Activation.LINEAR), new LeakyReLU(0.1f),
                new BatchNormalization(), ActivationLayer.relu(), new AveragePooling2D(2, Padding.VALID), new MaxPooling2D(2, Padding.SAME),
                new Flatten(), new Dropout(0.25f), new Dense(3, Activation.LINEAR), new ActivationLayer(Activation.TANH), ActivationLayer.softmax());
        for (Layer layer : layers) {
            LayerSpec row = LayerSpec.of(layer);
            Layer rebuilt = row.toLayer();
            assertEquals(layer.className(), rebuilt.className());
            assertEquals(layer.config().asMap(), rebuilt.config().asMap(), layer.className());
            assertEquals(row, LayerSpec.of(rebuilt), "a row reads back as itself");
        }
    }

    @Test
    void frozenRowsBuildFrozenLayersAndTheKnobsNormalizationFreezesWithItsConvolution() {
        List<LayerSpec> rows = new ArrayList<>(Architecture.preset("seed-001"));
        rows.set(0, rows.get(0).withTrainable(false));
        rows.set(0, rows.get(0).with("filters", "16")); // editing an argument keeps the flag
        assertFalse(rows.get(0).trainable());
        TrainSettings s = new TrainSettings("adam", 1e-3f, 32, 1, 0f, true, 0f, 0f, null, 0, 1, null, null);
        Model m = Architecture.build(Shape.of(28, 28, 1), rows, s);
        assertEquals(List.of("Conv2D", "BatchNormalization", "MaxPooling2D", "Conv2D", "BatchNormalization"),
                m.layers().subList(0, 5).stream().map(Layer::className).toList());
        assertEquals(List.of(false, false, true, true, true), m.layers().subList(0, 5).stream().map(Layer::isTrainable).toList());
        assertEquals(16, ((Conv2D) m.layers().get(0)).filters());
        // a model's flags come back as rows
        m.layers().get(3).setTrainable(false);
        assertFalse(LayerSpec.of(m.layers().get(3)).trainable());
        assertTrue(LayerSpec.of(m.layers().get(2)).trainable());
        assertFalse(LayerSpec.of(m.layers().get(2)).hasWeights());
    }

    @Test
    void seed001RowsShowKerasShapesAndParameterCounts() {
        List<Architecture.Check> c = Architecture.check(Shape.of(28, 28, 1), 10, Architecture.preset("seed-001"));
        assertEquals(Shape.of(26, 26, 32), c.get(0).outputShape());
        assertEquals(320, c.get(0).params()); // 3·3·1·32 + 32
        assertEquals(Shape.of(2304), c.get(4).outputShape());
        assertEquals(147_520, c.get(5).params()); // 2304·64 + 64
    }

    @Test
    void aKernelLargerThanItsInputIsRefusedWithTheEnginesReasonAndTheRowsAfterItAreBlocked() {
        List<LayerSpec> rows = new ArrayList<>(TinyData.layers());
        rows.set(0, rows.get(0).with("kernel_size", "9"));
        List<Architecture.Check> c = Architecture.check(Shape.of(8, 8, 1), 3, rows);
        assertEquals("Conv2D kernel 9×9 is larger than its 8×8 input", c.get(0).error());
        assertNull(c.get(0).outputShape());
        assertTrue(c.get(1).blocked());
        assertNull(c.get(1).error());
        assertFalse(Architecture.isValid(c));
    }

    @Test
    void theLastLayerMustGiveOneProbabilityPerClass() {
        List<LayerSpec> rows = new ArrayList<>(TinyData.layers());
        assertTrue(Architecture.check(Shape.of(8, 8, 1), 10, rows).get(3).error().startsWith("the last layer must output (10)"));
        rows.set(3, rows.get(3).with("activation", "relu"));
        assertEquals("the last layer needs activation softmax to output class probabilities",
                Architecture.check(Shape.of(8, 8, 1), 3, rows).get(3).error());
    }

    @Test
    void unreadableArgumentsAreNamed() {
        LayerSpec conv = LayerSpec.defaults(LayerKind.CONV2D);
        assertEquals("filters must be a whole number ≥ 1, got 'many'", message(conv.with("filters", "many")));
        assertEquals("kernel_size must be one number or two (e.g. 3 or 3,5), got '3,3,3'", message(conv.with("kernel_size", "3,3,3")));
        assertEquals("padding must be one of valid, same, got 'full'", message(conv.with("padding", "full")));
        assertEquals(List.of(3, 5), conv.with("kernel_size", "3x5").config().asMap().get("kernel_size"));
    }

    private static String message(LayerSpec spec) {
        return Architecture.check(Shape.of(28, 28, 1), 10, List.of(spec)).get(0).error();
    }

    @Test
    void knobsAddBatchNormalizationAfterConvolutionsDropoutBeforeDenseLayersAndPenaltiesOnKernels() {
        TrainSettings s = new TrainSettings("sgd", 0.01f, 32, 1, 0.25f, true, 0, 1e-4f, null, 0, 3, null, null);
        Model m = Architecture.build(Shape.of(28, 28, 1), Architecture.preset("seed-001"), s);
        List<String> types = m.layers().stream().map(Layer::className).toList();
        assertEquals(List.of("Conv2D", "BatchNormalization", "MaxPooling2D", "Conv2D", "BatchNormalization", "MaxPooling2D",
                "Flatten", "Dropout", "Dense", "Dropout", "Dense"), types);
        assertEquals(0.25f, ((Dropout) m.layers().get(7)).rate());
        for (Layer l : m.layers()) {
            if (l instanceof Conv2D || l instanceof Dense) {
                Param kernel = l.params().get(0);
                assertEquals(1e-4f, kernel.regularizer.l2(), l.name());
            }
            if (l instanceof BatchNormalization) assertTrue(l.paramCount() > 0);
        }
    }

    @Test
    void sameSeedSameWeights() {
        TrainSettings s = TrainSettings.defaults();
        Model a = Architecture.build(Shape.of(8, 8, 1), TinyData.layers(), s);
        Model b = Architecture.build(Shape.of(8, 8, 1), TinyData.layers(), s);
        assertEquals(0.0, TrainViewModelTest.maxDifference(a, b));
    }
}
