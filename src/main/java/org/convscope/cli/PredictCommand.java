package org.convscope.cli;

import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Classify image files (PNG, JPEG, BMP, GIF) after the same preprocessing the app uses",
                "(MNIST-style centring for digit models). Prints one line per image: <path>\\t<label>\\t<probability>.",
                "An image that cannot be read gets an error line; the exit code is then 1."})
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE|NAME",
            description = "A model file (.convscope, Keras .h5 or .keras) or a pretrained model (mnist-cnn, fashion-cnn).")
    String model;

    @Mixin
    InputRangeOption inputRange;

    @Parameters(arity = "1..*", paramLabel = "IMAGE|DIR", description = "The images to classify; a folder stands for every file in it and its sub-folders.")
    List<Path> images;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Model m = ModelArg.open(model, 0, inputRange.range(), err);
        List<String> classes = m.classNames();
        int failures = ModelImages.forEach(images, m, err, (image, x) -> {
            Tensor p = m.predict(x); // (1, K)
            int k = Model.argmax(p.data, 0, p.size());
            out.printf(Locale.ROOT, "%s\t%s\t%.4f%n", image, ModelImages.label(classes, k), p.data[k]);
            out.flush();
        });
        return failures == 0 ? 0 : 1;
    }
}
