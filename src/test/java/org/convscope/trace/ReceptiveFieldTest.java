package org.convscope.trace;

import org.convscope.engine.Presets;
import org.convscope.engine.Rng;
import org.convscope.engine.Sequential;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ReceptiveFieldTest {

    private static Sequential model(String preset) {
        return Presets.create(preset).build(1);
    }

    @Test
    void firstConvUnitSeesItsKernelWindow() {
        assertEquals(new ReceptiveField(5, 7, 3, 3), ReceptiveField.of(model("seed-001"), 0, 5, 7));
    }

    @Test
    void secondConvAfterPoolingSeesEightByEight() {
        // conv 3×3 → 3, pool 2 stride 2 → 3 + 1 = 4, conv 3×3 at stride 2 → 4 + 2·2 = 8
        Sequential m = model("seed-001");
        assertEquals(new ReceptiveField(0, 0, 8, 8), ReceptiveField.of(m, 2, 0, 0));
        assertEquals(new ReceptiveField(20, 18, 8, 8), ReceptiveField.of(m, 2, 10, 9));
    }

    @Test
    void poolingWithSamePaddingWidensByItsWindowAndClipsThePaddedEdge() {
        Sequential m = model("seed-001"); // max_pooling2d_1: 'same' on 11 → 6, the padding row at the end
        assertEquals(new ReceptiveField(8, 4, 10, 10), ReceptiveField.of(m, 3, 2, 1));
        assertEquals(new ReceptiveField(20, 20, 8, 8), ReceptiveField.of(m, 3, 5, 5));
    }

    @Test
    void samePaddingIsClippedAtTheBorder() {
        Sequential m = model("lenet5"); // 5×5 'same': two zero rows/cols on each side
        assertEquals(new ReceptiveField(0, 0, 3, 3), ReceptiveField.of(m, 0, 0, 0));
        assertEquals(new ReceptiveField(25, 25, 3, 3), ReceptiveField.of(m, 0, 27, 27));
        assertEquals(new ReceptiveField(8, 3, 5, 5), ReceptiveField.of(m, 0, 10, 5));
    }

    @Test
    void unitsAfterFlattenSeeTheWholeInput() {
        assertEquals(new ReceptiveField(0, 0, 28, 28), ReceptiveField.of(model("seed-001"), 5, 0, 0));
    }

    @Test
    void pixelsOutsideTheFieldLeaveTheUnitUnchangedAndItsCornersChangeIt() {
        Sequential m = model("lenet5"); // tanh and average pooling: every pixel in the field counts
        int layer = 2, row = 3, col = 6, channel = 4; // conv2d_1: (10, 10, 16)
        ReceptiveField rf = ReceptiveField.of(m, layer, row, col);
        Rng rng = new Rng(3);
        Tensor x = Tensor.zeros(1, 28, 28, 1);
        for (int i = 0; i < x.size(); i++) x.data[i] = rng.uniform(0, 1);
        float base = unit(m, x, layer, row, col, channel);
        Tensor outside = x.copy();
        for (int r = 0; r < 28; r++) for (int c = 0; c < 28; c++) if (!rf.contains(r, c)) outside.data[r * 28 + c] = 1 - outside.data[r * 28 + c];
        assertEquals(base, unit(m, outside, layer, row, col, channel));
        int[][] corners = {{rf.row(), rf.col()}, {rf.row() + rf.rows() - 1, rf.col() + rf.cols() - 1}};
        for (int[] p : corners) {
            Tensor inside = x.copy();
            inside.data[p[0] * 28 + p[1]] += 5;
            assertNotEquals(base, unit(m, inside, layer, row, col, channel), "pixel " + p[0] + "," + p[1]);
        }
    }

    private static float unit(Sequential m, Tensor x, int layer, int row, int col, int channel) {
        Tensor y = m.forwardAll(x).get(layer);
        return y.data[(row * y.dim(2) + col) * y.dim(3) + channel];
    }
}
