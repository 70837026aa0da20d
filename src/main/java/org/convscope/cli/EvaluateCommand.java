package org.convscope.cli;

import org.convscope.data.Dataset;
import org.convscope.engine.Loss;
import org.convscope.engine.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Measure a trained model's loss and accuracy on a dataset's test set.",
                "The last line is exactly: loss: <float> - accuracy: <float>"})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE|NAME",
            description = "A model file (.convscope, Keras .h5 or .keras) or a pretrained model (mnist-cnn, fashion-cnn).")
    String model;

    @Mixin
    InputRangeOption inputRange;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        Model m = ModelArg.open(model, 0, inputRange.range(), spec.commandLine().getErr());
        Dataset d = data.load(w, ProgressBar.isTerminal(), m.inputShape());
        ModelArg.requireFits(m, d);
        if (!m.classNames().equals(d.classNames())) {
            spec.commandLine().getErr().println("warning: the model's classes " + m.classNames() + " are not "
                    + d.name() + "'s " + d.classNames());
        }
        m.compile(null, Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        w.printf("Evaluating %s on the %s test set (%d images)%n", model, d.name(), d.testImages().batch());
        Model.Metrics r = m.evaluate(d.testImages(), d.testLabels(), 256);
        w.printf(Locale.ROOT, "loss: %.4f - accuracy: %.4f%n", r.loss(), r.accuracy());
        return 0;
    }
}
