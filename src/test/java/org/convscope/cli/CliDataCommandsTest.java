package org.convscope.cli;

import org.convscope.data.KnownDataset;
import org.convscope.data.TinyMnist;
import org.convscope.engine.Activation;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Dense;
import org.convscope.engine.Flatten;
import org.convscope.engine.MaxPooling2D;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Padding;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train → evaluate → predict on a tiny dataset in a temp dir, and the commands' error paths. */
class CliDataCommandsTest {
    @TempDir
    static Path tmp;
    static Path data, config;

    record Result(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void tinyDatasetAndModel() throws IOException {
        data = tmp.resolve("data");
        TinyMnist.write(data, 240, 45, true);
        config = tmp.resolve("tiny.json");
        ModelIO.writeConfig(new Model(Shape.of(28, 28, 1))
                .add(new Conv2D(4, 3, Activation.RELU))
                .add(new MaxPooling2D(2, Padding.VALID))
                .add(new Flatten())
                .add(new Dense(10, Activation.SOFTMAX)), config);
    }

    @Test
    void trainEvaluatePredictRoundTrip() throws IOException {
        Path model = tmp.resolve("tiny.convscope");
        Result train = run("train", "--model", config.toString(), "--data", "mnist", "--data-dir", data.toString(),
                "--epochs", "4", "--batch-size", "16", "--lr", "0.01", "--seed", "3", "--out", model.toString());
        assertEquals(0, train.code(), train.err());
        Pattern epoch = Pattern.compile("Epoch (\\d)/4 15/15 - \\d+s - loss: \\d+\\.\\d{4} - accuracy: \\d\\.\\d{4}"
                + " - val_loss: \\d+\\.\\d{4} - val_accuracy: \\d\\.\\d{4}");
        assertEquals(4, train.lines().stream().filter(l -> epoch.matcher(l).matches()).count(), train.out());

        Model saved = ModelIO.load(model);
        assertEquals("MNIST", saved.metadata().get("dataset"));
        assertEquals("tiny", saved.name(), "the model is named after its file");
        assertEquals("3", saved.metadata().get("seed"));
        assertTrue(saved.metadata().get("command").startsWith("convscope train --model " + config), saved.metadata().toString());
        assertEquals(KnownDataset.MNIST.classNames(), saved.classNames());

        Result eval = run("evaluate", "--model", model.toString(), "--data", "mnist", "--data-dir", data.toString());
        assertEquals(0, eval.code(), eval.err());
        List<String> lines = eval.lines();
        Matcher last = Pattern.compile("loss: (\\d+\\.\\d+) - accuracy: (\\d\\.\\d+)").matcher(lines.get(lines.size() - 1));
        assertTrue(last.matches(), eval.out());
        assertEquals(saved.metadata().get("test_accuracy"), last.group(2), "evaluate agrees with the accuracy recorded by train");
        assertTrue(Double.parseDouble(last.group(2)) > 0.9, "the three shapes are learnt: " + last.group(2));

        Path[] pictures = new Path[3];
        for (int cls = 0; cls < 3; cls++) {
            pictures[cls] = tmp.resolve("shape" + cls + ".png");
            ImageIO.write(TinyMnist.picture(cls, 9_000 + cls), "png", pictures[cls].toFile());
        }
        Result predict = run("predict", "--model", model.toString(), pictures[0].toString(), pictures[1].toString(),
                pictures[2].toString());
        assertEquals(0, predict.code(), predict.err());
        for (int cls = 0; cls < 3; cls++) {
            String[] cols = predict.lines().get(cls).split("\t");
            assertEquals(pictures[cls].toString(), cols[0]);
            assertEquals(Integer.toString(cls), cols[1], predict.out());
            double p = Double.parseDouble(cols[2]);
            assertTrue(p > 0.1 && p <= 1, cols[2]);
        }
    }

    @Test
    void modelTrainedOnFashionPredictsClassNames() throws IOException {
        Path model = tmp.resolve("fashion.convscope");
        Result train = run("train", "--model", config.toString(), "--data", "fashion", "--data-dir", data.toString(),
                "--epochs", "1", "--batch-size", "32", "--out", model.toString());
        assertEquals(0, train.code(), train.err());
        assertEquals(KnownDataset.FASHION_MNIST.classNames(), ModelIO.load(model).classNames());
        Path picture = tmp.resolve("item.png");
        ImageIO.write(TinyMnist.picture(1, 5), "png", picture.toFile());
        Result predict = run("predict", "--model", model.toString(), picture.toString());
        String label = predict.out().split("\t")[1];
        assertTrue(KnownDataset.FASHION_MNIST.classNames().contains(label), predict.out());
    }

    @Test
    void missingModelFileIsOneClearLine() {
        Result r = run("evaluate", "--model", tmp.resolve("nope.convscope").toString(), "--data", "mnist", "--data-dir", data.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: no model preset, pretrained model or file named '"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void badModelFileIsOneClearLine() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.convscope"), "not a zip");
        Result r = run("predict", "--model", bad.toString(), "x.png");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: " + bad), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void unknownDatasetIsOneClearLine() {
        Result r = run("train", "--model", config.toString(), "--data", "cifar", "--out", tmp.resolve("x.convscope").toString());
        assertEquals(1, r.code());
        assertEquals("error: 'cifar' is neither a known dataset (bundled, mnist, fashion, cifar10) nor a folder of pictures", r.err().strip());
    }

    @Test
    void modelThatDoesNotFitTheDataIsRefusedWithBothShapes() {
        Result r = run("evaluate", "--model", "seed-000", "--data", "mnist", "--data-dir", data.toString());
        assertEquals(1, r.code());
        assertEquals("error: the model takes inputs of shape (None, 100, 100, 1) but MNIST images are (None, 28, 28, 1)",
                r.err().strip());
    }

    @Test
    void trainWithAScheduleAndEarlyStoppingWritesTheRatePerEpoch() throws IOException {
        Path model = tmp.resolve("scheduled.convscope"), history = tmp.resolve("history.csv");
        Result r = run("train", "--model", config.toString(), "--data", "mnist", "--data-dir", data.toString(),
                "--epochs", "5", "--batch-size", "16", "--lr", "0.01", "--seed", "3", "--lr-schedule", "step:2:0.5",
                "--early-stopping", "2", "--history", history.toString(), "--out", model.toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(history);
        assertEquals("epoch,accuracy,loss,lr,val_accuracy,val_loss", rows.get(0));
        String[] rates = {"0.01", "0.01", "0.005", "0.005", "0.0025"}; // 0.01 · 0.5^⌊e/2⌋
        for (int e = 1; e < rows.size(); e++) assertEquals(rates[e - 1], rows.get(e).split(",")[3], rows.get(e));
        assertTrue(r.out().contains(" - lr: 0.0050" + System.lineSeparator()), r.out());
        assertEquals("1.0000e-03 0.0100", TrainCommand.EpochPrinter.kerasNumber(0.001) + " " + TrainCommand.EpochPrinter.kerasNumber(0.01));
        Model saved = ModelIO.load(model);
        assertEquals("step:2:0.5", saved.metadata().get("lr_schedule"));
        assertEquals(Integer.toString(rows.size() - 1), saved.metadata().get("epochs_trained"));
    }

    @Test
    void aScheduleThatDoesNotReadIsRefusedWithTheForms() {
        Result r = run("train", "--model", config.toString(), "--data", "mnist", "--data-dir", data.toString(),
                "--lr-schedule", "step:0.5", "--out", tmp.resolve("x.convscope").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: 'step:0.5' is not a learning-rate schedule; the forms are: constant, step:EVERY:FACTOR"), r.err());
    }

    @Test
    void divergingTrainingSaysSoAndSavesNothing() {
        Path out = tmp.resolve("diverged.convscope");
        Result r = run("train", "--model", config.toString(), "--data", "mnist", "--data-dir", data.toString(),
                "--optimizer", "sgd", "--lr", "1e30", "--epochs", "1", "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: training diverged ("), r.err());
        assertTrue(r.err().strip().endsWith("try a learning rate smaller than 1.0E30 (--lr)"), r.err());
        assertTrue(Files.notExists(out));
    }

    @Test
    void unknownOptimizerIsRefused() {
        Result r = run("train", "--model", config.toString(), "--data", "mnist", "--data-dir", data.toString(),
                "--optimizer", "adagrad", "--out", tmp.resolve("x.convscope").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: unknown optimizer 'adagrad'"), r.err());
    }

    @Test
    void corruptImageGetsAnErrorLineWhileTheOthersArePredicted() throws IOException {
        Path model = tmp.resolve("untrained.convscope");
        Model m = ModelIO.readConfig(config, 1);
        ModelIO.save(m, model);
        Path good = tmp.resolve("good.png"), corrupt = Files.writeString(tmp.resolve("corrupt.png"), "garbage");
        ImageIO.write(TinyMnist.picture(0, 1), "png", good.toFile());
        Result r = run("predict", "--model", model.toString(), corrupt.toString(), good.toString());
        assertEquals(1, r.code());
        assertEquals("error: " + corrupt + ": not an image (PNG, JPEG, BMP or GIF expected)", r.err().strip());
        assertTrue(r.out().startsWith(good + "\t"), r.out());
    }

    @Test
    void datasetsCommandShowsWhereDataIsAndCatchesFilesThatAreNotTheOriginals() {
        Result r = run("datasets", "--data-dir", data.toString(), "--verify");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.lines().contains("mnist    MNIST: " + data), r.out());
        assertTrue(r.out().contains("MISMATCH train-images-idx3-ubyte.gz (SHA-256 "), r.out());
        assertTrue(r.lines().get(0).startsWith("bundled  MNIST subset (bundled): 6000 training + 1000 test images"), r.out());
    }

    @Test
    void everyDataCommandHasHelp() {
        for (String command : new String[] {"train", "evaluate", "predict", "make-subset", "datasets"}) {
            Result r = run(command, "--help");
            assertEquals(0, r.code(), command);
            assertTrue(r.out().startsWith("Usage: convscope " + command), r.out());
        }
    }
}
