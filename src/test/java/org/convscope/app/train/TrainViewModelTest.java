package org.convscope.app.train;

import org.convscope.app.AppContext;
import org.convscope.app.FxThread;
import org.convscope.app.train.TrainingSnapshot.BatchPoint;
import org.convscope.app.train.TrainingSnapshot.Phase;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Tensor;
import org.convscope.engine.Param;
import org.convscope.engine.Model;
import org.convscope.engine.TrainingListener.EpochLogs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The view-model with a same-thread executor: each run happens synchronously on the FX thread,
 * snapshot by snapshot, so the tests can act between batches without a clock.
 */
class TrainViewModelTest {

    @BeforeAll
    static void startToolkit() {
        FxThread.start();
    }

    /** A view-model with the tiny dataset loaded; not started. */
    private static TrainViewModel tinyModel(AppContext ctx) throws Exception {
        return FxThread.call(() -> configured(ctx, Runnable::run));
    }

    private static TrainViewModel configured(AppContext ctx, Executor worker) {
        TrainViewModel vm = new TrainViewModel(ctx, List.of(TinyData.source(TinyData.create(240, 60, 7))), worker);
        vm.sourceProperty().set(vm.sources().get(0));
        vm.layers().setAll(TinyData.layers());
        vm.batchSizeProperty().set(16);
        vm.epochsProperty().set(3);
        vm.learningRateProperty().set(0.01);
        vm.publishIntervalMsProperty().set(0);
        vm.modelEveryBatchesProperty().set(1);
        return vm;
    }

    @Test
    void shortRunDrawsBatchAndEpochPointsAndAccuracyRises() throws Exception {
        AppContext ctx = new AppContext();
        TrainViewModel vm = tinyModel(ctx);
        FxThread.call(() -> {
            vm.start();
            return null;
        });
        TrainingSnapshot s = vm.snapshotProperty().get();
        assertEquals(Phase.FINISHED, s.phase());
        assertEquals(3 * 15, s.batchPoints().size());
        assertEquals(3, s.epochPoints().size());
        assertEquals(45, vm.lossBatches().size());
        assertEquals(45, vm.accuracyBatches().size());
        assertEquals(3, vm.lossEpochs().size());
        assertEquals(3, vm.valAccuracyEpochs().size());
        List<EpochLogs> e = s.epochPoints();
        assertTrue(e.get(2).accuracy() > e.get(0).accuracy(), "accuracy rises: " + e);
        assertTrue(e.get(2).valAccuracy() > 0.8, "the bars are learnt: " + e.get(2));
        assertFalse(vm.trainingProperty().get());
        assertEquals(60, total(vm.evaluationProperty().get()));
        assertNotNull(ctx.modelProperty().get(), "the trained model is published to the other views");
        assertTrue(vm.logTextProperty().get().contains("Epoch 3/3"));
        assertTrue(vm.logTextProperty().get().contains("val_accuracy"));
    }

    @Test
    void smoothingIsADebiasedMovingAverageAppliedToThePointsInPlace() throws Exception {
        TrainViewModel vm = tinyModel(new AppContext());
        FxThread.call(() -> {
            vm.start();
            vm.smoothingProperty().set(0);
            return null;
        });
        var raw = vm.snapshotProperty().get().batchPoints();
        var first = vm.lossBatches().get(0);
        for (int i = 0; i < raw.size(); i++) {
            assertEquals(raw.get(i).loss(), vm.lossBatches().get(i).getYValue().doubleValue(), 1e-9, "no smoothing: point " + i);
        }
        FxThread.call(() -> {
            vm.smoothingProperty().set(0.5);
            return null;
        });
        assertSame(first, vm.lossBatches().get(0), "the chart keeps its points and nodes");
        double ema = 0, debias = 1;
        for (int i = 0; i < raw.size(); i++) {
            ema = 0.5 * ema + 0.5 * raw.get(i).loss();
            debias *= 0.5;
            assertEquals(ema / (1 - debias), vm.lossBatches().get(i).getYValue().doubleValue(), 1e-9, "smoothed: point " + i);
        }
    }

    @Test
    void learningRateChangedMidRunTakesEffectFromTheNextBatch() throws Exception {
        AppContext ctx = new AppContext();
        List<Model> published = new ArrayList<>();
        TrainViewModel vm = tinyModel(ctx);
        FxThread.call(() -> {
            vm.snapshotProperty().addListener((o, a, s) -> {
                if (s == null || s.model() == null) return;
                published.add(s.model());
                if (s.batchPoints().size() == 5) vm.learningRateProperty().set(1e-20);
            });
            vm.start();
            return null;
        });
        List<BatchPoint> points = vm.snapshotProperty().get().batchPoints();
        assertEquals(0.01f, points.get(4).learningRate());
        assertEquals(1e-20f, points.get(5).learningRate());
        assertTrue(maxDifference(published.get(3), published.get(4)) > 1e-4, "at 0.01 a batch moves the weights");
        Model last = published.get(published.size() - 1);
        assertTrue(maxDifference(published.get(4), last) < 1e-9, "at 1e-20 forty batches barely move them");
        assertTrue(vm.logTextProperty().get().contains("learning_rate set to 1e-20"), vm.logTextProperty().get());
    }

    @Test
    void nanLossStopsTheRunAndKeepsThePreviousWeights() throws Exception {
        AppContext ctx = new AppContext();
        List<Model> published = new ArrayList<>();
        TrainViewModel vm = tinyModel(ctx);
        FxThread.call(() -> {
            vm.optimizerProperty().set("sgd");
            vm.learningRateProperty().set(1e30);
            vm.snapshotProperty().addListener((o, a, s) -> {
                if (s != null && s.model() != null && !s.phase().ended()) published.add(s.model());
            });
            vm.start();
            return null;
        });
        TrainingSnapshot s = vm.snapshotProperty().get();
        assertEquals(Phase.DIVERGED, s.phase());
        assertTrue(s.batchPoints().size() < 45, "stopped early");
        assertTrue(vm.messageProperty().get().contains("too large"), vm.messageProperty().get());
        assertFalse(published.isEmpty(), "at least one step succeeded before the loss blew up");
        Model kept = vm.trainedModelProperty().get();
        assertTrue(kept.params().stream().allMatch(p -> p.value.isFinite()));
        assertEquals(0.0, maxDifference(published.get(published.size() - 1), kept), "the last good weights are kept");
        assertFalse(vm.trainingProperty().get());
    }

    @Test
    void anImpossibleLayerDisablesStartWithItsReason() throws Exception {
        TrainViewModel vm = tinyModel(new AppContext());
        FxThread.call(() -> {
            vm.setLayerValue(0, "kernel_size", "9");
            return null;
        });
        assertFalse(vm.architectureValidProperty().get());
        assertTrue(vm.startDisabledProperty().get());
        assertTrue(vm.checks().get(0).error().contains("larger than its 8×8 input"), vm.checks().get(0).error());
        assertTrue(vm.architectureSummaryProperty().get().startsWith("Cannot train"));
        FxThread.call(() -> {
            vm.setLayerValue(0, "kernel_size", "3");
            return null;
        });
        assertTrue(vm.architectureValidProperty().get());
        assertFalse(vm.startDisabledProperty().get());
    }

    @Test
    void kerasCodeIsTheEditorsModelWithTheChosenSettings() throws Exception {
        TrainViewModel vm = tinyModel(new AppContext());
        String code = FxThread.call(() -> {
            vm.optimizerProperty().set("sgd");
            vm.batchNormalizationProperty().set(true);
            vm.dropoutProperty().set(0.25);
            vm.validationSplitProperty().set(0.2);
            return vm.kerasCode();
        });
        List<String> lines = List.of(code.split("\n"));
        assertTrue(lines.contains("model = models.Sequential()"), code);
        assertTrue(lines.contains("model.add(layers.BatchNormalization())"), "batch normalization after the convolution: " + code);
        assertTrue(lines.contains("model.add(layers.Dropout(0.25))"), "dropout before the dense layer: " + code);
        assertTrue(lines.contains("model.compile(optimizer=optimizers.SGD(learning_rate=0.01, momentum=0.9),"), code);
        assertTrue(lines.contains("history = model.fit(x_train, y_train, epochs=3, batch_size=16,"), code);
        assertTrue(lines.contains("                    validation_split=0.2)"), code);
        FxThread.call(() -> {
            vm.setLayerValue(0, "kernel_size", "9");
            return null;
        });
        assertNull(FxThread.call(vm::kerasCode), "no code for an architecture that does not check out");
    }

    @Test
    void aDatasetThatFailsToLoadSaysWhy() throws Exception {
        TrainViewModel vm = FxThread.call(() -> {
            TrainViewModel m = new TrainViewModel(new AppContext(), List.of(TinyData.broken("train-images-idx3-ubyte is truncated")), Runnable::run);
            m.sourceProperty().set(m.sources().get(0));
            return m;
        });
        assertEquals("Broken could not be loaded: train-images-idx3-ubyte is truncated", vm.dataStatusProperty().get());
        assertTrue(vm.startDisabledProperty().get());
    }

    @Test
    void aMissingDatasetOffersTheDownloadAndLoadsItAfterwards() throws Exception {
        DatasetSource missing = TinyData.downloadable(progress -> {
            progress.accept(0.5);
            progress.accept(1);
        });
        TrainViewModel vm = FxThread.call(() -> {
            TrainViewModel m = new TrainViewModel(new AppContext(), List.of(missing), Runnable::run);
            m.sourceProperty().set(missing);
            return m;
        });
        assertTrue(vm.dataMissingProperty().get());
        assertNull(vm.datasetProperty().get());
        assertTrue(vm.dataStatusProperty().get().startsWith("Bars is not on this computer yet"));
        FxThread.call(() -> {
            vm.download();
            return null;
        });
        assertFalse(vm.dataMissingProperty().get());
        assertEquals(30, vm.datasetProperty().get().trainImages().batch());
        assertEquals("Bars: 30 training and 9 test images of 8×8×1, 3 classes", vm.dataStatusProperty().get());
    }

    @Test
    void aRunningDownloadCanBeCancelledAndSaysHowToContinue() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        DatasetSource slow = TinyData.downloadable(progress -> {
            started.countDown();
            try {
                Thread.sleep(60_000); // a slow mirror
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw new InterruptedIOException("download cancelled");
            }
        });
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            TrainViewModel vm = FxThread.call(() -> {
                TrainViewModel m = new TrainViewModel(new AppContext(), List.of(slow), thread);
                m.sourceProperty().set(slow);
                return m;
            });
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.dataMissingProperty().get() && !vm.dataBusyProperty().get());
            FxThread.call(() -> {
                vm.download();
                return null;
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            assertTrue(vm.dataBusyProperty().get());
            FxThread.call(() -> {
                vm.cancelDownload();
                return null;
            });
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, interrupted::get);
            WaitForAsyncUtils.waitForFxEvents();
            assertFalse(vm.dataBusyProperty().get());
            assertTrue(vm.dataMissingProperty().get(), "Download is offered again");
            assertEquals("Download stopped. Download again to continue where it stopped.", vm.dataStatusProperty().get());
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void trainingContinuesFromTheModelInUseWithItsWeightsAndFrozenLayers() throws Exception {
        AppContext ctx = new AppContext();
        TrainViewModel first = tinyModel(ctx);
        FxThread.call(() -> {
            first.epochsProperty().set(1);
            first.start(); // publishes its model to the other views: the model in use
            return null;
        });
        Model inUse = ctx.modelProperty().get();
        float[] conv = inUse.layers().get(0).params().get(0).value.data.clone();

        TrainViewModel vm = tinyModel(ctx);
        FxThread.call(() -> {
            vm.presetProperty().set(TrainViewModel.MODEL_IN_USE);
            vm.layers().set(0, vm.layers().get(0).withTrainable(false)); // fine-tune: the convolution frozen
            vm.epochsProperty().set(1);
            vm.start();
            return null;
        });
        assertEquals(TinyData.layers().size(), vm.layers().size());
        assertTrue(vm.logTextProperty().get().contains("Starting from " + inUse.name() + " (its weights in 2 of 2 layers with weights)"),
                vm.logTextProperty().get());
        Model trained = vm.trainedModelProperty().get();
        assertArrayEquals(conv, trained.layers().get(0).params().get(0).value.data, 0f, "the frozen convolution kept the model's weights");
        assertTrue(vm.snapshotProperty().get().epochPoints().get(0).valAccuracy() > 0.8, "it starts from a model that knows the bars");
    }

    @Test
    void withoutAModelInUseTheChoiceGoesBackAndSaysWhy() throws Exception {
        AppContext ctx = new AppContext();
        TrainViewModel vm = tinyModel(ctx);
        FxThread.call(() -> {
            vm.presetProperty().set("lenet5");
            vm.presetProperty().set(TrainViewModel.MODEL_IN_USE);
            return null;
        });
        assertEquals("lenet5", vm.presetProperty().get());
        assertEquals("Cannot start from the model in use: no model is loaded yet.", vm.messageProperty().get());
    }

    @Test
    void theSavedModelLoadsBackWithTheTrainedWeights(@TempDir Path dir) throws Exception {
        TrainViewModel vm = tinyModel(new AppContext());
        FxThread.call(() -> {
            vm.epochsProperty().set(1);
            vm.start();
            return null;
        });
        Path file = dir.resolve("bars.convscope");
        FxThread.call(() -> vm.saveModel(file)).get(); // written on a worker
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Saved the model to " + file, vm.messageProperty().get());
        Model loaded = ModelIO.load(file);
        assertEquals(0.0, maxDifference(vm.trainedModelProperty().get(), loaded));
        assertEquals(TinyData.CLASSES, loaded.classNames());
    }

    @Test
    void savingUnderAKerasOrOnnxNameExportsTheTrainedModel(@TempDir Path dir) throws Exception {
        TrainViewModel vm = tinyModel(new AppContext());
        FxThread.call(() -> {
            vm.epochsProperty().set(1);
            vm.start();
            return null;
        });
        Path h5 = dir.resolve("bars.h5");
        FxThread.call(() -> vm.saveModel(h5)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Exported " + h5 + " (Keras HDF5): load it with keras.models.load_model(\"bars.h5\")",
                vm.messageProperty().get());
        Model trained = vm.trainedModelProperty().get();
        Model back = org.convscope.engine.keras.KerasFiles.read(h5, org.convscope.engine.keras.InputRange.ZERO_TO_ONE);
        Tensor x = Tensor.zeros(trained.inputShape().withBatch(2)); // (2, H, W, C)
        for (int i = 0; i < x.data.length; i++) x.data[i] = (i % 7) / 7f;
        Tensor a = trained.forward(x, false), b = back.forward(x, false);
        for (int i = 0; i < a.data.length; i++) assertEquals(a.data[i], b.data[i], 1e-6f);
        Path onnx = dir.resolve("bars.onnx");
        FxThread.call(() -> vm.saveModel(onnx)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Exported " + onnx + " (ONNX)", vm.messageProperty().get());
    }

    @Test
    void theHistoryIsExportedOnAWorkerAndTheMessageNamesBothFiles(@TempDir Path dir) throws Exception {
        TrainViewModel vm = tinyModel(new AppContext());
        FxThread.call(() -> {
            vm.epochsProperty().set(1);
            vm.start();
            return null;
        });
        Path file = dir.resolve("history.csv");
        List<Path> written = FxThread.call(() -> vm.exportHistory(file)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("History written to " + written.get(0) + " and " + written.get(1).getFileName(), vm.messageProperty().get());
        assertEquals("epoch,accuracy,loss,lr,val_accuracy,val_loss", Files.readAllLines(written.get(0)).get(0));
        Path blocked = Files.writeString(dir.resolve("not-a-folder"), "x").resolve("history.csv");
        assertThrows(java.util.concurrent.ExecutionException.class, () -> FxThread.call(() -> vm.exportHistory(blocked)).get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(vm.messageProperty().get().startsWith("The history could not be exported: "), vm.messageProperty().get());
    }

    @Test
    void closingTheWindowStopsARunningTraining() throws Exception {
        AppContext ctx = new AppContext();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            TrainViewModel running = FxThread.call(() -> configured(ctx, thread));
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> running.datasetProperty().get() != null);
            WaitForAsyncUtils.waitForFxEvents();
            FxThread.call(() -> {
                running.batchSizeProperty().set(1);
                running.epochsProperty().set(1000); // a run far longer than the test
                running.start();
                return null;
            });
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> running.snapshotProperty().get() != null);
            FxThread.call(() -> {
                ctx.shutdown();
                return null;
            });
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !running.trainingProperty().get());
            assertEquals(Phase.STOPPED, running.phaseProperty().get());
        } finally {
            thread.shutdownNow();
        }
    }

    static int total(Evaluation e) {
        int n = 0;
        for (int t = 0; t < e.classes(); t++) for (int p = 0; p < e.classes(); p++) n += e.count(t, p);
        return n;
    }

    static double maxDifference(Model a, Model b) {
        double max = 0;
        List<Param> pa = a.params(), pb = b.params();
        for (int i = 0; i < pa.size(); i++) {
            float[] x = pa.get(i).value.data, y = pb.get(i).value.data;
            for (int j = 0; j < x.length; j++) max = Math.max(max, Math.abs(x[j] - y[j]));
        }
        return max;
    }
}
