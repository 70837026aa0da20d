package org.convscope.app.conv;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.AppView;
import org.convscope.app.common.InputChoice;
import org.convscope.app.pool.PoolingView;

/** Shows one step-through view alone in a window titled "ConvScope", for screenshots: args {@code conv|pool [inputChoice]}. */
public final class ShowConvolution extends Application {

    /** Entry point that is not an Application, so JavaFX starts from a plain classpath. */
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(ShowConvolution.class, args);
        }
    }

    @Override
    public void start(Stage stage) {
        String which = getParameters().getRaw().isEmpty() ? "conv" : getParameters().getRaw().get(0);
        AppContext ctx = new AppContext();
        if (getParameters().getRaw().contains("model")) {
            ctx.modelProperty().set(org.convscope.engine.Presets.create("seed-001").build(1));
        }
        AppView view = which.equals("pool") ? new PoolingView() : new ConvolutionView();
        if (view instanceof ConvolutionView cv) {
            for (String a : getParameters().getRaw()) {
                for (InputChoice c : InputChoice.values()) if (c.name().equals(a)) cv.viewModel().inputChoiceProperty().set(c);
                if (a.equals("learned")) cv.viewModel().kernelChoiceProperty().set(KernelChoice.LEARNED);
                if (a.startsWith("stride=")) cv.viewModel().strideProperty().set(Integer.parseInt(a.substring(7)));
                if (a.startsWith("pad=")) {
                    cv.viewModel().paddingChoiceProperty().set(ConvolutionViewModel.PaddingChoice.CUSTOM);
                    cv.viewModel().customPaddingProperty().set(Integer.parseInt(a.substring(4)));
                }
            }
        }
        if (view instanceof PoolingView pv) {
            for (String a : getParameters().getRaw()) {
                for (InputChoice c : InputChoice.values()) if (c.name().equals(a)) pv.viewModel().inputChoiceProperty().set(c);
                if (a.equals("avg")) pv.viewModel().kindProperty().set(org.convscope.trace.PoolTrace.Kind.AVERAGE);
                if (a.equals("same")) pv.viewModel().samePaddingProperty().set(true);
            }
        }
        javafx.scene.Parent content = (javafx.scene.Parent) view.createContent(ctx);
        content.setStyle("-fx-font-size: 15px"); // the shell sets the root font; this is its default zoom
        for (String a : getParameters().getRaw()) {
            if (a.startsWith("layer=") && view instanceof ConvolutionView cv) cv.viewModel().learnedLayerProperty().set(Integer.parseInt(a.substring(6)));
            if (a.startsWith("step=") && view instanceof ConvolutionView cv) cv.viewModel().seek(Integer.parseInt(a.substring(5)));
            if (a.startsWith("step=") && view instanceof PoolingView pv) pv.viewModel().seek(Integer.parseInt(a.substring(5)));
        }
        stage.setTitle("ConvScope");
        stage.setScene(new Scene(content, 1500, 950));
        stage.show();
    }
}
