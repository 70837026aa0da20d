package org.convscope.cli;

import org.convscope.engine.Activation;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Dense;
import org.convscope.engine.Flatten;
import org.convscope.engine.MaxPooling2D;
import org.convscope.engine.Model;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Padding;
import org.convscope.engine.Rng;
import org.convscope.engine.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.convscope.cli.CliDataCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train, evaluate, predict and datasets --verify on a folder of pictures the test makes. */
class ImageFolderCliTest {
    @TempDir
    static Path tmp;
    static Path folder, config;

    /**
     * Stripes in random colours on a random background, horizontal or vertical, in sizes from 16×16 to
     * 40×24: the class is the orientation, never the colour or the size.
     */
    @BeforeAll
    static void stripesFolder() throws IOException {
        folder = tmp.resolve("stripes");
        Rng rng = new Rng(5);
        for (String cls : List.of("horizontal", "vertical")) {
            Files.createDirectories(folder.resolve(cls));
            for (int i = 0; i < 60; i++) {
                int w = 16 + rng.nextInt(25), h = 16 + rng.nextInt(9), period = 3 + rng.nextInt(3);
                int ink = rng.nextInt(1 << 24), paper = rng.nextInt(1 << 24) ^ 0x808080;
                BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int along = cls.equals("horizontal") ? y : x;
                        img.setRGB(x, y, along % period < period / 2 + 1 ? ink : paper);
                    }
                }
                ImageIO.write(img, i % 3 == 0 ? "bmp" : "png", folder.resolve(cls).resolve(i + (i % 3 == 0 ? ".bmp" : ".png")).toFile());
            }
        }
        Files.writeString(folder.resolve("vertical/readme.txt"), "not a picture");
        config = tmp.resolve("stripes.json");
        ModelIO.writeConfig(new Model(Shape.of(12, 12, 3))
                .add(new Conv2D(8, 3, Activation.RELU))
                .add(new MaxPooling2D(2, Padding.VALID))
                .add(new Flatten())
                .add(new Dense(2, Activation.SOFTMAX)), config);
    }

    @Test
    void aSeededRunOnAPictureFolderLearnsAndIsEvaluatedOnTheSameSplit() throws IOException {
        Path model = tmp.resolve("stripes.convscope");
        var train = run("train", "--model", config.toString(), "--data", folder.toString(), "--epochs", "12",
                "--batch-size", "8", "--lr", "0.01", "--seed", "2", "--out", model.toString());
        assertEquals(0, train.code(), train.err() + train.out());
        assertTrue(train.out().contains("centre-cropped to the model's aspect ratio, then resized to 12×12, colour (R, G, B)"), train.out());
        assertTrue(train.out().contains("Skipped 1 file") && train.out().contains("readme.txt: not an image"), train.out());
        assertTrue(train.out().contains("96 training images, 24 test images"), train.out());
        Matcher m = Pattern.compile("val_accuracy: (\\d\\.\\d{4})").matcher(train.out());
        double first = -1, last = -1;
        while (m.find()) {
            last = Double.parseDouble(m.group(1));
            if (first < 0) first = last;
        }
        assertTrue(last > first && last >= 0.85, "accuracy rises from " + first + " to " + last + ":\n" + train.out());
        assertEquals(List.of("horizontal", "vertical"), ModelIO.load(model).classNames());

        var eval = run("evaluate", "--model", model.toString(), "--data", folder.toString());
        assertEquals(0, eval.code(), eval.err());
        String lastLine = eval.lines().get(eval.lines().size() - 1);
        assertTrue(lastLine.endsWith(String.format(java.util.Locale.ROOT, "accuracy: %.4f", last)),
                "the default split seed gives evaluate the test set train held out: " + lastLine);

        var predict = run("predict", "--model", model.toString(), folder.resolve("horizontal").toString());
        assertEquals(0, predict.code(), predict.err());
        long right = predict.lines().stream().filter(l -> l.split("\t")[1].equals("horizontal")).count();
        assertEquals(60, predict.lines().size());
        assertTrue(right >= 50, right + " of 60 horizontal pictures are called horizontal");
    }

    @Test
    void aPresetGetsAnOutputLayerForTheFoldersClassesAndThePictureStyle() throws IOException {
        Path model = tmp.resolve("seed004.convscope");
        var train = run("train", "--model", "seed-004", "--data", folder.toString(), "--epochs", "1", "--batch-size", "32",
                "--out", model.toString());
        assertEquals(0, train.code(), train.err() + train.out());
        assertTrue(train.out().contains("note: seed-004 ends in Dense(10); built with Dense(2) for the 2 classes of the data"), train.out());
        Model saved = ModelIO.load(model);
        assertEquals(Shape.of(2), saved.outputShape());
        assertEquals("picture", saved.preprocessing(), "the Draw view feeds it whole pictures, as it was trained");
        Path three = tmp.resolve("three.json");
        ModelIO.writeConfig(new Model(Shape.of(12, 12, 3)).add(new Flatten()).add(new Dense(3, Activation.SOFTMAX)), three);
        var fixed = run("train", "--model", three.toString(), "--data", folder.toString(), "--epochs", "1", "--out", tmp.resolve("y.convscope").toString());
        assertEquals(1, fixed.code(), "a model from a file is never changed behind one's back");
        assertTrue(fixed.err().contains("the model has outputs of shape (None, 3) but stripes has 2 classes"), fixed.err());
    }

    @Test
    void verifyListsClassesSizesAndEverySkippedFile() {
        var r = run("datasets", "--verify", folder.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith(folder + ": 2 classes, 120 pictures (20 % of each class kept for testing, seeded)"), r.out());
        assertTrue(r.out().contains("  horizontal               60"), r.out());
        assertTrue(r.out().contains("Sizes found"), r.out());
        assertTrue(r.out().contains("Skipped 1 file:\n  " + folder.resolve("vertical/readme.txt") + ": not an image"), r.out());
    }

    @Test
    void aFolderWithOneClassIsRefusedPlainly() throws IOException {
        Path one = tmp.resolve("one");
        Files.createDirectories(one.resolve("cats"));
        Files.copy(folder.resolve("horizontal/1.png"), one.resolve("cats/1.png"));
        var verify = run("datasets", "--verify", one.toString());
        assertEquals(1, verify.code());
        assertTrue(verify.out().contains("problem: " + one + " has only one class folder ('cats')"), verify.out());
        var train = run("train", "--model", config.toString(), "--data", one.toString(), "--out", tmp.resolve("x.convscope").toString());
        assertEquals(1, train.code());
        assertTrue(train.err().contains("has only one class folder ('cats'); a classifier needs at least two"), train.err());
        assertTrue(!train.err().contains("Exception"), "no stack trace: " + train.err());
    }
}
