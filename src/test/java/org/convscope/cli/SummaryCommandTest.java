package org.convscope.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cli.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void summaryOfSeed001PrintsKerasRows() {
        assertEquals(0, run("summary", "--model", "seed-001"));
        String text = out.toString();
        String[][] rows = {
                {"(None, 26, 26, 32)", "320"}, {"(None, 13, 13, 32)", "0"}, {"(None, 11, 11, 64)", "18496"},
                {"(None, 6, 6, 64)", "0"}, {"(None, 2304)", "0"}, {"(None, 64)", "147520"}, {"(None, 10)", "650"}};
        for (String[] row : rows) {
            assertTrue(text.lines().anyMatch(l -> l.matches(".*" + java.util.regex.Pattern.quote(row[0]) + "\\s+" + row[1] + "\\s*")),
                    String.join(" ", row) + " in\n" + text);
        }
        assertTrue(text.lines().anyMatch("Total params: 166,986"::equals), text);
        assertEquals("", err.toString());
    }

    @Test
    void keras3LayoutIsTheBoxedTable() {
        assertEquals(0, run("summary", "--model", "seed-001", "--keras", "3"));
        String text = out.toString();
        assertTrue(text.contains("│ conv2d_1 (Conv2D)               │ (None, 11, 11, 64)     │        18,496 │\n"), text);
        assertTrue(text.endsWith(" Total params: 166,986 (652.29 KB)\n Trainable params: 166,986 (652.29 KB)\n Non-trainable params: 0 (0.00 B)\n"), text);
    }

    @Test
    void unknownKerasVersionFailsWithOneLine() {
        assertNotEquals(0, run("summary", "--model", "seed-001", "--keras", "4"));
        assertEquals("error: --keras must be 2 or 3, got '4'", err.toString().strip());
    }

    @Test
    void summaryOfAConfigFileWorksToo() {
        assertEquals(0, run("summary", "--model", "samples/models/lenet5.json"));
        assertTrue(out.toString().lines().anyMatch("Total params: 61,706"::equals), out.toString());
    }

    @Test
    void unknownModelFailsWithOneLine() {
        int code = run("summary", "--model", "seed-999");
        assertNotEquals(0, code);
        String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("error: ") && message.contains("'seed-999'"), message);
        assertTrue(message.contains("seed-001"), "lists the known models: " + message);
        assertEquals("", out.toString());
    }

    private static String fixture(String name) {
        return "src/test/resources/org/convscope/engine/keras/" + name;
    }

    @Test
    void summaryOfAKerasFileIsTheSameAsOfTheModelBuiltHere() {
        assertEquals(0, run("summary", "--model", fixture("seed_001.h5")));
        String keras = out.toString();
        out.getBuffer().setLength(0);
        assertEquals(0, run("summary", "--model", "seed-001"));
        // the fixture script names each model after its file; everything below the name line is the same
        assertTrue(keras.startsWith("Model: \"seed_001\"\n"), keras);
        assertEquals(out.toString().replace("Model: \"sequential\"", "Model: \"seed_001\""), keras);
        assertEquals("", err.toString(), "the summary needs no input range, so no note");
    }

    @Test
    void summaryAsKerasCodeWritesTheNotebookCell() {
        assertEquals(0, run("summary", "--model", "seed-001", "--as", "keras-code"));
        assertTrue(out.toString().contains("model.add(layers.Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1)))\n"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("summary", "--model", fixture("cnn.keras"), "--as", "keras-code"));
        assertTrue(out.toString().contains("model.compile(optimizer=optimizers.RMSprop(learning_rate=0.0005),"), "the file's optimizer: " + out);
    }

    @Test
    void unknownFormatAndBadKerasFileFailWithOneLine() {
        assertNotEquals(0, run("summary", "--model", "seed-001", "--as", "pytorch"));
        assertEquals("error: --as must be text or keras-code, got 'pytorch'", err.toString().strip());
        err.getBuffer().setLength(0);
        assertNotEquals(0, run("summary", "--model", fixture("conv2d_transpose.h5")));
        String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("error: conv2d_transpose.h5: layer conv2d (Conv2DTranspose): Conv2DTranspose is not supported"), message);
    }

    @Test
    void aKerasModelWithoutRescalingTakesTheInputRangeGivenOrSaysWhatItAssumed() {
        String image = "samples/images/digit-mnist-3.png";
        assertEquals(0, run("predict", "--model", fixture("dilated.keras"), image));
        assertTrue(err.toString().contains("note: dilated.keras does not say which pixel values it was trained on; assuming 0-1"), err.toString());
        String unit = out.toString();
        err.getBuffer().setLength(0);
        out.getBuffer().setLength(0);
        assertEquals(0, run("predict", "--model", fixture("dilated.keras"), "--input-range", "0-255", image));
        assertEquals("", err.toString());
        assertNotEquals(unit, out.toString(), "0–255 scales the input, so the probabilities change");
        assertNotEquals(0, run("predict", "--model", fixture("dilated.keras"), "--input-range", "0-100", image));
        assertTrue(err.toString().contains("input range must be 0-1 or 0-255, got '0-100'"), err.toString());
    }
}
