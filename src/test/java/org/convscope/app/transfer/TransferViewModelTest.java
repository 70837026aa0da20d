package org.convscope.app.transfer;

import org.convscope.app.AppContext;
import org.convscope.app.FxThread;
import org.convscope.app.transfer.TransferComparison.Way;
import org.convscope.data.Assets;
import org.convscope.data.Datasets;
import org.convscope.data.Pretrained;
import org.convscope.engine.Layer;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Model;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The view-model with a same-thread executor: loading and training run synchronously, no stage. */
class TransferViewModelTest {

    @BeforeAll
    static void startToolkit() {
        FxThread.start();
    }

    private static TransferViewModel loaded(AppContext context) throws Exception {
        return FxThread.call(() -> new TransferViewModel(context, Runnable::run, () -> Pretrained.load(Pretrained.MNIST_CNN),
                () -> Datasets.fashionSubset(Assets.DEFAULT)));
    }

    private static void draw(TransferViewModel vm, ShapeStrokes strokes, ShapeStrokes.Shape shape, int classIndex, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            FxThread.call(() -> {
                strokes.draw(vm.sketch(), shape);
                vm.addExample(classIndex);
                return null;
            });
        }
    }

    @Test
    void comparisonDrawsACurvePerWayAndReportsWhatEachTrains() throws Exception {
        TransferViewModel vm = loaded(new AppContext());
        FxThread.call(() -> {
            vm.sampleSizeProperty().set(100);
            vm.epochsProperty().set(1);
            vm.startComparison();
            return null;
        });
        assertTrue(!vm.comparingProperty().get());
        for (Way way : Way.values()) {
            assertEquals(List.of(0, 1), vm.curve(way).stream().map(d -> d.getXValue().intValue()).toList(), way.label);
        }
        assertEquals(3, vm.outcomes().size());
        TransferViewModel.Outcome fx = vm.outcomes().get(Way.FEATURE_EXTRACTION.ordinal());
        assertEquals(166_986, fx.totalParams());
        assertEquals(2304 * 64 + 64 + 64 * 10 + 10, fx.trainableParams(), "feature extraction trains only the head");
        assertEquals(166_986, vm.outcomes().get(Way.FINE_TUNING.ordinal()).trainableParams());
        assertTrue(vm.comparisonStatusProperty().get().startsWith("Finished: from scratch "), vm.comparisonStatusProperty().get());
        assertEquals(100, vm.comparisonProperty().get().sample().trainImages().batch());
    }

    @Test
    void blankPadAddsNothingAndClassesStayBetweenTwoAndSix() throws Exception {
        TransferViewModel vm = loaded(new AppContext());
        FxThread.call(() -> {
            vm.addExample(0);
            for (int i = 0; i < 6; i++) vm.addClass();
            return null;
        });
        assertEquals(0, vm.classes().get(0).examples().size());
        assertEquals("Draw something on the pad first.", vm.teachStatusProperty().get());
        assertEquals(6, vm.classes().size());
        FxThread.call(() -> {
            for (int i = 0; i < 6; i++) vm.removeClass(0);
            return null;
        });
        assertEquals(2, vm.classes().size());
        assertEquals("Class 1 has no name.", FxThread.call(vm::teachProblem), "the named classes were removed first");
    }

    @Test
    void taughtModelClassifiesSavesLoadsAndServesEveryView(@TempDir Path tmp) throws Exception {
        AppContext context = new AppContext();
        TransferViewModel vm = loaded(context);
        ShapeStrokes strokes = new ShapeStrokes(5);
        draw(vm, strokes, ShapeStrokes.Shape.CIRCLE, 0, 6);
        draw(vm, strokes, ShapeStrokes.Shape.CROSS, 1, 6);
        assertTrue(vm.sketch().isBlank(), "adding a drawing clears the pad");
        FxThread.call(() -> {
            vm.removeExample(1, 0);
            vm.teach();
            return null;
        });
        assertEquals(5, vm.classes().get(1).examples().size());
        Model taught = vm.taughtProperty().get();
        assertNotNull(taught, vm.teachStatusProperty().get());
        assertEquals(List.of("circle", "cross"), taught.classNames());

        FxThread.call(() -> {
            strokes.draw(vm.sketch(), ShapeStrokes.Shape.CROSS);
            vm.pulse();
            return null;
        });
        assertEquals("cross", vm.classificationProperty().get().topName());
        FxThread.call(() -> {
            vm.clearPad();
            vm.pulse();
            return null;
        });
        assertNull(vm.classificationProperty().get(), "a blank pad has no answer");

        Path file = tmp.resolve("shapes.convscope");
        FxThread.call(() -> {
            vm.saveModel(file);
            return null;
        });
        assertTrue(Files.isRegularFile(file), vm.teachStatusProperty().get());
        Model saved = ModelIO.load(file);
        assertEquals(List.of(false, false, false, false, false, true, true), saved.layers().stream().map(Layer::isTrainable).toList());

        TransferViewModel other = loaded(new AppContext());
        FxThread.call(() -> other.loadModel(file));
        assertEquals(List.of("circle", "cross"), other.classes().stream().map(c -> c.nameProperty().get()).toList());
        assertEquals(List.of("circle", "cross"), other.taughtProperty().get().classNames());

        FxThread.call(() -> {
            vm.useInAllViews();
            return null;
        });
        assertSame(taught, context.modelProperty().get());
    }
}
