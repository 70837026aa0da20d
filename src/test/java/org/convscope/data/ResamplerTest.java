package org.convscope.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class ResamplerTest {

    @Test
    void halvingAveragesEachTwoByTwoBlock() {
        float[] src = {
                1, 3, 0, 0,
                5, 7, 0, 4,
        };
        assertArrayEquals(new float[] {4, 1}, Resampler.resize(src, 4, 2, 1, 2, 1), 1e-6f);
    }

    @Test
    void shrinkingByANonIntegerFactorWeighsPixelsByCoveredArea() {
        // 3 → 2: output 0 covers input [0, 1.5): pixel 0 fully, pixel 1 half.
        float[] out = Resampler.resize(new float[] {3, 6, 9}, 3, 1, 1, 2, 1);
        assertArrayEquals(new float[] {(3 + 0.5f * 6) / 1.5f, (0.5f * 6 + 9) / 1.5f}, out, 1e-5f);
    }

    @Test
    void enlargingInterpolatesLinearlyBetweenPixelCentres() {
        // 2 → 4: output centres at 0.25, 0.75, 1.25, 1.75 input pixels; input centres at 0.5, 1.5.
        float[] out = Resampler.resize(new float[] {0, 8}, 2, 1, 1, 4, 1);
        assertArrayEquals(new float[] {0, 2, 6, 8}, out, 1e-5f);
    }

    @Test
    void channelsAreResizedIndependently() {
        float[] src = {1, 0, 1, 0, 1, 0, 1, 0}; // 2×2, channels (1, 0)
        assertArrayEquals(new float[] {1, 0, 1, 0, 1, 0}, Resampler.resize(src, 2, 2, 2, 3, 1), 1e-6f);
    }
}
