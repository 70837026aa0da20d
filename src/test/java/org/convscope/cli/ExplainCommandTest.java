package org.convscope.cli;

import org.convscope.data.ImageFiles;
import org.convscope.data.Preprocessing;
import org.convscope.data.Pretrained;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import org.convscope.trace.explain.GradCam;
import org.convscope.trace.explain.Saliency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplainCommandTest {
    @TempDir
    Path dir;

    private static final Path SEVEN = Path.of("samples", "images", "digit-mnist-7.png");
    private static final Path ONE = Path.of("samples", "images", "digit-mnist-1.png");

    private String run(int expectedCode, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(expectedCode, code, out + err.toString());
        return out + err.toString();
    }

    private static float[][] readCsv(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        float[][] rows = new float[lines.size()][];
        for (int r = 0; r < rows.length; r++) {
            String[] cells = lines.get(r).split(",");
            rows[r] = new float[cells.length];
            for (int q = 0; q < cells.length; q++) rows[r][q] = Float.parseFloat(cells[q]);
        }
        return rows;
    }

    @Test
    void saliencyWritesTheMapAsCsvAndAnOverlayAndPrintsThePrediction() throws Exception {
        String said = run(0, "explain", "--model", "mnist-cnn", "--method", "saliency", "--out", dir.toString(), SEVEN.toString(), ONE.toString());
        String[] lines = said.split(System.lineSeparator());
        assertEquals(2, lines.length, said);
        assertTrue(lines[0].matches(java.util.regex.Pattern.quote(SEVEN.toString()) + "\t7\t1\\.0000\t7"), lines[0]);
        assertTrue(lines[1].startsWith(ONE + "\t1\t"), lines[1]);

        float[][] csv = readCsv(dir.resolve("digit-mnist-7-saliency.csv"));
        assertEquals(28, csv.length);
        assertEquals(28, csv[0].length);
        Model m = Pretrained.load("mnist-cnn");
        Tensor x = Preprocessing.forModel(ImageFiles.read(SEVEN), m);
        var expected = Saliency.gradient(m, x, 7);
        for (int r = 0; r < 28; r++) for (int q = 0; q < 28; q++) assertEquals(expected.get(r, q), csv[r][q], 1e-6 + 1e-5 * expected.get(r, q));
        BufferedImage png = ImageIO.read(dir.resolve("digit-mnist-7-saliency.png").toFile());
        assertEquals(280, png.getWidth());
        assertEquals(280, png.getHeight());
    }

    @Test
    void gradCamOfANamedLayerAndAChosenClass() throws Exception {
        String said = run(0, "explain", "--model", "mnist-cnn", "--method", "gradcam", "--layer", "conv2d", "--class", "3",
                "--scale", "4", "--out", dir.toString(), SEVEN.toString());
        assertTrue(said.endsWith("\t3" + System.lineSeparator()), said);
        Model m = Pretrained.load("mnist-cnn");
        Tensor x = Preprocessing.forModel(ImageFiles.read(SEVEN), m);
        float[][] csv = readCsv(dir.resolve("digit-mnist-7-gradcam.csv"));
        var expected = GradCam.of(m, x, 3, 0).map();
        for (int r = 0; r < 28; r++) for (int q = 0; q < 28; q++) assertEquals(expected.get(r, q), csv[r][q], 1e-6 + 1e-5 * expected.get(r, q));
        assertEquals(112, ImageIO.read(dir.resolve("digit-mnist-7-gradcam.png").toFile()).getWidth());
    }

    @Test
    void occlusionWritesAMapWhereThePatchCoveredTheDigit() throws Exception {
        // MNIST's first test 3, which the model takes for an 8 (p ≈ 0.51): not saturated, so patches move it
        Path three = Path.of("samples", "images", "digit-mnist-3.png");
        String said = run(0, "explain", "--model", "mnist-cnn", "--method", "occlusion", "--patch", "4", "--stride", "4", "--out", dir.toString(), three.toString());
        assertTrue(said.startsWith(three + "\t8\t0.5"), said);
        float[][] csv = readCsv(dir.resolve("digit-mnist-3-occlusion.csv"));
        assertEquals(28, csv.length);
        float max = 0;
        for (float[] row : csv) for (float v : row) max = Math.max(max, v);
        assertTrue(max > 0.1, "some patch lowers p(8): " + max);
    }

    @Test
    void badInputGivesClearMessages() throws Exception {
        String out = dir.toString();
        assertEquals("error: unknown method 'lime' (known: saliency, gradient-x-input, gradcam, occlusion)" + System.lineSeparator(),
                run(1, "explain", "--model", "mnist-cnn", "--method", "lime", "--out", out, SEVEN.toString()));
        assertEquals("error: no layer named 'conv9' (Conv2D layers: conv2d, conv2d_1)" + System.lineSeparator(),
                run(1, "explain", "--model", "mnist-cnn", "--method", "gradcam", "--layer", "conv9", "--out", out, SEVEN.toString()));
        assertTrue(run(1, "explain", "--model", "mnist-cnn", "--method", "gradcam", "--layer", "flatten", "--out", out, SEVEN.toString())
                .startsWith("error: layer 'flatten' has no feature maps"));
        assertTrue(run(1, "explain", "--model", "mnist-cnn", "--class", "12", "--out", out, SEVEN.toString())
                .startsWith("error: --class '12' is not a class of the model (0-9"));
        Path broken = dir.resolve("broken.png");
        Files.writeString(broken, "not a picture");
        String said = run(1, "explain", "--model", "mnist-cnn", "--out", out, broken.toString(), SEVEN.toString());
        assertTrue(said.contains("error: ") && said.contains("broken.png"), said);
        assertTrue(said.contains(SEVEN + "\t7\t"), "the other image is still explained: " + said);
        assertTrue(run(1, "explain", "--model", "mnist-cnn", "--method", "occlusion", "--patch", "40", "--out", out, SEVEN.toString())
                .startsWith("error: a 40-pixel patch does not fit in 28 pixels"));
    }
}
