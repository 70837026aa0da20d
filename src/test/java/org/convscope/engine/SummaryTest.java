package org.convscope.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTest {

    /** The rows Keras prints for the seed-001 model (output shape, params). */
    static final List<String[]> SEED_001_ROWS = List.of(
            new String[] {"conv2d (Conv2D)", "(None, 26, 26, 32)", "320"},                // 3·3·1·32 + 32
            new String[] {"max_pooling2d (MaxPooling2D)", "(None, 13, 13, 32)", "0"},
            new String[] {"conv2d_1 (Conv2D)", "(None, 11, 11, 64)", "18,496"},           // 3·3·32·64 + 64
            new String[] {"max_pooling2d_1 (MaxPooling2D)", "(None, 6, 6, 64)", "0"},     // same: ⌈11 / 2⌉
            new String[] {"flatten (Flatten)", "(None, 2304)", "0"},                      // 6·6·64
            new String[] {"dense (Dense)", "(None, 64)", "147,520"},                      // 2304·64 + 64
            new String[] {"dense_1 (Dense)", "(None, 10)", "650"});                       // 64·10 + 10

    /** The table tf.keras 2.10 prints for the preset, trailing spaces and wrapped names included. */
    private static String keras2Table(String name) throws IOException {
        return table("keras2-summary/" + name);
    }

    private static String table(String name) throws IOException {
        try (InputStream in = SummaryTest.class.getResourceAsStream(name + ".txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** seed-001 is the tutorial's own table; the others are laid out by Keras' rules from hand-counted rows. */
    @ParameterizedTest
    @ValueSource(strings = {"seed-000", "seed-001", "seed-002", "seed-004", "lenet5"})
    void summaryIsByteForByteWhatKeras2Prints(String preset) throws IOException {
        assertEquals(keras2Table(preset), Presets.create(preset).build(0).summary().toString());
    }

    /** Keras 3.12's own output for this model, as printed by {@code model.summary()}. */
    @Test
    void keras3PrintsItsBoxedTableByteForByte() throws IOException {
        Model m = new Model(Shape.of(28, 28, 1))
                .add(new Conv2D(32, 3, Activation.RELU))
                .add(new MaxPooling2D(2, Padding.VALID))
                .add(new Flatten())
                .add(new Dropout(0.5f))
                .add(new Dense(10, Activation.SOFTMAX));
        assertEquals(table("keras3-summary/conv-pool-dropout"), m.build(0).summary().keras3());
    }

    /** Laid out by Keras 3's rules: words wrap at spaces, a word longer than its column is cut with "…". */
    @Test
    void keras3PrintsAGraphWithAnInputRowAndConnections() throws IOException {
        assertEquals(table("keras3-summary/residual"), residual().keras3());
    }

    @Test
    void aGraphPrintsKerasFunctionalLayoutWithConnections() throws IOException {
        Summary s = residual();
        assertTrue(s.isGraph());
        assertEquals(keras2Table("residual"), s.toString());
    }

    /** A real graph model fills Connected to from its own connections: the same tables as the rows above. */
    @Test
    void aGraphModelPrintsItsConnectionsInBothKerasLayouts() throws IOException {
        Model m = new Model(Shape.of(8, 8, 4))
                .add(new Conv2D(4, 3, 3, 1, 1, Padding.SAME, 1, 1, Activation.RELU, true))
                .add(new Add(), null, "conv2d", "input_1")
                .add(new GlobalAveragePooling2D());
        Summary s = m.summary();
        assertEquals(List.of("conv2d", "input_1"), s.rows().get(1).connectedTo());
        assertEquals(keras2Table("residual"), s.toString());
        assertEquals(table("keras3-summary/residual"), s.keras3());
        assertEquals(148, s.totalParams());
    }

    @Test
    void everyLineOfAStackIs65CharactersWideAsInKeras2() {
        for (String preset : Presets.NAMES) {
            int width = Presets.SEQUENTIAL_NAMES.contains(preset) ? 65 : 98; // a graph gets Keras' Functional layout
            String text = Presets.create(preset).summary().toString();
            text.lines().skip(1).filter(l -> !l.startsWith("Total") && !l.contains("params:"))
                    .forEach(l -> assertEquals(width, l.length(), preset + ": '" + l + "'"));
        }
    }

    @Test
    void seed001SummaryRowsCarryShapesCountsAndFormulas() {
        Summary s = Presets.create("seed-001").summary(); // an unbuilt model can be summarised too
        assertEquals(SEED_001_ROWS.size(), s.rows().size());
        for (int i = 0; i < s.rows().size(); i++) {
            Summary.Row row = s.rows().get(i);
            assertEquals(SEED_001_ROWS.get(i)[0], row.layerLabel());
            assertEquals(SEED_001_ROWS.get(i)[1], row.outputShape().toKeras());
            assertEquals(SEED_001_ROWS.get(i)[2], String.format("%,d", row.params()));
        }
        assertEquals("3·3·32·64 + 64 = 18,496", s.rows().get(2).formula());
        assertEquals("2,304·64 + 64 = 147,520", s.rows().get(5).formula());
    }

    @ParameterizedTest(name = "{0}: {1} params")
    @CsvSource({
            // 3·3·1·32+32 + 3·3·32·64+64 + 2304·64+64 + 64·10+10
            "seed-001, 166986",
            // 28 →conv 28 (same) →pool 14 →conv 10 →pool 5; 5·5·1·6+6 + 5·5·6·16+16 + 400·120+120 + 120·84+84 + 84·10+10
            "lenet5, 61706",
            // 28 →26 →13 →11 →5 →3; 320 + 18,496 + 3·3·64·64+64 + 3·3·64·64+64 + 64·10+10
            "seed-002, 93322",
            // 32 →conv 32 (same) →30 →pool 15; 3·3·3·6+6 + 3·3·6·16+16 + 15·15·16·10+10 = 168 + 880 + 36,010
            "seed-004, 37058",
            // 100 →98 →49 →47 →23; 3·3·1·64+64 + 3·3·64·64+64 + 23·23·64·10+10 = 640 + 36,928 + 338,570
            "seed-000, 376138",
            // 28 →28 →28 →pool 14 →14 →14 →pool 7; 3·3·1·16+16 + 3·3·16·16+16 + 3·3·16·32+32 + 3·3·32·32+32
            // + 7·7·32·64+64 + 64·10+10 = 160 + 2,320 + 4,640 + 9,248 + 100,416 + 650
            "vgg-small, 117434",
            // stem 3·3·1·16+16 = 160; block 1 (on 14×14×16): 1×1: 16·8+8 = 136, 1×1 → 3×3: 136 + 3·3·8·16+16 = 1,304,
            // 1×1 → 5×5: 16·4+4 + 5·5·4·8+8 = 876, pool → 1×1: 136 (2,452); block 2 (on 7×7×40): 40·16+16 = 656,
            // 656 + 3·3·16·32+32 = 5,296, 40·8+8 + 5·5·8·16+16 = 3,544, 656 (10,152); Dense 80·10+10 = 810
            "inception-small, 13574",
    })
    void presetTotalsMatchHandCounts(String preset, long total) {
        Summary s = Presets.create(preset).summary();
        assertEquals(total, s.totalParams());
        assertEquals(total, s.trainableParams());
        assertTrue(s.toString().lines().anyMatch(String.format("Total params: %,d", total)::equals));
    }

    @Test
    void batchNormalizationCountsTwoChannelsWorthAsNonTrainable() {
        Model m = new Model(Shape.of(8, 8, 1))
                .add(new Conv2D(8, 3, Activation.LINEAR))   // 3·3·1·8 + 8 = 80
                .add(new BatchNormalization())               // 4·8 = 32, of which 2·8 = 16 moving statistics
                .add(new Flatten())
                .add(new Dense(2, Activation.SOFTMAX));      // 6·6·8·2 + 2 = 578
        Summary s = m.build(0).summary();
        assertEquals(80 + 32 + 578, s.totalParams());
        assertEquals(80 + 16 + 578, s.trainableParams());
        assertEquals(16, s.nonTrainableParams());
        assertTrue(s.toString().lines().anyMatch("Non-trainable params: 16"::equals));
        Summary.Row bn = s.rows().get(1);
        assertEquals("batch_normalization (BatchNormalization)", bn.layerLabel());
        assertEquals(32, bn.params());
    }

    @Test
    void frozenLayersCountAsNonTrainable() {
        Model m = Presets.create("seed-001").build(0);
        m.layers().get(0).setTrainable(false);
        assertEquals(166_986 - 320, m.summary().trainableParams());
    }

    /** A residual block as rows (the graph engine fills {@code connectedTo} the same way). */
    private static Summary residual() {
        List<Summary.Row> rows = List.of(
                new Summary.Row("conv2d", "Conv2D", Shape.of(8, 8, 4), 148, "", true, List.of("input_1")),
                new Summary.Row("add", "Add", Shape.of(8, 8, 4), 0, "", true, List.of("conv2d", "input_1")),
                new Summary.Row("global_average_pooling2d", "GlobalAveragePooling2D", Shape.of(4), 0, "", true, List.of("add")));
        return new Summary("model", Shape.of(8, 8, 4), rows, 148, 148);
    }
}
