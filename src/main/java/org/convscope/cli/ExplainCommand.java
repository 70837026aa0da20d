package org.convscope.cli;

import org.convscope.app.explain.OverlayPixels;
import org.convscope.engine.Layer;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import org.convscope.trace.explain.ExplanationMethod;
import org.convscope.trace.explain.GradCam;
import org.convscope.trace.explain.HeatMap;
import org.convscope.trace.explain.Occlusion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain the model's answer for each image: which pixels made it say what it said.",
                "Writes <name>-<method>.png (the heat map over the input, enlarged) and <name>-<method>.csv (the map at the",
                "input's size, one line per row) into --out, and prints <path>\\t<predicted>\\t<probability>\\t<explained class>."})
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE|NAME",
            description = "A model file (.convscope, Keras .h5 or .keras) or a pretrained model (mnist-cnn, fashion-cnn).")
    String model;

    @Mixin
    InputRangeOption inputRange;

    @Option(names = "--method", defaultValue = "saliency", paramLabel = "METHOD",
            description = "saliency (|∂score/∂pixel|), gradient-x-input, gradcam or occlusion (default ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--layer", paramLabel = "NAME", description = "Grad-CAM's layer, a Conv2D layer's name (default: the last one).")
    String layer;

    @Option(names = "--class", paramLabel = "K", description = "The class to explain, by number or name (default: the predicted one).")
    String explained;

    @Option(names = "--patch", defaultValue = "6", description = "Occlusion: the patch's side in pixels (default ${DEFAULT-VALUE}).")
    int patch;

    @Option(names = "--stride", defaultValue = "2", description = "Occlusion: pixels between places of the patch (default ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--opacity", defaultValue = "0.6", description = "How strongly the map covers the input in the PNG, 0-1 (default ${DEFAULT-VALUE}).")
    double opacity;

    @Option(names = "--scale", defaultValue = "10", description = "PNG pixels per input pixel (default ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write into (made if missing).")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "IMAGE|DIR", description = "The images to explain; a folder stands for every picture in it.")
    List<Path> images;

    @Override
    public Integer call() throws Exception {
        PrintWriter said = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        ExplanationMethod how = ExplanationMethod.fromCli(method);
        if (!(opacity >= 0 && opacity <= 1)) throw new IllegalArgumentException("--opacity must be in 0-1, got " + opacity);
        if (scale < 1 || scale > 64) throw new IllegalArgumentException("--scale must be 1-64, got " + scale);
        Occlusion.Options occlusion = new Occlusion.Options(patch, stride, Occlusion.Options.defaults().grey());
        Model m = ModelArg.open(model, 0, inputRange.range(), err);
        int camLayer = how == ExplanationMethod.GRAD_CAM ? camLayer(m) : -1;
        List<String> classes = m.classNames();
        Integer fixedClass = explained == null ? null : classIndex(classes);
        Files.createDirectories(out);
        int failures = ModelImages.forEach(images, m, err, (image, x) -> {
            Tensor p = m.predict(x); // (1, K)
            int predicted = Model.argmax(p.data, 0, p.size());
            int k = fixedClass == null ? predicted : fixedClass;
            HeatMap heat = how.explain(m, x, k, camLayer, occlusion, (done, total, partial) -> { }, () -> false);
            String stem = stem(image) + "-" + how.cliName;
            Files.writeString(out.resolve(stem + ".csv"), heat.toCsv());
            writePng(out.resolve(stem + ".png"), OverlayPixels.paint(x, heat, OverlayPixels.Range.of(heat), opacity, scale), x.dim(2) * scale, x.dim(1) * scale);
            said.printf(Locale.ROOT, "%s\t%s\t%.4f\t%s%n", image, ModelImages.label(classes, predicted), p.data[predicted], ModelImages.label(classes, k));
            said.flush();
        });
        return failures == 0 ? 0 : 1;
    }

    /** The --layer named, or the last Conv2D. */
    private int camLayer(Model m) {
        if (layer == null) return GradCam.defaultLayer(m);
        List<Layer> layers = m.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (!layers.get(i).name().equals(layer)) continue;
            if (layers.get(i).outputShape().rank() != 3) {
                throw new IllegalArgumentException("layer '" + layer + "' has no feature maps (output " + layers.get(i).outputShape() + "); Grad-CAM needs a Conv2D layer");
            }
            return i;
        }
        List<String> convs = GradCam.convLayers(m).stream().map(i -> layers.get(i).name()).toList();
        throw new IllegalArgumentException("no layer named '" + layer + "' (Conv2D layers: " + String.join(", ", convs) + ")");
    }

    /** --class as a number or one of the model's class names. */
    private int classIndex(List<String> classes) {
        int byName = classes.indexOf(explained);
        if (byName >= 0) return byName;
        try {
            int k = Integer.parseInt(explained);
            if (k >= 0 && k < classes.size()) return k;
        } catch (NumberFormatException e) {
            // not a number either: said below
        }
        throw new IllegalArgumentException("--class '" + explained + "' is not a class of the model (0-" + (classes.size() - 1) + " or " + String.join(", ", classes) + ")");
    }

    private static String stem(Path image) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static void writePng(Path file, int[] argb, int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, width, height, argb, 0, width);
        ImageIO.write(img, "png", file.toFile());
    }
}
