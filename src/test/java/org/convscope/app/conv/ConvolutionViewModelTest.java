package org.convscope.app.conv;

import org.convscope.app.common.InputChoice;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Presets;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import org.convscope.trace.ConvTrace;
import org.convscope.trace.Grid;
import org.convscope.trace.KernelPreset;
import org.convscope.trace.render.GridPicture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The view-model alone: no stage, no clock. */
class ConvolutionViewModelTest {

    @Test
    void startsOnThe138ExampleAndStepsWithoutAClock() {
        ConvolutionViewModel vm = new ConvolutionViewModel();
        assertEquals(25, vm.getStepCount());
        assertEquals("step 1 / 25", vm.stepTextProperty().get());
        assertEquals("ReLU(138) → 138", last(vm.frameProperty().get().equation()));
        assertTrue(vm.next());
        assertEquals("step 2 / 25", vm.stepTextProperty().get());
        assertEquals(new GridPicture.Cell(0, 1), vm.frameProperty().get().output().current());
        vm.last();
        assertFalse(vm.next());
        vm.previous();
        assertEquals(23, vm.getStepIndex());
    }

    @Test
    void stepThroughShowsTheRequestedFilterOverItsLayersInput() {
        ConvolutionViewModel vm = new ConvolutionViewModel();
        Model model = Presets.create("seed-001").build(3);
        vm.modelProperty().set(model);
        Conv2D second = (Conv2D) model.layers().get(2);
        Tensor kernel = second.kernel(); // (3, 3, 32, 64)
        var request = new org.convscope.app.ConvolutionRequest("conv2d_1", 5, null, null, second.bias().data[5],
                1, 1, org.convscope.engine.Padding.VALID, 1, 1, org.convscope.engine.Activation.RELU);
        assertTrue(vm.stepThrough(request));
        assertTrue(vm.kernelChoiceProperty().get().learned());
        assertEquals(32, vm.inputProperty().get().channels(), "the input is conv2d_1's input: 32 feature maps");
        assertEquals(org.convscope.trace.LayerFilter.slice(kernel, 5, -1), vm.kernelProperty().get());
        assertEquals("output 11×11 — 121 steps", vm.outputSizeProperty().get());
        assertEquals(0, vm.getStepIndex());
        var unknown = new org.convscope.app.ConvolutionRequest("conv2d_9", 0, null, null, 0,
                1, 1, org.convscope.engine.Padding.VALID, 1, 1, org.convscope.engine.Activation.RELU);
        assertFalse(vm.stepThrough(unknown));
    }

    @Test
    void playingStopsAtTheLastStep() {
        ConvolutionViewModel vm = new ConvolutionViewModel();
        vm.seek(23);
        vm.togglePlay();
        assertTrue(vm.playingProperty().get());
        vm.next();
        vm.next();
        assertFalse(vm.playingProperty().get());
        vm.togglePlay(); // at the end, play starts over
        assertEquals(0, vm.getStepIndex());
    }

    @Test
    void strideAndPaddingReplanAtOnceAndKeepTheStepInRange() {
        ConvolutionViewModel vm = new ConvolutionViewModel();
        vm.seek(20);
        vm.strideProperty().set(2);
        assertEquals("output 3×3 — 9 steps", vm.outputSizeProperty().get());
        assertEquals(8, vm.getStepIndex());
        vm.paddingChoiceProperty().set(ConvolutionViewModel.PaddingChoice.SAME);
        assertEquals("output 4×4 — 16 steps", vm.outputSizeProperty().get());
        vm.paddingChoiceProperty().set(ConvolutionViewModel.PaddingChoice.CUSTOM);
        vm.customPaddingProperty().set(2);
        assertEquals("output 5×5 — 25 steps", vm.outputSizeProperty().get()); // ⌊(7 + 4 − 3) / 2⌋ + 1
        vm.dilationProperty().set(2);
        vm.strideProperty().set(1);
        assertEquals("output 7×7 — 49 steps", vm.outputSizeProperty().get());
    }

    @Test
    void aWindowThatDoesNotFitIsAProblemNotAnException() {
        ConvolutionViewModel vm = new ConvolutionViewModel();
        vm.inputChoiceProperty().set(InputChoice.TOY_5);
        vm.kernelSizeProperty().set(7);
        assertNull(vm.traceProperty().get());
        assertEquals("the 7×7 window does not fit the 5×5 padded input", vm.problemProperty().get());
        vm.paddingChoiceProperty().set(ConvolutionViewModel.PaddingChoice.SAME);
        assertEquals("", vm.problemProperty().get());
        assertEquals(25, vm.getStepCount());
    }

    @Test
    void selectingAnOutputCellSeeksToItsStep() {
        ConvolutionViewModel vm = new ConvolutionViewModel();
        vm.selectOutputCell(3, 2);
        assertEquals(17, vm.getStepIndex());
        vm.selectOutputCell(9, 9); // outside: ignored
        assertEquals(17, vm.getStepIndex());
    }

    @Test
    void editingAKernelCellChangesTheOutput() {
        ConvolutionViewModel vm = new ConvolutionViewModel();
        vm.setKernelCell(1, 1, 0, 1);
        assertEquals("ReLU(−382) → 0", last(vm.frameProperty().get().equation()));
        vm.biasProperty().set(400);
        assertEquals("ReLU(18) → 18", last(vm.frameProperty().get().equation()));
    }

    @Test
    void hoveringAnInputCellListsTheOutputsItFeeds() {
        ConvolutionViewModel vm = new ConvolutionViewModel();
        vm.hoveredInputProperty().set(new GridPicture.Cell(2, 2));
        assertEquals(9, vm.fedOutputs().size());
        vm.hoveredInputProperty().set(new GridPicture.Cell(6, 0));
        assertEquals(List.of(new GridPicture.Cell(4, 0)), List.copyOf(vm.fedOutputs()));
        vm.hoveredInputProperty().set(null);
        assertTrue(vm.fedOutputs().isEmpty());
    }

    @Test
    void rgbInputAddsTheThreeChannelSums() {
        ConvolutionViewModel vm = new ConvolutionViewModel();
        vm.inputChoiceProperty().set(InputChoice.RGB);
        assertEquals(3, vm.kernelProperty().get().channels());
        List<String> eq = vm.frameProperty().get().equation();
        assertTrue(eq.get(0).startsWith("R: "), eq.get(0));
        assertTrue(eq.get(2).startsWith("B: "), eq.get(2));
        assertEquals(3, vm.frameProperty().get().inputs().size());
    }

    @Test
    void drawingInputFallsBackToTheSampleDigitWithANote() {
        ConvolutionViewModel vm = new ConvolutionViewModel();
        vm.inputChoiceProperty().set(InputChoice.DRAWING);
        assertEquals("Nothing drawn yet: showing the sample digit.", vm.noteProperty().get());
        Tensor drawing = Tensor.zeros(1, 28, 28, 1);
        drawing.set(0, 5, 6, 0, 1f);
        vm.drawingProperty().set(drawing);
        assertEquals("", vm.noteProperty().get());
        assertEquals(255f, vm.inputProperty().get().get(5, 6, 0));
        assertEquals(676, vm.getStepCount());
    }

    @Test
    void learnedKernelOfTheSecondConvSlidesOverTheRealFeatureMaps() {
        Model model = Presets.create("seed-001").build(7);
        ConvolutionViewModel vm = new ConvolutionViewModel();
        vm.modelProperty().set(model);
        vm.kernelChoiceProperty().set(KernelChoice.LEARNED);
        assertEquals(676, vm.getStepCount()); // the first conv over the 28×28 digit
        assertEquals(1, vm.inputProperty().get().channels());
        vm.learnedLayerProperty().set(1);
        vm.learnedFilterProperty().set(5);
        Conv2D conv = (Conv2D) model.layers().get(2);
        assertEquals(2, vm.convLayers().size());
        assertEquals(64, vm.filterCountProperty().get());
        Grid in = vm.inputProperty().get();
        assertEquals(32, in.channels()); // the first conv's 32 maps, pooled to 13×13
        assertEquals(13, in.height());
        assertEquals(conv.kernel().data[(2 * 3 * 32 + 1) * 64 + 5], vm.kernelProperty().get().get(2, 0, 1));
        assertEquals(conv.bias().data[5], vm.biasProperty().get());
        assertEquals(121, vm.getStepCount());

        // step 0 equals the engine's own forward pass at that cell
        Tensor x = model.forwardAll(new Tensor(scaledDigit(), 1, 28, 28, 1)).get(2);
        float expected = x.get(0, 0, 0, 5);
        float shown = vm.traceProperty().get().step(0).output();
        assertEquals(expected, shown, 1e-4f * (1 + Math.abs(expected)));

        vm.selectOutputCell(1, 2);
        assertEquals("Unit (1, 2) of " + conv.name() + " sees image rows 2–9, columns 4–11 (a 8×8 receptive field).",
                vm.receptiveFieldProperty().get());
        vm.strideProperty().set(2); // no longer the model's layout: no claim about the model
        assertEquals("", vm.receptiveFieldProperty().get());
    }

    @Test
    void aModelFedRawPixelsShowsItsFirstConvolutionOverThem() {
        Model model = Presets.create("seed-001").build(7).setInputScale(255); // a Keras model trained on 0–255
        ConvolutionViewModel vm = new ConvolutionViewModel();
        vm.modelProperty().set(model);
        vm.kernelChoiceProperty().set(KernelChoice.LEARNED);
        float[] digit = scaledDigit();
        assertEquals(digit[14 * 28 + 14] * 255, vm.inputProperty().get().get(14, 14, 0), 1e-3f, "the layer's input, 0–255");
        float expected = model.forwardAll(new Tensor(digit, 1, 28, 28, 1)).get(0).get(0, 0, 0, 0);
        float shown = vm.traceProperty().get().step(0).output();
        assertEquals(expected, shown, 1e-4f * (1 + Math.abs(expected)));
    }

    private static float[] scaledDigit() {
        Grid d = org.convscope.trace.Samples.digit();
        float[] x = new float[28 * 28];
        for (int r = 0; r < 28; r++) for (int q = 0; q < 28; q++) x[r * 28 + q] = d.get(r, q, 0) / 255f;
        return x;
    }

    @Test
    void presetSizeFollowsTheKernelSizeSpinner() {
        ConvolutionViewModel vm = new ConvolutionViewModel();
        vm.kernelChoiceProperty().set(new KernelChoice(KernelPreset.BOX_BLUR));
        vm.kernelSizeProperty().set(5);
        assertEquals(5, vm.kernelProperty().get().height());
        assertEquals(1f / 25, vm.kernelProperty().get().get(0, 0, 0));
        assertEquals(9, vm.getStepCount());
    }

    @Test
    void drawingsAndAModelWhileHiddenArePlannedOnceWhenShown() {
        ConvolutionViewModel vm = new ConvolutionViewModel();
        vm.inputChoiceProperty().set(InputChoice.DRAWING);
        ConvTrace before = vm.traceProperty().get();
        List<ConvTrace> plans = new ArrayList<>();
        vm.traceProperty().addListener((o, old, t) -> plans.add(t));
        vm.shownProperty().set(false);
        for (int col = 6; col <= 8; col++) { // three strokes' worth of drawings in another view
            Tensor drawing = Tensor.zeros(1, 28, 28, 1);
            drawing.set(0, 5, col, 0, 1f);
            vm.drawingProperty().set(drawing);
        }
        vm.modelProperty().set(Presets.create("seed-001").build(7));
        assertEquals(List.of(), plans, "nothing planned while hidden");
        assertSame(before, vm.traceProperty().get());
        assertEquals("Nothing drawn yet: showing the sample digit.", vm.noteProperty().get());

        vm.shownProperty().set(true);
        assertEquals(1, plans.size(), "one plan when shown");
        assertEquals(255f, vm.inputProperty().get().get(5, 8, 0), "of the newest drawing");
        assertEquals(0f, vm.inputProperty().get().get(5, 6, 0));
        assertEquals(2, vm.convLayers().size(), "and of the new model");
        vm.shownProperty().set(false);
        vm.shownProperty().set(true);
        assertEquals(1, plans.size(), "nothing changed meanwhile: no new plan");
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }
}
