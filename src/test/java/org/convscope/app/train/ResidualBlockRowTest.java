package org.convscope.app.train;

import org.convscope.app.AppContext;
import org.convscope.app.FxThread;
import org.convscope.app.train.TrainingSnapshot.Phase;
import org.convscope.engine.Add;
import org.convscope.engine.BatchNormalization;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Layer;
import org.convscope.engine.Model;
import org.convscope.engine.Presets;
import org.convscope.engine.Shape;
import org.convscope.engine.TrainingListener.EpochLogs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The architecture editor's residual block row: checked shapes, the 1×1 projection it offers, and a model that trains. */
class ResidualBlockRowTest {
    private static final LayerSpec STEM = LayerSpec.of(LayerKind.CONV2D, "filters", "16", "kernel_size", "3", "strides", "1",
            "padding", "same", "activation", "relu");
    private static final LayerSpec GAP = LayerSpec.of(LayerKind.GLOBAL_AVERAGE_POOLING2D);
    private static final LayerSpec CLASSIFIER = LayerSpec.of(LayerKind.DENSE, "units", "10", "activation", "softmax");

    @BeforeAll
    static void startToolkit() {
        FxThread.start();
    }

    private static LayerSpec block(int filters, int strides, String shortcut) {
        return LayerSpec.of(LayerKind.RESIDUAL_BLOCK, "filters", Integer.toString(filters), "strides", Integer.toString(strides),
                "shortcut", shortcut);
    }

    @Test
    void anIdentityBlockThatKeepsTheShapeFitsWithTheParametersOfItsLayers() {
        List<Architecture.Check> c = Architecture.check(Shape.of(28, 28, 1), 10, List.of(STEM, block(16, 1, "identity"), GAP, CLASSIFIER));
        assertTrue(Architecture.isValid(c), c.toString());
        assertEquals(Shape.of(28, 28, 16), c.get(1).outputShape());
        // two 3×3×16×16 convolutions without bias and two BatchNormalizations of 16 channels (γ, β, moving mean and variance)
        assertEquals(2 * 3 * 3 * 16 * 16 + 2 * 4 * 16, c.get(1).params());
    }

    @Test
    void anIdentityShortcutOfTheWrongShapeSaysSoAndOffersTheProjectionThatMatches() {
        List<Architecture.Check> c = Architecture.check(Shape.of(28, 28, 1), 10, List.of(STEM, block(32, 2, "identity"), GAP, CLASSIFIER));
        Architecture.Check bad = c.get(1);
        assertEquals("the identity shortcut carries 28×28×16 but the block's convolutions give 14×14×32, so the two cannot be added:"
                + " a 1×1 projection shortcut (Conv2D 32 1×1, strides 2) gives the shortcut the block's shape", bad.error());
        assertEquals("Use a 1×1 projection shortcut", bad.fix().label());
        assertEquals(block(32, 2, "projection"), bad.fix().row());
        assertTrue(c.get(2).blocked() && c.get(3).blocked(), "the rows after it wait: " + c);

        List<Architecture.Check> fixed = Architecture.check(Shape.of(28, 28, 1), 10, List.of(STEM, bad.fix().row(), GAP, CLASSIFIER));
        assertTrue(Architecture.isValid(fixed), fixed.toString());
        assertEquals(Shape.of(14, 14, 32), fixed.get(1).outputShape());
        // the block's own layers plus the 1×1 stride-2 convolution and its BatchNormalization on the shortcut
        assertEquals(3 * 3 * 16 * 32 + 3 * 3 * 32 * 32 + 2 * 4 * 32 + 16 * 32 + 4 * 32, fixed.get(1).params());
    }

    @Test
    void aBlockAfterFlattenIsRefusedWithoutAFixSinceNoShortcutHelps() {
        List<Architecture.Check> c = Architecture.check(Shape.of(28, 28, 1), 10,
                List.of(STEM, LayerSpec.of(LayerKind.FLATTEN), block(16, 1, "identity"), CLASSIFIER));
        assertTrue(c.get(2).error() != null, c.toString());
        assertNull(c.get(2).fix());
    }

    @Test
    void theRowsBuildResnetSmallsLayersAndConnections() {
        List<LayerSpec> rows = List.of(block(16, 1, "identity"), block(32, 2, "projection"), block(64, 2, "projection"), GAP, CLASSIFIER);
        Model built = Architecture.build(Shape.of(28, 28, 16), rows, TrainSettings.defaults());
        Model preset = Presets.create("resnet-small");
        List<Layer> blocks = preset.layers().subList(3, preset.layers().size()); // after the stem's conv, BN and ReLU
        assertEquals(blocks.stream().map(Layer::className).toList(), built.layers().stream().map(Layer::className).toList());
        assertFalse(built.isSequential());
        Layer add = built.layers().stream().filter(l -> l instanceof Add).skip(1).findFirst().orElseThrow();
        List<String> in = built.inputsOf(add.name());
        assertTrue(built.layers().stream().filter(l -> l.name().equals(in.get(1))).allMatch(l -> l instanceof BatchNormalization));
        assertEquals(List.of(false, false), built.layers().stream().filter(l -> l instanceof Conv2D).limit(2)
                .map(l -> ((Conv2D) l).useBias()).toList(), "convolutions before BN have no bias");
    }

    @Test
    void theViewModelAddsABlockWhereTheFeatureMapsEndAppliesTheFixTrainsItAndRemovesIt() throws Exception {
        AppContext ctx = new AppContext();
        TrainViewModel vm = FxThread.call(() -> {
            TrainViewModel v = new TrainViewModel(ctx, List.of(TinyData.source(TinyData.create(240, 60, 7))), Runnable::run);
            v.sourceProperty().set(v.sources().get(0));
            v.layers().setAll(TinyData.layers()); // conv 4 filters, pool, flatten, softmax
            v.batchSizeProperty().set(16);
            v.epochsProperty().set(3);
            v.learningRateProperty().set(0.01);
            v.publishIntervalMsProperty().set(0);
            return v;
        });
        List<LayerSpec> before = List.copyOf(vm.layers());
        FxThread.call(() -> {
            vm.addLayer(LayerKind.RESIDUAL_BLOCK);
            return null;
        });
        assertEquals(LayerKind.RESIDUAL_BLOCK, vm.layers().get(2).kind(), "after the pooling, before Flatten: " + vm.layers());
        assertFalse(vm.architectureValidProperty().get());
        assertTrue(vm.checks().get(2).error().startsWith("the identity shortcut carries 3×3×4 but the block's convolutions give 3×3×32"),
                vm.checks().get(2).error());
        FxThread.call(() -> {
            vm.setLayerValue(2, "filters", "8");
            vm.applyFix(2);
            return null;
        });
        assertEquals("projection", vm.layers().get(2).value("shortcut"));
        assertTrue(vm.architectureValidProperty().get(), vm.architectureSummaryProperty().get());
        String code = FxThread.call(vm::kerasCode);
        assertTrue(code.contains("layers.Add()") && code.contains("models.Model("), "the Functional API for a graph:\n" + code);

        FxThread.call(() -> {
            vm.start();
            return null;
        });
        TrainingSnapshot s = vm.snapshotProperty().get();
        assertEquals(Phase.FINISHED, s.phase());
        List<EpochLogs> e = s.epochPoints();
        assertTrue(e.get(2).loss() < e.get(0).loss(), "the loss falls: " + e);
        Model trained = vm.trainedModelProperty().get();
        assertFalse(trained.isSequential(), "a graph with a skip connection");
        assertTrue(trained.layers().stream().anyMatch(l -> l instanceof Add));

        FxThread.call(() -> {
            vm.removeLayer(2);
            return null;
        });
        assertEquals(before, List.copyOf(vm.layers()));
        assertTrue(vm.architectureValidProperty().get());
    }
}
