package org.convscope.cli;

import org.convscope.engine.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.convscope.cli.CliDataCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code transfer --data DIR}: the bundled MNIST model's layers reused on a folder of pictures the test makes. */
class TransferFolderCliTest {
    @TempDir
    static Path tmp;
    static Path folder;

    /** Three classes of 30 colour pictures, 20×20 to 44×32: horizontal stripes, vertical stripes, a filled square. */
    @BeforeAll
    static void shapesFolder() throws IOException {
        folder = tmp.resolve("shapes");
        Rng rng = new Rng(3);
        for (String cls : List.of("horizontal", "square", "vertical")) {
            Files.createDirectories(folder.resolve(cls));
            for (int i = 0; i < 30; i++) {
                int w = 20 + rng.nextInt(25), h = 20 + rng.nextInt(13), period = 4 + rng.nextInt(3);
                int ink = 0x202020 + rng.nextInt(0x404040), paper = 0xc0c0c0 + rng.nextInt(0x3f3f3f);
                BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        boolean on = switch (cls) {
                            case "horizontal" -> y % period < period / 2;
                            case "vertical" -> x % period < period / 2;
                            default -> Math.abs(x - w / 2) < h / 4 && Math.abs(y - h / 2) < h / 4;
                        };
                        img.setRGB(x, y, on ? ink : paper);
                    }
                }
                ImageIO.write(img, "png", folder.resolve(cls).resolve(i + ".png").toFile());
            }
        }
        Files.writeString(folder.resolve("square/notes.txt"), "not a picture");
    }

    @Test
    void comparesTheThreeWaysOnTheFoldersTrainingPicturesAndItsHeldOutSplit() {
        var r = run("transfer", "--data", folder.toString(), "--epochs", "2", "--seeds", "4");
        assertEquals(0, r.code(), r.err() + r.out());
        // 20 % of each class held out, seeded: 24 of each 30 train, 6 test
        assertTrue(r.out().startsWith("Seed 4: 72 training images, 18 test images of shapes; base = first "), r.out());
        List<String> epochs = r.lines().stream().filter(l -> l.matches("[12]\\s+\\d+\\.\\d% +\\d+\\.\\d% +\\d+\\.\\d%")).toList();
        assertEquals(2, epochs.size(), r.out());
        assertTrue(r.out().contains("Test accuracy after 2 epochs (72 images):"), r.out());
        assertTrue(r.lines().stream().anyMatch(l -> l.matches(
                "seed 4 +from scratch \\d+\\.\\d% +feature extraction \\d+\\.\\d% +fine-tuning \\d+\\.\\d%")), r.out());
    }

    @Test
    void aFolderWithOneClassIsRefusedInOneLine() throws IOException {
        Path one = tmp.resolve("one");
        Files.createDirectories(one.resolve("cats"));
        Files.copy(folder.resolve("square/1.png"), one.resolve("cats/1.png"));
        var r = run("transfer", "--data", one.toString(), "--epochs", "1");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("has only one class folder ('cats')"), r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace: " + r.err());
    }
}
