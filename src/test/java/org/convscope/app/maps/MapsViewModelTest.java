package org.convscope.app.maps;

import org.convscope.app.AppContext;
import org.convscope.app.ConvolutionRequest;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Presets;
import org.convscope.engine.Model;
import org.convscope.engine.Summary;
import org.convscope.engine.Tensor;
import org.convscope.trace.ReceptiveField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MapsViewModelTest {
    private final AppContext ctx = new AppContext();
    private final MapsViewModel vm = new MapsViewModel(ctx);
    private Model model;
    private Tensor input;

    @BeforeEach
    void drawASeven() {
        model = MapsTestData.seed001();
        input = MapsTestData.seven(model);
        ctx.modelProperty().set(model);
        ctx.inputProperty().set(input);
        vm.refresh();
    }

    @Test
    void everyColumnHoldsTheEngineLayerOutputForTheCurrentInput() {
        List<Tensor> expected = model.copy().forwardAll(input);
        NetworkActivations a = vm.activationsProperty().get();
        assertEquals(expected.size() + 1, a.columns());
        assertArrayEquals(input.data, a.column(0).data);
        for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.get(i).data, a.column(i + 1).data, "layer " + i);
        assertEquals("", vm.inputMessageProperty().get());
    }

    @Test
    void aNewInputMarksTheMapsStaleAndRefreshShowsIt() {
        Tensor dot = Tensor.zeros(1, 28, 28, 1);
        dot.data[14 * 28 + 14] = 1;
        ctx.inputProperty().set(dot);
        assertTrue(vm.staleProperty().get());
        vm.refresh();
        assertArrayEquals(model.copy().forwardAll(dot).get(0).data, vm.activationsProperty().get().column(1).data);
    }

    @Test
    void summaryRowsAreTheEngineSummary() {
        Summary s = model.summary();
        assertEquals(s.rows(), vm.summaryRows());
        assertEquals("3·3·1·32 + 32 = 320", vm.summaryRows().get(0).formula());
    }

    @Test
    void normalisationSwitchChangesTheLegendRangeToTheWholeLayer() {
        vm.select(1, 3);
        ValueRange perMap = vm.legendRangeProperty().get();
        float[] layer = model.copy().forwardAll(input).get(0).data; // (1, 26, 26, 32)
        float mapMax = 0, layerMax = 0;
        for (int i = 0; i < layer.length; i++) {
            layerMax = Math.max(layerMax, layer[i]);
            if (i % 32 == 3) mapMax = Math.max(mapMax, layer[i]);
        }
        assertEquals(mapMax, perMap.hi(), 1e-6);
        vm.normalisationProperty().set(Normalisation.PER_LAYER);
        ValueRange perLayer = vm.legendRangeProperty().get();
        assertEquals(layerMax, perLayer.hi(), 1e-6);
        assertNotEquals(perMap, perLayer);
        assertTrue(vm.legendTitleProperty().get().contains("whole layer"));
    }

    @Test
    void aBlankOrMisshapedInputIsShownBlankWithAMessage() {
        ctx.inputProperty().set(Tensor.zeros(1, 32, 32, 3));
        vm.refresh();
        assertTrue(vm.inputMessageProperty().get().contains("32×32×3"), vm.inputMessageProperty().get());
        assertArrayEquals(new float[28 * 28], vm.activationsProperty().get().column(0).data);
        ctx.inputProperty().set(null);
        vm.refresh();
        assertTrue(vm.inputMessageProperty().get().startsWith("Draw a digit"));
    }

    @Test
    void aModelReplacedDuringTrainingKeepsTheOpenDetailAndAnotherArchitectureResetsIt() {
        vm.openDetail(3, 5);
        Model trained = model.copy();
        trained.params().get(0).value.data[0] += 0.5f; // a few batches later
        ctx.modelProperty().set(trained);
        vm.refresh();
        assertEquals(new MapsViewModel.MapDetail(3, 5), vm.pageProperty().get());
        assertArrayEquals(trained.forwardAll(input).get(0).data, vm.activationsProperty().get().column(1).data);

        ctx.modelProperty().set(Presets.create("lenet5").build(1));
        vm.refresh();
        assertInstanceOf(MapsViewModel.Overview.class, vm.pageProperty().get());
        assertEquals(9, vm.activationsProperty().get().columns());
    }

    @Test
    void stepThroughRequestsTheConvolutionOfThatFilterOnThatInput() {
        vm.openDetail(3, 5); // conv2d_1, filter 5
        vm.stepThrough();
        ConvolutionRequest r = ctx.convolutionRequestProperty().get();
        Conv2D conv = (Conv2D) model.layers().get(2);
        assertEquals("conv2d_1", r.layerName());
        assertEquals(5, r.filter());
        assertArrayEquals(new int[] {13, 13, 32}, r.input().shape());
        assertArrayEquals(model.copy().forwardAll(input).get(1).data, r.input().data);
        assertArrayEquals(new int[] {3, 3, 32}, r.kernel().shape());
        float[] w = conv.kernel().data; // (3, 3, 32, 64)
        for (int u = 0; u < 3; u++)
            for (int v = 0; v < 3; v++)
                for (int c = 0; c < 32; c++)
                    assertEquals(w[((u * 3 + v) * 32 + c) * 64 + 5], r.kernel().data[(u * 3 + v) * 32 + c]);
        assertEquals(conv.bias().data[5], r.bias());
    }

    @Test
    void stepThroughOfADepthwiseMapRequestsItsOwnChannelAndKernel() {
        Model m = new Model(org.convscope.engine.Shape.of(28, 28, 1))
                .add(new Conv2D(3, 3, 3, 1, 1, org.convscope.engine.Padding.VALID, 1, 1, org.convscope.engine.Activation.RELU, true))
                .add(new org.convscope.engine.DepthwiseConv2D(3, org.convscope.engine.Padding.SAME, org.convscope.engine.Activation.RELU))
                .add(new org.convscope.engine.GlobalAveragePooling2D())
                .add(new org.convscope.engine.Dense(10, org.convscope.engine.Activation.SOFTMAX))
                .build(1);
        ctx.modelProperty().set(m);
        vm.refresh();
        vm.openDetail(2, 1); // depthwise_conv2d, channel 1
        assertTrue(vm.canStepThrough());
        vm.stepThrough();
        ConvolutionRequest r = ctx.convolutionRequestProperty().get();
        assertEquals("depthwise_conv2d", r.layerName());
        assertArrayEquals(new int[] {26, 26, 1}, r.input().shape());
        float[] maps = m.copy().forwardAll(input).get(0).data; // (1, 26, 26, 3)
        for (int i = 0; i < 26 * 26; i++) assertEquals(maps[i * 3 + 1], r.input().data[i], "channel 1 of conv2d only");
        assertArrayEquals(new int[] {3, 3, 1}, r.kernel().shape());
        assertEquals(org.convscope.engine.Padding.SAME, r.padding());
    }

    @Test
    void stepThroughIsOnlyOfferedForConvolutionMaps() {
        vm.openDetail(2, 0); // max_pooling2d
        assertTrue(!vm.canStepThrough());
        vm.stepThrough();
        assertNull(ctx.convolutionRequestProperty().get());
    }

    @Test
    void hoveringAUnitGivesItsReceptiveFieldAndValue() {
        NetworkActivations a = vm.activationsProperty().get();
        int index = (4 * 11 + 6) * 64 + 9;
        vm.hoverProperty().set(new MapsViewModel.Hover(3, 9, 4, 6, index));
        assertEquals(new ReceptiveField(8, 12, 15, 19, 8, 8), vm.receptiveFieldProperty().get());
        String text = vm.hoverTextProperty().get();
        assertTrue(text.startsWith("conv2d_1 · map 9 · row 4, col 6 = " + String.format("%.4g", a.column(3).data[index])), text);
        assertTrue(text.endsWith("rows 8–15, cols 12–19"), text);
    }
}
