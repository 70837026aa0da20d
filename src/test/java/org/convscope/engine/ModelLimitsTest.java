package org.convscope.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelLimitsTest {
    @Test
    void aConfigAskingForAGigaFilterConvIsRefusedBeforeAnythingIsAllocated() throws IOException {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/fuzz/model-config/finding-huge-conv-bias.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIO.readConfig(json, "big.json", 1));
        assertTrue(e.getMessage().startsWith("big.json: layer conv2d outputs 98×98×1000000000, more than"), e.getMessage());
    }

    @Test
    void countsWeightsAsKerasDoes() {
        // 3·3·1·32 + 32 = 320 and 5408·10 + 10 = 54,090, the seed models' first conv and a dense head
        assertTrue(ModelLimits.weightCount(new Conv2D(32, 3, Activation.RELU), Shape.of(28, 28, 1)) == 320);
        assertTrue(ModelLimits.weightCount(new Dense(10, Activation.SOFTMAX, true), Shape.of(5408)) == 54_090);
    }

    @Test
    void boundsTheWeightCountAndTheInput() {
        IllegalArgumentException weights = assertThrows(IllegalArgumentException.class,
                () -> ModelLimits.check(new Model(Shape.of(100_000)).add(new Dense(1000, Activation.RELU, true))));
        assertTrue(weights.getMessage().contains("100001000 weights"), weights.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelLimits.check(new Model(Shape.of(5000, 5000, 1))));
        assertDoesNotThrow(() -> ModelLimits.check(Presets.create("seed-001")));
    }
}
