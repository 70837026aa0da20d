package org.convscope.app.conv;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.Screenshots;
import org.convscope.engine.Activation;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Dense;
import org.convscope.engine.DepthwiseConv2D;
import org.convscope.engine.GlobalAveragePooling2D;
import org.convscope.engine.Model;
import org.convscope.engine.Padding;
import org.convscope.engine.Presets;
import org.convscope.engine.Shape;
import org.convscope.trace.ConvStep;
import org.convscope.trace.ConvTrace;
import org.convscope.trace.Grid;
import org.convscope.trace.Samples;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Convolution view on graph layers: resnet-small's 1×1 projection shortcut and a depthwise convolution. */
@ExtendWith(ApplicationExtension.class)
class GraphLayerConvViewTest {
    private final AppContext context = new AppContext();
    private ConvolutionView view;
    private Model resnet;

    @Start
    void start(Stage stage) {
        resnet = Presets.create("resnet-small").build(3);
        context.modelProperty().set(resnet);
        view = new ConvolutionView();
        stage.setScene(org.convscope.app.Themed.scene((Parent) view.createContent(context), 1260, 780));
        stage.show();
    }

    private static int indexOf(Model m, String name) {
        for (int i = 0; i < m.layers().size(); i++) if (m.layers().get(i).name().equals(name)) return i;
        throw new AssertionError(name);
    }

    /** The trace shown ends at the engine's own output of that layer and filter at its last cell, for the sample digit the view shows. */
    private void assertLastStepIsTheEngines(Model m, String layer, int filter) {
        ConvTrace t = view.viewModel().traceProperty().get();
        ConvStep last = t.step(t.stepCount() - 1);
        Tensor out = m.forwardAll(sampleDigit(m)).get(indexOf(m, layer)); // (1, OH, OW, F)
        assertEquals(out.dim(1), t.geometry().outH());
        assertEquals(out.data[(last.outRow() * out.dim(2) + last.outCol()) * out.dim(3) + filter], last.output(), 1e-4f);
    }

    /** What the view feeds the model while nothing is drawn: the sample digit, (1, 28, 28, 1) in 0..1. */
    private static Tensor sampleDigit(Model m) {
        Grid digit = Samples.digit();
        float[] d = new float[28 * 28];
        for (int r = 0; r < 28; r++) for (int q = 0; q < 28; q++) d[r * 28 + q] = digit.get(r, q, 0) / 255f;
        return new Tensor(d, 1, 28, 28, 1);
    }

    @Test
    void theProjectionShortcutsLearnedKernelSlidesOverTheBlocksInputWithStride2(FxRobot robot) {
        Conv2D shortcut = (Conv2D) resnet.layers().stream().filter(l -> l instanceof Conv2D c && c.kernelH() == 1).findFirst().orElseThrow();
        String reads = resnet.inputsOf(shortcut.name()).get(0);
        robot.clickOn("#kernel-choice").clickOn("Learned kernel of the model");
        String label = view.viewModel().convLayers().stream().filter(l -> l.startsWith(shortcut.name() + " ")).findFirst().orElseThrow();
        assertEquals(shortcut.name() + " (1×1 stride 2, 32 filters) on " + reads, label);
        robot.clickOn("#learned-layer").clickOn(label);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("output 14×14 — 196 steps", robot.lookup("#output-size").queryAs(Label.class).getText());
        assertEquals(16, view.viewModel().inputProperty().get().channels(), "the block's input: 16 maps of 28×28");
        assertEquals(28, view.viewModel().inputProperty().get().height());
        assertEquals("Input 28×28×16: " + reads + "'s output, into " + shortcut.name(), robot.lookup("#input-caption").queryAs(Label.class).getText());
        robot.interact(() -> view.viewModel().learnedFilterProperty().set(7));
        robot.interact(() -> view.viewModel().seek(view.viewModel().traceProperty().get().stepCount() - 1));
        robot.interact(() -> view.viewModel().seek(20));
        Screenshots.save(robot.lookup("#output-size").query().getScene().getRoot(), "conv-resnet-projection");
        robot.interact(() -> view.viewModel().seek(view.viewModel().traceProperty().get().stepCount() - 1));
        assertLastStepIsTheEngines(resnet, shortcut.name(), 7);
    }

    @Test
    void aDepthwiseKernelSlidesOverItsOwnChannel(FxRobot robot) {
        Model m = new Model(Shape.of(28, 28, 1))
                .add(new Conv2D(4, 3, 3, 1, 1, Padding.SAME, 1, 1, Activation.RELU, true))
                .add(new DepthwiseConv2D(3, 3, 1, 1, Padding.VALID, 1, 1, 1, Activation.RELU, true))
                .add(new GlobalAveragePooling2D())
                .add(new Dense(10, Activation.SOFTMAX))
                .build(2);
        robot.interact(() -> context.modelProperty().set(m));
        robot.clickOn("#kernel-choice").clickOn("Learned kernel of the model");
        assertEquals(List.of("conv2d (3×3, 4 filters)", "depthwise_conv2d (3×3 depthwise, 4 channels)"), List.copyOf(view.viewModel().convLayers()));
        robot.clickOn("#learned-layer").clickOn("depthwise_conv2d (3×3 depthwise, 4 channels)");
        robot.interact(() -> view.viewModel().learnedFilterProperty().set(2));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("output 26×26 — 676 steps", robot.lookup("#output-size").queryAs(Label.class).getText());
        assertEquals(1, view.viewModel().inputProperty().get().channels(), "one channel: its own");
        assertEquals(1, view.viewModel().kernelProperty().get().channels());
        assertEquals("Input 28×28: channel 2 of conv2d (depthwise: its own kernel), into depthwise_conv2d",
                robot.lookup("#input-caption").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#receptive-field").queryAs(Label.class).getText().contains("(a 5×5 receptive field)"));
        robot.interact(() -> view.viewModel().seek(40));
        Screenshots.save(robot.lookup("#output-size").query().getScene().getRoot(), "conv-depthwise");
        robot.interact(() -> view.viewModel().seek(675));
        assertLastStepIsTheEngines(m, "depthwise_conv2d", 2);
    }
}
