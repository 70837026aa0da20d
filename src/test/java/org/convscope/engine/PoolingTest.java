package org.convscope.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class PoolingTest {

    /** One 2-D plane as a (1, H, W, 1) tensor. */
    private static Tensor plane(float[][] rows) {
        int h = rows.length, w = rows[0].length;
        float[] data = new float[h * w];
        for (int r = 0; r < h; r++) System.arraycopy(rows[r], 0, data, r * w, w);
        return new Tensor(data, 1, h, w, 1);
    }

    private static Tensor forward(Pooling2D pool, Tensor x) {
        pool.build(x.exampleShape(), new Rng(0));
        return pool.forward(x, false);
    }

    // Geometry cases: pool, stride, padding, input height and width, channels.
    @ParameterizedTest(name = "max pool {0} stride {1} {2} on {3}×{4}×{5}")
    @CsvSource({
            "2, 2, valid, 6, 6, 3",  // windows tiling the input: every cell written once
            "2, 2, valid, 7, 6, 2",  // side by side, but the last row is in no window
            "3, 2, valid, 7, 7, 2",  // overlapping windows: a cell can win twice
            "2, 3, valid, 7, 8, 2",  // gaps between windows
            "2, 2, same, 5, 5, 2",   // one padded row/column at the bottom/right
            "3, 2, same, 6, 7, 2",
            "3, 1, same, 5, 4, 1",   // padding on both sides
            "3, 3, same, 7, 8, 18",  // tiling with a padded top row; more channels than a vector holds
            "2, 2, same, 5, 5, 17",
    })
    void maxPoolBackwardMatchesNumericalGradient(int pool, int stride, String padding, int h, int w, int c) {
        MaxPooling2D layer = new MaxPooling2D(pool, pool, stride, stride, Padding.fromKeras(padding));
        layer.build(Shape.of(h, w, c), new Rng(0));
        GradientCheck.checkLayer(layer, GradientCheck.distinct(5, 2, h, w, c), true, 9);
    }

    @ParameterizedTest(name = "average pool {0} stride {1} {2} on {3}×{4}×{5}")
    @CsvSource({
            "2, 2, valid, 6, 6, 3",
            "3, 2, valid, 7, 7, 2",
            "2, 3, valid, 7, 8, 2",
            "2, 2, same, 5, 5, 2",
            "3, 2, same, 6, 7, 2",
            "3, 1, same, 5, 4, 1",
    })
    void averagePoolBackwardMatchesNumericalGradient(int pool, int stride, String padding, int h, int w, int c) {
        AveragePooling2D layer = new AveragePooling2D(pool, pool, stride, stride, Padding.fromKeras(padding));
        layer.build(Shape.of(h, w, c), new Rng(0));
        GradientCheck.checkLayer(layer, GradientCheck.gaussian(5, 2, h, w, c), true, 9);
    }

    @Test
    void maxPoolTakesTheLargestOfEachWindow() {
        Tensor x = plane(new float[][] {
                {1, 3, 2, 0},
                {4, 2, 1, 5},
                {0, 1, 9, 8},
                {2, 6, 7, 3}});
        Tensor y = forward(new MaxPooling2D(2, Padding.VALID), x);
        assertArrayEquals(new int[] {1, 2, 2, 1}, y.shape());
        assertArrayEquals(new float[] {4, 5, 6, 9}, y.data);
    }

    @Test
    void averagePoolTakesTheMeanOfEachWindow() {
        Tensor x = plane(new float[][] {
                {1, 3, 2, 0},
                {4, 2, 1, 5},
                {0, 1, 9, 8},
                {2, 6, 7, 3}});
        Tensor y = forward(new AveragePooling2D(2, Padding.VALID), x);
        assertArrayEquals(new float[] {10 / 4f, 8 / 4f, 9 / 4f, 27 / 4f}, y.data);
    }

    @Test
    void maxPoolSamePaddingIgnoresPaddedCells() {
        // 3×3, pool 2 stride 2, same: out 2×2, one padded row and column at the bottom/right.
        // All values are negative, so a padded zero would win if padding took part.
        Tensor x = plane(new float[][] {
                {-1, -2, -3},
                {-4, -5, -6},
                {-7, -8, -9}});
        Tensor y = forward(new MaxPooling2D(2, Padding.SAME), x);
        assertArrayEquals(new int[] {1, 2, 2, 1}, y.shape());
        assertArrayEquals(new float[] {-1, -3, -7, -9}, y.data);
    }

    @Test
    void averagePoolSamePaddingDividesByRealCells() {
        Tensor x = plane(new float[][] {
                {1, 2, 3},
                {4, 5, 6},
                {7, 8, 9}});
        Tensor y = forward(new AveragePooling2D(2, Padding.SAME), x);
        // windows: {1,2,4,5}, {3,6}, {7,8}, {9}
        assertArrayEquals(new float[] {12 / 4f, 9 / 2f, 15 / 2f, 9}, y.data);
    }

    @Test
    void averagePoolSamePaddingOnBothSidesDividesByRealCells() {
        Tensor x = plane(new float[][] {
                {1, 2, 3},
                {4, 5, 6},
                {7, 8, 9}});
        // pool 3 stride 1 same: one padded cell on every side; the corner window holds 4 real cells.
        Tensor y = forward(new AveragePooling2D(3, 3, 1, 1, Padding.SAME), x);
        assertArrayEquals(new float[] {
                12 / 4f, 21 / 6f, 16 / 4f,
                27 / 6f, 45 / 9f, 33 / 6f,
                24 / 4f, 39 / 6f, 28 / 4f}, y.data, 1e-6f);
    }

    @Test
    void maxPoolRoutesGradientToTheWinnerOnly() {
        Tensor x = plane(new float[][] {
                {1, 3},
                {4, 2}});
        MaxPooling2D pool = new MaxPooling2D(2, Padding.VALID);
        forward(pool, x);
        Tensor dx = pool.backward(new Tensor(new float[] {7}, 1, 1, 1, 1));
        assertArrayEquals(new float[] {0, 0, 7, 0}, dx.data);
    }

    @Test
    void poolingWorksPerChannel() {
        // (1, 2, 2, 2): channel 0 holds 1..4, channel 1 holds 40..10.
        Tensor x = new Tensor(new float[] {1, 40, 2, 30, 3, 20, 4, 10}, 1, 2, 2, 2);
        assertArrayEquals(new float[] {4, 40}, forward(new MaxPooling2D(2, Padding.VALID), x).data);
        assertArrayEquals(new float[] {2.5f, 25}, forward(new AveragePooling2D(2, Padding.VALID), x).data);
    }
}
