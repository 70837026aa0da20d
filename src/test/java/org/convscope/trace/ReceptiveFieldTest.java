package org.convscope.trace;

import org.convscope.engine.Activation;
import org.convscope.engine.AveragePooling2D;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Flatten;
import org.convscope.engine.Dense;
import org.convscope.engine.Layer;
import org.convscope.engine.Padding;
import org.convscope.engine.Param;
import org.convscope.engine.Presets;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReceptiveFieldTest {

    @Test
    void seedModelSecondConvSeesAnEightByEightPatch() {
        Model model = Presets.create("seed-001").build(1);
        // conv 3×3 → pool 2 → conv 3×3: 3 rows of the pool output, 6 of the first conv, 8 pixels.
        assertEquals(new ReceptiveField(0, 0, 7, 7, 8, 8), ReceptiveField.of(model, 2, 0, 0));
        assertEquals(new ReceptiveField(2, 4, 9, 11, 8, 8), ReceptiveField.of(model, 2, 1, 2));
        assertEquals(new ReceptiveField(0, 0, 2, 2, 3, 3), ReceptiveField.of(model, 0, 0, 0));
    }

    @Test
    void unitsAfterFlattenSeeTheWholeImage() {
        Model model = Presets.create("seed-001").build(1);
        assertEquals(new ReceptiveField(0, 0, 27, 27, 28, 28), ReceptiveField.of(model, 5, 0, 0));
    }

    /**
     * With linear layers, average pooling and positive weights, a unit's gradient with respect to the
     * input is positive exactly on the pixels it sees: the receptive field, clipped to the image.
     */
    @Test
    void fieldIsWhereTheUnitsInputGradientIsNonZero() {
        Model model = new Model(Shape.of(13, 11, 1))
                .add(new Conv2D(2, 3, 3, 2, 2, Padding.SAME, 1, 1, Activation.LINEAR, true))
                .add(new AveragePooling2D(2, 2, 1, 1, Padding.SAME))
                .add(new Conv2D(2, 2, 2, 1, 1, Padding.VALID, 2, 2, Activation.LINEAR, true))
                .add(new Flatten())
                .add(new Dense(3, Activation.LINEAR))
                .build(3);
        for (Param p : model.params()) java.util.Arrays.fill(p.value.data, 1f);
        int layer = 2;
        Shape out = model.layers().get(layer).outputShape();
        for (int row = 0; row < out.dim(0); row++) {
            for (int col = 0; col < out.dim(1); col++) {
                ReceptiveField rf = ReceptiveField.of(model, layer, row, col);
                Tensor grad = inputGradient(model, layer, row, col);
                for (int r = 0; r < 13; r++) {
                    for (int q = 0; q < 11; q++) {
                        assertEquals(rf.contains(r, q), grad.get(0, r, q, 0) != 0, "unit (" + row + ", " + col + ") pixel (" + r + ", " + q + ")");
                    }
                }
            }
        }
    }

    /** d unit / d input, by a backward pass of a one-hot gradient from layer {@code layer} down. */
    private static Tensor inputGradient(Model model, int layer, int row, int col) {
        List<Layer> layers = model.layers();
        Tensor x = Tensor.zeros(1, 13, 11, 1);
        java.util.Arrays.fill(x.data, 0.5f);
        for (int l = 0; l <= layer; l++) x = layers.get(l).forward(x, false);
        Tensor g = Tensor.zeros(x.shape());
        g.set(0, row, col, 0, 1f);
        for (int l = layer; l >= 0; l--) g = layers.get(l).backward(g);
        return g;
    }
}
