package org.convscope.data;

import org.convscope.engine.ModelFormatException;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Presets;
import org.convscope.engine.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PretrainedTest {
    @TempDir
    Path tmp;

    @Test
    void loadsANamedModelFromTheAssetsFolder() throws IOException {
        Model m = Presets.create("seed-001").build(5);
        m.metadata().put("dataset", "MNIST");
        ModelIO.save(m, tmp.resolve("models/mnist-cnn.convscope"));
        Assets assets = new Assets(tmp);
        assertTrue(Pretrained.isInstalled("mnist-cnn", assets));
        Model back = Pretrained.load("mnist-cnn", assets);
        assertEquals("MNIST", back.metadata().get("dataset"));
        assertArrayEquals(m.params().get(0).value.data, back.params().get(0).value.data);
    }

    @Test
    void missingModelSaysWhereItLooked() throws IOException {
        Assets assets = Assets.folderOnly(tmp);
        assertFalse(Pretrained.isInstalled("fashion-cnn", assets));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Pretrained.load("fashion-cnn", assets));
        assertEquals("the pretrained model fashion-cnn is not installed (looked in " + tmp.resolve("models/fashion-cnn.convscope")
                + ")", e.getMessage());
    }

    @Test
    void theShippedModelsAreFoundInTheJarWhenTheFolderLacksThem() throws IOException {
        Assets assets = new Assets(tmp);
        for (String name : Pretrained.NAMES) {
            assertTrue(Pretrained.isInstalled(name, assets), name);
            assertEquals(java.util.List.of(28, 28, 1), java.util.Arrays.stream(Pretrained.load(name, assets).inputShape().dims()).boxed().toList());
        }
    }

    @Test
    void corruptModelFileIsReportedWithItsPath() throws IOException {
        Files.createDirectories(tmp.resolve("models"));
        Files.writeString(tmp.resolve("models/mnist-cnn.convscope"), "junk");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Pretrained.load("mnist-cnn", new Assets(tmp)));
        assertTrue(e.getMessage().startsWith(tmp.resolve("models/mnist-cnn.convscope").toString()), e.getMessage());
    }

    @Test
    void aPreloadedModelIsTheShippedOneAndIsHandedOutOnce() throws IOException {
        Pretrained.preload(Pretrained.FASHION_CNN);
        Model first = Pretrained.load(Pretrained.FASHION_CNN);
        Model fresh = Pretrained.load(Pretrained.FASHION_CNN, Assets.DEFAULT);
        assertEquals(fresh.name(), first.name());
        assertArrayEquals(fresh.params().get(0).value.data, first.params().get(0).value.data);
        // a caller may change the model it got (freeze layers, train it): the next load is a copy of its own
        Model second = Pretrained.load(Pretrained.FASHION_CNN);
        assertNotSame(first, second);
        assertNotSame(first.params().get(0).value.data, second.params().get(0).value.data);
    }

    @Test
    void unknownNameIsRefused() {
        assertThrows(ModelFormatException.class, () -> Pretrained.load("cifar-cnn", new Assets(tmp)));
    }

    @Test
    void theShippedResnetIsTheResnetSmallGraphTrainedOnMnistAsItsRecordSays() throws IOException {
        Model m = Pretrained.load(Pretrained.RESNET_SMALL_MNIST, new Assets(tmp));
        Model preset = Presets.create("resnet-small");
        assertFalse(m.isSequential());
        assertEquals(preset.layers().stream().map(l -> l.config().asMap()).toList(), m.layers().stream().map(l -> l.config().asMap()).toList());
        for (var layer : preset.layers()) assertEquals(preset.inputsOf(layer.name()), m.inputsOf(layer.name()), layer.name());
        assertEquals("MNIST", m.metadata().get("dataset"));
        assertEquals("1", m.metadata().get("seed"));
        assertTrue(Double.parseDouble(m.metadata().get("test_accuracy")) >= 0.992, m.metadata().toString());
        // the bundled test images are MNIST's own: the shipped weights read them, not just the record
        Dataset bundled = Datasets.bundled(Assets.DEFAULT);
        double accuracy = Model.accuracy(m.predict(bundled.testImages()), bundled.testLabels());
        assertTrue(accuracy >= 0.98, "bundled test accuracy " + accuracy);
    }
}
