package org.convscope.app.maps;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.engine.Adam;
import org.convscope.engine.FitOptions;
import org.convscope.engine.Loss;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Presets;
import org.convscope.engine.Sequential;
import org.convscope.engine.Tensor;
import org.convscope.engine.TrainingListener;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Temporary launcher for screenshots: the maps view alone in a window titled "ConvScope". */
public final class MapsDemo extends Application {
    private static final Path MNIST = Path.of(System.getProperty("user.home"), ".convscope/datasets/mnist");

    @Override
    public void start(Stage stage) throws Exception {
        var args = getParameters().getRaw();
        AppContext ctx = new AppContext();
        String preset = System.getProperty("preset", "seed-001");
        ctx.modelProperty().set(model(preset));
        if (preset.equals("seed-001") || preset.equals("lenet5") || preset.equals("seed-002")) {
            ctx.inputProperty().set(images("t10k-images-idx3-ubyte", Integer.getInteger("digit", 0), 1));
        }
        MapsView view = new MapsView();
        var root = (javafx.scene.Parent) view.createContent(ctx);
        org.convscope.app.common.Theme.apply(root, args.contains("--dark"), false, 1);
        stage.setTitle("ConvScope");
        stage.setScene(new Scene(root, 1600, 1000));
        stage.show();
        javafx.application.Platform.runLater(() -> javafx.application.Platform.runLater(() -> {
            if (args.contains("--detail")) view.viewModel().openDetail(3, 5);
            if (args.contains("--detail1")) view.viewModel().openDetail(1, 7);
            if (args.contains("--gallery")) view.viewModel().openGallery(3);
            if (args.contains("--per-layer")) view.viewModel().normalisationProperty().set(Normalisation.PER_LAYER);
        }));
    }

    private static Sequential model(String preset) throws IOException {
        Path cache = Path.of("/tmp/maps-demo-" + preset + ".convscope");
        if (Files.exists(cache)) return ModelIO.load(cache);
        Sequential m = Presets.create(preset).build(1);
        if (!preset.equals("seed-001")) return m;
        m.compile(new Adam(1e-3f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        int n = 6000;
        Tensor x = images("train-images-idx3-ubyte", 0, n);
        Tensor y = labels("train-labels-idx1-ubyte", n);
        m.fit(x, y, FitOptions.of(1, 64, 1), new TrainingListener() {
        });
        ModelIO.save(m, cache);
        return m;
    }

    static Tensor images(String file, int from, int count) throws IOException {
        try (var in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(MNIST.resolve(file))))) {
            in.readInt();
            in.readInt();
            int h = in.readInt(), w = in.readInt();
            in.skipNBytes((long) from * h * w);
            Tensor t = Tensor.zeros(count, h, w, 1);
            for (int i = 0; i < t.size(); i++) t.data[i] = in.readUnsignedByte() / 255f;
            return t;
        }
    }

    static Tensor labels(String file, int count) throws IOException {
        try (var in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(MNIST.resolve(file))))) {
            in.readInt();
            in.readInt();
            Tensor t = Tensor.zeros(count);
            for (int i = 0; i < count; i++) t.data[i] = in.readUnsignedByte();
            return t;
        }
    }

    /** Not in the Application subclass, so JavaFX starts from a plain classpath. */
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(MapsDemo.class, args);
        }
    }
}
