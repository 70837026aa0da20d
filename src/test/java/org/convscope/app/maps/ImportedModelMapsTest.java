package org.convscope.app.maps;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import org.convscope.engine.keras.InputRange;
import org.convscope.engine.keras.KerasFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Inside the network with a model opened from Keras: Rescaling, BatchNormalization, LeakyReLU and Softmax layers, input scale 255. */
@ExtendWith(ApplicationExtension.class)
class ImportedModelMapsTest {
    private final AppContext ctx = new AppContext();
    private final MapsView view = new MapsView();
    private Model model;
    private Tensor input;

    @Start
    void start(Stage stage) throws Exception {
        model = KerasFiles.read(Path.of("src/test/resources/org/convscope/engine/keras/cnn.keras"), InputRange.ZERO_TO_ONE);
        input = Tensor.zeros(1, 8, 8, 2); // (1, 8, 8, 2): a bright square in 0–1, as ConvScope's inputs are
        for (int i = 2; i < 6; i++) for (int j = 2; j < 6; j++) input.set(0, i, j, 0, 0.9f);
        ctx.modelProperty().set(model);
        ctx.inputProperty().set(input);
        stage.setScene(org.convscope.app.Themed.scene((Parent) view.createContent(ctx), 1280, 800));
        stage.show();
    }

    @Test
    void everyLayerGetsAColumnWithTheEngineOutputAndTheSummaryListsKerasNames(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            NetworkActivations a = view.viewModel().activationsProperty().get();
            return a != null && a.input() == input;
        }).get());
        WaitForAsyncUtils.waitForFxEvents();
        NetworkActivations a = view.viewModel().activationsProperty().get();
        List<Tensor> expected = model.copy().forwardAll(input);
        assertEquals(expected.size() + 1, a.columns());
        for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.get(i).data, a.column(i + 1).data, "layer " + i);
        // the Rescaling column shows what the 0–1 input became: 255·x/255 − 0.5
        assertEquals(0.9f - 0.5f, a.column(1).data[(2 * 8 + 2) * 2], 1e-5f);
        assertEquals(List.of("rescaling", "conv2d", "batch_normalization", "max_pooling2d", "conv2d_1", "average_pooling2d",
                "flatten", "dropout", "dense", "leaky_re_lu", "dense_1", "softmax"),
                view.viewModel().summaryRows().stream().map(r -> r.name()).toList());
        for (int column = 1; column < a.columns(); column++) {
            int c = column;
            WaitForAsyncUtils.asyncFx(() -> view.viewModel().select(c, 0)).get(); // every layer's detail page opens
            WaitForAsyncUtils.waitForFxEvents();
        }
    }
}
