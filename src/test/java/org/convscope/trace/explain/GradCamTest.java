package org.convscope.trace.explain;

import org.convscope.engine.Activation;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Dense;
import org.convscope.engine.Flatten;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GradCamTest {

    /**
     * x = [[1,0,2],[0,1,0],[3,0,1]], a 2×2 convolution with filter 0 the diagonal and filter 1 the anti-diagonal:
     * A0 = [[2,0],[0,2]], A1 = [[0,3],[4,0]]. Flattened channels-last: [2,0, 0,3, 0,4, 2,0]. Class 0's weights
     * w = [1,−1, 2,0.5, 0,1, 3,0], so ∂z0/∂A0 = [[1,2],[0,3]] (α0 = 6/4 = 1.5) and ∂z0/∂A1 = [[−1,0.5],[1,0]]
     * (α1 = 0.5/4 = 0.125); L = ReLU(1.5·A0 + 0.125·A1) = [[3, 0.375],[0.5, 3]]. Class 1's weights are −1 on
     * A0 and 0 on A1: L = ReLU(−A0) = 0.
     */
    @Test
    void equalsTheHandComputationOnATinyModel() {
        Model model = new Model(Shape.of(3, 3, 1))
                .add(new Conv2D(2, 2, Activation.LINEAR))
                .add(new Flatten())
                .add(new Dense(2, Activation.SOFTMAX))
                .build(1);
        Conv2D conv = (Conv2D) model.layers().get(0);
        System.arraycopy(new float[] {1, 0, 0, 1, 0, 1, 1, 0}, 0, conv.kernel().data, 0, 8); // (2, 2, 1, 2)
        java.util.Arrays.fill(conv.bias().data, 0);
        Dense dense = (Dense) model.layers().get(2);
        float[] w0 = {1, -1, 2, 0.5f, 0, 1, 3, 0}, w1 = {-1, 0, -1, 0, -1, 0, -1, 0};
        for (int i = 0; i < 8; i++) {
            dense.kernel().data[i * 2] = w0[i]; // (8, 2)
            dense.kernel().data[i * 2 + 1] = w1[i];
        }
        Tensor x = new Tensor(new float[] {1, 0, 2, 0, 1, 0, 3, 0, 1}, 1, 3, 3, 1);

        GradCam.Result r = GradCam.of(model, x, 0, 0);
        assertArrayEquals(new float[] {1.5f, 0.125f}, r.weights(), 1e-6f);
        assertArrayEquals(new float[] {3, 0.375f, 0.5f, 3}, r.coarse().values(), 1e-6f);
        // half-pixel bilinear 2×2 → 3×3: corners are the cells, edges the means of two, the centre of all four
        assertArrayEquals(new float[] {3, 1.6875f, 0.375f, 1.75f, 1.71875f, 1.6875f, 0.5f, 1.75f, 3}, r.map().values(), 1e-6f);

        GradCam.Result against = GradCam.of(model, x, 1, 0);
        assertArrayEquals(new float[] {-1, 0}, against.weights(), 1e-6f);
        assertArrayEquals(new float[9], against.map().values(), 0f);
    }

    @Test
    void defaultsToTheLastConvolutionAndRefusesLayersWithoutMaps() {
        Model model = Digits.model();
        assertEquals(List.of(0, 2), GradCam.convLayers(model));
        assertEquals(2, GradCam.defaultLayer(model));
        Tensor seven = Digits.digit(model, 7);
        GradCam.Result r = GradCam.of(model, seven, 7, GradCam.defaultLayer(model));
        assertEquals(11, r.coarse().height());
        assertEquals(28, r.map().width());
        assertThrows(IllegalArgumentException.class, () -> GradCam.of(model, seven, 7, 5));
        Model dense = new Model(Shape.of(4)).add(new Dense(2, Activation.SOFTMAX)).build(1);
        var e = assertThrows(IllegalArgumentException.class, () -> GradCam.defaultLayer(dense));
        assertEquals("Grad-CAM needs a Conv2D layer and model 'sequential' has none", e.getMessage());
    }
}
